//! Runs one job in the sandbox: a pair's own test suite, or a submission against a
//! kata. Calls the guest once per test or case, so a runaway costs only itself and
//! the ones after it (reported as not run); everything computed before is kept.
//!
//! For a submission, the generator and the reference run in their own instance (an
//! [`Oracle`](crate::runs::oracle::Oracle), kept warm on the worker's oracle thread, in
//! parallel with the solution); the solution's instance only ever receives inputs,
//! and the host compares.

use std::sync::Arc;
use std::time::Duration;



use crate::katas::Kata;
use randori_core::kata::language::Language;
use randori_core::kata::spec::{Case, CaseInput};
use crate::runs::oracle::{self, OracleThread};
use crate::runs::sandbox::{LOAD_BUDGET, Sandbox};
use randori_core::verdict::{self, CallOutcome, Group, Outcome, ResultRow, RunKind, RowStatus};

/// Budget per own test when the room has no kata (a kata sets its own case budget).
pub const DEFAULT_TEST_BUDGET: Duration = Duration::from_secs(2);

/// Memory for a free-practice room's runs.
pub const DEFAULT_MEMORY_MB: u64 = 64;

/// Most own tests run per request.
const MAX_TESTS: usize = 500;

/// What to run.
#[derive(Debug, Clone)]
pub enum Job {
    Tests {
        solution: String,
        tests: String,
        language: Language,
        per_test: Duration,
        memory_mb: u64,
    },
    Submit {
        solution: String,
        kata: std::sync::Arc<Kata>,
        /// The solution's language; expected values come from the kata's oracle.
        language: Language,
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

/// Runs a one-off job (a command-line run): nothing is kept warm afterwards.
pub async fn run(sandbox: &Arc<Sandbox>, job: &Job) -> Judged {
    match OracleThread::start(sandbox.clone(), 0, "randori-oracle".into()) {
        Ok(oracle) => run_with(sandbox, &oracle, job).await,
        Err(e) => internal(job.kind(), "sandbox", format!("cannot start a thread: {e}")),
    }
}

/// Runs a job, asking `oracle` (a worker's oracle thread) for a submission's random
/// cases.
pub async fn run_with(sandbox: &Sandbox, oracle: &OracleThread, job: &Job) -> Judged {
    match job {
        Job::Tests {
            solution,
            tests,
            language,
            per_test,
            memory_mb,
        } => run_tests(sandbox, solution, tests, *language, *per_test, *memory_mb).await,
        Job::Submit {
            solution,
            kata,
            language,
            seed,
            random_count,
        } => {
            let count = random_count.unwrap_or(kata.spec.random.count);
            let random = oracle.request(kata, *seed, count);
            run_submission(sandbox, solution, *language, kata, random).await
        }
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
    language: Language,
    per_test: Duration,
    memory_mb: u64,
) -> Judged {
    let kind = RunKind::Test;
    let mut instance = match sandbox.instantiate(language, memory_mb).await {
        Ok(i) => i,
        Err(e) => return internal(kind, "sandbox", e),
    };
    for (module, file, source) in [
        ("solution", language.solution_file(), solution),
        ("test_solution", language.tests_file(), tests),
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
                    verdict::judge_load(language.tests_file(), &CallOutcome::Replied("{}".into()))
                        .unwrap(),
                );
            }
        },
        other => {
            return failed_to_load(
                kind,
                verdict::judge_load(language.tests_file(), &other).unwrap(),
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

/// Runs the solution, in a fresh instance, on the kata's fixed cases, then on the
/// random inputs as soon as the oracle has them; the oracle's expected values are
/// awaited only to compare.
async fn run_submission(
    sandbox: &Sandbox,
    solution: &str,
    language: Language,
    kata: &Kata,
    mut random: oracle::Pending,
) -> Judged {
    let kind = RunKind::Submit;
    let mut instance = match sandbox.instantiate(language, kata.spec.budget.memory_mb).await {
        Ok(i) => i,
        Err(e) => return internal(kind, "sandbox", e),
    };
    let outcome = instance.load("solution", solution, LOAD_BUDGET).await;
    if let Some(row) = verdict::judge_load(language.solution_file(), &outcome) {
        return failed_to_load(kind, row);
    }
    let budget = Duration::from_millis(kata.spec.budget.case_ms);
    let mut rows = Vec::new();
    for (group, cases) in [
        (Group::Sample, &kata.samples),
        (Group::Hidden, &kata.hidden),
    ] {
        for case in cases {
            let outcome = call_case(&mut instance, kata, language, &case.input, budget).await;
            rows.push(judge_row(kata, group, case, outcome));
        }
    }
    let inputs = match random.inputs().await {
        Ok(inputs) => inputs,
        Err(e) => return internal(kind, "kata", e),
    };
    let mut outcomes = Vec::with_capacity(inputs.len());
    for case in &inputs {
        outcomes.push(call_case(&mut instance, kata, language, &case.input, budget).await);
    }
    let cases = match random.cases().await {
        Ok(cases) if cases.len() == outcomes.len() => cases,
        Ok(cases) => {
            let why = format!("{} random cases for {} inputs", cases.len(), outcomes.len());
            return internal(kind, "kata", why);
        }
        Err(e) => return internal(kind, "kata", e),
    };
    for (case, outcome) in cases.iter().zip(outcomes) {
        rows.push(judge_row(kata, Group::Random, case, outcome));
    }
    let outcome = verdict::summarize(kind, &rows, true);
    Judged { rows, outcome }
}

/// Calls the solution on one case; `None` once an earlier case stopped the instance.
async fn call_case(
    instance: &mut crate::runs::sandbox::Instance,
    kata: &Kata,
    language: Language,
    input: &CaseInput,
    budget: Duration,
) -> Option<CallOutcome> {
    if instance.is_dead() {
        return None;
    }
    let spec = input.runner_spec(&kata.spec.entry, "solution", language);
    Some(instance.run_case(&spec, budget).await)
}

fn judge_row(kata: &Kata, group: Group, case: &Case, outcome: Option<CallOutcome>) -> ResultRow {
    match outcome {
        None => verdict::not_run(&case.name, Some(group)),
        Some(outcome) => verdict::judge_case(
            &case.name,
            group,
            &case.input,
            &case.expected,
            &outcome,
            &kata.spec.compare,
        ),
    }
}

/// Whether every row passed.
pub fn all_passed(judged: &Judged) -> bool {
    judged.outcome.verdict == RowStatus::Passed
}
