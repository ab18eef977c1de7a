//! Sessions under use: an idle timeout that measures idleness, not time since sign-in.
use std::time::Duration;

use app::state::AuthSettings;

use crate::test_support::{current_user, demo_app, sign_in};

#[tokio::test]
async fn a_user_active_all_along_outlives_the_idle_timeout() {
    let settings = AuthSettings {
        idle_timeout: Duration::from_secs(2),
        ..AuthSettings::default()
    };
    let app = demo_app(settings).await;
    let cookie = sign_in(&app.router, "xa.trangdinh@demo.vn", None).await;
    // Active every 0.4 s for twice the timeout: still signed in (before the fix the session
    // ended two seconds after signing in, as nothing re-saved it).
    for _ in 0..10 {
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert_eq!(
            current_user(&app.router, &cookie).await.as_deref(),
            Some("Hoàng Thị Xã"),
            "signed out while active"
        );
    }
    // Then idle for longer than the timeout: signed out.
    tokio::time::sleep(Duration::from_millis(2600)).await;
    assert_eq!(current_user(&app.router, &cookie).await, None);
}
