//! The client's file names. `bench/precompress.mjs` gives the wasm, JS and CSS of a build
//! copies named by their content (`ocop.<hash>.js` …) and lists the hashes in `hash.txt` beside
//! the `pkg` folder; when that file is there the server links those names — the browser may
//! keep them for a year, and a new build is fetched at once because its names differ. Without
//! it (a build that did not run the script) the plain names are linked and revalidated.
use std::path::Path;
use std::sync::OnceLock;

use leptos::config::LeptosOptions;

/// The stylesheet's address, once the server has looked for `hash.txt`.
static STYLESHEET: OnceLock<String> = OnceLock::new();

/// The hashes of one build: (js, wasm, css).
#[derive(Debug, PartialEq, Eq)]
pub struct Hashes {
    pub js: String,
    pub wasm: String,
    pub css: String,
}

/// Reads `hash.txt` ("js: …", "wasm: …", "css: …"); `None` unless all three are there and
/// each is a plain file-name part.
pub fn read_hashes(path: &Path) -> Option<Hashes> {
    let text = std::fs::read_to_string(path).ok()?;
    let find = |kind: &str| {
        text.lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(k, _)| k.trim() == kind)
            .map(|(_, hash)| hash.trim().to_owned())
            .filter(|h| is_hash(h))
    };
    Some(Hashes {
        js: find("js")?,
        wasm: find("wasm")?,
        css: find("css")?,
    })
}

fn is_hash(part: &str) -> bool {
    part.len() == 16
        && part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Whether a client file's name carries its content's hash (`ocop.<16 characters>.js`), so it
/// never changes and may be cached for good.
pub fn is_content_hashed(file_name: &str) -> bool {
    let mut parts = file_name.split('.');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(_), Some(hash), Some("js" | "wasm" | "css"), None) if is_hash(hash)
    )
}

/// Links the hashed names when the build has them: Leptos' hydration scripts read the hash
/// file named in the options (an absolute path is used as it is), the stylesheet link below.
pub fn use_hashed_names(options: &mut LeptosOptions) {
    let file = Path::new(options.site_root.as_ref()).join("hash.txt");
    let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    // Leptos reads the hash file relative to the server binary's folder unless the path is
    // absolute, and the site root is often given relative to the working directory.
    // A server built without cargo-leptos has no output name, and no client to link.
    let named = !options.output_name.is_empty();
    let hashed = read_hashes(&file)
        .zip(std::fs::canonicalize(&file).ok())
        .filter(|_| named);
    let href = match hashed {
        Some((hashes, absolute)) => {
            options.hash_files = true;
            options.hash_file = absolute.to_string_lossy().as_ref().into();
            format!("{pkg}.{}.css", hashes.css)
        }
        None => {
            options.hash_files = false;
            format!("{pkg}.css")
        }
    };
    let _ = STYLESHEET.set(href);
}

/// The stylesheet's address for every page, hydrated or light.
pub fn stylesheet_href() -> &'static str {
    STYLESHEET.get().map_or("/pkg/ocop.css", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_read_only_when_whole_and_plain() {
        let dir = std::env::temp_dir().join(format!("ocop-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("hash.txt");
        std::fs::write(
            &file,
            "js: AAAAAAAAAAAAAAAA\nwasm: BBBBBBBBBBBBBBBB\ncss: C-C_CCCCCCCCCCCC\n",
        )
        .unwrap();
        assert_eq!(
            read_hashes(&file),
            Some(Hashes {
                js: "AAAAAAAAAAAAAAAA".into(),
                wasm: "BBBBBBBBBBBBBBBB".into(),
                css: "C-C_CCCCCCCCCCCC".into(),
            })
        );
        std::fs::write(
            &file,
            "js: AAAAAAAAAAAAAAAA\nwasm: ../../etc/passwd\ncss: x\n",
        )
        .unwrap();
        assert_eq!(read_hashes(&file), None);
        assert_eq!(read_hashes(&dir.join("none.txt")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_hashed_client_files_count_as_hashed() {
        assert!(is_content_hashed("ocop.AbCdEfGh12345678.wasm"));
        assert!(is_content_hashed("ocop.AbCdEf-h1234_678.css"));
        assert!(!is_content_hashed("ocop.css"));
        assert!(!is_content_hashed("ocop_bg.wasm"));
        assert!(!is_content_hashed("ocop.AbCdEfGh12345678.wasm.br"));
        assert!(!is_content_hashed("ocop.short.js"));
    }
}
