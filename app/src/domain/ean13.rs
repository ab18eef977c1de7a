//! EAN-13 barcodes: the 95 modules (bars and spaces) of a GTIN-13, drawn as SVG by the product
//! page and the stamp sheet. The first digit is not drawn; it chooses the parity pattern of the
//! left half (GS1 General Specifications, 5.2.2).
const L: [&str; 10] = [
    "0001101", "0011001", "0010011", "0111101", "0100011", "0110001", "0101111", "0111011",
    "0110111", "0001011",
];
/// Left-half parity per first digit: `L` (odd) or `G` (even).
const PARITY: [&str; 10] = [
    "LLLLLL", "LLGLGG", "LLGGLG", "LLGGGL", "LGLLGG", "LGGLLG", "LGGGLL", "LGLGLG", "LGLGGL",
    "LGGLGL",
];

/// The modules of a valid GTIN-13 (`true` = bar), guards included; `None` for anything else.
pub fn modules(gtin13: &str) -> Option<Vec<bool>> {
    let digits: Vec<usize> = gtin13
        .bytes()
        .map(|b| b.is_ascii_digit().then(|| usize::from(b - b'0')))
        .collect::<Option<_>>()?;
    if digits.len() != 13 || crate::domain::gtin::parse(gtin13).is_err() {
        return None;
    }
    let mut bits = String::from("101");
    for (i, d) in digits[1..7].iter().enumerate() {
        let l = L[*d];
        bits.push_str(&if PARITY[digits[0]].as_bytes()[i] == b'L' {
            l.to_owned()
        } else {
            // G is R reversed; R is L inverted.
            l.chars()
                .rev()
                .map(|c| if c == '0' { '1' } else { '0' })
                .collect()
        });
    }
    bits.push_str("01010");
    for d in &digits[7..] {
        bits.extend(L[*d].chars().map(|c| if c == '0' { '1' } else { '0' }));
    }
    bits.push_str("101");
    Some(bits.chars().map(|c| c == '1').collect())
}

/// The barcode as an SVG document: bars of one unit per module, the digits beneath.
pub fn svg(gtin13: &str) -> Option<String> {
    let modules = modules(gtin13)?;
    let quiet = 11;
    let width = modules.len() + 2 * quiet;
    let mut bars = String::new();
    for (x, _) in modules.iter().enumerate().filter(|(_, bar)| **bar) {
        bars.push_str(&format!("M{} 0h1v60h-1z", x + quiet));
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} 72\" role=\"img\" \
         aria-label=\"EAN-13 {gtin13}\"><rect width=\"{width}\" height=\"72\" fill=\"#fff\"/>\
         <path d=\"{bars}\" fill=\"#000\"/><text x=\"{}\" y=\"70\" font-family=\"monospace\" \
         font-size=\"10\" text-anchor=\"middle\">{gtin13}</text></svg>",
        width / 2
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_known_barcode_has_its_guards_and_95_modules() {
        // 4006381333931: a widely published EAN-13 example.
        let m = modules("4006381333931").unwrap();
        assert_eq!(m.len(), 95);
        let bits: String = m.iter().map(|b| if *b { '1' } else { '0' }).collect();
        assert!(bits.starts_with("101"));
        assert_eq!(&bits[45..50], "01010");
        assert!(bits.ends_with("101"));
        // First left digit 0 with parity L (first digit 4: LGLLGG): 0001101.
        assert_eq!(&bits[3..10], "0001101");
        assert_eq!(
            modules("4006381333932"),
            None,
            "a wrong check digit draws nothing"
        );
        assert!(
            svg("8934588012228")
                .unwrap()
                .contains("EAN-13 8934588012228")
        );
    }
}
