//! Offline work across a turn change: the driver goes offline, types, the turn
//! moves on, she reconnects. Her edit is refused (the document is the new driver's)
//! but kept as a proposal, stored, that the driver applies or discards.

mod common;

use common::*;
use serde_json::{Value, json};

async fn post(base: &str, path: &str, token: &str) -> reqwest::Response {
    http()
        .post(format!("{base}{path}"))
        .bearer_auth(token)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
}

async fn proposals(base: &str, room: &str, token: &str) -> Vec<Value> {
    let r = http()
        .get(format!("{base}/api/rooms/{room}/proposals"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

#[tokio::test]
async fn an_offline_drivers_edit_after_her_turn_is_kept_and_applied_by_the_next_driver() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({"mode": "strict"})).await;
    let (ada_id, ada_token) = join(&base, &room, "Ada").await;
    let (bob_id, bob_token) = join(&base, &room, "Bob").await;
    let ada = SyncClient::connect(&base, &room, Some(&ada_token)).await;
    let bob = SyncClient::connect(&base, &room, Some(&bob_token)).await;
    let events = EventsClient::connect(&base, &room, None).await;
    assert_eq!(rotation(&base, &room, &facilitator, json!({"action": "start"})).await.status(), 200);
    ada.type_at(0, "def fizzbuzz(n):\n");
    bob.wait_for_text(|t| t.starts_with("def fizzbuzz")).await;

    // Ada goes offline and types a line; meanwhile the turn moves on to Bob.
    ada.close();
    ada.wait_closed().await;
    let offline = ada.doc.clone();
    {
        use yrs::{Text, Transact};
        let text = offline.get_or_insert_text("solution");
        let len = text.len(&offline.transact());
        text.insert(&mut offline.transact_mut(), len, "    return str(n)\n");
    }
    assert_eq!(rotation(&base, &room, &facilitator, json!({"action": "next"})).await.status(), 200);
    bob.type_at(0, "# bob\n");

    // She reconnects: refused, and kept.
    let again = SyncClient::connect_with_doc(&base, &room, Some(&ada_token), offline).await;
    again
        .wait_until("refusal", |c| !c.seen.lock().unwrap().refusals.is_empty())
        .await;
    let refused = events.wait_for("edit_refused", |e| e["type"] == "edit_refused").await;
    assert_eq!(refused["kept"], true, "{refused}");
    let listed = events.wait_for("proposals", |e| e["type"] == "proposals").await;
    let p = &listed["proposals"][0];
    assert_eq!(p["author"], ada_id.as_str(), "{listed}");
    assert_eq!(p["author_name"], "Ada");
    assert_eq!(p["summary"]["solution_lines"], 1, "{listed}");
    assert!(!bob.text().contains("return str(n)"), "not applied by itself");

    // Stored: a restart keeps it.
    again.close();
    drop((bob, events));
    server.shutdown().await;
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let kept = proposals(&base, &room, &bob_token).await;
    assert_eq!(kept.len(), 1, "{kept:?}");
    let id = kept[0]["id"].as_str().unwrap().to_string();
    assert!(!kept[0].to_string().contains("return str"), "a listing never carries the code");

    // Only the driver (or the facilitator) applies; the author may not apply it.
    let path = format!("/api/rooms/{room}/proposals/{id}/apply");
    assert_eq!(post(&base, &path, &ada_token).await.status(), 403);
    let watcher = SyncClient::connect(&base, &room, None).await;
    let events = EventsClient::connect(&base, &room, None).await;
    assert_eq!(post(&base, &path, &bob_token).await.status(), 204);
    watcher
        .wait_for_text(|t| t.contains("# bob\n") && t.contains("def fizzbuzz(n):\n") && t.ends_with("    return str(n)\n"))
        .await;
    let listed = events.wait_for("proposals", |e| e["type"] == "proposals").await;
    assert_eq!(listed["proposals"], json!([]));
    assert_eq!(post(&base, &path, &bob_token).await.status(), 404, "applied once");
    assert!(proposals(&base, &room, &facilitator).await.is_empty());
    let _ = bob_id;
    server.shutdown().await;
}

#[tokio::test]
async fn a_proposal_is_discarded_by_its_author_and_watchers_edits_are_never_kept() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({"mode": "strict"})).await;
    let (_, ada_token) = join(&base, &room, "Ada").await;
    let (_, bob_token) = join(&base, &room, "Bob").await;
    assert_eq!(rotation(&base, &room, &facilitator, json!({"action": "start"})).await.status(), 200);
    let bob = SyncClient::connect(&base, &room, Some(&bob_token)).await;
    bob.type_at(0, "navigator typing\n");
    bob.wait_until("refusal", |c| !c.seen.lock().unwrap().refusals.is_empty())
        .await;
    let watcher = SyncClient::connect(&base, &room, None).await;
    watcher.type_at(0, "watcher typing\n");
    watcher
        .wait_until("refusal", |c| !c.seen.lock().unwrap().refusals.is_empty())
        .await;
    let kept = proposals(&base, &room, &ada_token).await;
    assert_eq!(kept.len(), 1, "only the participant's: {kept:?}");
    assert_eq!(kept[0]["author_name"], "Bob");
    let id = kept[0]["id"].as_str().unwrap();
    // No token, no listing; the author discards their own.
    let r = http().get(format!("{base}/api/rooms/{room}/proposals")).send().await.unwrap();
    assert_eq!(r.status(), 401);
    let path = format!("/api/rooms/{room}/proposals/{id}/discard");
    assert_eq!(post(&base, &path, &bob_token).await.status(), 204);
    assert!(proposals(&base, &room, &ada_token).await.is_empty());
    server.shutdown().await;
}
