//! Heavy work that only a few requests may do at once — a password hashing (19 MiB and a core
//! each), an image decoding (up to hundreds of MiB) — runs in one of a fixed number of slots,
//! one per core, on a blocking thread: a flood of such requests queues here instead of taking
//! the memory and every core from the other requests. The most seen running at once is kept for
//! the attack tests that flood them.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::Semaphore;

pub struct Slots {
    free: Semaphore,
    running: AtomicUsize,
    peak: AtomicUsize,
}

/// Why no slot was had.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotError {
    /// Every slot stayed taken for the whole wait.
    Busy,
    /// The work panicked or the blocking pool is gone (a bug).
    Failed,
}

impl Slots {
    /// One slot per core.
    pub fn per_core() -> Self {
        Slots {
            free: Semaphore::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
            ),
            running: AtomicUsize::new(0),
            peak: AtomicUsize::new(0),
        }
    }

    /// Runs `work` on a blocking thread once a slot is free, waiting at most `wait` for it.
    ///
    /// # Errors
    /// `Busy` when no slot freed up in time; `Failed` when the work did not finish.
    pub async fn run<T: Send + 'static>(
        &'static self,
        wait: Duration,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, SlotError> {
        let _slot = match tokio::time::timeout(wait, self.free.acquire()).await {
            Ok(Ok(permit)) => permit,
            Ok(Err(_)) => return Err(SlotError::Failed),
            Err(_) => return Err(SlotError::Busy),
        };
        tokio::task::spawn_blocking(move || {
            let _running = Running::start(self);
            work()
        })
        .await
        .map_err(|_| SlotError::Failed)
    }

    /// The most seen running at once.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }
}

/// Counts one running piece of work while it lives (even if the work panics).
struct Running(&'static Slots);

impl Running {
    fn start(slots: &'static Slots) -> Self {
        let now = slots.running.fetch_add(1, Ordering::SeqCst) + 1;
        slots.peak.fetch_max(now, Ordering::SeqCst);
        Running(slots)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::SeqCst);
    }
}
