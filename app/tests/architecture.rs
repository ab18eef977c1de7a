//! The house rules of the code, checked on the source itself so that a change that breaks one
//! fails `make test`: capability folders in `services/` never import each other in a circle,
//! services reach no page or component, renderers no table, and no file or function grows past
//! what a reader takes in at once (600 lines a file, 150 a function, outside tests).
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 150;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The capability a file of `services/` belongs to: its folder, or its own name.
fn capability(services: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(services).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_owned()
}

/// The capabilities `text` names as `crate::services::<name>`.
fn services_named(text: &str) -> BTreeSet<String> {
    text.match_indices("crate::services::")
        .filter_map(|(at, needle)| {
            let rest = &text[at + needle.len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

#[test]
fn capability_folders_never_import_each_other_in_a_circle() {
    let services = root().join("app/src/services");
    let known: BTreeSet<String> = sources(&services)
        .iter()
        .map(|f| capability(&services, f))
        .collect();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in sources(&services) {
        let from = capability(&services, &file);
        let text = fs::read_to_string(&file).unwrap();
        for to in services_named(&text) {
            if to != from && known.contains(&to) {
                edges.entry(from.clone()).or_default().insert(to);
            }
        }
    }
    // Depth-first search for a path that comes back to where it started.
    fn reaches(
        edges: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        target: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        edges.get(from).into_iter().flatten().any(|next| {
            next == target || (seen.insert(next.clone()) && reaches(edges, next, target, seen))
        })
    }
    for capability in edges.keys() {
        assert!(
            !reaches(&edges, capability, capability, &mut BTreeSet::new()),
            "services/{capability} imports itself through its neighbours: {edges:?}"
        );
    }
    assert!(
        edges.len() >= 8,
        "the graph was read: {} capabilities",
        edges.len()
    );
}

#[test]
fn services_reach_no_page_and_renderers_no_table() {
    let src = root().join("app/src");
    for file in sources(&src.join("services")) {
        let text = fs::read_to_string(&file).unwrap();
        for layer in ["crate::components", "crate::routes", "crate::functions"] {
            assert!(!text.contains(layer), "{} uses {layer}", file.display());
        }
    }
    for file in sources(&src.join("documents")) {
        let text = fs::read_to_string(&file).unwrap();
        for layer in ["crate::entities", "crate::services", "sea_orm"] {
            assert!(!text.contains(layer), "{} uses {layer}", file.display());
        }
        // The minutes wrap the page's own component, so archive and page never differ.
        if !file.ends_with("minutes.rs") {
            assert!(!text.contains("crate::components"), "{}", file.display());
        }
    }
}

/// Files compiled only for tests (`#[cfg(test)] mod x;` in the server's `main.rs`).
fn test_only_files() -> BTreeSet<PathBuf> {
    let main = root().join("server/src/main.rs");
    let text = fs::read_to_string(&main).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].trim() == "#[cfg(test)]")
        .filter_map(|w| w[1].trim().strip_prefix("mod ")?.strip_suffix(';'))
        .map(|name| root().join(format!("server/src/{name}.rs")))
        .collect()
}

/// (first line, length) of every function outside `#[cfg(test)]` items, in rustfmt's layout:
/// a body closes with `}` at the indentation its `fn` opened at.
fn long_functions(text: &str) -> Vec<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let closes = |from: usize, at: usize| {
        (from..lines.len())
            .find(|&k| indent(lines[k]) == at && lines[k].trim_start().starts_with('}'))
            .unwrap_or(lines.len() - 1)
    };
    let opens = |from: usize| (from..lines.len()).find(|&k| lines[k].trim_end().ends_with('{'));
    let mut long = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_start();
        if line.starts_with("#[cfg(test)]") {
            i = opens(i).map_or(lines.len(), |k| closes(k + 1, indent(lines[i])) + 1);
            continue;
        }
        let signature = line
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ")
            .trim_start_matches("async ")
            .trim_start_matches("const ");
        if signature.starts_with("fn ")
            && let Some(body) = opens(i)
            && !lines[i..body].iter().any(|l| l.trim_end().ends_with(';'))
        {
            let end = closes(body + 1, indent(lines[i]));
            if end + 1 - i > MAX_FN_LINES {
                long.push((i + 1, end + 1 - i));
            }
        }
        i += 1;
    }
    long
}

#[test]
fn no_file_or_function_is_too_long_to_read_at_once() {
    let test_only = test_only_files();
    assert!(
        !test_only.is_empty(),
        "the server's test modules were found"
    );
    let mut problems = Vec::new();
    for dir in ["app/src", "server/src", "src"] {
        for file in sources(&root().join(dir)) {
            let text = fs::read_to_string(&file).unwrap();
            let count = text.lines().count();
            if count > MAX_FILE_LINES {
                problems.push(format!("{}: {count} lines", file.display()));
            }
            if test_only.contains(&file) {
                continue;
            }
            for (line, length) in long_functions(&text) {
                problems.push(format!(
                    "{}:{line}: a function of {length} lines",
                    file.display()
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_length_check_sees_a_long_function_and_skips_tests() {
    let body = "    let x = 1;\n".repeat(MAX_FN_LINES);
    let long = format!("pub async fn long() {{\n{body}}}\n");
    assert_eq!(long_functions(&long), vec![(1, MAX_FN_LINES + 2)]);
    let tested = format!("#[cfg(test)]\nmod tests {{\n    fn long() {{\n{body}    }}\n}}\n");
    assert!(long_functions(&tested).is_empty());
    let short = "fn short() {\n    1;\n}\n";
    assert!(long_functions(short).is_empty());
}

/// Every server function that takes a multipart upload is listed in the server's
/// `MULTIPART_ENDPOINTS`: an unlisted one gets a form's 2 MiB cap instead of the upload limit,
/// and waits for a turn at work while a phone sends its file (two were missing once).
#[test]
fn every_upload_endpoint_is_listed_for_the_router() {
    let limits = fs::read_to_string(root().join("server/src/limits.rs")).unwrap();
    let mut endpoints = BTreeSet::new();
    for file in sources(&root().join("app/src/functions")) {
        let text = fs::read_to_string(&file).unwrap();
        let uploads = text
            .lines()
            .filter(|l| l.contains("#[server(") && l.contains("MultipartFormData"));
        for line in uploads {
            let name = line
                .split("endpoint = \"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .unwrap_or_else(|| {
                    panic!("{}: an upload without an endpoint name", file.display())
                });
            endpoints.insert(name.to_owned());
        }
    }
    assert!(endpoints.len() >= 7, "found only {endpoints:?}");
    for name in endpoints {
        assert!(
            limits.contains(&format!("\"/api/{name}\"")),
            "/api/{name} is missing from MULTIPART_ENDPOINTS (server/src/limits.rs)"
        );
    }
}
