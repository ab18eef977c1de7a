//! Horizontal bar charts as geometry: where each bar and label goes. The page draws it as SVG
//! (`components::chart`), the PDF report with krilla — the same layout either way.
use serde::{Deserialize, Serialize};

/// One bar's data: what it counts, its label, its value, and where clicking it leads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartItem {
    pub key: String,
    /// In Vietnamese (or a name that is the same in both languages).
    pub label: String,
    /// In English, when it differs; empty: `label` serves both languages.
    #[serde(default)]
    pub label_en: String,
    pub value: i64,
    pub href: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlacedBar {
    pub item: ChartItem,
    /// Top of the row.
    pub y: f32,
    /// The bar's length (0 for a zero value).
    pub length: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub width: f32,
    pub height: f32,
    /// Labels take the left part; bars start here.
    pub bar_x: f32,
    pub row_height: f32,
    pub bar_height: f32,
    pub bars: Vec<PlacedBar>,
}

/// Room for the value written after the longest bar.
const VALUE_ROOM: f32 = 44.0;

/// Lays out `items` in rows of `row_height` across `width`, the labels in the left
/// `label_share` of it; bar lengths are proportional to the values (the largest fills the
/// room left), negative values count as zero.
pub fn bar_chart(items: Vec<ChartItem>, width: f32, row_height: f32, label_share: f32) -> BarChart {
    let bar_x = (width * label_share.clamp(0.0, 0.9)).round();
    let room = (width - bar_x - VALUE_ROOM).max(0.0);
    let max = items.iter().map(|i| i.value.max(0)).max().unwrap_or(0);
    let bars: Vec<PlacedBar> = items
        .into_iter()
        .enumerate()
        .map(|(n, item)| {
            let length = if max == 0 {
                0.0
            } else {
                (room * item.value.max(0) as f32 / max as f32).round()
            };
            PlacedBar {
                y: n as f32 * row_height,
                length,
                item,
            }
        })
        .collect();
    BarChart {
        width,
        height: bars.len() as f32 * row_height,
        bar_x,
        row_height,
        bar_height: (row_height * 0.7).round(),
        bars,
    }
}

/// Most first; equal values by label as a Vietnamese reader looks them up (diacritics and case
/// folded: "Đồng Đăng" among the d's, not after "Yên Bình" as its code points would put it).
pub fn largest_first(items: &mut [ChartItem]) {
    items.sort_by_cached_key(|item| {
        (
            std::cmp::Reverse(item.value),
            crate::domain::text::fold(&item.label),
            item.label.clone(),
        )
    });
}

/// `label` in at most `max` characters: cut ones end in "…".
pub fn short_label(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let mut cut: String = label.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cut_label_says_it_is_cut() {
        assert_eq!(short_label("II Đồ uống", 24), "II Đồ uống");
        let cut = short_label("III Dược liệu và sản phẩm từ dược liệu", 24);
        assert_eq!(cut.chars().count(), 24);
        assert!(cut.ends_with('…'), "{cut}");
        assert_eq!(short_label("abc", 0), "…");
    }

    use super::*;
    use proptest::prelude::*;

    fn item(value: i64) -> ChartItem {
        ChartItem {
            key: value.to_string(),
            label: format!("v{value}"),
            value,
            ..Default::default()
        }
    }

    #[test]
    fn largest_fills_the_room_and_rows_stack() {
        let chart = bar_chart(vec![item(10), item(5), item(0)], 400.0, 20.0, 0.4);
        assert_eq!(chart.bar_x, 160.0);
        assert_eq!(chart.bars[0].length, 400.0 - 160.0 - VALUE_ROOM);
        assert_eq!(
            chart.bars[1].length,
            ((400.0 - 160.0 - VALUE_ROOM) / 2.0_f32).round()
        );
        assert_eq!(chart.bars[2].length, 0.0);
        assert_eq!(chart.bars[2].y, 40.0);
        assert_eq!(chart.height, 60.0);
    }

    #[test]
    fn equal_values_go_by_their_folded_label() {
        let named = |label: &str, value: i64| ChartItem {
            key: label.to_owned(),
            label: label.to_owned(),
            value,
            ..Default::default()
        };
        let mut items = vec![
            named("Yên Bình", 3),
            named("Đồng Đăng", 3),
            named("Ấm Hạ", 3),
            named("Chi Lăng", 9),
            named("Bắc Sơn", 3),
        ];
        largest_first(&mut items);
        let labels: Vec<&str> = items.iter().map(|i| i.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Chi Lăng", "Ấm Hạ", "Bắc Sơn", "Đồng Đăng", "Yên Bình"]
        );
    }

    #[test]
    fn empty_and_all_zero_charts_have_no_bars_drawn() {
        assert!(bar_chart(Vec::new(), 300.0, 20.0, 0.3).bars.is_empty());
        let zeros = bar_chart(vec![item(0), item(-3)], 300.0, 20.0, 0.3);
        assert!(zeros.bars.iter().all(|b| b.length == 0.0));
    }

    proptest! {
        #[test]
        fn largest_first_orders_by_value_then_folded_label(values in proptest::collection::vec(0i64..5, 0..30)) {
            let mut items: Vec<ChartItem> = values.iter().enumerate().map(|(i, v)| ChartItem {
                key: i.to_string(),
                label: format!("{}{i}", if i % 2 == 0 { "Đ" } else { "e" }),
                value: *v,
                ..Default::default()
            }).collect();
            largest_first(&mut items);
            for pair in items.windows(2) {
                prop_assert!(pair[0].value >= pair[1].value);
                if pair[0].value == pair[1].value {
                    prop_assert!(crate::domain::text::fold(&pair[0].label) <= crate::domain::text::fold(&pair[1].label));
                }
            }
        }

        #[test]
        fn bars_stay_inside_and_keep_their_order(values in proptest::collection::vec(-5i64..10_000, 0..40)) {
            let chart = bar_chart(values.iter().map(|v| item(*v)).collect(), 500.0, 18.0, 0.35);
            for bar in &chart.bars {
                prop_assert!(bar.length >= 0.0);
                prop_assert!(chart.bar_x + bar.length + VALUE_ROOM <= chart.width + 0.5);
            }
            for pair in chart.bars.windows(2) {
                if pair[0].item.value >= pair[1].item.value {
                    prop_assert!(pair[0].length >= pair[1].length);
                }
            }
        }
    }
}
