//! Warm oracles (a kata's generator and reference kept loaded by a worker) against
//! the real sandbox: they must give exactly what a fresh instance gives, never serve
//! an edited kata from a stale instance, and be dropped once they fail.

mod common;

use std::path::Path;
use std::sync::Arc;

use randori::katas::Kata;
use randori_core::kata::spec::Expected;
use randori::runs::oracle::Oracles;
use serde_json::json;

fn kata(dir: &Path) -> Arc<Kata> {
    Arc::new(Kata::load(dir).expect("kata loads"))
}

/// FizzBuzz as a reload with `reference` as its reference would load it.
fn fizzbuzz_with(reference: &str) -> Arc<Kata> {
    let mut k = Kata::load(&common::repo_root().join("katas/fizzbuzz")).unwrap();
    k.references.insert("python".into(), reference.into());
    Arc::new(k)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warm_oracles_give_what_fresh_ones_give() {
    let sandbox = common::sandbox(8);
    let mut warm = Oracles::new(2);
    for slug in ["minesweeper", "bowling-game", "game-of-life"] {
        let k = kata(&common::repo_root().join("katas").join(slug));
        for seed in [1, 2, 3] {
            let fresh = Oracles::new(0)
                .random_cases(&sandbox, &k, seed, 10)
                .await
                .unwrap();
            let reused = warm
                .random_cases(&sandbox, &k, seed, 10)
                .await
                .unwrap();
            assert_eq!(fresh.len(), 10);
            assert_eq!(fresh, reused, "{slug}, seed {seed}");
        }
        assert!(warm.len() <= 2, "keeps at most its capacity");
    }
    assert_eq!(warm.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_kata_is_never_served_from_a_stale_oracle() {
    let sandbox = common::sandbox(8);
    let mut warm = Oracles::new(2);
    let original = std::fs::read_to_string(
        common::repo_root().join("katas/fizzbuzz/reference/python/solution.py"),
    )
    .unwrap();
    let before = fizzbuzz_with(&original);
    let after = fizzbuzz_with("def fizzbuzz(n):\n    return 'edited'\n");
    let old = warm
        .random_cases(&sandbox, &before, 5, 5)
        .await
        .unwrap();
    assert!(
        old.iter()
            .all(|c| c.expected != Expected::Value(json!("edited")))
    );
    let new = warm
        .random_cases(&sandbox, &after, 5, 5)
        .await
        .unwrap();
    assert!(
        new.iter()
            .all(|c| c.expected == Expected::Value(json!("edited"))),
        "the reloaded reference answers"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_oracle_is_dropped_and_says_why() {
    let sandbox = common::sandbox(8);
    let mut warm = Oracles::new(2);
    // Fails on the second call into the same instance: a warm oracle would carry
    // the broken state on if it were kept.
    let k = fizzbuzz_with(
        "calls = []\n\ndef fizzbuzz(n):\n    calls.append(n)\n    if len(calls) > 3:\n        raise RuntimeError('worn out')\n    return str(n)\n",
    );
    let err = warm
        .random_cases(&sandbox, &k, 9, 5)
        .await
        .unwrap_err();
    assert!(
        err.contains("the Python reference raised on random case 4 (seed 9): RuntimeError: worn out"),
        "{err}"
    );
    assert!(err.contains("worn out"), "{err}");
    assert!(warm.is_empty(), "a failed oracle is not kept");
    // A fresh one starts over.
    assert_eq!(
        warm.random_cases(&sandbox, &k, 9, 2)
            .await
            .unwrap()
            .len(),
        2
    );
}

fn submit(kata: &Arc<Kata>, solution: &str) -> randori::runs::judge::Job {
    randori::runs::judge::Job::Submit {
        solution: solution.into(),
        kata: kata.clone(),
        language: randori_core::kata::language::Language::Python,
        seed: 11,
        random_count: None,
        audience: randori::runs::judge::Audience::Participants,
    }
}

/// Through a worker's oracle thread: a broken reference is Randori's fault, reported
/// as such; a solution that does not load leaves its random cases unclaimed, and the
/// next submission still gets exactly its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_oracle_thread_serves_submissions_in_turn() {
    use randori::runs::judge;
    use randori::runs::oracle::OracleThread;
    use randori_core::verdict::RowStatus;
    let sandbox = Arc::new(common::sandbox(8));
    let oracle = OracleThread::start(sandbox.clone(), 2, "oracle".into()).unwrap();
    let good = kata(&common::repo_root().join("katas/fizzbuzz"));
    let reference = good.references["python"].clone();

    let broken = fizzbuzz_with("def fizzbuzz(n):\n    raise ValueError('no')\n");
    let judged = judge::run_with(&sandbox, &oracle, &submit(&broken, &reference)).await;
    assert_eq!(judged.outcome.verdict, RowStatus::InternalError);
    // Participants read that the kata failed, never its code's error; the author's
    // tools (and the server log) get the details.
    let why = judged.rows[0].message.clone().unwrap_or_default();
    assert!(why.contains("the kata's generator or reference failed"), "{why}");
    assert!(!why.contains("ValueError"), "{why}");
    let details = judged.kata_trouble.clone().unwrap_or_default();
    assert!(details.contains("raised on random case 1"), "{details}");
    assert!(details.contains("ValueError: no"), "{details}");

    let judged = judge::run_with(&sandbox, &oracle, &submit(&good, "def fizzbuzz(:\n")).await;
    assert_eq!(
        judged.outcome.verdict,
        RowStatus::Error,
        "a syntax error is the solution's"
    );
    for _ in 0..3 {
        let judged = judge::run_with(&sandbox, &oracle, &submit(&good, &reference)).await;
        assert_eq!(
            judged.outcome.verdict,
            RowStatus::Passed,
            "{:?}",
            judged.outcome
        );
        let random: Vec<_> = judged
            .rows
            .iter()
            .filter(|r| r.name.starts_with("random "))
            .collect();
        assert_eq!(random.len(), good.spec.random.count as usize);
        assert!(random.iter().all(|r| r.name.ends_with("(seed 11)")));
    }
}
