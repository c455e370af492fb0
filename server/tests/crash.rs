//! Crash safety: a real `randori serve` process is killed with SIGKILL while a
//! client types and another watches; after each restart, everything the watcher
//! had received is in the document, and the database passes its integrity check.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::*;
use serde_json::json;

/// Kill/restart cycles (RANDORI_CRASH_CYCLES overrides; the reliability suite uses more).
fn cycles() -> usize {
    std::env::var("RANDORI_CRASH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

fn spawn_server(data_dir: &std::path::Path) -> (Child, String) {
    let root = repo_root();
    let mut child = Command::new(binary())
        .args(["serve", "--addr", "127.0.0.1:0"])
        .arg("--data-dir")
        .arg(data_dir)
        .arg("--katas-dir")
        .arg(root.join("katas"))
        .arg("--guest-wasm")
        .arg(root.join("build/runner.wasm"))
        .arg("--cache-dir")
        .arg(root.join("target/randori-cache"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line.trim().rsplit(' ').next().unwrap().to_string();
    assert!(url.starts_with("http://"), "{line}");
    (child, url)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_never_loses_a_broadcast_update() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server(dir.path());
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let (_, token) = join(&base, &room, "Ada").await;
    let mut counter = 0u32;
    let mut base = base;
    for cycle in 0..cycles() {
        let writer = SyncClient::connect(&base, &room, Some(&token)).await;
        let watcher = SyncClient::connect(&base, &room, None).await;
        // Type steadily at the end, then kill the server mid-stream.
        for _ in 0..40 {
            let at = writer.len();
            writer.type_at(at, &format!("{counter},"));
            counter += 1;
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let seen = watcher.text();
        let (c, b) = spawn_server(dir.path());
        child = c;
        base = b;
        let recovered = SyncClient::connect(&base, &room, None).await;
        let text = recovered.text();
        assert!(
            text.starts_with(&seen),
            "cycle {cycle}: the watcher had received {} chars the restarted server lacks",
            seen.len().saturating_sub(text.len())
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let store = randori::store::Store::open(dir.path()).unwrap();
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
    assert!(store.load_room(&room).await.unwrap().is_some());
}

#[tokio::test]
async fn sigterm_closes_websockets_with_a_close_frame_and_flushes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, base) = spawn_server(dir.path());
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let (_, token) = join(&base, &room, "Ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    ada.type_at(0, "before shutdown ");
    let watcher = SyncClient::connect(&base, &room, None).await;
    watcher
        .wait_for_text(|t| t.starts_with("before shutdown "))
        .await;
    // SAFETY: plain libc call on a child we own.
    unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
    let (code, reason) = ada.wait_closed().await.expect("a close frame");
    assert_eq!(code, 1001, "{reason}");
    assert!(child.wait().unwrap().success());
    let (mut child, base) = spawn_server(dir.path());
    let again = SyncClient::connect(&base, &room, None).await;
    assert!(again.text().starts_with("before shutdown "));
    child.kill().unwrap();
    child.wait().unwrap();
}
