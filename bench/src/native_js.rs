//! The JavaScript side of the sandbox part: each kata's JavaScript reference as a
//! room's solution, and the jobs a fresh `node` per submission runs
//! (bench/native/harness.mjs). Node cannot run the kata's Python generator and
//! oracle, so each kata gets a pool of ready case lists (sample, hidden and random
//! cases with their expected values) computed once by bench/native/harness.py before
//! anything is timed; every native run takes one.

use anyhow::{Context, Result, bail};
use randori_core::kata::language::Language;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

use crate::Config;
use crate::sandbox::{KataJob, real_python};

/// Case lists (random seeds) per kata for the native JavaScript runs.
const POOL: u64 = 8;

pub async fn load_katas(cfg: &Config, python: &[KataJob]) -> Result<Vec<KataJob>> {
    let interpreter = real_python(&cfg.python)?;
    let harness = cfg.repo.join("bench/native/harness.py");
    let js = Language::Javascript;
    let mut out = Vec::new();
    for kata in python {
        let path = cfg.katas.join(&kata.slug).join("reference/javascript/solution.js");
        let Ok(reference) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut pool = Vec::new();
        for seed in 0..POOL {
            let mut job = kata.template.clone();
            job["seed"] = json!(seed);
            job["emit_cases"] = json!(true);
            let cases = emit(&interpreter, &harness, &job).await.with_context(|| kata.slug.clone())?;
            pool.push(Value::Array(cases.into_iter().map(|c| camel_calls(c, js)).collect()));
        }
        let template = json!({
            "entry": camel_entry(&kata.template["entry"], js),
            "compare": kata.template["compare"],
            "solution": reference,
            "pool": pool,
        });
        out.push(KataJob {
            slug: kata.slug.clone(),
            language: js.name(),
            reference,
            template,
        });
    }
    Ok(out)
}

/// The cases harness.py would run for `job`, with their expected values.
async fn emit(python: &std::path::Path, harness: &std::path::Path, job: &Value) -> Result<Vec<Value>> {
    let mut child = tokio::process::Command::new(python)
        .args(["-I", "-S"])
        .arg(harness)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().context("stdin")?;
    stdin.write_all(&serde_json::to_vec(job)?).await?;
    drop(stdin);
    let out = child.wait_with_output().await?;
    if !out.status.success() {
        bail!("harness.py: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(serde_json::from_slice(&out.stdout)?)
}

/// The entry with its function name as JavaScript spells it (class names stay).
fn camel_entry(entry: &Value, language: Language) -> Value {
    let mut e = entry.clone();
    if let Some(f) = entry["function"].as_str() {
        e["function"] = json!(language.entry_name(f));
    }
    e
}

/// A class case's method names as JavaScript spells them.
fn camel_calls(mut case: Value, language: Language) -> Value {
    if let Some(calls) = case.get_mut("calls").and_then(Value::as_array_mut) {
        for call in calls {
            if let Some(m) = call.get(0).and_then(Value::as_str).map(|m| language.entry_name(m)) {
                call[0] = json!(m);
            }
        }
    }
    case
}
