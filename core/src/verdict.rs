//! The run model and how sandbox outcomes become verdicts. Pure.
//!
//! Everything the guest says is untrusted data: a reply that does not parse is the
//! solution's problem ("returned an unreadable result"), an expected value is only
//! ever compared here, on the host, and a hidden case's expected value and input
//! never enter a result row.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use serde_json::Value;

use crate::kata::compare;
use crate::kata::spec::{Call, CaseInput, CompareRules, Expected};

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunKind {
    /// The pair's own tests against their solution.
    Test,
    /// The solution against the kata's sample, hidden and random cases.
    Submit,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Red,
    /// The tests did not run: syntax or import error, timeout, memory, crash.
    Amber,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Passed,
    Failed,
    Error,
    TimedOut,
    OutOfMemory,
    NotRun,
    /// Our fault, never the user's (sandbox failed to start, ...).
    InternalError,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Sample,
    Hidden,
    Random,
}

/// One row of a run's results: a test or a case.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct ResultRow {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub group: Option<Group>,
    pub status: RowStatus,
    /// What went wrong, for people: assertion text, exception, budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message: Option<String>,
    /// Traceback limited to user code.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub traceback: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub input: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expected: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub actual: Option<Value>,
    #[serde(skip_serializing_if = "String::is_empty", default)]
    #[ts(as = "Option<String>", optional)]
    pub output: String,
    #[serde(default)]
    pub output_truncated: bool,
    /// Where in the row's file (its name, for a file that did not load) the error is,
    /// 1-based: the editor marks it in place.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[ts(optional)]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[ts(optional)]
    pub column: Option<u64>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Queued,
    Running,
    Done,
}

/// A run as clients see it and as it is stored.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Run {
    pub id: String,
    pub kind: RunKind,
    pub status: RunStatus,
    pub requested_by: String,
    /// Who was driving when the run was requested (for lights coloured by turn).
    pub driver: Option<String>,
    pub turn: u32,
    pub created_at_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finished_at_ms: Option<u64>,
    /// The random seed of a submission, to reproduce it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub light: Option<Light>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub verdict: Option<RowStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub summary: Option<String>,
    #[serde(default)]
    pub results: Vec<ResultRow>,
    /// Time spent in the sandbox.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub duration_ms: Option<u64>,
}

impl ResultRow {
    pub fn new(name: impl Into<String>, status: RowStatus) -> Self {
        ResultRow {
            name: name.into(),
            group: None,
            status,
            message: None,
            traceback: None,
            input: None,
            expected: None,
            actual: None,
            output: String::new(),
            output_truncated: false,
            line: None,
            column: None,
        }
    }

    fn with_message(mut self, m: impl Into<String>) -> Self {
        self.message = Some(m.into());
        self
    }
}

/// What happened to one call into the sandbox, as the host saw it.
#[derive(Debug, Clone, PartialEq)]
pub enum CallOutcome {
    /// The guest answered; its JSON reply, not yet trusted.
    Replied(String),
    TimedOut {
        budget_ms: u64,
    },
    OutOfMemory {
        cap_mb: u64,
    },
    /// The instance died (stack overflow, `os._exit`, a trap).
    Crashed(String),
    /// The sandbox itself failed.
    Internal(String),
}

/// Output and error details the guest attaches to every reply.
#[derive(Debug, Default, Deserialize)]
struct GuestReply {
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    value: Option<Value>,
    #[serde(default)]
    values: Option<Vec<Value>>,
    #[serde(default)]
    error: Option<GuestError>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    traceback: Option<String>,
    #[serde(default)]
    output: String,
    #[serde(default)]
    output_truncated: bool,
}

#[derive(Debug, Default, Deserialize, Clone)]
struct GuestError {
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    message: String,
    #[serde(default)]
    traceback: Option<String>,
    #[serde(default)]
    line: Option<u64>,
    #[serde(default)]
    offset: Option<u64>,
}

impl GuestError {
    fn describe(&self) -> String {
        match (self.kind.is_empty(), self.message.is_empty()) {
            (true, _) => "the solution raised an exception".to_string(),
            (false, true) => self.kind.clone(),
            (false, false) => format!("{}: {}", self.kind, self.message),
        }
    }
}

/// Longest output kept per row (the guest caps it too; this bounds what a forged
/// reply can make us store).
const MAX_OUTPUT_CHARS: usize = 8 * 1024;

fn parse_reply(text: &str) -> Option<GuestReply> {
    let mut reply: GuestReply = serde_json::from_str(text).ok()?;
    if reply.output.len() > MAX_OUTPUT_CHARS {
        let mut end = MAX_OUTPUT_CHARS;
        while !reply.output.is_char_boundary(end) {
            end -= 1;
        }
        reply.output.truncate(end);
        reply.output_truncated = true;
    }
    Some(reply)
}

const UNREADABLE: &str =
    "the solution's result could not be read (was the test runner tampered with?)";

/// Turns a failed-to-run outcome into a row; `None` for `Replied`.
fn trouble_row(name: &str, outcome: &CallOutcome) -> Option<ResultRow> {
    Some(match outcome {
        CallOutcome::Replied(_) => return None,
        CallOutcome::TimedOut { budget_ms } => {
            ResultRow::new(name, RowStatus::TimedOut).with_message(format!(
                "took longer than its time budget of {budget_ms} ms (an endless loop, or too slow)"
            ))
        }
        CallOutcome::OutOfMemory { cap_mb } => ResultRow::new(name, RowStatus::OutOfMemory)
            .with_message(format!("used more than its memory budget of {cap_mb} MiB")),
        CallOutcome::Crashed(why) => ResultRow::new(name, RowStatus::Error)
            .with_message(format!("the Python process stopped: {why}")),
        CallOutcome::Internal(why) => ResultRow::new(name, RowStatus::InternalError).with_message(
            format!("Randori could not run this (not your code's fault): {why}"),
        ),
    })
}

/// Judges the reply to `load` of a module. `None` when it loaded fine, else the row
/// explaining why nothing could run.
pub fn judge_load(what: &str, outcome: &CallOutcome) -> Option<ResultRow> {
    if let Some(row) = trouble_row(what, outcome) {
        return Some(row);
    }
    let CallOutcome::Replied(text) = outcome else {
        unreachable!()
    };
    let Some(reply) = parse_reply(text) else {
        return Some(ResultRow::new(what, RowStatus::Error).with_message(UNREADABLE));
    };
    if reply.ok == Some(true) {
        return None;
    }
    let error = reply.error.clone().unwrap_or_default();
    let described = error.describe();
    // Python's own SyntaxError text already says "(solution.py, line 1)".
    let message = match error.line {
        Some(line) if !described.contains(&format!("line {line}")) => {
            format!("{described} (line {line})")
        }
        _ => described,
    };
    let mut row = ResultRow::new(what, RowStatus::Error).with_message(message);
    row.line = error.line.filter(|l| *l > 0 && *l < 1_000_000);
    row.column = error.offset.filter(|c| *c > 0 && *c < 1_000_000);
    row.traceback = error.traceback;
    row.output = reply.output;
    row.output_truncated = reply.output_truncated;
    Some(row)
}

/// Judges one of the pair's own tests. The guest decides pass or fail here (these
/// are the pair's own assertions); a forged reply only fools the forger.
pub fn judge_test(name: &str, outcome: &CallOutcome) -> ResultRow {
    if let Some(row) = trouble_row(name, outcome) {
        return row;
    }
    let CallOutcome::Replied(text) = outcome else {
        unreachable!()
    };
    let Some(reply) = parse_reply(text) else {
        return ResultRow::new(name, RowStatus::Error).with_message(UNREADABLE);
    };
    let status = match reply.status.as_deref() {
        Some("passed") => RowStatus::Passed,
        Some("failed") => RowStatus::Failed,
        _ if reply
            .message
            .as_deref()
            .is_some_and(|m| m.starts_with("MemoryError")) =>
        {
            RowStatus::OutOfMemory
        }
        _ => RowStatus::Error,
    };
    let mut row = ResultRow::new(name, status);
    row.message = reply
        .message
        .or_else(|| reply.error.as_ref().map(GuestError::describe));
    row.traceback = reply
        .traceback
        .or_else(|| reply.error.and_then(|e| e.traceback));
    row.output = reply.output;
    row.output_truncated = reply.output_truncated;
    row
}

/// Judges one case of a submission against its expectation, as participants may
/// see it: a hidden case's row is [`hidden_row`].
pub fn judge_case(
    name: &str,
    group: Group,
    input: &CaseInput,
    expected: &Expected,
    outcome: &CallOutcome,
    rules: &CompareRules,
) -> ResultRow {
    let row = judge_case_in_full(name, group, input, expected, outcome, rules);
    if group == Group::Hidden {
        hidden_row(row)
    } else {
        row
    }
}

/// Judges one case with everything shown (input, expected, actual, output), whatever
/// its group: for the kata's author at the command line, who has the hidden cases.
pub fn judge_case_in_full(
    name: &str,
    group: Group,
    input: &CaseInput,
    expected: &Expected,
    outcome: &CallOutcome,
    rules: &CompareRules,
) -> ResultRow {
    let mut row = trouble_row(name, outcome).unwrap_or_else(|| {
        let CallOutcome::Replied(text) = outcome else {
            unreachable!()
        };
        match parse_reply(text) {
            None => ResultRow::new(name, RowStatus::Error).with_message(UNREADABLE),
            Some(reply) => judge_reply(name, input, expected, reply, rules),
        }
    });
    row.group = Some(group);
    row.input = Some(serde_json::to_value(input).unwrap_or(Value::Null));
    if row.status != RowStatus::Passed {
        row.expected = match expected {
            Expected::Value(v) => Some(v.clone()),
            Expected::Raises { .. } => Some(Value::String("an exception".into())),
            Expected::PerCall => match input {
                CaseInput::Class { calls, .. } => Some(Value::Array(
                    calls
                        .iter()
                        .map(|c| c.expected.clone().unwrap_or(Value::Null))
                        .collect(),
                )),
                CaseInput::Function { .. } => None,
            },
        };
    }
    row
}

/// A hidden case's row as participants see it: its name, group, status and a message
/// that depends on the status alone. Nothing computed from the input survives (not
/// the returned value, the output, an exception's text or its traceback: `print(n)`
/// would reveal every hidden input, an exception message can quote it).
pub fn hidden_row(row: ResultRow) -> ResultRow {
    let message = match row.status {
        RowStatus::Passed => None,
        RowStatus::Failed => Some("wrong result (a hidden case: its input and your result are not shown)"),
        RowStatus::Error => Some("the solution raised an exception or stopped (a hidden case: details are not shown)"),
        RowStatus::TimedOut => Some("took longer than its time budget (a hidden case)"),
        RowStatus::OutOfMemory => Some("used more than its memory budget (a hidden case)"),
        RowStatus::NotRun => Some("not run: an earlier case stopped the sandbox, or the run's time was up"),
        RowStatus::InternalError => Some("Randori could not run this case (not your code's fault)"),
    };
    let mut hidden = ResultRow::new(row.name, row.status);
    hidden.group = row.group;
    hidden.message = message.map(str::to_string);
    hidden
}

fn judge_reply(
    name: &str,
    input: &CaseInput,
    expected: &Expected,
    mut reply: GuestReply,
    rules: &CompareRules,
) -> ResultRow {
    let mut row = ResultRow::new(name, RowStatus::Passed);
    row.output = std::mem::take(&mut reply.output);
    row.output_truncated = reply.output_truncated;
    match (input, expected) {
        (CaseInput::Function { .. }, Expected::Raises { message_contains }) => {
            judge_raises(&mut row, reply, message_contains.as_deref());
        }
        (CaseInput::Function { .. }, _) => judge_return(&mut row, reply, expected, rules),
        (CaseInput::Class { calls, .. }, _) => judge_calls(&mut row, reply, calls, rules),
    }
    row
}

/// A case that must raise (optionally with `needle` in the message).
fn judge_raises(row: &mut ResultRow, reply: GuestReply, needle: Option<&str>) {
    if reply.status.as_deref() != Some("error") {
        row.status = RowStatus::Failed;
        row.actual = reply.value;
        row.message = Some("expected an exception, but the call returned normally".into());
        return;
    }
    let message = reply.error.map(|e| e.message).unwrap_or_default();
    if let Some(needle) = needle
        && !message.contains(needle)
    {
        row.status = RowStatus::Failed;
        row.message = Some(format!(
            "raised as expected, but the message {message:?} does not contain {needle:?}"
        ));
    }
}

/// A function case that must return the expected value.
fn judge_return(
    row: &mut ResultRow,
    reply: GuestReply,
    expected: &Expected,
    rules: &CompareRules,
) {
    if reply.status.as_deref() == Some("error") {
        let error = reply.error.unwrap_or_default();
        row.status = error_status(&error.kind);
        row.message = Some(error.describe());
        row.traceback = error.traceback;
        return;
    }
    if reply.status.as_deref() != Some("ok") || reply.value.is_none() && reply.values.is_some() {
        row.status = RowStatus::Error;
        row.message = Some(UNREADABLE.into());
        return;
    }
    let actual = reply.value.unwrap_or(Value::Null);
    if let Expected::Value(e) = expected
        && !compare::matches(e, &actual, rules)
    {
        row.status = RowStatus::Failed;
        row.message = Some(format!("expected {}, got {}", short(e), short(&actual)));
    }
    row.actual = Some(actual);
}

/// A class case: every call's value, then an error or a short reply.
fn judge_calls(
    row: &mut ResultRow,
    reply: GuestReply,
    calls: &[Call],
    rules: &CompareRules,
) {
    let raised = reply.status.as_deref() == Some("error");
    let values = reply.values.unwrap_or_default();
    row.actual = Some(Value::Array(values.clone()));
    if let Some(failure) = first_wrong_call(calls, &values, rules) {
        row.status = RowStatus::Failed;
        row.message = Some(failure);
    } else if raised {
        let error = reply.error.unwrap_or_default();
        row.status = error_status(&error.kind);
        let at = calls
            .get(values.len())
            .map(|c| format!("call {} ({}): ", values.len() + 1, c.method))
            .unwrap_or_default();
        row.message = Some(format!("{at}{}", error.describe()));
        row.traceback = error.traceback;
    } else if values.len() != calls.len() {
        row.status = RowStatus::Error;
        row.message = Some(UNREADABLE.into());
    }
}

/// Python's own MemoryError (an allocation it refused before asking for memory, or
/// one the sandbox refused) is an out-of-memory verdict, not a bug in the code.
fn error_status(kind: &str) -> RowStatus {
    if kind == "MemoryError" {
        RowStatus::OutOfMemory
    } else {
        RowStatus::Error
    }
}

fn first_wrong_call(
    calls: &[Call],
    values: &[Value],
    rules: &CompareRules,
) -> Option<String> {
    for (i, (call, value)) in calls.iter().zip(values).enumerate() {
        if let Some(e) = &call.expected
            && !compare::matches(e, value, rules)
        {
            return Some(format!(
                "call {} ({}): expected {}, got {}",
                i + 1,
                call.method,
                short(e),
                short(value)
            ));
        }
    }
    None
}

/// A value shortened for a message line.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 200 {
        let cut: String = s.chars().take(200).collect();
        format!("{cut}…")
    } else {
        s
    }
}

/// Longest message or traceback kept per row, in bytes.
const MAX_TEXT_BYTES: usize = 2 * 1024;

/// Largest value (an input, expected or actual value, as JSON) kept per row: one
/// FizzBuzz submission returning a 1 MB string made a 72 MB result before.
const MAX_VALUE_BYTES: usize = 1024;

/// A whole run's results, in bytes of JSON: past it, rows keep their name, status
/// and message, and lose their output, traceback and values.
pub const MAX_RESULTS_BYTES: usize = 128 * 1024;

/// Most rows per run (a suite's tests are capped at 500 by the judge too).
const MAX_ROWS: usize = 500;

/// Bounds a run's results for storage and broadcast, marking every cut visibly:
/// each text and value is capped, then the whole run. Whatever a guest returns,
/// the run's JSON stays within about [`MAX_RESULTS_BYTES`] plus its rows' names and
/// messages.
pub fn cap_results(mut rows: Vec<ResultRow>) -> Vec<ResultRow> {
    if rows.len() > MAX_ROWS {
        let dropped = rows.len() - MAX_ROWS + 1;
        rows.truncate(MAX_ROWS - 1);
        rows.push(
            ResultRow::new(format!("{dropped} more"), RowStatus::NotRun)
                .with_message(format!("{dropped} more results are not shown (at most {MAX_ROWS} per run)")),
        );
    }
    let mut total = 0;
    for row in &mut rows {
        cap_row(row);
        if total > MAX_RESULTS_BYTES {
            drop_details(row);
        }
        total += serde_json::to_vec(row).map(|v| v.len()).unwrap_or(0);
    }
    rows
}

fn cap_row(row: &mut ResultRow) {
    for text in [&mut row.message, &mut row.traceback].into_iter().flatten() {
        cap_text(text, MAX_TEXT_BYTES);
    }
    if row.output.len() > MAX_OUTPUT_CHARS {
        cap_text(&mut row.output, MAX_OUTPUT_CHARS);
        row.output_truncated = true;
    }
    for value in [&mut row.input, &mut row.expected, &mut row.actual].into_iter().flatten() {
        cap_value(value);
    }
}

fn drop_details(row: &mut ResultRow) {
    row.traceback = None;
    row.actual = None;
    row.input = None;
    row.expected = None;
    if !row.output.is_empty() {
        row.output.clear();
        row.output_truncated = true;
    }
    let note = format!("(details not kept: this run's results passed {} KiB)", MAX_RESULTS_BYTES / 1024);
    row.message = Some(match row.message.take() {
        Some(m) => format!("{m} {note}"),
        None => note,
    });
}

/// Cuts `text` to at most `max` bytes (on a character boundary) plus a marker saying
/// how long it was.
fn cap_text(text: &mut String, max: usize) {
    if text.len() <= max {
        return;
    }
    let len = text.len();
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text.push_str(&format!("… [truncated: {len} bytes in all]"));
}

/// Replaces a value whose JSON is over [`MAX_VALUE_BYTES`] with the start of that
/// JSON and a marker (a string, so it can never pass for the real value).
fn cap_value(value: &mut Value) {
    let json = value.to_string();
    if json.len() > MAX_VALUE_BYTES {
        let mut text = json;
        cap_text(&mut text, MAX_VALUE_BYTES);
        *value = Value::String(text);
    }
}

/// Rows for cases that never ran because an earlier one killed the instance.
pub fn not_run(name: &str, group: Option<Group>) -> ResultRow {
    let mut row = ResultRow::new(name, RowStatus::NotRun)
        .with_message("not run: an earlier case stopped the sandbox");
    row.group = group;
    row
}

/// The overall outcome of a run.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Outcome {
    pub light: Light,
    pub verdict: RowStatus,
    pub summary: String,
}

/// Sums up rows. `loaded` is false when the code or tests did not even load.
pub fn summarize(kind: RunKind, rows: &[ResultRow], loaded: bool) -> Outcome {
    let count = |s: RowStatus| rows.iter().filter(|r| r.status == s).count();
    let mut parts = Vec::new();
    for (status, label) in [
        (RowStatus::Passed, "passed"),
        (RowStatus::Failed, "failed"),
        (RowStatus::Error, "errors"),
        (RowStatus::TimedOut, "timed out"),
        (RowStatus::OutOfMemory, "out of memory"),
        (RowStatus::NotRun, "not run"),
        (RowStatus::InternalError, "internal errors"),
    ] {
        let n = count(status);
        if n > 0 || status == RowStatus::Passed || status == RowStatus::Failed {
            parts.push(format!("{n} {label}"));
        }
    }
    let mut summary = parts.join(", ");
    let worst = [
        RowStatus::InternalError,
        RowStatus::OutOfMemory,
        RowStatus::TimedOut,
        RowStatus::Error,
        RowStatus::Failed,
        RowStatus::NotRun,
    ]
    .into_iter()
    .find(|s| count(*s) > 0);
    let verdict = match worst {
        None if rows.is_empty() => RowStatus::Error,
        None => RowStatus::Passed,
        Some(RowStatus::NotRun) => RowStatus::Error,
        Some(s) => s,
    };
    let stopped = matches!(
        verdict,
        RowStatus::TimedOut | RowStatus::OutOfMemory | RowStatus::InternalError
    );
    let light = if !loaded || stopped || rows.is_empty() {
        Light::Amber
    } else if verdict == RowStatus::Passed {
        Light::Green
    } else {
        Light::Red
    };
    if rows.is_empty() && loaded && kind == RunKind::Test {
        summary = "no tests found: name test functions test_something".into();
    } else if !loaded {
        summary = match kind {
            RunKind::Test => "the tests did not run".into(),
            RunKind::Submit => "the solution did not load".into(),
        };
    }
    Outcome {
        light,
        verdict,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rules() -> CompareRules {
        CompareRules::default()
    }

    fn f(args: Value) -> CaseInput {
        CaseInput::Function {
            args: args.as_array().unwrap().clone(),
        }
    }

    fn reply(v: Value) -> CallOutcome {
        CallOutcome::Replied(v.to_string())
    }

    #[test]
    fn function_case_pass_and_fail() {
        let e = Expected::Value(json!("Fizz"));
        let row = judge_case(
            "three",
            Group::Sample,
            &f(json!([3])),
            &e,
            &reply(json!({"status": "ok", "value": "Fizz"})),
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Passed);
        assert_eq!(row.expected, None);
        let row = judge_case(
            "three",
            Group::Sample,
            &f(json!([3])),
            &e,
            &reply(json!({"status": "ok", "value": "3"})),
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Failed);
        assert_eq!(row.message.as_deref(), Some("expected \"Fizz\", got \"3\""));
        assert_eq!(row.expected, Some(json!("Fizz")));
        assert_eq!(row.input, Some(json!({"args": [3]})));
    }

    #[test]
    fn hidden_rows_carry_nothing_computed_from_their_input() {
        let e = Expected::Value(json!("SECRET-EXPECTED"));
        let input = f(json!(["SECRET-INPUT"]));
        let replies = [
            json!({"status": "ok", "value": "SECRET-INPUT x", "output": "SECRET-INPUT\n"}),
            json!({"status": "error", "output": "SECRET-INPUT",
                   "error": {"type": "ValueError", "message": "bad SECRET-INPUT", "traceback": "SECRET-INPUT line 3"}}),
            json!({"status": "ok", "value": "SECRET-EXPECTED", "output": "SECRET-INPUT"}),
        ];
        for (reply_json, status) in replies.into_iter().zip([RowStatus::Failed, RowStatus::Error, RowStatus::Passed]) {
            let row = judge_case("h1", Group::Hidden, &input, &e, &reply(reply_json.clone()), &rules());
            assert_eq!(row.status, status);
            let text = serde_json::to_string(&row).unwrap();
            assert!(!text.contains("SECRET"), "{text}");
            assert!(row.output.is_empty() && row.actual.is_none() && row.traceback.is_none());
            // The author's view keeps it all.
            let full = judge_case_in_full("h1", Group::Hidden, &input, &e, &reply(reply_json), &rules());
            assert!(serde_json::to_string(&full).unwrap().contains("SECRET-INPUT"));
        }
        // A timeout says which budget, and nothing else.
        let row = judge_case("h2", Group::Hidden, &input, &e, &CallOutcome::TimedOut { budget_ms: 100 }, &rules());
        assert_eq!(row.status, RowStatus::TimedOut);
    }

    #[test]
    fn results_are_capped_with_visible_markers() {
        let huge = "y".repeat(1_000_000);
        let rows: Vec<ResultRow> = (0..600)
            .map(|i| {
                judge_case(
                    &format!("case {i}"),
                    Group::Sample,
                    &f(json!([i])),
                    &Expected::Value(json!("Fizz")),
                    &reply(json!({"status": "ok", "value": huge, "output": huge})),
                    &rules(),
                )
            })
            .collect();
        let capped = cap_results(rows);
        assert_eq!(capped.len(), MAX_ROWS);
        let json = serde_json::to_string(&capped).unwrap();
        assert!(json.len() < MAX_RESULTS_BYTES + 200 * 1024, "{} bytes", json.len());
        let first = &capped[0];
        let actual = first.actual.as_ref().unwrap().as_str().unwrap();
        assert!(actual.len() < 1200 && actual.contains("[truncated: 1000002 bytes in all]"), "{actual}");
        assert!(first.output_truncated && first.message.as_ref().unwrap().len() < 2200);
        assert!(capped[400].message.as_ref().unwrap().contains("details not kept"));
        assert!(capped.last().unwrap().message.as_ref().unwrap().contains("101 more results"));
        // Small results are untouched.
        let small = vec![judge_test("t", &reply(json!({"status": "passed", "output": "hi"})))];
        assert_eq!(cap_results(small.clone()), small);
    }

    #[test]
    fn exceptions_and_raises() {
        let boom = reply(
            json!({"status": "error", "error": {"type": "ValueError", "message": "negatives not allowed: -2", "traceback": "line 3"}}),
        );
        let row = judge_case(
            "neg",
            Group::Sample,
            &f(json!(["-2"])),
            &Expected::Raises {
                message_contains: Some("-2".into()),
            },
            &boom,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Passed);
        let row = judge_case(
            "neg",
            Group::Sample,
            &f(json!(["-2"])),
            &Expected::Raises {
                message_contains: Some("-3".into()),
            },
            &boom,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Failed);
        let row = judge_case(
            "neg",
            Group::Sample,
            &f(json!(["1"])),
            &Expected::Value(json!(1)),
            &boom,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Error);
        assert_eq!(
            row.message.as_deref(),
            Some("ValueError: negatives not allowed: -2")
        );
        let row = judge_case(
            "neg",
            Group::Sample,
            &f(json!(["1"])),
            &Expected::Raises {
                message_contains: None,
            },
            &reply(json!({"status": "ok", "value": 1})),
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Failed);
        let oom =
            reply(json!({"status": "error", "error": {"type": "MemoryError", "message": ""}}));
        let row = judge_case(
            "big",
            Group::Hidden,
            &f(json!([1])),
            &Expected::Value(json!(1)),
            &oom,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::OutOfMemory);
    }

    #[test]
    fn class_case_points_at_the_wrong_call() {
        let input = CaseInput::Class {
            init: vec![],
            calls: vec![
                Call {
                    method: "roll".into(),
                    args: vec![json!(10)],
                    expected: None,
                },
                Call {
                    method: "score".into(),
                    args: vec![],
                    expected: Some(json!(10)),
                },
            ],
        };
        let ok = reply(json!({"status": "ok", "values": [null, 10]}));
        assert_eq!(
            judge_case(
                "c",
                Group::Random,
                &input,
                &Expected::PerCall,
                &ok,
                &rules()
            )
            .status,
            RowStatus::Passed
        );
        let bad = reply(json!({"status": "ok", "values": [null, 9]}));
        let row = judge_case(
            "c",
            Group::Random,
            &input,
            &Expected::PerCall,
            &bad,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Failed);
        assert_eq!(
            row.message.as_deref(),
            Some("call 2 (score): expected 10, got 9")
        );
        let raised = reply(
            json!({"status": "error", "error": {"type": "KeyError", "message": "'x'"}, "values": [null]}),
        );
        let row = judge_case(
            "c",
            Group::Random,
            &input,
            &Expected::PerCall,
            &raised,
            &rules(),
        );
        assert_eq!(row.status, RowStatus::Error);
        assert_eq!(
            row.message.as_deref(),
            Some("call 2 (score): KeyError: 'x'")
        );
    }

    #[test]
    fn forged_or_garbage_replies_are_errors_not_passes() {
        let e = Expected::Value(json!(1));
        for text in [
            "not json",
            "{\"status\": \"ok\"}",
            "{\"status\": \"passed\", \"value\": 2}",
            "[]",
        ] {
            let row = judge_case(
                "x",
                Group::Hidden,
                &f(json!([1])),
                &e,
                &CallOutcome::Replied(text.into()),
                &rules(),
            );
            assert_ne!(row.status, RowStatus::Passed, "{text}");
        }
    }

    #[test]
    fn trouble_outcomes() {
        let e = Expected::Value(json!(1));
        let row = judge_case(
            "x",
            Group::Sample,
            &f(json!([1])),
            &e,
            &CallOutcome::TimedOut { budget_ms: 1000 },
            &rules(),
        );
        assert_eq!(row.status, RowStatus::TimedOut);
        assert!(row.message.unwrap().contains("1000 ms"));
        let row = judge_case(
            "x",
            Group::Sample,
            &f(json!([1])),
            &e,
            &CallOutcome::OutOfMemory { cap_mb: 64 },
            &rules(),
        );
        assert_eq!(row.status, RowStatus::OutOfMemory);
        let row = judge_case(
            "x",
            Group::Sample,
            &f(json!([1])),
            &e,
            &CallOutcome::Internal("boom".into()),
            &rules(),
        );
        assert_eq!(row.status, RowStatus::InternalError);
        assert!(row.message.unwrap().contains("not your code's fault"));
    }

    #[test]
    fn load_errors_mention_the_line() {
        let out = reply(
            json!({"ok": false, "error": {"type": "SyntaxError", "message": "invalid syntax", "line": 3}}),
        );
        let row = judge_load("solution.py", &out).unwrap();
        assert_eq!(
            row.message.as_deref(),
            Some("SyntaxError: invalid syntax (line 3)")
        );
        assert_eq!((row.line, row.column), (Some(3), None));
        // Python's message already names the line: said once, not twice.
        let out = reply(json!({"ok": false, "error": {"type": "SyntaxError",
            "message": "expected ':' (solution.py, line 1)", "line": 1, "offset": 15}}));
        let row = judge_load("solution.py", &out).unwrap();
        assert_eq!(row.message.as_deref(), Some("SyntaxError: expected ':' (solution.py, line 1)"));
        assert_eq!((row.line, row.column), (Some(1), Some(15)));
        assert!(judge_load("solution.py", &reply(json!({"ok": true}))).is_none());
    }

    #[test]
    fn own_tests_and_lights() {
        let pass = judge_test(
            "test_a",
            &reply(json!({"name": "test_a", "status": "passed", "output": "hi"})),
        );
        let fail = judge_test(
            "test_b",
            &reply(json!({"name": "test_b", "status": "failed", "message": "assert 1 == 2"})),
        );
        assert_eq!(pass.output, "hi");
        assert_eq!(fail.message.as_deref(), Some("assert 1 == 2"));
        let green = summarize(RunKind::Test, std::slice::from_ref(&pass), true);
        assert_eq!((green.light, green.verdict), (Light::Green, RowStatus::Passed));
        let red = summarize(RunKind::Test, &[pass.clone(), fail], true);
        assert_eq!((red.light, red.verdict), (Light::Red, RowStatus::Failed));
        assert_eq!(red.summary, "1 passed, 1 failed");
        let slow = judge_test("test_c", &CallOutcome::TimedOut { budget_ms: 5 });
        let amber = summarize(RunKind::Test, &[pass, slow, not_run("test_d", None)], true);
        assert_eq!(
            (amber.light, amber.verdict),
            (Light::Amber, RowStatus::TimedOut)
        );
        assert_eq!(amber.summary, "1 passed, 0 failed, 1 timed out, 1 not run");
        let none = summarize(RunKind::Test, &[], true);
        assert_eq!(none.light, Light::Amber);
        let broken = summarize(
            RunKind::Test,
            &[ResultRow::new("solution.py", RowStatus::Error)],
            false,
        );
        assert_eq!(
            (broken.light, broken.summary.as_str()),
            (Light::Amber, "the tests did not run")
        );
    }

    #[test]
    fn huge_output_is_capped() {
        let big = "x".repeat(100_000);
        let row = judge_test("t", &reply(json!({"status": "passed", "output": big})));
        assert!(row.output.len() <= MAX_OUTPUT_CHARS);
        assert!(row.output_truncated);
    }
}
