//! The client's file names. `bench/precompress.mjs` gives the wasm, JS and CSS of a build
//! copies named by their content (`ocop.<hash>.js` …) and lists the hashes in `hash.txt` beside
//! the `pkg` folder; when that file is there the server links those names — the browser may
//! keep them for a year, and a new build is fetched at once because its names differ. Without
//! it (a build that did not run the script) the plain names are linked and revalidated.
//!
//! There are two clients (Cargo.toml): the whole one in `pkg`, and the light one, which light
//! pages load, in `pkg/light` with its hashes in `hash-light.txt` (JS and wasm, no CSS).
use std::path::Path;
use std::sync::OnceLock;

use leptos::config::LeptosOptions;

/// The stylesheet's address, once the server has looked for `hash.txt`.
static STYLESHEET: OnceLock<String> = OnceLock::new();
/// The options that name the light client, set at start-up beside the stylesheet.
static LIGHT_CLIENT: OnceLock<LeptosOptions> = OnceLock::new();

/// The light client's folder under the site root (Cargo.toml, project "light").
pub const LIGHT_PKG_DIR: &str = "pkg/light";

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
    Some(Hashes {
        js: find_hash(&text, "js")?,
        wasm: find_hash(&text, "wasm")?,
        css: find_hash(&text, "css")?,
    })
}

/// Whether a light client's hash file names both its JS and its wasm.
fn light_hashes_complete(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .is_ok_and(|text| find_hash(&text, "js").is_some() && find_hash(&text, "wasm").is_some())
}

fn find_hash(text: &str, kind: &str) -> Option<String> {
    text.lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(k, _)| k.trim() == kind)
        .map(|(_, hash)| hash.trim().to_owned())
        .filter(|h| is_hash(h))
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
/// The light client's options are worked out here too (`light_client`).
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
    let _ = LIGHT_CLIENT.set(light_options(options));
}

/// The options of `whole` turned to name the light client: its folder, and its hash file when
/// that lists both files.
pub fn light_options(whole: &LeptosOptions) -> LeptosOptions {
    let mut light = whole.clone();
    light.site_pkg_dir = LIGHT_PKG_DIR.into();
    let file = Path::new(whole.site_root.as_ref()).join("hash-light.txt");
    match std::fs::canonicalize(&file)
        .ok()
        .filter(|absolute| light_hashes_complete(absolute))
    {
        Some(absolute) if !whole.output_name.is_empty() => {
            light.hash_files = true;
            light.hash_file = absolute.to_string_lossy().as_ref().into();
        }
        _ => light.hash_files = false,
    }
    light
}

/// The options that name the light client: those set at start-up, else worked out from
/// `whole` (a server started without `use_hashed_names`, as in tests).
pub fn light_client(whole: &LeptosOptions) -> LeptosOptions {
    LIGHT_CLIENT
        .get()
        .cloned()
        .unwrap_or_else(|| light_options(whole))
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
    fn the_light_client_is_linked_by_its_own_hashes_only_when_complete() {
        let dir = std::env::temp_dir().join(format!("ocop-light-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let whole = LeptosOptions::builder()
            .output_name("ocop")
            .site_root(dir.to_string_lossy().to_string())
            .build();
        let light = light_options(&whole);
        assert_eq!(light.site_pkg_dir.as_ref(), LIGHT_PKG_DIR);
        assert!(!light.hash_files, "no hash file: the plain names");
        std::fs::write(dir.join("hash-light.txt"), "js: AAAAAAAAAAAAAAAA\n").unwrap();
        assert!(
            !light_options(&whole).hash_files,
            "no wasm hash: the plain names"
        );
        std::fs::write(
            dir.join("hash-light.txt"),
            "js: AAAAAAAAAAAAAAAA\nwasm: BBBBBBBBBBBBBBBB\n",
        )
        .unwrap();
        let light = light_options(&whole);
        assert!(light.hash_files);
        assert!(light.hash_file.ends_with("hash-light.txt"));
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
