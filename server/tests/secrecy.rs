//! Hidden cases, generators and reference solutions never leave the server: record
//! every byte the server sends over HTTP and websockets during full sessions on
//! every kata, and look for them.

mod common;

use std::time::Duration;

use common::*;
use randori::katas::Catalogue;
use randori_core::kata::spec::{CaseInput, Expected};
use serde_json::{Value, json};

/// Distinctive secrets of a kata: hidden expected values (their names are shown on
/// purpose: a failing hidden case says which one failed), reference and
/// generator lines, that do not also appear in what the kata shows publicly.
fn secrets(kata: &randori::katas::Kata) -> Vec<String> {
    // Compare without whitespace: `["O", "OOOO"]` in a starter is `["O","OOOO"]` as JSON.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let public = squeeze(&serde_json::to_string(&kata.public_view()).unwrap().replace("\\\"", "\""));
    let mut found = Vec::new();
    let mut add = |s: String| {
        if s.len() >= 6 && !public.contains(&squeeze(&s)) {
            found.push(s);
        }
    };
    for case in &kata.hidden {
        if let Expected::Value(v) = &case.expected {
            add(serde_json::to_string(v).unwrap());
        }
        if let CaseInput::Class { calls, .. } = &case.input {
            for e in calls.iter().filter_map(|c| c.expected.as_ref()) {
                add(serde_json::to_string(e).unwrap());
            }
        }
    }
    let starter = &kata.starters["python"].solution;
    for source in [&kata.references["python"], &kata.generator] {
        for line in source
            .lines()
            .map(str::trim)
            .filter(|l| l.len() >= 20 && !starter.contains(*l))
        {
            add(line.to_string());
        }
    }
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_secret_is_ever_sent() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let catalogue = Catalogue::load(&repo_root().join("katas"));
    let mut sent = String::new();
    let get = async |path: String| get_text(format!("{base}{path}")).await;
    sent += &get("/api/katas".into()).await;
    let mut shown = Vec::new();
    for kata in catalogue.all() {
        sent += &get(format!("/api/katas/{}", kata.slug)).await;
        let (room, _) = create_room(&base, json!({"kata": kata.slug, "mode": "free"})).await;
        let (_, token) = join(&base, &room, "Ada").await;
        let sync = SyncClient::connect(&base, &room, Some(&token)).await;
        let events = EventsClient::connect(&base, &room, Some(&token)).await;
        let watcher = SyncClient::connect(&base, &room, None).await;
        // The starter's own tests, then a submission of the starter (fails, showing
        // every kind of failing row), over both the socket and HTTP.
        events.send(json!({"type": "run", "kind": "test"}));
        events.send(json!({"type": "run", "kind": "submit"}));
        for kind in ["test", "submit"] {
            let r = http()
                .post(format!("{base}/api/rooms/{room}/runs?wait=true"))
                .bearer_auth(&token)
                .json(&json!({"kind": kind}))
                .send()
                .await
                .unwrap();
            sent += &r.text().await.unwrap();
        }
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while events
            .events
            .lock()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "run_finished")
            .count()
            < 4
        {
            assert!(
                tokio::time::Instant::now() < deadline,
                "runs did not finish"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        sent += &get(format!("/api/rooms/{room}")).await;
        let history = get(format!("/api/rooms/{room}/runs")).await;
        let runs: Value = serde_json::from_str(&history).unwrap();
        assert!(
            runs["runs"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r["kind"] == "submit")
        );
        sent += &history;
        for e in events.events.lock().unwrap().iter() {
            sent += &e.to_string();
        }
        for client in [&sync, &watcher] {
            sent += &String::from_utf8_lossy(&client.seen.lock().unwrap().raw);
        }
        // Sample and random cases show their inputs and expected values on failure, by
        // design, and every row shows its name; a hidden value that one of them
        // happened to share (in any kata: a random game-of-life board can equal a
        // minesweeper answer, a roman-numerals case named "forty" a number-names
        // answer) is not a leak.
        let rows: Vec<Value> = runs["runs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|r| r["results"].as_array().cloned().unwrap_or_default())
            .collect();
        shown.extend(
            rows.iter()
                .filter(|row| row["group"] == "random" || row["group"] == "sample")
                .map(|row| row.to_string()),
        );
        shown.extend(rows.iter().map(|row| row["name"].to_string()));
    }
    // Every kata's secrets against everything sent in every session.
    let shown = shown.concat();
    let mut checked = 0;
    for kata in catalogue.all() {
        for secret in secrets(kata)
            .into_iter()
            .filter(|s| !shown.contains(s.as_str()))
        {
            if let Some(at) = sent.find(&secret) {
                let from = sent.floor_char_boundary(at.saturating_sub(300));
                let to = sent.ceil_char_boundary((at + secret.len() + 300).min(sent.len()));
                panic!(
                    "{}: secret sent to a client: {secret}\n  in: ...{}...",
                    kata.slug,
                    &sent[from..to]
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 200, "only {checked} secrets were checked");
    println!(
        "checked {checked} secrets against {} bytes sent",
        sent.len()
    );
    server.shutdown().await;
}
