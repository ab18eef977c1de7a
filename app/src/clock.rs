//! The server's clock. Every "now" and "today" of the services and the demo comes from here,
//! so a test can see the system as it will be on another day: `set_offset_days` moves the clock
//! of the whole process (each test binary is a process of its own), and
//! `OCOP_CLOCK_OFFSET_DAYS` does the same for a whole test run or a rehearsal server (the
//! server warns when it is set; a real installation never sets it). Sessions alone keep the
//! wall clock: their library dates them by it.
use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, NaiveDate, Utc};

/// The environment variable moving the clock, in days.
pub const OFFSET_VARIABLE: &str = "OCOP_CLOCK_OFFSET_DAYS";

static OFFSET_SECONDS: AtomicI64 = AtomicI64::new(0);
static FROM_ENVIRONMENT: OnceLock<()> = OnceLock::new();

/// The offset in days set by `OCOP_CLOCK_OFFSET_DAYS`, if any (a number of at most 36,500).
#[must_use]
pub fn offset_from_environment() -> Option<i64> {
    std::env::var(OFFSET_VARIABLE)
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|d| d.abs() <= 36_500)
}

/// The current instant.
#[must_use]
pub fn now() -> DateTime<Utc> {
    FROM_ENVIRONMENT.get_or_init(|| {
        if let Some(days) = offset_from_environment() {
            OFFSET_SECONDS.store(days * 86_400, Ordering::Relaxed);
        }
    });
    Utc::now() + chrono::Duration::seconds(OFFSET_SECONDS.load(Ordering::Relaxed))
}

/// Today's date in Vietnam (UTC+7 all year), the day of the programme's rules.
#[must_use]
pub fn today() -> NaiveDate {
    crate::domain::dates::day_in_vietnam(now())
}

/// Moves this process's clock `days` days ahead (negative: back). For tests only.
pub fn set_offset_days(days: i64) {
    // The environment is read first, so it cannot undo this later.
    FROM_ENVIRONMENT.get_or_init(|| ());
    OFFSET_SECONDS.store(days * 86_400, Ordering::Relaxed);
}
