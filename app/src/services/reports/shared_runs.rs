//! Computations asked for at once, shared: a request for a dashboard that is being computed for
//! the same scope and filter waits for that computation instead of starting its own (the
//! province's dashboard over 20,000 products costs about 300 ms of CPU, and a crowd of officials
//! opening it would otherwise take the cores; README, "Operating", item 6).
//!
//! Nothing is kept: once a computation ends, the next request computes afresh. A computation
//! is joined only if no write went through on this server since it began, so whoever just
//! changed something sees their change. (A write on another server is at most one computation
//! older, a fraction of a second.)
use std::collections::HashMap;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

/// Writes that went through on this server, counted (`note_write`).
static WRITES: AtomicU64 = AtomicU64::new(0);

/// Called once a request that may have changed data has been answered with success.
pub fn note_write() {
    WRITES.fetch_add(1, Ordering::SeqCst);
}

/// The computations under way, by key, with the write count when each began.
type Running<T> = HashMap<String, (u64, Arc<OnceCell<T>>)>;

pub struct SharedRuns<T> {
    running: Mutex<Running<T>>,
}

impl<T> std::fmt::Debug for SharedRuns<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedRuns")
    }
}

impl<T: Clone> Default for SharedRuns<T> {
    fn default() -> Self {
        SharedRuns {
            running: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Clone> SharedRuns<T> {
    /// `compute`'s result, or that of the computation of `key` already under way.
    ///
    /// # Errors
    /// The error of the computation this call ran; a computation that fails is not shared
    /// (each waiting request then tries its own).
    pub async fn run<E, F, Fut>(&self, key: String, compute: F) -> Result<T, E>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<T, E>>,
    {
        let writes = WRITES.load(Ordering::SeqCst);
        let cell = {
            let Ok(mut running) = self.running.lock() else {
                return compute().await;
            };
            match running.get(&key) {
                Some((began, cell)) if *began == writes && !cell.initialized() => cell.clone(),
                _ => {
                    let cell = Arc::new(OnceCell::new());
                    running.insert(key.clone(), (writes, cell.clone()));
                    cell
                }
            }
        };
        // Taken out of the map when this request ends, however it ends: a request cancelled
        // mid-way (its client gone) must not leave its key behind.
        let _leave = Leave {
            running: &self.running,
            key,
            cell: cell.clone(),
        };
        cell.get_or_try_init(compute).await.cloned()
    }
}

/// Removes its key's entry when dropped, if the entry is still its computation's.
struct Leave<'a, T> {
    running: &'a Mutex<Running<T>>,
    key: String,
    cell: Arc<OnceCell<T>>,
}

impl<T> Drop for Leave<'_, T> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.running.lock()
            && running
                .get(&self.key)
                .is_some_and(|(_, c)| Arc::ptr_eq(c, &self.cell))
        {
            running.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use tokio::sync::{Notify, mpsc};

    /// A computation that says when it began and ends when told; counts how many ran.
    fn held(
        began: mpsc::UnboundedSender<()>,
        finish: Arc<Notify>,
        ran: Arc<AtomicUsize>,
        value: u32,
    ) -> impl FnOnce() -> Work {
        move || {
            Box::pin(async move {
                ran.fetch_add(1, Ordering::SeqCst);
                // Listening before saying it began, so the test's notice cannot pass it by.
                let notified = finish.notified();
                tokio::pin!(notified);
                notified.as_mut().enable();
                let _ = began.send(());
                notified.await;
                Ok(value)
            })
        }
    }

    type Work = std::pin::Pin<Box<dyn Future<Output = Result<u32, ()>> + Send>>;

    /// `runs.run(key, work)` on a task of its own.
    fn spawn_run(
        runs: &Arc<SharedRuns<u32>>,
        key: &str,
        work: impl FnOnce() -> Work + Send + 'static,
    ) -> tokio::task::JoinHandle<Result<u32, ()>> {
        let (runs, key) = (runs.clone(), key.to_owned());
        tokio::spawn(async move { runs.run(key, work).await })
    }

    #[tokio::test]
    async fn a_request_during_a_computation_shares_it_unless_a_write_came_between() {
        let runs: Arc<SharedRuns<u32>> = Arc::default();
        let (began, mut started) = mpsc::unbounded_channel();
        let finish = Arc::new(Notify::new());
        let ran = Arc::new(AtomicUsize::new(0));
        let first = spawn_run(
            &runs,
            "province",
            held(began.clone(), finish.clone(), ran.clone(), 1),
        );
        started.recv().await;
        // Asked while the first runs: waits for it, computes nothing.
        let joined = spawn_run(
            &runs,
            "province",
            held(began.clone(), finish.clone(), ran.clone(), 2),
        );
        // Another scope computes its own.
        let other = spawn_run(
            &runs,
            "commune 06463",
            held(began.clone(), finish.clone(), ran.clone(), 3),
        );
        started.recv().await;
        // Once the second request waits on the first's computation (the map, the first and
        // the second hold it): after a write, the computation under way is not joined.
        let holders = || Arc::strong_count(&runs.running.lock().unwrap()["province"].1);
        while holders() < 3 {
            tokio::task::yield_now().await;
        }
        note_write();
        let after_write = spawn_run(
            &runs,
            "province",
            held(began.clone(), finish.clone(), ran.clone(), 4),
        );
        started.recv().await;
        assert_eq!(ran.load(Ordering::SeqCst), 3);
        finish.notify_waiters();
        assert_eq!(first.await.unwrap(), Ok(1));
        assert_eq!(joined.await.unwrap(), Ok(1));
        assert_eq!(other.await.unwrap(), Ok(3));
        assert_eq!(after_write.await.unwrap(), Ok(4));
        // Nothing is kept: the next request computes afresh.
        let again = runs
            .run("province".into(), || async { Ok::<u32, ()>(5) })
            .await;
        assert_eq!(again, Ok(5));
        assert!(runs.running.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_cancelled_request_leaves_nothing_behind() {
        let runs: Arc<SharedRuns<u32>> = Arc::default();
        let (began, mut started) = mpsc::unbounded_channel();
        let finish = Arc::new(Notify::new());
        let ran = Arc::new(AtomicUsize::new(0));
        let cancelled = spawn_run(&runs, "unique filter", held(began, finish, ran, 1));
        started.recv().await;
        cancelled.abort();
        let _ = cancelled.await;
        assert!(runs.running.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_failed_computation_is_not_shared() {
        let runs: SharedRuns<u32> = SharedRuns::default();
        let failed = runs
            .run("k".into(), || async { Err::<u32, &str>("down") })
            .await;
        assert_eq!(failed, Err("down"));
        let next = runs.run("k".into(), || async { Ok::<u32, &str>(7) }).await;
        assert_eq!(next, Ok(7));
    }
}
