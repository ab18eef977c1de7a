//! Turns at work: at most `at_once` requests of a server do work at once (render a page, run
//! a server function); the others wait for a turn in the order they came, for at most `wait`.
//!
//! Why: a server that lets every request work at once shares its cores and its database
//! connections among all of them, so under a crowd each request takes its own work times the
//! crowd. The province's dashboard (about 300 ms of work at national scale) then took 14 s
//! while a QR page took under one — the load drill's p99 was 23 × its median. Taking turns,
//! every request waits about the same time in the queue and then runs among a few: the waiting
//! is shared fairly and the long requests are no longer the ones that starve. The queue is
//! tokio's fair semaphore (first come, first served). Requests that do no work of this kind
//! do not queue (`server/src/admission.rs` says which).
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

#[derive(Debug, Clone)]
pub struct Admission {
    /// `None`: no limit.
    turns: Option<Arc<Semaphore>>,
    wait: Duration,
}

/// A request's turn; the next one in the queue goes when it is dropped.
#[derive(Debug)]
pub struct Turn {
    _permit: Option<OwnedSemaphorePermit>,
}

/// No turn came within the wait: the server is overloaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Busy;

/// The defaults of `REQUESTS_AT_ONCE` and `REQUEST_WAIT_SECS`.
pub const DEFAULT_AT_ONCE: usize = 16;
pub const DEFAULT_WAIT: Duration = Duration::from_secs(30);

impl Default for Admission {
    fn default() -> Self {
        Admission::new(DEFAULT_AT_ONCE, DEFAULT_WAIT)
    }
}

impl Admission {
    /// `at_once` turns (0: no limit), each waited for at most `wait`.
    pub fn new(at_once: usize, wait: Duration) -> Self {
        Admission {
            turns: (at_once > 0).then(|| Arc::new(Semaphore::new(at_once))),
            wait,
        }
    }

    /// Waits for a turn.
    ///
    /// # Errors
    /// `Busy` when none came within the wait.
    pub async fn turn(&self) -> Result<Turn, Busy> {
        let Some(turns) = &self.turns else {
            return Ok(Turn { _permit: None });
        };
        match tokio::time::timeout(self.wait, Arc::clone(turns).acquire_owned()).await {
            Ok(Ok(permit)) => Ok(Turn {
                _permit: Some(permit),
            }),
            // The semaphore is never closed; a closed one would be a bug, answered as busy.
            Ok(Err(_)) | Err(_) => Err(Busy),
        }
    }

    /// How long a request waits for a turn (and a streamed answer holds one at most).
    pub fn wait(&self) -> Duration {
        self.wait
    }

    /// Turns free now (`None` without a limit).
    pub fn free(&self) -> Option<usize> {
        self.turns.as_ref().map(|t| t.available_permits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn turns_are_limited_and_given_back() {
        let admission = Admission::new(2, Duration::from_millis(50));
        let first = admission.turn().await.unwrap();
        let _second = admission.turn().await.unwrap();
        assert_eq!(admission.free(), Some(0));
        assert_eq!(admission.turn().await.unwrap_err(), Busy);
        drop(first);
        assert!(admission.turn().await.is_ok());
    }

    #[tokio::test]
    async fn the_first_to_wait_is_the_first_served() {
        let admission = Admission::new(1, Duration::from_secs(5));
        let held = admission.turn().await.unwrap();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for n in 0..5 {
            let (admission, order) = (admission.clone(), Arc::clone(&order));
            waiting.push(tokio::spawn(async move {
                let _turn = admission.turn().await.unwrap();
                order.lock().unwrap().push(n);
            }));
            // Each in the queue before the next comes.
            tokio::task::yield_now().await;
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        drop(held);
        for w in waiting {
            w.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn no_limit_never_waits() {
        let admission = Admission::new(0, Duration::ZERO);
        let mut held = Vec::new();
        for _ in 0..100 {
            held.push(admission.turn().await.unwrap());
        }
        assert_eq!(admission.free(), None);
    }
}
