//! Text written into a `<textarea>` of a server-rendered page.
//!
//! The framework (tachys 0.2, the renderer under Leptos 0.8) writes a textarea's children into
//! the page without escaping them, as it does for `<script>` and `<style>`: a saved description
//! `</textarea><script>…` would close the element and run as a script in the page. So every
//! textarea's text goes through `textarea_text`, which escapes it on the server; in the browser
//! the text becomes a DOM text node (never parsed as HTML), so it is left as it is there.

/// `s` with `&`, `<`, `>` and `"` written as entities (for HTML text and quoted attributes).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// The child text of a `<textarea>` showing `value` (escaped when rendered on the server).
pub fn textarea_text(value: &str) -> String {
    if cfg!(feature = "ssr") {
        escape_html(value)
    } else {
        value.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_written_as_text() {
        assert_eq!(
            escape_html("</textarea><script>alert(\"x&y\")</script>"),
            "&lt;/textarea&gt;&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;"
        );
        assert_eq!(escape_html("Miến dong Bình Liêu"), "Miến dong Bình Liêu");
    }
}
