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

/// Wall time for a whole run, however many tests or cases it has: without it, 500
/// tests of 2 s each would hold a worker for over 16 minutes. Cases left when it is
/// used up are reported as not run. The slowest reference in the library takes
/// under 1 s for a whole submission.
pub const RUN_BUDGET: Duration = Duration::from_secs(20);

/// What a client sees when the kata's own code (generator, reference) failed: its
/// details may quote the kata's hidden source, so they go to the log (and to the
/// command line's author) only.
const KATA_TROUBLE: &str =
    "the kata's generator or reference failed on this submission (the kata's fault; the server log says why)";

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
        /// Who reads the rows: participants see hidden cases as [`verdict::hidden_row`].
        audience: Audience,
    },
}

/// Who a submission's rows are for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A room: hidden cases show their name and status only.
    Participants,
    /// The kata's author at the command line, who has the hidden cases anyway.
    Author,
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
    /// Why the kata's own code failed, in full: for the log and a kata author at the
    /// command line, never for clients (the rows carry [`KATA_TROUBLE`] instead).
    pub kata_trouble: Option<String>,
}

impl Judged {
    fn new(kind: RunKind, rows: Vec<ResultRow>, loaded: bool) -> Judged {
        let outcome = verdict::summarize(kind, &rows, loaded);
        Judged {
            rows,
            outcome,
            kata_trouble: None,
        }
    }
}

/// A run's deadline: what is left of [`RUN_BUDGET`] bounds each call.
struct Deadline(tokio::time::Instant);

impl Deadline {
    fn start() -> Deadline {
        Deadline(tokio::time::Instant::now() + RUN_BUDGET)
    }

    /// The budget for the next call: its own, or what is left of the run's if less;
    /// `None` once the run's is used up.
    fn budget(&self, own: Duration) -> Option<Duration> {
        let left = self.0.saturating_duration_since(tokio::time::Instant::now());
        (!left.is_zero()).then(|| own.min(left))
    }
}

fn out_of_time(name: &str, group: Option<Group>) -> ResultRow {
    let mut row = verdict::not_run(name, group);
    row.message = Some(format!(
        "not run: the run used up its total time budget of {} s",
        RUN_BUDGET.as_secs()
    ));
    row
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
            audience,
        } => {
            let count = random_count.unwrap_or(kata.spec.random.count);
            let random = oracle.request(kata, *seed, count);
            run_submission(sandbox, solution, *language, kata, random, *audience).await
        }
    }
}

fn internal(kind: RunKind, what: &str, why: String) -> Judged {
    let rows = vec![verdict::judge_test(what, &CallOutcome::Internal(why))];
    Judged::new(kind, rows, false)
}

/// The kata's own code failed: clients get [`KATA_TROUBLE`], the log the details.
fn kata_trouble(kind: RunKind, kata: &Kata, why: String) -> Judged {
    tracing::error!(kata = %kata.slug, error = %why, "the kata's generator or reference failed");
    let mut judged = internal(kind, "kata", KATA_TROUBLE.into());
    judged.kata_trouble = Some(why);
    judged
}

fn failed_to_load(kind: RunKind, row: ResultRow) -> Judged {
    Judged::new(kind, vec![row], false)
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
    let deadline = Deadline::start();
    let mut rows = Vec::with_capacity(names.len());
    for name in &names {
        if instance.is_dead() {
            rows.push(verdict::not_run(name, None));
            continue;
        }
        let Some(budget) = deadline.budget(per_test) else {
            rows.push(out_of_time(name, None));
            continue;
        };
        let outcome = instance.run_test(name, budget).await;
        rows.push(verdict::judge_test(name, &outcome));
    }
    Judged::new(kind, rows, true)
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
    audience: Audience,
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
    let case_budget = Duration::from_millis(kata.spec.budget.case_ms);
    let mut call = Caller {
        instance: &mut instance,
        kata,
        language,
        case_budget,
        deadline: Deadline::start(),
    };
    let mut rows = Vec::new();
    for (group, cases) in [
        (Group::Sample, &kata.samples),
        (Group::Hidden, &kata.hidden),
    ] {
        for case in cases {
            let outcome = call.case(&case.input).await;
            rows.push(judge_row(kata, group, case, outcome, audience));
        }
    }
    let inputs = match random.inputs().await {
        Ok(inputs) => inputs,
        Err(e) => return kata_trouble(kind, kata, e),
    };
    let mut outcomes = Vec::with_capacity(inputs.len());
    for case in &inputs {
        outcomes.push(call.case(&case.input).await);
    }
    let cases = match random.cases().await {
        Ok(cases) if cases.len() == outcomes.len() => cases,
        Ok(cases) => {
            let why = format!("{} random cases for {} inputs", cases.len(), outcomes.len());
            return kata_trouble(kind, kata, why);
        }
        Err(e) => return kata_trouble(kind, kata, e),
    };
    for (case, outcome) in cases.iter().zip(outcomes) {
        rows.push(judge_row(kata, Group::Random, case, outcome, audience));
    }
    Judged::new(kind, rows, true)
}

/// Why a case has no outcome.
enum Skipped {
    /// An earlier case stopped the instance.
    Dead,
    /// The run's total budget is used up.
    OutOfTime,
}

/// Calls one submission's solution on its cases, within the run's deadline.
struct Caller<'a> {
    instance: &'a mut crate::runs::sandbox::Instance,
    kata: &'a Kata,
    language: Language,
    /// The kata's budget for one case.
    case_budget: Duration,
    deadline: Deadline,
}

impl Caller<'_> {
    async fn case(&mut self, input: &CaseInput) -> Result<CallOutcome, Skipped> {
        if self.instance.is_dead() {
            return Err(Skipped::Dead);
        }
        let budget = self.deadline.budget(self.case_budget).ok_or(Skipped::OutOfTime)?;
        let spec = input.runner_spec(&self.kata.spec.entry, "solution", self.language);
        Ok(self.instance.run_case(&spec, budget).await)
    }
}

fn judge_row(
    kata: &Kata,
    group: Group,
    case: &Case,
    outcome: Result<CallOutcome, Skipped>,
    audience: Audience,
) -> ResultRow {
    let judge = match audience {
        Audience::Participants => verdict::judge_case,
        Audience::Author => verdict::judge_case_in_full,
    };
    match outcome {
        Err(Skipped::Dead) => verdict::not_run(&case.name, Some(group)),
        Err(Skipped::OutOfTime) => out_of_time(&case.name, Some(group)),
        Ok(outcome) => judge(
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
