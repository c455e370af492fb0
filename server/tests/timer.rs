//! The room timer under tokio's paused clock: deadlines, warnings and pauses are
//! driven by the server, with virtual time instead of sleeping.

use std::sync::Arc;
use std::time::Duration;

use randori::app::clock::Clock;
use randori::app::metrics::Metrics;
use randori::room::RoomContext;
use randori::room::registry::{NewRoom, Rooms};
use randori_core::rotation::{Action, RotationSettings};
use randori::store::Store;
use serde_json::Value;

async fn next_event(
    rx: &mut tokio::sync::broadcast::Receiver<Arc<str>>,
    kind: &str,
    reason: Option<&str>,
) -> Value {
    loop {
        let text = rx.recv().await.expect("event");
        let v: Value = serde_json::from_str(&text).unwrap();
        if v["type"] == kind && reason.is_none_or(|r| v["reason"] == r) {
            return v;
        }
    }
}

/// A room in paused time with Ada and Bob joined and both online (an events socket
/// each), and the receiver of `watcher`'s events ("ada" or "bob"). A paused clock
/// jumps to the next timer whenever the runtime is idle, and waiting for the storage
/// thread's acknowledgement looks idle: the clock could then skip to the turn's
/// deadline in the middle of `Start`. The returned task always has work, which keeps
/// time moving only where the test advances it; abort it at the end.
struct PausedRoom {
    room: Arc<randori::room::Room>,
    ada: String,
    bob: String,
    rx: tokio::sync::broadcast::Receiver<Arc<str>>,
    busy: tokio::task::JoinHandle<()>,
    _dir: tempfile::TempDir,
}

async fn paused_room(settings: RotationSettings, watcher: &str) -> PausedRoom {
    let busy = tokio::spawn(async {
        loop {
            tokio::task::yield_now().await;
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let ctx = RoomContext {
        store: Store::open(dir.path()).unwrap(),
        metrics: Arc::new(Metrics::default()),
        clock: Clock::new(),
        turn_end_tests: None,
    };
    let rooms = Arc::new(Rooms::new(ctx, Duration::from_secs(3600)));
    let (id, _) = rooms
        .create(NewRoom {
            language: "python".into(),
            rotation: settings,
            ..Default::default()
        })
        .await
        .unwrap();
    let room = rooms.get(&id).await.unwrap().unwrap();
    let (ada, ada_token) = room.join("Ada").await.unwrap();
    let (bob, bob_token) = room.join("Bob").await.unwrap();
    let (first, second) = if watcher == "ada" { (&ada_token, &bob_token) } else { (&bob_token, &ada_token) };
    let (rx, _) = room
        .attach_events(room.participant_by_token(first).as_ref())
        .unwrap();
    room.attach_events(room.participant_by_token(second).as_ref())
        .unwrap();
    PausedRoom { room, ada, bob, rx, busy, _dir: dir }
}

#[tokio::test(start_paused = true)]
async fn the_server_timer_warns_rotates_and_pauses_exactly() {
    let settings = RotationSettings {
        turn_seconds: 120,
        ..Default::default()
    };
    let PausedRoom { room, ada, bob, mut rx, busy, _dir } = paused_room(settings, "ada").await;
    let view = room.rotation_action(Action::Start).await.unwrap();
    assert_eq!(view.driver.as_deref(), Some(ada.as_str()));
    // The 60 s warning is kept to a quarter of the 2 minute turn: 30 s before its end.
    tokio::time::advance(Duration::from_secs(91)).await;
    let warning = next_event(&mut rx, "warning", None).await;
    assert!(warning["remaining_ms"].as_u64().unwrap() <= 30_000);
    tokio::time::advance(Duration::from_secs(30)).await;
    let rotated = next_event(&mut rx, "rotation", Some("time_up")).await;
    assert_eq!(rotated["reason"], "time_up", "{rotated}");
    assert_eq!(rotated["rotation"]["driver"], bob.as_str());

    // Pause keeps the remaining time exactly, however long the pause.
    let paused = room.rotation_action(Action::Pause).await.unwrap();
    let remaining = paused.remaining_ms;
    tokio::time::advance(Duration::from_secs(3600)).await;
    assert_eq!(
        room.rotation_view().remaining_ms,
        remaining
    );
    assert_eq!(
        room.rotation_view().driver.as_deref(),
        Some(bob.as_str()),
        "no rotation while paused"
    );
    let resumed = room.rotation_action(Action::Resume).await.unwrap();
    assert_eq!(resumed.remaining_ms, remaining);
    tokio::time::advance(Duration::from_millis(remaining + 10)).await;
    let rotated = next_event(&mut rx, "rotation", Some("time_up")).await;
    assert_eq!(rotated["rotation"]["driver"], ada.as_str());
    busy.abort();
}

#[tokio::test(start_paused = true)]
async fn an_away_driver_hands_the_keyboard_on_after_the_grace_period() {
    let PausedRoom { room, ada, bob, mut rx, busy, _dir } =
        paused_room(RotationSettings::default(), "bob").await;
    let view = room.rotation_action(Action::Start).await.unwrap();
    assert_eq!(view.driver.as_deref(), Some(ada.as_str()));
    // Ada's tab closes; within the grace period she keeps the keyboard.
    room.detach_events(Some(ada.as_str()));
    tokio::time::advance(Duration::from_secs(29)).await;
    assert_eq!(room.rotation_view().driver.as_deref(), Some(ada.as_str()));
    tokio::time::advance(Duration::from_secs(2)).await;
    let rotated = next_event(&mut rx, "rotation", Some("driver_away")).await;
    assert_eq!(rotated["rotation"]["driver"], bob.as_str(), "{rotated}");
    assert_eq!(rotated["rotation"]["turn"], 2, "{rotated}");
    busy.abort();
}
