//! `/certificates/{number}/pdf`: the certificate as a PDF, public like its check page. The QR
//! code points at `PUBLIC_URL` when set, else at the host the request came to. Rendered PDFs
//! are kept (by what they show), so anonymous requests for the same certificate cost a
//! database look-up, not a rendering each.
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use app::services::ServiceError;
use app::state::AppState;

use crate::exports::{attachment, base_and_today};

pub async fn pdf(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(number): Path<String>,
) -> Response {
    let (base, today) = base_and_today(&state, &headers);
    let result: Result<(String, Vec<u8>), ServiceError> = async {
        let check = app::services::certificates::register::check(
            &state.db,
            &number,
            today,
            &state.certificates,
        )
        .await?;
        let url = format!("{base}/certificates/{}", check.row.number);
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = std::hash::DefaultHasher::new();
            format!("{check:?}|{url}").hash(&mut hasher);
            hasher.finish()
        };
        let bytes = match rendered::get(key) {
            Some(bytes) => bytes,
            None => {
                let bytes = app::documents::certificate_pdf::render(&check, &url)?;
                #[cfg(test)]
                rendered::note_render(&check.row.number);
                rendered::put(key, &bytes);
                bytes
            }
        };
        Ok((format!("OCOP-{}.pdf", check.row.number), bytes))
    }
    .await;
    attachment(result, "application/pdf")
}

/// Rendered certificate PDFs by a hash of what they show; at most `BUDGET` bytes, past which
/// the store starts over.
pub(crate) mod rendered {
    use std::collections::HashMap;
    use std::sync::{LazyLock, Mutex};

    const BUDGET: usize = 32 * 1024 * 1024;

    #[derive(Default)]
    struct Store {
        pdfs: HashMap<u64, Vec<u8>>,
        bytes: usize,
    }

    static PDFS: LazyLock<Mutex<Store>> = LazyLock::new(Mutex::default);

    pub fn get(key: u64) -> Option<Vec<u8>> {
        PDFS.lock().ok()?.pdfs.get(&key).cloned()
    }

    pub fn put(key: u64, bytes: &[u8]) {
        let Ok(mut store) = PDFS.lock() else {
            return;
        };
        if store.bytes + bytes.len() > BUDGET {
            *store = Store::default();
        }
        if store.pdfs.insert(key, bytes.to_vec()).is_none() {
            store.bytes += bytes.len();
        }
    }

    #[cfg(test)]
    static RENDERS: LazyLock<Mutex<HashMap<String, usize>>> = LazyLock::new(Mutex::default);

    /// Counts a rendering of certificate `number` (for the tests).
    #[cfg(test)]
    pub fn note_render(number: &str) {
        if let Ok(mut renders) = RENDERS.lock() {
            *renders.entry(number.to_owned()).or_default() += 1;
        }
    }

    /// How many times certificate `number` was rendered.
    #[cfg(test)]
    pub fn renders_of(number: &str) -> usize {
        RENDERS
            .lock()
            .map_or(0, |renders| renders.get(number).copied().unwrap_or(0))
    }
}
