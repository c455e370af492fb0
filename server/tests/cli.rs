//! The command-line tools, run as a user would: the real `randori` binary.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{binary, repo_root};

fn randori(args: &[&str], katas_dir: &Path) -> Output {
    let root = repo_root();
    Command::new(binary())
        .args(args)
        .env("RANDORI_KATAS_DIR", katas_dir)
        .env("RANDORI_GUEST_WASM", root.join("build/runner.wasm"))
        .env("RANDORI_CACHE_DIR", root.join("target/randori-cache"))
        .output()
        .expect("randori runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn kata_new_then_check_explains_what_is_left_then_passes() {
    let tmp = tempfile::tempdir().unwrap();
    let made = randori(&["kata", "new", "count-up"], tmp.path());
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let checked = randori(&["kata", "check", "count-up"], tmp.path());
    assert!(!checked.status.success());
    let out = stdout(&checked);
    assert!(out.contains("FAIL count-up"), "{out}");
    assert!(
        out.contains("README.md:3: still to do: write the statement"),
        "{out}"
    );
    // Finish it: remove the markers; check passes.
    for entry in walk(&tmp.path().join("count-up")) {
        let text = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(&entry, text.replace("TODO(author)", "done")).unwrap();
    }
    let checked = randori(&["kata", "check", "count-up"], tmp.path());
    assert!(checked.status.success(), "{}", stdout(&checked));
    // A wrong reference (or a wrong expected value) is caught, naming the case,
    // where it is written, both values, and that either side may be wrong.
    let reference = tmp.path().join("count-up/reference/python/solution.py");
    std::fs::write(&reference, "def solve(n):\n    return n + 1\n").unwrap();
    let checked = randori(&["kata", "check", "count-up"], tmp.path());
    assert!(!checked.status.success());
    let out = stdout(&checked);
    for part in [
        "reference/python/solution.py fails case \"one\" (cases/sample.json:2)",
        "expected: 1",
        "actual:   2",
        "either the reference or the expected value may be wrong",
    ] {
        assert!(out.contains(part), "{part:?} missing from:\n{out}");
    }
    // A generator that raises is said plainly, once, with where and why.
    std::fs::write(&reference, "def solve(n):\n    return n\n").unwrap();
    let generator = tmp.path().join("count-up/generator.py");
    std::fs::write(
        &generator,
        "def generate(seed, count):\n    return [{\"args\": [1 // (i - 3)]} for i in range(count)]\n",
    )
    .unwrap();
    let out = stdout(&randori(&["kata", "check", "count-up"], tmp.path()));
    assert!(out.contains("generator.py raised in generate("), "{out}");
    assert!(out.contains("ZeroDivisionError"), "{out}");
    assert!(out.contains("line 2"), "{out}");
    assert!(!out.contains("not your code's fault"), "{out}");
    assert_eq!(out.matches("ZeroDivisionError").count(), 1, "{out}");
    // A broken kata.toml names its file and line, every problem in one run.
    let toml = tmp.path().join("count-up/kata.toml");
    let good = std::fs::read_to_string(&toml).unwrap();
    let languages = 1 + good.lines().position(|l| l.starts_with("languages")).unwrap();
    std::fs::write(
        &toml,
        good.replace("title = \"Count Up\"", "title = \" \"")
            .replace("languages = [\"python\"]", "languages = [\"cobol\", \"python\"]"),
    )
    .unwrap();
    let out = stdout(&randori(&["kata", "check"], tmp.path()));
    let cobol = format!("kata.toml:{languages}: language \"cobol\"");
    for part in ["kata.toml:1: title", cobol.as_str()] {
        assert!(out.contains(part), "{part:?} missing from:\n{out}");
    }
    std::fs::write(
        tmp.path().join("count-up/kata.toml"),
        "title = \"x\"\nsummary = \"y\"\ndifficulty = \"extreme\"\n",
    )
    .unwrap();
    let checked = randori(&["kata", "check"], tmp.path());
    assert!(
        stdout(&checked).contains("kata.toml:3:"),
        "{}",
        stdout(&checked)
    );
}

#[test]
fn kata_check_catches_generators_that_are_not_deterministic() {
    let tmp = tempfile::tempdir().unwrap();
    assert!(
        randori(&["kata", "new", "count-up"], tmp.path())
            .status
            .success()
    );
    let dir = tmp.path().join("count-up");
    for entry in walk(&dir) {
        let text = std::fs::read_to_string(&entry).unwrap();
        std::fs::write(&entry, text.replace("TODO(author)", "done")).unwrap();
    }
    let generator = dir.join("generator.py");
    // The global random: different inputs in every fresh instance.
    std::fs::write(
        &generator,
        "import random\n\ndef generate(seed, count):\n    return [{\"args\": [random.randint(0, 10**9)]} for _ in range(count)]\n",
    )
    .unwrap();
    let out = stdout(&randori(&["kata", "check", "count-up"], tmp.path()));
    assert!(
        out.contains("generator.py gives different inputs for the same seed"),
        "{out}"
    );
    // State kept between calls: right when fresh, wrong when a worker reuses it.
    std::fs::write(
        &generator,
        "import random\n\nCALLS = [0]\n\ndef generate(seed, count):\n    CALLS[0] += 1\n    rng = random.Random(seed + CALLS[0])\n    return [{\"args\": [rng.randint(0, 1000)]} for _ in range(count)]\n",
    )
    .unwrap();
    let out = stdout(&randori(&["kata", "check", "count-up"], tmp.path()));
    assert!(out.contains("called twice in one instance"), "{out}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files.extend(walk(&p));
        } else {
            files.push(p);
        }
    }
    files
}

#[test]
fn submit_reproduces_a_random_failure_by_its_seed() {
    let tmp = tempfile::tempdir().unwrap();
    // Wrong only for large multiples of 15: samples pass, random cases catch it.
    let solution = tmp.path().join("solution.py");
    std::fs::write(
        &solution,
        "def fizzbuzz(n):\n    if n % 15 == 0:\n        return 'FizzBuzz' if n < 100 else 'Fizz'\n    if n % 3 == 0:\n        return 'Fizz'\n    if n % 5 == 0:\n        return 'Buzz'\n    return str(n)\n",
    )
    .unwrap();
    let katas = repo_root().join("katas");
    let args = [
        "kata",
        "submit",
        "fizzbuzz",
        "--solution",
        solution.to_str().unwrap(),
        "--json",
        "--seed",
        "4242",
    ];
    let first = randori(&args, &katas);
    let second = randori(&args, &katas);
    assert!(!first.status.success());
    let a: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    let b: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert_eq!(a["seed"], 4242);
    let failing = |v: &serde_json::Value| -> Vec<serde_json::Value> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["group"] == "random" && r["status"] == "failed")
            .cloned()
            .collect()
    };
    assert!(!failing(&a).is_empty(), "the random cases catch the bug");
    assert_eq!(
        failing(&a),
        failing(&b),
        "same seed, same failures, same inputs"
    );
    let row = &failing(&a)[0];
    assert!(
        row.get("input").is_some() && row.get("expected").is_some() && row.get("actual").is_some()
    );
}

#[test]
fn test_command_gives_traffic_lights() {
    let tmp = tempfile::tempdir().unwrap();
    let solution = tmp.path().join("solution.py");
    let tests = tmp.path().join("test_solution.py");
    std::fs::write(&solution, "def add(a, b):\n    return a + b\n").unwrap();
    std::fs::write(&tests, "import unittest\nfrom solution import add\n\ndef test_add():\n    assert add(1, 2) == 3\n\nclass AddTest(unittest.TestCase):\n    def test_zero(self):\n        self.assertEqual(add(0, 0), 0)\n").unwrap();
    let args = [
        "test",
        "--solution",
        solution.to_str().unwrap(),
        "--tests",
        tests.to_str().unwrap(),
    ];
    let green = randori(&args, tmp.path());
    assert!(green.status.success(), "{}", stdout(&green));
    assert!(
        stdout(&green).contains("GREEN: 2 passed, 0 failed"),
        "{}",
        stdout(&green)
    );

    std::fs::write(&solution, "def add(a, b):\n    return a - b\n").unwrap();
    let red = randori(&args, tmp.path());
    assert!(!red.status.success());
    let out = stdout(&red);
    assert!(out.contains("RED"), "{out}");
    assert!(
        out.contains("assert -1 == 3"),
        "compared values are shown: {out}"
    );

    std::fs::write(&solution, "def add(a, b)\n    return a - b\n").unwrap();
    let amber = randori(&args, tmp.path());
    let out = stdout(&amber);
    assert!(out.contains("AMBER: the tests did not run"), "{out}");
    assert!(
        out.contains("SyntaxError") && out.contains("line 1"),
        "{out}"
    );
}
