//! Live sync through a real server with real websocket clients.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;

async fn free_room(base: &str) -> (String, String) {
    create_room(base, json!({"mode": "free"})).await
}

#[tokio::test]
async fn concurrent_edits_converge() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let mut clients = Vec::new();
    for name in ["ada", "bob", "cy"] {
        let (_, token) = join(&base, &room, name).await;
        clients.push(SyncClient::connect(&base, &room, Some(&token)).await);
    }
    let start_len = clients[0].len();
    for round in 0..20u32 {
        for (i, c) in clients.iter().enumerate() {
            let at = (round * 7 + i as u32 * 3) % (c.len() + 1);
            c.type_at(at, &format!("{i}"));
        }
    }
    let expected = start_len + 60;
    for c in &clients {
        c.wait_until("all 60 edits", |c| c.len() == expected).await;
    }
    let text = clients[0].text();
    for c in &clients[1..] {
        assert_eq!(c.text(), text);
    }
    // A late joiner gets the whole document.
    let late = SyncClient::connect(&base, &room, None).await;
    late.wait_until("late joiner has everything", |c| c.text() == text)
        .await;
    assert_eq!(late.text_of("tests"), clients[0].text_of("tests"));
    server.shutdown().await;
}

#[tokio::test]
async fn awareness_spreads_and_is_removed_on_close() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, token) = join(&base, &room, "ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    let watcher = SyncClient::connect(&base, &room, None).await;
    ada.send_awareness(4242, 1, r##"{"user":{"name":"Ada","color":"#ff0000"}}"##);
    watcher
        .wait_until("ada's awareness", |c| {
            c.seen
                .lock()
                .unwrap()
                .awareness
                .iter()
                .any(|a| a.clients.keys().any(|k| k.get() == 4242))
        })
        .await;
    // The sender gets its own awareness back (the stock client counts it as life).
    ada.wait_until("echo to sender", |c| {
        !c.seen.lock().unwrap().awareness.is_empty()
    })
    .await;
    // A third client joining later is greeted with it.
    let late = SyncClient::connect(&base, &room, None).await;
    late.wait_until("greeted with awareness", |c| {
        !c.seen.lock().unwrap().awareness.is_empty()
    })
    .await;
    ada.close();
    watcher
        .wait_until("removal", |c| {
            c.seen.lock().unwrap().awareness.iter().any(|a| {
                a.clients
                    .iter()
                    .any(|(k, e)| k.get() == 4242 && &*e.json == "null")
            })
        })
        .await;
    server.shutdown().await;
}

#[tokio::test]
async fn malformed_and_oversize_frames_close_only_their_connection() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, t1) = join(&base, &room, "ada").await;
    let (_, t2) = join(&base, &room, "bob").await;
    let (_, t3) = join(&base, &room, "eve").await;
    let ada = SyncClient::connect(&base, &room, Some(&t1)).await;
    let bob = SyncClient::connect(&base, &room, Some(&t2)).await;

    let eve = SyncClient::connect(&base, &room, Some(&t3)).await;
    eve.send_raw(vec![0, 2, 200, 1, 2]);
    let (code, reason) = eve.wait_closed().await.expect("a close frame");
    assert_eq!(code, 1008, "{reason}");
    assert!(reason.contains("malformed"), "{reason}");

    let eve = SyncClient::connect(&base, &room, Some(&t3)).await;
    eve.send_raw(vec![7u8; 2 * 1024 * 1024]);
    let (code, reason) = eve.wait_closed().await.expect("a close frame");
    assert_eq!(code, 1009, "{reason}");

    let eve = SyncClient::connect(&base, &room, Some(&t3)).await;
    eve.send_awareness(1, 1, "{not json");
    let (code, _) = eve.wait_closed().await.expect("a close frame");
    assert_eq!(code, 1008);

    // The others go on editing.
    ada.type_at(0, "still ");
    bob.wait_for_text(|t| t.starts_with("still ")).await;
    bob.type_at(0, "alive ");
    ada.wait_for_text(|t| t.starts_with("alive still ")).await;
    server.shutdown().await;
}

#[tokio::test]
async fn over_rate_clients_are_closed() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.max_messages_per_second = 20;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, token) = join(&base, &room, "ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    for i in 0..500 {
        ada.send_awareness(9, i + 1, "{}");
    }
    let (code, reason) = ada.wait_closed().await.expect("a close frame");
    assert_eq!(code, 1008);
    assert!(reason.contains("messages per second"), "{reason}");
    server.shutdown().await;
}

#[tokio::test]
async fn restart_on_the_same_data_dir_keeps_the_document() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, token) = join(&base, &room, "ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    // Enough edits to cross a compaction, so snapshot + log are both exercised.
    for i in 0..(randori::room::COMPACT_AFTER_UPDATES + 20) {
        ada.type_at(0, &format!("{}", i % 10));
    }
    let expected_len = ada.len();
    let watcher = SyncClient::connect(&base, &room, None).await;
    watcher
        .wait_until("all edits", |c| c.len() == expected_len)
        .await;
    let text = watcher.text();
    server.shutdown().await;

    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let again = SyncClient::connect(&base, &room, None).await;
    assert_eq!(again.text(), text, "synced straight from storage");
    // The participant token still works after the restart.
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    ada.type_at(0, "!");
    again.wait_for_text(|t| t.starts_with('!')).await;
    server.shutdown().await;
}

#[tokio::test]
async fn offline_edits_merge_on_reconnect() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, token) = join(&base, &room, "ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    ada.close();
    ada.wait_closed().await;
    // Edit while disconnected.
    let offline_doc = ada.doc.clone();
    {
        use yrs::{Text, Transact};
        let text = offline_doc.get_or_insert_text("solution");
        let mut txn = offline_doc.transact_mut();
        text.insert(&mut txn, 0, "written offline\n");
    }
    // Someone else edits meanwhile.
    let (_, t2) = join(&base, &room, "bob").await;
    let bob = SyncClient::connect(&base, &room, Some(&t2)).await;
    let end = bob.len();
    bob.type_at(end, "# bob online\n");
    // Reconnect with the same document: the server's step 1 pulls the offline edit.
    let again = SyncClient::connect_with_doc(&base, &room, Some(&token), offline_doc).await;
    bob.wait_for_text(|t| t.contains("written offline") && t.contains("# bob online"))
        .await;
    again
        .wait_for_text(|t| t.contains("written offline") && t.contains("# bob online"))
        .await;
    assert_eq!(again.text(), bob.text());
    server.shutdown().await;
}

#[tokio::test]
async fn idle_rooms_unload_and_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.room_idle_seconds = 0;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, token) = join(&base, &room, "ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    ada.type_at(0, "kept ");
    ada.wait_until("edit stored", |_| true).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    ada.close();
    ada.wait_closed().await;
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while server.app.rooms.loaded_count() > 0 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "room never unloaded"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let again = SyncClient::connect(&base, &room, None).await;
    assert!(again.text().starts_with("kept "), "{}", again.text());
    server.shutdown().await;
}

/// A write that fails (here: a trigger added to the real database makes SQLite
/// abort every stored update, as a full disk would) is never broadcast: the room
/// resets, everyone reconnects, and the edit, still in its author's document,
/// arrives and is stored once writes work again.
#[tokio::test]
async fn a_failed_write_is_never_broadcast_and_the_edit_survives() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = free_room(&base).await;
    let (_, ta) = join(&base, &room, "ada").await;
    let (_, tb) = join(&base, &room, "bob").await;
    let ada = SyncClient::connect(&base, &room, Some(&ta)).await;
    let bob = SyncClient::connect(&base, &room, Some(&tb)).await;
    ada.type_at(0, "stored ");
    bob.wait_for_text(|t| t.starts_with("stored ")).await;

    let db = rusqlite::Connection::open(dir.path().join("randori.db")).unwrap();
    db.busy_timeout(Duration::from_secs(5)).unwrap();
    db.execute_batch(
        "CREATE TRIGGER full_disk BEFORE INSERT ON doc_updates
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END;",
    )
    .unwrap();
    ada.type_at(0, "lost? ");
    let closed = bob.wait_closed().await;
    assert_eq!(closed.map(|c| c.0), Some(1013), "bob is told to reconnect");
    assert!(
        !bob.text().contains("lost?"),
        "an update that was not stored reached a client"
    );
    ada.wait_closed().await;

    db.execute_batch("DROP TRIGGER full_disk").unwrap();
    let ada_again = SyncClient::connect_with_doc(&base, &room, Some(&ta), ada.doc.clone()).await;
    let bob_again = SyncClient::connect_with_doc(&base, &room, Some(&tb), bob.doc.clone()).await;
    bob_again
        .wait_for_text(|t| t.contains("lost? ") && t.contains("stored "))
        .await;
    assert_eq!(ada_again.text(), bob_again.text());
    // And it is stored now: a restart keeps it.
    drop((ada_again, bob_again));
    server.shutdown().await;
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let watcher = SyncClient::connect(&base, &room, None).await;
    watcher
        .wait_for_text(|t| t.contains("lost? ") && t.contains("stored "))
        .await;
    server.shutdown().await;
}
