//! Runs one job in the sandbox: a pair's own test suite, or a submission against a
//! kata. Calls the guest once per test or case, so a runaway costs only itself and
//! the ones after it (reported as not run); everything computed before is kept.
//!
//! For a submission, the generator and the reference run in their own instance; the
//! solution's instance only ever receives inputs, and the host compares.

use std::time::Duration;

use serde_json::{Value, json};

use crate::kata::Kata;
use crate::kata::spec::{Call, Case, CaseInput, Entry, Expected, parse_case};
use crate::sandbox::{Instance, Sandbox};
use crate::verdict::{self, CallOutcome, Group, Outcome, ResultRow, RunKind, Status};

/// Budget for loading a module (its top-level code).
pub const LOAD_BUDGET: Duration = Duration::from_secs(2);

/// Budget per own test when the room has no kata (a kata sets its own case budget).
pub const DEFAULT_TEST_BUDGET: Duration = Duration::from_secs(2);

/// Memory for a free-practice room's runs.
pub const DEFAULT_MEMORY_MB: u64 = 64;

/// Memory for the generator and reference: trusted code, but bounded all the same.
const REFERENCE_MEMORY_MB: u64 = 128;

/// Budget for the generator to produce all random inputs.
const GENERATOR_BUDGET: Duration = Duration::from_secs(5);

/// Most own tests run per request.
const MAX_TESTS: usize = 500;

/// What to run.
#[derive(Debug, Clone)]
pub enum Job {
    Tests {
        solution: String,
        tests: String,
        per_test: Duration,
        memory_mb: u64,
    },
    Submit {
        solution: String,
        kata: std::sync::Arc<Kata>,
        language: String,
        seed: u64,
        /// Random cases to run; `None` uses the kata's count.
        random_count: Option<u32>,
    },
}

impl Job {
    pub fn kind(&self) -> RunKind {
        match self {
            Job::Tests { .. } => RunKind::Test,
            Job::Submit { .. } => RunKind::Submit,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Judged {
    pub rows: Vec<ResultRow>,
    pub outcome: Outcome,
}

pub async fn run(sandbox: &Sandbox, job: &Job) -> Judged {
    match job {
        Job::Tests {
            solution,
            tests,
            per_test,
            memory_mb,
        } => run_tests(sandbox, solution, tests, *per_test, *memory_mb).await,
        Job::Submit {
            solution,
            kata,
            language,
            seed,
            random_count,
        } => run_submission(sandbox, solution, kata, language, *seed, *random_count).await,
    }
}

fn internal(kind: RunKind, what: &str, why: String) -> Judged {
    let rows = vec![verdict::judge_test(what, &CallOutcome::Internal(why))];
    let outcome = verdict::summarize(kind, &rows, false);
    Judged { rows, outcome }
}

fn failed_to_load(kind: RunKind, row: ResultRow) -> Judged {
    let rows = vec![row];
    let outcome = verdict::summarize(kind, &rows, false);
    Judged { rows, outcome }
}

async fn run_tests(
    sandbox: &Sandbox,
    solution: &str,
    tests: &str,
    per_test: Duration,
    memory_mb: u64,
) -> Judged {
    let kind = RunKind::Test;
    let mut instance = match sandbox.instantiate(memory_mb).await {
        Ok(i) => i,
        Err(e) => return internal(kind, "sandbox", e),
    };
    for (module, file, source) in [
        ("solution", "solution.py", solution),
        ("test_solution", "test_solution.py", tests),
    ] {
        let outcome = instance.load(module, source, LOAD_BUDGET).await;
        if let Some(row) = verdict::judge_load(file, &outcome) {
            return failed_to_load(kind, row);
        }
    }
    let names = match instance.list_tests(LOAD_BUDGET).await {
        CallOutcome::Replied(text) => match parse_names(&text) {
            Some(n) => n,
            None => {
                return failed_to_load(
                    kind,
                    verdict::judge_load("test_solution.py", &CallOutcome::Replied("{}".into()))
                        .unwrap(),
                );
            }
        },
        other => {
            return failed_to_load(
                kind,
                verdict::judge_load("test_solution.py", &other).unwrap(),
            );
        }
    };
    let mut rows = Vec::with_capacity(names.len());
    for name in &names {
        if instance.is_dead() {
            rows.push(verdict::not_run(name, None));
            continue;
        }
        let outcome = instance.run_test(name, per_test).await;
        rows.push(verdict::judge_test(name, &outcome));
    }
    let outcome = verdict::summarize(kind, &rows, true);
    Judged { rows, outcome }
}

/// Test names from the guest: a JSON list of short strings (anything else is refused).
fn parse_names(text: &str) -> Option<Vec<String>> {
    let names: Vec<String> = serde_json::from_str(text).ok()?;
    if names.len() > MAX_TESTS || names.iter().any(|n| n.is_empty() || n.len() > 200) {
        return None;
    }
    Some(names)
}

/// The runner's JSON spec for one case: inputs only, never expected values.
pub fn case_spec(entry: &Entry, module: &str, input: &CaseInput) -> String {
    match (entry, input) {
        (Entry::Function { name, .. }, CaseInput::Function { args }) => {
            json!({"module": module, "function": name, "args": args}).to_string()
        }
        (Entry::Class { name, .. }, CaseInput::Class { init, calls }) => {
            let calls: Vec<Value> = calls.iter().map(|c| json!([c.method, c.args])).collect();
            json!({"module": module, "class": name, "init": init, "calls": calls}).to_string()
        }
        // parse_case guarantees the input matches the entry kind.
        _ => json!({"module": module}).to_string(),
    }
}

/// Produces the random cases of a submission: inputs from the generator, expected
/// values from the reference, both in their own instance.
pub async fn random_cases(
    sandbox: &Sandbox,
    kata: &Kata,
    language: &str,
    seed: u64,
    count: u32,
) -> Result<Vec<Case>, String> {
    if count == 0 {
        return Ok(Vec::new());
    }
    let reference = kata
        .references
        .get(language)
        .ok_or_else(|| format!("kata {} has no {language} reference", kata.slug))?;
    let mut instance = sandbox.instantiate(REFERENCE_MEMORY_MB).await?;
    for (module, source) in [
        ("generator", kata.generator.as_str()),
        ("reference", reference.as_str()),
    ] {
        let outcome = instance.load(module, source, LOAD_BUDGET).await;
        if let Some(row) = verdict::judge_load(&format!("{module}.py"), &outcome) {
            return Err(format!(
                "the kata's {module} does not load: {}",
                row.message.unwrap_or_default()
            ));
        }
    }
    let inputs = generate_inputs(&mut instance, kata, seed, count).await?;
    let budget = Duration::from_millis(kata.spec.budget.case_ms);
    let mut cases = Vec::with_capacity(inputs.len());
    for (i, case) in inputs.into_iter().enumerate() {
        let outcome = instance
            .run_case(
                &case_spec(&kata.spec.entry, "reference", &case.input),
                budget,
            )
            .await;
        let CallOutcome::Replied(text) = outcome else {
            return Err(format!(
                "the reference failed on random case {i}: {outcome:?}"
            ));
        };
        let reply: Value =
            serde_json::from_str(&text).map_err(|e| format!("reference reply: {e}"))?;
        if reply.get("status").and_then(Value::as_str) != Some("ok") {
            return Err(format!(
                "the reference raised on random case {i}: {}",
                reply.get("error").cloned().unwrap_or_default()
            ));
        }
        let (input, expected) = match case.input {
            CaseInput::Function { args } => (
                CaseInput::Function { args },
                Expected::Value(reply.get("value").cloned().unwrap_or(Value::Null)),
            ),
            CaseInput::Class { init, calls } => {
                let values = reply
                    .get("values")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                let calls = calls
                    .into_iter()
                    .zip(values.into_iter().map(Some).chain(std::iter::repeat(None)))
                    .map(|(c, v)| Call { expected: v, ..c })
                    .collect();
                (CaseInput::Class { init, calls }, Expected::PerCall)
            }
        };
        cases.push(Case {
            name: format!("random {} (seed {seed})", i + 1),
            input,
            expected,
        });
    }
    Ok(cases)
}

/// Runs the generator and checks what it produced.
pub async fn generate_inputs(
    instance: &mut Instance,
    kata: &Kata,
    seed: u64,
    count: u32,
) -> Result<Vec<Case>, String> {
    let spec =
        json!({"module": "generator", "function": "generate", "args": [seed, count]}).to_string();
    let outcome = instance.run_case(&spec, GENERATOR_BUDGET).await;
    let CallOutcome::Replied(text) = outcome else {
        return Err(format!("the generator failed: {outcome:?}"));
    };
    let reply: Value = serde_json::from_str(&text).map_err(|e| format!("generator reply: {e}"))?;
    let Some(Value::Array(items)) = reply.get("value") else {
        return Err(format!(
            "the generator must return a list of inputs; it replied {}",
            short(&reply)
        ));
    };
    if items.len() != count as usize {
        return Err(format!(
            "the generator returned {} inputs, {count} were asked for",
            items.len()
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            parse_case(v, &kata.spec.entry, false)
                .map(|c| Case {
                    name: format!("random {}", i + 1),
                    ..c
                })
                .map_err(|e| format!("generated input {i}: {e}"))
        })
        .collect()
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(300).collect()
}

async fn run_submission(
    sandbox: &Sandbox,
    solution: &str,
    kata: &Kata,
    language: &str,
    seed: u64,
    random_count: Option<u32>,
) -> Judged {
    let kind = RunKind::Submit;
    let count = random_count.unwrap_or(kata.spec.random.count);
    let random = match random_cases(sandbox, kata, language, seed, count).await {
        Ok(r) => r,
        Err(e) => return internal(kind, "kata", e),
    };
    let mut instance = match sandbox.instantiate(kata.spec.budget.memory_mb).await {
        Ok(i) => i,
        Err(e) => return internal(kind, "sandbox", e),
    };
    let outcome = instance.load("solution", solution, LOAD_BUDGET).await;
    if let Some(row) = verdict::judge_load("solution.py", &outcome) {
        return failed_to_load(kind, row);
    }
    let budget = Duration::from_millis(kata.spec.budget.case_ms);
    let groups = [
        (Group::Sample, &kata.samples),
        (Group::Hidden, &kata.hidden),
        (Group::Random, &random),
    ];
    let mut rows = Vec::new();
    for (group, cases) in groups {
        for case in cases.iter() {
            if instance.is_dead() {
                rows.push(verdict::not_run(&case.name, Some(group)));
                continue;
            }
            let spec = case_spec(&kata.spec.entry, "solution", &case.input);
            let outcome = instance.run_case(&spec, budget).await;
            rows.push(verdict::judge_case(
                &case.name,
                group,
                &case.input,
                &case.expected,
                &outcome,
                &kata.spec.compare,
            ));
        }
    }
    let outcome = verdict::summarize(kind, &rows, true);
    Judged { rows, outcome }
}

/// Whether every row passed.
pub fn all_passed(judged: &Judged) -> bool {
    judged.outcome.verdict == Status::Passed
}
