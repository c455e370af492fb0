//! Runs through the real wasmtime sandbox: own tests (traffic lights) and
//! submissions against a kata, in a room, over HTTP and the events socket.

mod common;

use common::*;
use serde_json::{Value, json};

const PASSING_TESTS: &str = "from solution import fizzbuzz\n\ndef test_three():\n    assert fizzbuzz(3) == 'Fizz'\n\ndef test_one():\n    assert fizzbuzz(1) == '1'\n";

const GOOD_FIZZBUZZ: &str = "def fizzbuzz(n):\n    if n % 15 == 0:\n        return 'FizzBuzz'\n    if n % 3 == 0:\n        return 'Fizz'\n    if n % 5 == 0:\n        return 'Buzz'\n    return str(n)\n";

async fn run(base: &str, room: &str, token: &str, kind: &str) -> Value {
    let r = http()
        .post(format!("{base}/api/rooms/{room}/runs?wait=true"))
        .bearer_auth(token)
        .json(&json!({"kind": kind}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    r.json().await.unwrap()
}

/// Replaces a text of the room through a driver's sync connection.
async fn set_text(client: &SyncClient, name: &str, content: &str) {
    use yrs::{Text, Transact};
    let text = client.doc.get_or_insert_text(name);
    let update = {
        let mut txn = client.doc.transact_mut();
        let len = text.len(&txn);
        text.remove_range(&mut txn, 0, len);
        text.insert(&mut txn, 0, content);
        txn.encode_update_v1()
    };
    client.send_update(update);
}

#[tokio::test]
async fn red_then_green_then_submit() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({"kata": "fizzbuzz", "mode": "free"})).await;
    let (ada_id, token) = join(&base, &room, "Ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    let events = EventsClient::connect(&base, &room, Some(&token)).await;
    let watcher = EventsClient::connect(&base, &room, None).await;

    // The starter is red (its example test fails).
    let first = run(&base, &room, &token, "test").await;
    assert_eq!(first["light"], "red", "{first:#}");
    assert_eq!(first["requested_by"], ada_id.as_str());
    let failed = first["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["status"] == "failed")
        .unwrap();
    assert!(
        failed["message"].as_str().unwrap().contains("=="),
        "{failed:#}"
    );

    // Write a solution and tests: green.
    set_text(&ada, "solution", GOOD_FIZZBUZZ).await;
    set_text(&ada, "tests", PASSING_TESTS).await;
    ada.wait_until("edits stored", |_| true).await;
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    let green = run(&base, &room, &token, "test").await;
    assert_eq!(green["light"], "green", "{green:#}");
    assert_eq!(green["results"].as_array().unwrap().len(), 2);

    // Over the events socket too; everyone sees queued, started, finished.
    events.send(json!({"type": "run", "kind": "test"}));
    watcher
        .wait_for("run_queued", |e| e["type"] == "run_queued")
        .await;
    watcher
        .wait_for("run_started", |e| e["type"] == "run_started")
        .await;
    watcher
        .wait_for("run_finished", |e| {
            e["type"] == "run_finished" && e["run"]["light"] == "green"
        })
        .await;

    // Submit: sample, hidden and random cases, compared on the host.
    let submitted = run(&base, &room, &token, "submit").await;
    assert_eq!(submitted["verdict"], "passed", "{submitted:#}");
    let rows = submitted["results"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["group"] == "hidden"));
    assert!(rows.iter().any(|r| r["group"] == "random"));
    assert!(submitted["seed"].as_u64().is_some());

    // The latencies an operator watches: the runs, the edits and the commits.
    let metrics = get_text(format!("{base}/metrics")).await;
    for line in [
        "randori_run_duration_seconds_count{kind=\"submit\",kata=\"fizzbuzz\"} 1",
        "randori_run_queue_wait_seconds_count{kind=\"test\",kata=\"fizzbuzz\"} 3",
        "# TYPE randori_store_commit_seconds histogram",
        "# TYPE randori_update_to_broadcast_seconds histogram",
    ] {
        assert!(metrics.contains(line), "{line:?} missing from:\n{metrics}");
    }
    let edits = metrics
        .lines()
        .find_map(|l| l.strip_prefix("randori_update_to_broadcast_seconds_count "))
        .and_then(|n| n.trim().parse::<u64>().ok());
    assert!(edits.is_some_and(|n| n >= 2), "every stored edit is timed: {edits:?}");

    // History survives a restart.
    server.shutdown().await;
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let history: Value = get_json(format!("{base}/api/rooms/{room}/runs")).await;
    let lights: Vec<&str> = history["runs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["light"].as_str().unwrap())
        .collect();
    assert_eq!(lights, ["red", "green", "green", "green"], "{history:#}");
    server.shutdown().await;
}

#[tokio::test]
async fn failing_submission_shows_samples_but_never_hidden_expectations() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({"kata": "fizzbuzz", "mode": "free"})).await;
    let (_, token) = join(&base, &room, "Ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    set_text(&ada, "solution", "def fizzbuzz(n):\n    return str(n)\n").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let result = run(&base, &room, &token, "submit").await;
    assert_eq!(result["verdict"], "failed");
    let rows = result["results"].as_array().unwrap();
    let sample = rows
        .iter()
        .find(|r| r["group"] == "sample" && r["status"] == "failed")
        .unwrap();
    assert!(
        sample.get("expected").is_some() && sample.get("input").is_some(),
        "{sample:#}"
    );
    for hidden in rows.iter().filter(|r| r["group"] == "hidden") {
        assert!(
            hidden.get("expected").is_none() && hidden.get("input").is_none(),
            "{hidden:#}"
        );
    }
    server.shutdown().await;
}

#[tokio::test]
async fn runs_need_a_participant_token() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({})).await;
    let r = http()
        .post(format!("{base}/api/rooms/{room}/runs"))
        .json(&json!({"kind": "test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let r = http()
        .post(format!("{base}/api/rooms/{room}/runs"))
        .bearer_auth(&facilitator)
        .json(&json!({"kind": "test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let (_, token) = join(&base, &room, "Ada").await;
    let r = http()
        .post(format!("{base}/api/rooms/{room}/runs"))
        .bearer_auth(&token)
        .json(&json!({"kind": "submit"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 409, "no kata to submit to");
    server.shutdown().await;
}

const ENDLESS: &str = "def fizzbuzz(n):\n    while True:\n        pass\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_queue_answers_busy_at_once_and_other_rooms_keep_editing() {
    let dir = tempfile::tempdir().unwrap();
    let mut config = randori::app::config::ServeConfig::for_tests(dir.path().to_path_buf());
    config.workers = Some(1);
    config.queue_capacity = 1;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({"kata": "fizzbuzz", "mode": "free"})).await;
    let (_, token) = join(&base, &room, "Ada").await;
    let ada = SyncClient::connect(&base, &room, Some(&token)).await;
    set_text(&ada, "solution", ENDLESS).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let submit = || {
        http()
            .post(format!("{base}/api/rooms/{room}/runs"))
            .bearer_auth(&token)
            .json(&json!({"kind": "submit"}))
            .send()
    };
    // One runs, one waits (told its place), the next is refused at once.
    let first = submit().await.unwrap();
    assert_eq!(first.status(), 202);
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let r = submit().await.unwrap();
        let status = r.status().as_u16();
        let body: Value = r.json().await.unwrap();
        if status == 202 {
            assert!(body["queue_position"].as_u64().unwrap() >= 1);
        } else {
            assert!(body["error"].as_str().unwrap().contains("busy"), "{body}");
        }
        statuses.push(status);
    }
    assert!(statuses.contains(&429), "{statuses:?}");

    // Meanwhile another room edits as usual.
    let (other, _) = create_room(&base, json!({"mode": "free"})).await;
    let (_, t1) = join(&base, &other, "Bob").await;
    let (_, t2) = join(&base, &other, "Cy").await;
    let bob = SyncClient::connect(&base, &other, Some(&t1)).await;
    let cy = SyncClient::connect(&base, &other, Some(&t2)).await;
    for i in 0..20 {
        bob.type_at(0, &format!("{i} "));
    }
    cy.wait_for_text(|t| t.starts_with("19 18 ")).await;

    // The endless solution ends as timed out, not forever.
    let history = loop {
        let h: Value = get_json(format!("{base}/api/rooms/{room}/runs")).await;
        if !h["runs"].as_array().unwrap().is_empty() {
            break h;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    };
    assert_eq!(history["runs"][0]["verdict"], "timed_out");
    server.shutdown().await;
}

#[tokio::test]
async fn tests_run_when_a_turn_ends_as_the_outgoing_drivers_light() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let body = json!({"kata": "fizzbuzz", "turn_seconds": 10, "test_at_turn_end": true});
    let (room, facilitator) = create_room(&base, body).await;
    let (ada, ada_token) = join(&base, &room, "Ada").await;
    let (bob, bob_token) = join(&base, &room, "Bob").await;
    let events = EventsClient::connect(&base, &room, Some(&ada_token)).await;
    let _bob = EventsClient::connect(&base, &room, Some(&bob_token)).await;
    let started = rotation(&base, &room, &facilitator, json!({"action": "start"})).await;
    assert_eq!(started.status(), 200);
    // Nobody asks for a run: the turn's end does (10 s), credited to Ada's turn 1.
    let finished = events
        .wait_for("the turn-end run", |e| e["type"] == "run_finished")
        .await;
    let run = &finished["run"];
    assert_eq!(run["kind"], "test", "{run:#}");
    assert_eq!(run["driver"], ada.as_str(), "{run:#}");
    assert_eq!(run["turn"], 1, "{run:#}");
    assert_eq!(run["light"], "red", "the starter's own test fails: {run:#}");
    let view = get_json(format!("{base}/api/rooms/{room}")).await;
    assert_eq!(view["rotation"]["driver"], bob.as_str(), "{view:#}");
    assert_eq!(view["settings"]["test_at_turn_end"], true, "{view:#}");
}
