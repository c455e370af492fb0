//! The rooms API, strict mode and rotation through a real server.

mod common;

use common::*;
use serde_json::{Value, json};

#[tokio::test]
async fn rooms_api_shapes_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let r = http()
        .post(format!("{base}/api/rooms"))
        .json(&json!({"kata": "fizzbuzz", "turn_seconds": 120}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let created: Value = r.json().await.unwrap();
    let id = created["id"].as_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);
    assert!(
        created["join_url"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/r/{id}"))
    );
    let facilitator = created["facilitator_token"].as_str().unwrap();

    let (pid, token) = join(&base, id, "Ada").await;
    let state: Value = get_json(format!("{base}/api/rooms/{id}")).await;
    assert_eq!(state["kata"], "fizzbuzz");
    assert_eq!(state["kata_title"], "FizzBuzz");
    assert_eq!(state["settings"]["turn_seconds"], 120);
    assert_eq!(state["participants"][0]["id"], pid.as_str());
    assert_eq!(state["rotation"]["status"], "idle");
    let text = state.to_string();
    assert!(
        !text.contains(facilitator) && !text.contains(&token),
        "no tokens in public state"
    );

    // The room starts with the kata's starter.
    let watcher = SyncClient::connect(&base, id, None).await;
    assert!(
        watcher.text().contains("def fizzbuzz"),
        "{}",
        watcher.text()
    );

    // Errors are JSON with fitting statuses.
    let missing = http()
        .get(format!("{base}/api/rooms/{}", uuid::Uuid::new_v4()))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
    let body: Value = missing.json().await.unwrap();
    assert!(body["error"].as_str().unwrap().contains("no room"));
    let bad = http()
        .post(format!("{base}/api/rooms"))
        .header("content-type", "application/json")
        .body("{nope")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let bad = http()
        .post(format!("{base}/api/rooms"))
        .json(&json!({"kata": "no-such-kata"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let bad = http()
        .post(format!("{base}/api/rooms"))
        .json(&json!({"turn_seconds": 5}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let bad = http()
        .post(format!("{base}/api/rooms/{id}/join"))
        .json(&json!({"name": "  "}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    let r = http().get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(r.text().await.unwrap(), "ok");
    let metrics = get_text(format!("{base}/metrics")).await;
    assert!(metrics.contains("randori_rooms_loaded 1"), "{metrics}");
    assert!(metrics.contains("randori_connections 1"), "{metrics}");
    server.shutdown().await;
}

#[tokio::test]
async fn facilitator_actions_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({})).await;
    let (_, participant) = join(&base, &room, "Ada").await;
    let no_token = http()
        .post(format!("{base}/api/rooms/{room}/rotation"))
        .json(&json!({"action": "start"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), 401);
    let wrong = rotation(&base, &room, &participant, json!({"action": "start"})).await;
    assert_eq!(wrong.status(), 403);
    let ok = rotation(&base, &room, &facilitator, json!({"action": "start"})).await;
    assert_eq!(ok.status(), 200);
    let view: Value = ok.json().await.unwrap();
    assert_eq!(view["status"], "running");
    let again = rotation(&base, &room, &facilitator, json!({"action": "start"})).await;
    assert_eq!(again.status(), 409, "start while running is a conflict");
    let bad = rotation(&base, &room, &facilitator, json!({"action": "dance"})).await;
    assert_eq!(bad.status(), 400);
    server.shutdown().await;
}

#[tokio::test]
async fn room_creation_is_rate_limited_per_address() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.rooms_per_minute = 3;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    for _ in 0..3 {
        create_room(&base, json!({})).await;
    }
    let r = http()
        .post(format!("{base}/api/rooms"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 429);
    server.shutdown().await;
}

#[tokio::test]
async fn strict_mode_moves_the_keyboard_with_the_role() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) =
        create_room(&base, json!({"mode": "strict", "turn_seconds": 60})).await;
    let (ada_id, ada_token) = join(&base, &room, "Ada").await;
    let (bob_id, bob_token) = join(&base, &room, "Bob").await;
    let (_, cy_token) = join(&base, &room, "Cy").await;
    let ada = SyncClient::connect(&base, &room, Some(&ada_token)).await;
    let bob = SyncClient::connect(&base, &room, Some(&bob_token)).await;
    let cy = SyncClient::connect(&base, &room, Some(&cy_token)).await;
    let events = EventsClient::connect(&base, &room, None).await;
    let r = rotation(&base, &room, &facilitator, json!({"action": "start"})).await;
    let view: Value = r.json().await.unwrap();
    assert_eq!(
        view["driver"],
        ada_id.as_str(),
        "the first to join drives first"
    );
    assert_eq!(view["navigator"], bob_id.as_str());

    // The driver's edits reach everyone.
    ada.type_at(0, "driver was here\n");
    bob.wait_for_text(|t| t.starts_with("driver was here"))
        .await;
    cy.wait_for_text(|t| t.starts_with("driver was here")).await;

    // The navigator's are refused: not applied, not broadcast, not stored.
    bob.type_at(0, "NAVIGATOR ");
    bob.wait_until("refusal", |c| !c.seen.lock().unwrap().refusals.is_empty())
        .await;
    let reason = bob.seen.lock().unwrap().refusals[0].clone();
    assert!(reason.contains("Ada is driving"), "{reason}");
    events
        .wait_for("edit_refused event", |e| e["type"] == "edit_refused")
        .await;
    // A later driver edit arrives, and the refused one never did.
    ada.type_at(0, "second\n");
    cy.wait_for_text(|t| t.starts_with("second\n")).await;
    assert!(!cy.text().contains("NAVIGATOR"));
    assert!(!ada.text().contains("NAVIGATOR"));

    // Rotate: Bob drives now, Ada's edits are refused.
    let r = rotation(&base, &room, &facilitator, json!({"action": "next"})).await;
    let view: Value = r.json().await.unwrap();
    assert_eq!(view["driver"], bob_id.as_str());
    events
        .wait_for("rotation event", |e| {
            e["type"] == "rotation" && e["reason"] == "next"
        })
        .await;
    let fresh_bob = SyncClient::connect(&base, &room, Some(&bob_token)).await;
    fresh_bob.type_at(0, "bob drives\n");
    cy.wait_for_text(|t| t.starts_with("bob drives\n")).await;
    ada.type_at(0, "ADA-NOW-NAVIGATES ");
    ada.wait_until("refusal for ada", |c| {
        !c.seen.lock().unwrap().refusals.is_empty()
    })
    .await;

    // None of the refused edits reached storage: a restart shows the same text.
    let before = cy.text();
    server.shutdown().await;
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let again = SyncClient::connect(&base, &room, None).await;
    assert_eq!(again.text(), before);
    assert!(!again.text().contains("NAVIGATOR") && !again.text().contains("ADA-NOW"));
    server.shutdown().await;
}

#[tokio::test]
async fn a_restart_keeps_the_turn_and_its_remaining_time() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({"turn_seconds": 600})).await;
    let (ada_id, _) = join(&base, &room, "Ada").await;
    join(&base, &room, "Bob").await;
    rotation(&base, &room, &facilitator, json!({"action": "start"})).await;
    let paused: Value = rotation(&base, &room, &facilitator, json!({"action": "pause"}))
        .await
        .json()
        .await
        .unwrap();
    let remaining = paused["remaining_ms"].as_u64().unwrap();
    assert!(remaining > 590_000 && remaining <= 600_000, "{remaining}");
    server.shutdown().await;

    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let state: Value = get_json(format!("{base}/api/rooms/{room}")).await;
    assert_eq!(state["rotation"]["status"], "paused");
    assert_eq!(
        state["rotation"]["remaining_ms"].as_u64().unwrap(),
        remaining,
        "paused time is exact across a restart"
    );
    assert_eq!(state["rotation"]["driver"], ada_id.as_str());
    server.shutdown().await;
}

#[tokio::test]
async fn websocket_origin_is_checked_against_the_allow_list() {
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let dir = tempfile::tempdir().unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.allowed_origins = vec!["https://dojo.example.org".into()];
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({})).await;
    let url = format!("ws://{}/rooms/{room}/sync", server.addr);
    let with_origin = |origin: &str| {
        let mut req = url.clone().into_client_request().unwrap();
        req.headers_mut().insert("origin", origin.parse().unwrap());
        req
    };
    let refused = tokio_tungstenite::connect_async(with_origin("https://evil.example.com")).await;
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 403),
        other => panic!("expected 403, got {other:?}"),
    }
    assert!(
        tokio_tungstenite::connect_async(with_origin("https://dojo.example.org"))
            .await
            .is_ok()
    );
    // Scripts without an Origin header are not browsers: allowed.
    assert!(tokio_tungstenite::connect_async(url.clone()).await.is_ok());
    server.shutdown().await;
}

#[tokio::test]
async fn participant_tokens_are_checked_on_websockets() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({})).await;
    let url = format!(
        "ws://{}/rooms/{room}/sync?token=0123456789abcdef0123456789abcdef",
        server.addr
    );
    match tokio_tungstenite::connect_async(url).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 403),
        other => panic!("expected 403, got {other:?}"),
    }
    let unknown = format!("ws://{}/rooms/{}/sync", server.addr, uuid::Uuid::new_v4());
    match tokio_tungstenite::connect_async(unknown).await {
        Err(tokio_tungstenite::tungstenite::Error::Http(resp)) => assert_eq!(resp.status(), 404),
        other => panic!("expected 404, got {other:?}"),
    }
    server.shutdown().await;
}

/// A mistyped API path is an API client's error, answered in JSON; the web client's
/// page is served only for the paths it routes itself.
#[tokio::test]
async fn unknown_api_paths_answer_404_in_json_not_the_web_page() {
    let dir = tempfile::tempdir().unwrap();
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<!doctype html><title>web</title>").unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.web_dir = web.path().to_path_buf();
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    for path in ["/api", "/api/nope", "/api/rooms/x/nothing", "/api/katas/fizzbuzz/extra"] {
        let r = http().get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(r.status(), 404, "{path}");
        let body: Value = r.json().await.expect("a JSON body");
        assert!(body["error"].as_str().unwrap().contains(path), "{path}: {body}");
    }
    // The web client's own routes still get its page.
    let page = http().get(format!("{base}/r/some-room")).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("<title>web</title>"));
    server.shutdown().await;
}
