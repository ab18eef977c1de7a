//! Background jobs, each run by one server at a time when several share the database
//! (`app::services::jobs` holds the leases). Every instance ticks; the one holding the job's
//! lease runs it and so renews the lease. If that instance dies, its lease lapses and another
//! takes the job over at its next tick: within the interval plus the lease's margin.
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;

/// This instance's jobs, to hand over when it stops.
#[derive(Clone)]
pub struct Jobs {
    db: DatabaseConnection,
    holder: Arc<str>,
    names: Arc<std::sync::Mutex<Vec<&'static str>>>,
    running: Arc<std::sync::Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Jobs {
    pub fn new(db: DatabaseConnection) -> Self {
        let holder: Arc<str> = app::services::jobs::instance_name().into();
        tracing::info!(instance = %holder, "background jobs run under leases");
        Jobs {
            db,
            holder,
            names: Arc::default(),
            running: Arc::default(),
        }
    }

    /// Runs `work` every `every` (the first time at once) while this instance holds `job`.
    pub fn spawn<F, Fut>(&self, job: &'static str, every: Duration, work: F)
    where
        F: Fn(DatabaseConnection) -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        if let Ok(mut names) = self.names.lock() {
            names.push(job);
        }
        let (db, holder) = (self.db.clone(), self.holder.clone());
        // Long enough that a run late by a busy tick does not lose it; short enough that a
        // dead holder's job moves on within a fraction of the interval more.
        let margin = (every / 4).max(Duration::from_secs(30));
        let ttl = every + margin;
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                let acquired = match app::services::jobs::database_now(&db).await {
                    Ok(now) => app::services::jobs::acquire(&db, job, &holder, ttl, now).await,
                    Err(err) => Err(err),
                };
                match acquired {
                    Ok(true) => work(db.clone()).await,
                    Ok(false) => tracing::debug!(job, "run by another instance"),
                    Err(err) => tracing::warn!(job, error = %err, "job lease"),
                }
            }
        });
        if let Ok(mut running) = self.running.lock() {
            running.push(task.abort_handle());
        }
    }

    /// Stops this instance's jobs (a run under way is cut: each job's steps are transactions)
    /// and gives up their leases, so other instances take them over at once.
    pub async fn hand_over(&self) {
        for task in self.running.lock().map(|r| r.clone()).unwrap_or_default() {
            task.abort();
        }
        let names = self.names.lock().map(|n| n.clone()).unwrap_or_default();
        for job in names {
            let released = match app::services::jobs::database_now(&self.db).await {
                Ok(now) => app::services::jobs::release(&self.db, job, &self.holder, now).await,
                Err(err) => Err(err),
            };
            if let Err(err) = released {
                tracing::warn!(job, error = %err, "could not hand the job over");
            }
        }
    }
}
