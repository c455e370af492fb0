//! Case files (`cases/sample.json`, `cases/hidden.json`) and generated inputs:
//! parsing and checking against the kata's entry, no I/O.

use serde::Serialize;
use ts_rs::TS;
use serde_json::{Value, json};

use std::collections::BTreeMap;

use super::{Entry, Language, Method, Param, SpecError, ValueType, line_at};

impl CaseInput {
    /// The runner's JSON spec for this input (what the guest's `run-case` takes):
    /// inputs only, never expected values; entry names spelled the `language` way.
    pub fn runner_spec(&self, entry: &Entry, module: &str, language: Language) -> String {
        match (entry, self) {
            (Entry::Function { name, .. }, CaseInput::Function { args }) => {
                let name = language.entry_name(name);
                json!({"module": module, "function": name, "args": args}).to_string()
            }
            (Entry::Class { name, .. }, CaseInput::Class { init, calls }) => {
                let calls: Vec<Value> = calls
                    .iter()
                    .map(|c| json!([language.entry_name(&c.method), c.args]))
                    .collect();
                json!({"module": module, "class": name, "init": init, "calls": calls}).to_string()
            }
            // parse_case guarantees the input matches the entry kind.
            _ => json!({"module": module}).to_string(),
        }
    }
}

/// One call of a class case.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
pub struct Call {
    pub method: String,
    pub args: Vec<Value>,
    /// Checked when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expected: Option<Value>,
}

/// What a case feeds the solution.
#[derive(Debug, Clone, Serialize, PartialEq, TS)]
#[serde(untagged)]
pub enum CaseInput {
    Function { args: Vec<Value> },
    Class { init: Vec<Value>, calls: Vec<Call> },
}

/// What a function case expects.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Expected {
    Value(Value),
    Raises {
        message_contains: Option<String>,
    },
    /// Class cases carry their expectations per call.
    PerCall,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Case {
    pub name: String,
    pub input: CaseInput,
    pub expected: Expected,
}

fn case_error(
    file: &str,
    source: &str,
    index: usize,
    name: Option<&str>,
    message: String,
) -> SpecError {
    // Point at the case's name in the file when we can find it.
    let line = name.and_then(|n| {
        let needle = serde_json::to_string(n).ok()?;
        source.find(&needle).map(|o| line_at(source, o))
    });
    let which = match name {
        Some(n) => format!("case {index} ({n:?})"),
        None => format!("case {index}"),
    };
    SpecError::new(file, line, format!("{which}: {message}"))
}

/// Parses `cases/sample.json` or `cases/hidden.json` and checks each case against
/// the entry point's signature.
pub fn parse_cases(file: &str, source: &str, entry: &Entry) -> Result<Vec<Case>, SpecError> {
    let values: Vec<Value> = serde_json::from_str(source).map_err(|e| {
        SpecError::new(
            file,
            Some(e.line()),
            format!("not a JSON array of cases: {e}"),
        )
    })?;
    let mut cases = Vec::with_capacity(values.len());
    let mut names = std::collections::HashSet::new();
    for (i, v) in values.into_iter().enumerate() {
        let name = v.get("name").and_then(Value::as_str).map(str::to_string);
        let fail = |m: String| case_error(file, source, i, name.as_deref(), m);
        let Some(name) = name.clone() else {
            return Err(fail("every case needs a \"name\"".into()));
        };
        if !names.insert(name.clone()) {
            return Err(fail(
                "duplicate case name; names must be unique within a file".into(),
            ));
        }
        let case = parse_case(&v, entry, true).map_err(fail)?;
        cases.push(Case { name, ..case });
    }
    Ok(cases)
}

/// Parses one case (fixed, or generated when `fixed` is false: then no expectations).
pub fn parse_case(v: &Value, entry: &Entry, fixed: bool) -> Result<Case, String> {
    let obj = v.as_object().ok_or("a case must be a JSON object")?;
    let allowed: &[&str] = match entry {
        Entry::Function { .. } => &["name", "args", "expected", "raises", "message_contains"],
        Entry::Class { .. } => &["name", "init", "calls"],
    };
    if let Some(k) = obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(format!(
            "unknown field {k:?}; allowed: {}",
            allowed.join(", ")
        ));
    }
    let (input, expected) = match entry {
        Entry::Function {
            params, returns, ..
        } => function_case(obj, params, returns, fixed)?,
        Entry::Class { init, methods, .. } => class_case(obj, init, methods, fixed)?,
    };
    Ok(Case {
        name: String::new(),
        input,
        expected,
    })
}

type Object = serde_json::Map<String, Value>;

/// A function case: its arguments, and what it expects (a value or an exception).
fn function_case(
    obj: &Object,
    params: &[Param],
    returns: &ValueType,
    fixed: bool,
) -> Result<(CaseInput, Expected), String> {
    let args = obj
        .get("args")
        .and_then(Value::as_array)
        .ok_or("a function case needs \"args\": [...]")?
        .clone();
    check_args(&args, params)?;
    let raises = obj.get("raises").and_then(Value::as_bool).unwrap_or(false);
    let expected = if !fixed {
        Expected::PerCall
    } else if raises {
        if obj.contains_key("expected") {
            return Err("a case with \"raises\": true has no \"expected\"".into());
        }
        Expected::Raises {
            message_contains: obj
                .get("message_contains")
                .and_then(Value::as_str)
                .map(str::to_string),
        }
    } else {
        let e = obj
            .get("expected")
            .ok_or("a function case needs \"expected\" (or \"raises\": true)")?;
        if !returns.admits(e) {
            return Err(format!("expected {e} is not a {returns}"));
        }
        Expected::Value(e.clone())
    };
    Ok((CaseInput::Function { args }, expected))
}

/// A class case: constructor arguments and a non-empty sequence of calls.
fn class_case(
    obj: &Object,
    init: &[Param],
    methods: &BTreeMap<String, Method>,
    fixed: bool,
) -> Result<(CaseInput, Expected), String> {
    let init_args = obj
        .get("init")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    check_args(&init_args, init)?;
    let raw_calls = obj
        .get("calls")
        .and_then(Value::as_array)
        .ok_or("a class case needs \"calls\": [[method, args], ...]")?;
    if raw_calls.is_empty() {
        return Err("\"calls\" must not be empty".into());
    }
    let calls = raw_calls
        .iter()
        .enumerate()
        .map(|(j, c)| parse_call(j, c, methods, fixed))
        .collect::<Result<Vec<_>, _>>()?;
    let input = CaseInput::Class {
        init: init_args,
        calls,
    };
    Ok((input, Expected::PerCall))
}

/// Call `j` of a class case: `[method, args]` or (fixed cases) `[method, args, expected]`.
fn parse_call(
    j: usize,
    c: &Value,
    methods: &BTreeMap<String, Method>,
    fixed: bool,
) -> Result<Call, String> {
    let shape = || format!("call {j} must be [method, args] or [method, args, expected]");
    let parts = c.as_array().ok_or_else(shape)?;
    let (method, args, expected) = match parts.as_slice() {
        [m, a] => (m, a, None),
        [m, a, e] if fixed => (m, a, Some(e.clone())),
        _ => return Err(shape()),
    };
    let method = method
        .as_str()
        .ok_or_else(|| format!("call {j}: method must be a string"))?;
    let spec = methods.get(method).ok_or_else(|| {
        format!(
            "call {j}: unknown method {method:?}; kata.toml declares {}",
            methods.keys().cloned().collect::<Vec<_>>().join(", ")
        )
    })?;
    let args = args
        .as_array()
        .ok_or_else(|| format!("call {j}: args must be a list"))?
        .clone();
    check_args(&args, &spec.params).map_err(|m| format!("call {j} ({method}): {m}"))?;
    if let Some(e) = &expected
        && !spec.returns.admits(e)
    {
        return Err(format!(
            "call {j} ({method}): expected {e} is not a {}",
            spec.returns
        ));
    }
    Ok(Call {
        method: method.to_string(),
        args,
        expected,
    })
}

fn check_args(args: &[Value], params: &[Param]) -> Result<(), String> {
    if args.len() != params.len() {
        return Err(format!(
            "{} argument(s) given, the signature takes {}",
            args.len(),
            params.len()
        ));
    }
    for (a, p) in args.iter().zip(params) {
        if !p.ty.admits(a) {
            return Err(format!("argument {} = {a} is not a {}", p.name, p.ty));
        }
    }
    Ok(())
}

/// Shortest expected text whose appearance in a hidden case's name counts as stating
/// the answer (shorter ones, "no", "X", are ordinary words or letters).
const MIN_STATED_CHARS: usize = 3;

/// Hidden cases whose name states their expected value. A hidden case's name is
/// shown to the pair when it fails (it says which situation is wrong), so it must
/// describe the situation ("a multiple of three"), never the answer ("six is fizz").
pub fn names_stating_answers(hidden: &[Case]) -> Vec<String> {
    hidden
        .iter()
        .filter_map(|case| {
            let name = case.name.to_lowercase();
            let stated = expected_values(case).find(|v| states(&name, v))?;
            Some(format!(
                "cases/hidden.json: hidden case {:?} states its expected value {stated}; name the situation instead (the name is shown, the value must not be)",
                case.name
            ))
        })
        .collect()
}

fn expected_values(case: &Case) -> impl Iterator<Item = &Value> {
    let whole = match &case.expected {
        Expected::Value(v) => Some(v),
        _ => None,
    };
    let calls = match &case.input {
        CaseInput::Class { calls, .. } => calls.as_slice(),
        CaseInput::Function { .. } => &[],
    };
    whole.into_iter().chain(calls.iter().filter_map(|c| c.expected.as_ref()))
}

/// Whether a lowercased name contains a value: a text of a few characters, or a
/// number of two digits or more as a word of its own.
fn states(name: &str, value: &Value) -> bool {
    match value {
        Value::String(s) if s.chars().count() >= MIN_STATED_CHARS => name.contains(&s.to_lowercase()),
        Value::Number(n) if n.as_i64().is_some_and(|i| i.abs() >= 10) => {
            let digits = n.to_string();
            name.split(|c: char| !c.is_ascii_digit() && c != '-')
                .any(|word| word == digits)
        }
        _ => false,
    }
}

#[cfg(test)]
mod stated_tests {
    use super::*;

    fn case(name: &str, expected: Value) -> Case {
        Case {
            name: name.into(),
            input: CaseInput::Function { args: vec![] },
            expected: Expected::Value(expected),
        }
    }

    #[test]
    fn names_that_give_the_answer_away_are_found() {
        let cases = [
            case("six is fizz", json!("Fizz")),
            case("a multiple of three", json!("Fizz")),
            case("valid 345882865", json!("345882865")),
            case("account 345882865", json!(345882865)),
            case("the answer in 2024 terms", json!(24)),
            case("two letters", json!("no")),
        ];
        let found = names_stating_answers(&cases);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("six is fizz"));
        assert!(found[1].contains("valid 345882865"));
        assert!(found[2].contains("account 345882865"));
    }
}
