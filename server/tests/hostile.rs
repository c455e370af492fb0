//! Hostile solutions (tests/hostile/*.py) against the real sandbox: each must end in
//! the verdict named on its first line (`# expect: a|b`) within its budget, and a
//! runaway case must cost only itself and the cases after it.

mod common;

use std::sync::Arc;

use randori::judge::{self, Job};
use randori::kata::Kata;
use randori::sandbox::Sandbox;
use randori::verdict::Status;

fn status_name(s: Status) -> String {
    serde_json::to_value(s).unwrap().as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hostile_solution_gets_its_verdict() {
    let root = common::repo_root();
    let sandbox = Sandbox::load(&root.join("build/runner.wasm"), &root.join("target/randori-cache"), 8).expect("sandbox loads");
    let kata = Arc::new(Kata::load(&root.join("katas/fizzbuzz")).expect("fizzbuzz loads"));
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/hostile")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 30, "at least 30 hostile solutions");
    let mut wrong = Vec::new();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let expected: Vec<&str> = source
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# expect: "))
            .expect("first line names the expected verdict")
            .split('|')
            .collect();
        let started = std::time::Instant::now();
        let judged = judge::run(
            &sandbox,
            &Job::Submit {
                solution: source.clone(),
                kata: kata.clone(),
                language: "python".into(),
                seed: 7,
                random_count: Some(5),
            },
        )
        .await;
        let got = status_name(judged.outcome.verdict);
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        println!("{name:<40} {got:<14} {:>6} ms  {}", started.elapsed().as_millis(), judged.outcome.summary);
        if !expected.contains(&got.as_str()) {
            wrong.push(format!("{name}: expected {expected:?}, got {got}: {:?}", judged.rows.first()));
        }
        // Nothing a solution does turns into our fault.
        assert!(judged.rows.iter().all(|r| r.status != Status::InternalError), "{name}: {:?}", judged.rows);
        // A runaway case stops the instance: the cases after it are reported, not lost.
        if got == "timed_out" && judged.rows.len() > 1 {
            let first_bad = judged.rows.iter().position(|r| r.status == Status::TimedOut).unwrap();
            assert!(judged.rows[first_bad + 1..].iter().all(|r| r.status == Status::NotRun), "{name}");
        }
    }
    assert!(wrong.is_empty(), "wrong verdicts:\n{}", wrong.join("\n"));
}
