//! Trade promotion: the events with the form to record one (`list`), and one event with its
//! participants, applying, inviting, answering and recording results (`detail`). Pages of the
//! whole client (desk work for officials; producers open them from their area).
pub mod detail;
pub mod list;

/// "12.500.000 đ".
pub(crate) fn vnd(amount: i64) -> String {
    let digits = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    format!("{}{out} đ", if amount < 0 { "−" } else { "" })
}

#[cfg(test)]
mod tests {
    #[test]
    fn amounts_read_as_vietnamese_write_them() {
        assert_eq!(super::vnd(12_500_000), "12.500.000 đ");
        assert_eq!(super::vnd(0), "0 đ");
        assert_eq!(super::vnd(999), "999 đ");
    }
}
