//! Query strings of this site's own addresses.

/// `search` (a query, with or without its `?`) with `key` set to `value` in place of any
/// earlier value, at the end; an empty `value` leaves the key out.
pub fn with_param(search: &str, key: &str, value: &str) -> String {
    let earlier = format!("{key}=");
    let mut pairs: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with(&earlier))
        .collect();
    let pair = format!("{key}={value}");
    if !value.is_empty() {
        pairs.push(&pair);
    }
    pairs.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parameter_is_set_once_at_the_end_or_left_out() {
        assert_eq!(with_param("", "done", "form"), "done=form");
        assert_eq!(with_param("?tab=2", "done", "form"), "tab=2&done=form");
        assert_eq!(
            with_param("?done=upload&tab=2", "done", "comment"),
            "tab=2&done=comment"
        );
        assert_eq!(with_param("?done=upload", "done", ""), "");
        assert_eq!(
            with_param("stars=4&lang=en", "lang", "vi"),
            "stars=4&lang=vi"
        );
        // Another key that starts alike is another key.
        assert_eq!(with_param("donee=1", "done", "x"), "donee=1&done=x");
    }
}
