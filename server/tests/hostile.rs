//! Hostile solutions (tests/hostile/*.py and *.js) against the real sandbox: each
//! must end in the verdict named on its first line (`# expect: a|b` in Python,
//! `// expect: a|b` in JavaScript) within its budget, and a runaway case must cost
//! only itself and the cases after it.

mod common;

use std::sync::Arc;

use randori::runs::judge::{self, Job};
use randori::katas::Kata;
use randori::runs::oracle::OracleThread;
use randori_core::kata::language::Language;
use randori_core::verdict::RowStatus;

fn status_name(s: RowStatus) -> String {
    serde_json::to_value(s)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_solution_gets_its_verdict() {
    let root = common::repo_root();
    let sandbox = Arc::new(common::sandbox(8));
    // As in a worker: one oracle thread, its warm oracle serving every hostile submission.
    let oracle = OracleThread::start(sandbox.clone(), 1, "oracle".into()).unwrap();
    let kata = Arc::new(Kata::load(&root.join("katas/fizzbuzz")).expect("fizzbuzz loads"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/hostile"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let of = |ext: &str| files.iter().filter(|p| p.extension().is_some_and(|e| e == ext)).count();
    assert!(of("py") >= 30, "at least 30 hostile Python solutions");
    assert!(of("js") >= 15, "at least 15 hostile JavaScript solutions");
    let mut wrong = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let (language, marker) = match path.extension().and_then(|e| e.to_str()) {
            Some("js") => (Language::Javascript, "// expect: "),
            _ => (Language::Python, "# expect: "),
        };
        let expected: Vec<&str> = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix(marker))
            .expect("first line names the expected verdict")
            .split('|')
            .collect();
        let started = std::time::Instant::now();
        let judged = judge::run_with(
            &sandbox,
            &oracle,
            &Job::Submit {
                solution: source.clone(),
                kata: kata.clone(),
                language,
                seed: 7,
                random_count: Some(5),
                audience: randori::runs::judge::Audience::Participants,
            },
        )
        .await;
        let got = status_name(judged.outcome.verdict);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        println!(
            "{name:<40} {got:<14} {:>6} ms  {}",
            started.elapsed().as_millis(),
            judged.outcome.summary
        );
        if !expected.contains(&got.as_str()) {
            wrong.push(format!(
                "{name}: expected {expected:?}, got {got}: {:?}",
                judged.rows.first()
            ));
        }
        // Nothing a solution does turns into our fault.
        assert!(
            judged
                .rows
                .iter()
                .all(|r| r.status != RowStatus::InternalError),
            "{name}: {:?}",
            judged.rows
        );
        // A runaway case stops the instance: the cases after it are reported, not lost.
        if got == "timed_out" && judged.rows.len() > 1 {
            let first_bad = judged
                .rows
                .iter()
                .position(|r| r.status == RowStatus::TimedOut)
                .unwrap();
            assert!(
                judged.rows[first_bad + 1..]
                    .iter()
                    .all(|r| r.status == RowStatus::NotRun),
                "{name}"
            );
        }
    }
    assert!(wrong.is_empty(), "wrong verdicts:\n{}", wrong.join("\n"));
}

/// Edit-to-peer latencies (ms) of `n` edits in a room, one edit every 20 ms.
async fn edit_latencies(
    writer: &common::SyncClient,
    reader: &common::SyncClient,
    n: usize,
) -> Vec<f64> {
    let mut latencies = Vec::with_capacity(n);
    for i in 0..n {
        let marker = format!("<{i}>");
        let started = std::time::Instant::now();
        writer.type_at(0, &marker);
        reader.wait_for_text(|t| t.starts_with(&marker)).await;
        latencies.push(started.elapsed().as_secs_f64() * 1000.0);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    latencies.sort_by(|a, b| a.partial_cmp(b).unwrap());
    latencies
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// Reports (does not assert: machines are noisy) how a room's editing latency holds
/// up while hostile solutions saturate the sandbox workers in another room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_stays_responsive_while_hostile_code_runs() {
    use common::*;
    use serde_json::json;
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let (_, t1) = join(&base, &room, "Ada").await;
    let (_, t2) = join(&base, &room, "Bob").await;
    let ada = SyncClient::connect(&base, &room, Some(&t1)).await;
    let bob = SyncClient::connect(&base, &room, Some(&t2)).await;
    let quiet = edit_latencies(&ada, &bob, 100).await;

    // Another room submits looping, memory-hungry and sleeping solutions non-stop.
    let (busy, _) = create_room(&base, json!({"kata": "fizzbuzz", "mode": "free"})).await;
    let (_, token) = join(&base, &busy, "Eve").await;
    let eve = SyncClient::connect(&base, &busy, Some(&token)).await;
    let hostile =
        std::fs::read_to_string(repo_root().join("tests/hostile/09-memory-growth-loop.py"))
            .unwrap()
            + "\n\ndef fizzbuzz(n):\n    while True:\n        pass\n";
    {
        use yrs::{Text, Transact};
        let text = eve.doc.get_or_insert_text("solution");
        let mut txn = eve.doc.transact_mut();
        let len = text.len(&txn);
        text.remove_range(&mut txn, 0, len);
        text.insert(&mut txn, 0, &hostile);
        let update = txn.encode_update_v1();
        drop(txn);
        eve.send_update(update);
    }
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let submitter = {
        let (base, busy, token, stop) = (base.clone(), busy.clone(), token.clone(), stop.clone());
        tokio::spawn(async move {
            let mut runs = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let r = http()
                    .post(format!("{base}/api/rooms/{busy}/runs?wait=true"))
                    .bearer_auth(&token)
                    .json(&json!({"kind": "submit"}))
                    .send()
                    .await
                    .unwrap();
                if r.status() == 200 {
                    runs += 1;
                }
            }
            runs
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let loaded = edit_latencies(&ada, &bob, 100).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let runs = submitter.await.unwrap();
    println!(
        "edit latency quiet:   p50 {:.2} ms  p99 {:.2} ms\nedit latency hostile: p50 {:.2} ms  p99 {:.2} ms  ({runs} hostile submissions finished meanwhile)",
        percentile(&quiet, 0.5),
        percentile(&quiet, 0.99),
        percentile(&loaded, 0.5),
        percentile(&loaded, 0.99),
    );
    assert!(runs >= 1, "the hostile submissions ran");
    server.shutdown().await;
}
