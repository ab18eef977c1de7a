//! The required-document checklist of a dossier (master data per product group) and how
//! complete a dossier is against it.
use serde::{Deserialize, Serialize};

/// Whether a checklist item applies to a product of `group_code` ("I.1.a"): `groups` lists the
/// top-level groups it is for, separated by spaces ("I II III"); empty means every group.
/// Product samples, for instance, are not asked of tourism services (group VI).
pub fn applies_to(groups: &str, group_code: &str) -> bool {
    let top = group_code.split('.').next().unwrap_or_default();
    groups.trim().is_empty() || groups.split_whitespace().any(|g| g == top)
}

/// How far a dossier is: every mandatory item needs at least one document.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Completeness {
    pub mandatory_total: usize,
    pub mandatory_present: usize,
    pub supporting_total: usize,
    pub supporting_present: usize,
    /// Codes of the mandatory items still without a document, in checklist order.
    pub missing: Vec<String>,
}

impl Completeness {
    pub fn is_complete(&self) -> bool {
        self.missing.is_empty()
    }

    /// 0–100, over the mandatory items (what decides whether it may be submitted).
    pub fn percent(&self) -> u8 {
        if self.mandatory_total == 0 {
            return 100;
        }
        u8::try_from(self.mandatory_present * 100 / self.mandatory_total).unwrap_or(100)
    }
}

/// Completeness of a dossier whose checklist is `items` (code, mandatory) and whose documents
/// are filed under `present` item codes (repeats allowed).
pub fn completeness<'a>(
    items: impl IntoIterator<Item = (&'a str, bool)>,
    present: &[&str],
) -> Completeness {
    let mut out = Completeness::default();
    for (code, mandatory) in items {
        let has = present.contains(&code);
        if mandatory {
            out.mandatory_total += 1;
            if has {
                out.mandatory_present += 1;
            } else {
                out.missing.push(code.to_owned());
            }
        } else {
            out.supporting_total += 1;
            out.supporting_present += usize::from(has);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn items_apply_by_top_level_group() {
        assert!(applies_to("", "VI.1"));
        assert!(applies_to("I II III IV V", "I.1.a"));
        assert!(!applies_to("I II III IV V", "VI.2"));
        assert!(!applies_to("II", "I.2"), "I.2 is group I, not II");
    }

    #[test]
    fn a_dossier_is_complete_when_every_mandatory_item_has_a_document() {
        let items = [("form", true), ("plan", true), ("story", false)];
        let c = completeness(items, &["form", "story", "story"]);
        assert_eq!(c.missing, vec!["plan".to_owned()]);
        assert_eq!((c.mandatory_present, c.supporting_present), (1, 1));
        assert_eq!(c.percent(), 50);
        assert!(!c.is_complete());
        assert!(completeness(items, &["form", "plan"]).is_complete());
    }

    proptest! {
        #[test]
        fn counts_add_up(flags in proptest::collection::vec((any::<bool>(), any::<bool>()), 0..20)) {
            let codes: Vec<String> = (0..flags.len()).map(|i| format!("c{i}")).collect();
            let items = codes.iter().zip(&flags).map(|(c, (m, _))| (c.as_str(), *m));
            let present: Vec<&str> = codes
                .iter()
                .zip(&flags)
                .filter(|(_, (_, has))| *has)
                .map(|(c, _)| c.as_str())
                .collect();
            let c = completeness(items, &present);
            prop_assert_eq!(c.mandatory_total + c.supporting_total, flags.len());
            prop_assert_eq!(c.mandatory_present + c.missing.len(), c.mandatory_total);
            prop_assert!(c.percent() <= 100);
            prop_assert_eq!(c.is_complete(), c.percent() == 100);
        }
    }
}
