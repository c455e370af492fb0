//! `kata.toml` and the case files: parsing and validation, no I/O.
//!
//! Every error names the file, the line when there is one, and the fix, because
//! kata authors meet these errors before anyone else does.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod cases;

pub use crate::kata::language::Language;
pub use crate::kata::types::ValueType;
pub use cases::{Call, Case, CaseInput, Expected, names_stating_answers, parse_case, parse_cases};

/// An error in a kata folder.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
pub struct SpecError {
    /// Path relative to the kata folder.
    pub file: String,
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl SpecError {
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        SpecError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}


#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord, TS)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

/// One parameter of an entry point: its name and neutral type (`"list[int]"`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct Param {
    pub name: String,
    #[serde(rename = "type")]
    #[ts(type = "string")]
    pub ty: ValueType,
}

/// One method of a class entry.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Method {
    pub params: Vec<Param>,
    #[ts(type = "string")]
    pub returns: ValueType,
}

/// What a solution must define.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Entry {
    Function {
        name: String,
        params: Vec<Param>,
        #[ts(type = "string")]
        returns: ValueType,
    },
    Class {
        name: String,
        init: Vec<Param>,
        methods: BTreeMap<String, Method>,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareRules {
    /// Floats are equal when |a-b| <= tol * max(1, |a|, |b|).
    #[serde(default = "default_tolerance")]
    pub float_tolerance: f64,
    /// Compare returned lists as multisets.
    #[serde(default)]
    pub unordered: bool,
}

fn default_tolerance() -> f64 {
    1e-9
}

impl Default for CompareRules {
    fn default() -> Self {
        CompareRules {
            float_tolerance: default_tolerance(),
            unordered: false,
        }
    }
}

/// Largest per-case budget a kata may ask for.
pub const MAX_CASE_MS: u64 = 10_000;
/// Largest memory a kata may ask for.
pub const MAX_MEMORY_MB: u64 = 256;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// Wall-clock budget per case (and per own test).
    #[serde(default = "default_case_ms")]
    pub case_ms: u64,
    /// Linear memory of the solution's sandbox.
    #[serde(default = "default_memory_mb")]
    pub memory_mb: u64,
}

fn default_case_ms() -> u64 {
    1000
}
fn default_memory_mb() -> u64 {
    64
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            case_ms: default_case_ms(),
            memory_mb: default_memory_mb(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomSpec {
    /// Random cases per submission.
    pub count: u32,
}

/// Most random cases a kata may ask for per submission.
pub const MAX_RANDOM_COUNT: u32 = 500;

/// `kata.toml`, parsed and validated.
#[derive(Debug, Clone, Serialize)]
pub struct KataSpec {
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub languages: Vec<String>,
    pub entry: Entry,
    pub compare: CompareRules,
    pub budget: Budget,
    pub random: RandomSpec,
}

// The raw TOML shape, before validation.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    title: String,
    summary: String,
    difficulty: Difficulty,
    #[serde(default)]
    tags: Vec<String>,
    languages: Vec<String>,
    entry: RawEntry,
    #[serde(default)]
    compare: CompareRules,
    #[serde(default)]
    budget: Budget,
    random: RandomSpec,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    function: Option<String>,
    class: Option<String>,
    params: Option<Vec<(String, String)>>,
    returns: Option<String>,
    init: Option<Vec<(String, String)>>,
    methods: Option<BTreeMap<String, RawMethod>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethod {
    #[serde(default)]
    params: Vec<(String, String)>,
    returns: String,
}

const FILE: &str = "kata.toml";

/// 1-based line of the first line that starts with `key` (after indentation).
fn line_of(source: &str, key: &str) -> Option<usize> {
    source
        .lines()
        .position(|l| l.trim_start().starts_with(key))
        .map(|i| i + 1)
}

fn line_at(source: &str, offset: usize) -> usize {
    source[..offset.min(source.len())].matches('\n').count() + 1
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Parses and validates `kata.toml`. A TOML syntax error stops at once; past
/// it, every problem is collected so that an author fixes them in one pass.
pub fn parse_spec(source: &str) -> Result<KataSpec, Vec<SpecError>> {
    let raw: RawSpec = toml::from_str(source).map_err(|e| {
        let line = e.span().map(|s| line_at(source, s.start));
        vec![SpecError::new(FILE, line, e.message().trim().to_string())]
    })?;
    let mut problems = Vec::new();
    let err = |key: &str, message: String| SpecError::new(FILE, line_of(source, key), message);
    if raw.title.trim().is_empty() {
        problems.push(err("title", "title must not be empty".into()));
    }
    if raw.summary.trim().is_empty() || raw.summary.len() > 200 {
        problems.push(err(
            "summary",
            "summary must be one line of 1 to 200 characters".into(),
        ));
    }
    if raw.languages.is_empty() {
        problems.push(err(
            "languages",
            "languages must name at least one language, e.g. [\"python\"]".into(),
        ));
    }
    for lang in &raw.languages {
        if Language::parse(lang).is_none() {
            let supported: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
            problems.push(err(
                "languages",
                format!("language {lang:?} is not supported; supported: {}", supported.join(", ")),
            ));
        }
    }
    if !raw.languages.iter().any(|l| l == Language::ORACLE.name()) {
        problems.push(err(
            "languages",
            format!(
                "languages must include {:?}: the generator and the reference that gives every language its expected values are {}",
                Language::ORACLE.name(),
                Language::ORACLE.title()
            ),
        ));
    }
    if raw.budget.case_ms == 0 || raw.budget.case_ms > MAX_CASE_MS {
        problems.push(err(
            "case_ms",
            format!("case_ms must be between 1 and {MAX_CASE_MS}"),
        ));
    }
    if raw.budget.memory_mb < 16 || raw.budget.memory_mb > MAX_MEMORY_MB {
        problems.push(err(
            "memory_mb",
            format!("memory_mb must be between 16 and {MAX_MEMORY_MB}"),
        ));
    }
    if raw.random.count > MAX_RANDOM_COUNT {
        problems.push(err(
            "count",
            format!("random.count must be at most {MAX_RANDOM_COUNT}"),
        ));
    }
    if !(raw.compare.float_tolerance >= 0.0 && raw.compare.float_tolerance < 1.0) {
        problems.push(err(
            "float_tolerance",
            "float_tolerance must be in [0, 1)".into(),
        ));
    }
    let entry = parse_entry(source, raw.entry).map_err(|e| problems.push(e));
    let Ok(entry) = entry else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(KataSpec {
        title: raw.title.trim().to_string(),
        summary: raw.summary.trim().to_string(),
        difficulty: raw.difficulty,
        tags: raw.tags,
        languages: raw.languages,
        entry,
        compare: raw.compare,
        budget: raw.budget,
        random: raw.random,
    })
}

fn parse_params(
    source: &str,
    key: &str,
    raw: Vec<(String, String)>,
) -> Result<Vec<Param>, SpecError> {
    raw.into_iter()
        .map(|(name, ty)| {
            if !is_identifier(&name) {
                return Err(SpecError::new(
                    FILE,
                    line_of(source, key),
                    format!("parameter name {name:?} is not an identifier"),
                ));
            }
            let ty =
                ValueType::parse(&ty).map_err(|m| SpecError::new(FILE, line_of(source, key), m))?;
            Ok(Param { name, ty })
        })
        .collect()
}

fn parse_type(source: &str, key: &str, text: &str) -> Result<ValueType, SpecError> {
    ValueType::parse(text).map_err(|m| SpecError::new(FILE, line_of(source, key), m))
}

fn parse_entry(source: &str, mut raw: RawEntry) -> Result<Entry, SpecError> {
    let at_entry = line_of(source, "[entry]");
    match (raw.function.take(), raw.class.take()) {
        (Some(_), Some(_)) => Err(SpecError::new(
            FILE,
            at_entry,
            "[entry] names both a function and a class; keep one",
        )),
        (None, None) => Err(SpecError::new(
            FILE,
            at_entry,
            "[entry] must name a function (function = \"name\") or a class (class = \"Name\")",
        )),
        (Some(name), None) => function_entry(source, name, raw),
        (None, Some(name)) => class_entry(source, name, raw),
    }
}

fn function_entry(source: &str, name: String, raw: RawEntry) -> Result<Entry, SpecError> {
    let at_entry = line_of(source, "[entry]");
    if !is_identifier(&name) {
        return Err(SpecError::new(
            FILE,
            line_of(source, "function"),
            format!("{name:?} is not a valid function name"),
        ));
    }
    if raw.init.is_some() || raw.methods.is_some() {
        return Err(SpecError::new(
            FILE,
            at_entry,
            "init and methods belong to class katas; a function kata has params and returns",
        ));
    }
    let returns = raw.returns.ok_or_else(|| {
        SpecError::new(FILE, at_entry, "a function entry needs returns = \"<type>\"")
    })?;
    Ok(Entry::Function {
        name,
        params: parse_params(source, "params", raw.params.unwrap_or_default())?,
        returns: parse_type(source, "returns", &returns)?,
    })
}

fn class_entry(source: &str, name: String, raw: RawEntry) -> Result<Entry, SpecError> {
    let at_entry = line_of(source, "[entry]");
    if !is_identifier(&name) {
        return Err(SpecError::new(
            FILE,
            line_of(source, "class"),
            format!("{name:?} is not a valid class name"),
        ));
    }
    if raw.params.is_some() || raw.returns.is_some() {
        return Err(SpecError::new(
            FILE,
            at_entry,
            "a class entry has init and methods, not params and returns",
        ));
    }
    let raw_methods = raw.methods.unwrap_or_default();
    if raw_methods.is_empty() {
        return Err(SpecError::new(
            FILE,
            at_entry,
            "a class entry needs at least one method: methods.name = { params = [], returns = \"int\" }",
        ));
    }
    let mut methods = BTreeMap::new();
    for (m, raw) in raw_methods {
        let key = format!("methods.{m}");
        if !is_identifier(&m) || m.starts_with('_') {
            return Err(SpecError::new(
                FILE,
                line_of(source, &key),
                format!("{m:?} is not a valid public method name"),
            ));
        }
        let method = Method {
            params: parse_params(source, &key, raw.params)?,
            returns: parse_type(source, &key, &raw.returns)?,
        };
        methods.insert(m, method);
    }
    Ok(Entry::Class {
        name,
        init: parse_params(source, "init", raw.init.unwrap_or_default())?,
        methods,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FUNCTION_KATA: &str = r#"
title = "FizzBuzz"
summary = "Say Fizz and Buzz."
difficulty = "easy"
tags = ["warm-up"]
languages = ["python"]

[entry]
function = "fizzbuzz"
params = [["n", "int"]]
returns = "str"

[random]
count = 10
"#;

    const CLASS_KATA: &str = r#"
title = "Bowling"
summary = "Score a game."
difficulty = "hard"
languages = ["python"]

[entry]
class = "BowlingGame"
init = []
methods.roll = { params = [["pins", "int"]], returns = "none" }
methods.score = { params = [], returns = "int" }

[compare]
unordered = false

[budget]
case_ms = 500

[random]
count = 5
"#;

    #[test]
    fn parses_a_function_kata_with_defaults() {
        let spec = parse_spec(FUNCTION_KATA).unwrap();
        assert_eq!(spec.difficulty, Difficulty::Easy);
        assert_eq!(spec.budget.case_ms, 1000);
        assert_eq!(spec.compare.float_tolerance, 1e-9);
        match spec.entry {
            Entry::Function {
                name,
                params,
                returns,
            } => {
                assert_eq!(name, "fizzbuzz");
                assert_eq!(params[0].ty, ValueType::Int);
                assert_eq!(returns, ValueType::Str);
            }
            _ => panic!(),
        }
    }

    #[test]
    fn parses_a_class_kata() {
        let spec = parse_spec(CLASS_KATA).unwrap();
        let Entry::Class { methods, .. } = &spec.entry else {
            panic!()
        };
        assert_eq!(methods["score"].returns, ValueType::Int);
        assert_eq!(spec.budget.case_ms, 500);
    }

    #[test]
    fn types_parse_and_print() {
        for t in [
            "int",
            "list[list[str]]",
            "dict[str, float]",
            "optional[int]",
            "none",
            "list[tuple[str, int, int]]",
        ] {
            assert_eq!(ValueType::parse(t).unwrap().to_string(), t);
        }
        assert!(
            ValueType::parse("set[int]")
                .unwrap_err()
                .contains("unknown type")
        );
        let row = ValueType::parse("tuple[str, int]").unwrap();
        assert!(row.admits(&serde_json::json!(["a", 1])));
        assert!(!row.admits(&serde_json::json!(["a", 1, 2])));
        assert!(
            ValueType::parse("dict[int, str]")
                .unwrap_err()
                .contains("dict keys must be str")
        );
        let t = ValueType::parse("list[optional[int]]").unwrap();
        assert!(t.admits(&serde_json::json!([1, null])));
        assert!(!t.admits(&serde_json::json!([1.5])));
    }

    fn error_of(source: &str) -> SpecError {
        parse_spec(source).unwrap_err().remove(0)
    }

    #[test]
    fn every_problem_in_kata_toml_is_reported_at_once() {
        let broken = CLASS_KATA
            .replace("title = \"Bowling\"", "title = \" \"")
            .replace("case_ms = 500", "case_ms = 0");
        let problems = parse_spec(&broken).unwrap_err();
        let messages: Vec<&str> = problems.iter().map(|e| e.message.as_str()).collect();
        assert!(problems.len() >= 2, "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("title")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("case_ms")), "{messages:?}");
    }

    #[test]
    fn syntax_error_names_the_line() {
        let e = error_of("title = \"x\"\nsummary = \n");
        assert_eq!(e.file, "kata.toml");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn unknown_key_is_refused() {
        let e = error_of(&FUNCTION_KATA.replace("tags =", "tagz ="));
        assert!(e.message.contains("unknown field `tagz`"), "{e}");
        assert_eq!(e.line, Some(5));
    }

    #[test]
    fn missing_entry_kind() {
        let e = error_of(&FUNCTION_KATA.replace("function = \"fizzbuzz\"\n", ""));
        assert!(e.message.contains("must name a function"), "{e}");
        assert_eq!(e.line, Some(8));
    }

    #[test]
    fn both_function_and_class() {
        let e = error_of(
            &FUNCTION_KATA.replace("function = \"fizzbuzz\"", "function = \"f\"\nclass = \"C\""),
        );
        assert!(e.message.contains("both a function and a class"), "{e}");
    }

    #[test]
    fn bad_type_names_its_line() {
        let e = error_of(&FUNCTION_KATA.replace("returns = \"str\"", "returns = \"string\""));
        assert!(e.message.contains("unknown type \"string\""), "{e}");
        assert_eq!(e.line, Some(11));
    }

    #[test]
    fn unsupported_language() {
        let e = error_of(&FUNCTION_KATA.replace("[\"python\"]", "[\"cobol\"]"));
        assert!(e.message.contains("\"cobol\" is not supported"), "{e}");
    }

    #[test]
    fn bad_difficulty() {
        let e = error_of(&FUNCTION_KATA.replace("\"easy\"", "\"trivial\""));
        assert!(e.message.contains("unknown variant `trivial`"), "{e}");
        assert_eq!(e.line, Some(4));
    }

    #[test]
    fn budget_out_of_range() {
        let e = error_of(&CLASS_KATA.replace("case_ms = 500", "case_ms = 600000"));
        assert!(e.message.contains("case_ms must be between"), "{e}");
    }

    #[test]
    fn class_without_methods() {
        let e = error_of(
            &CLASS_KATA
                .replace(
                    "methods.roll = { params = [[\"pins\", \"int\"]], returns = \"none\" }\n",
                    "",
                )
                .replace("methods.score = { params = [], returns = \"int\" }\n", ""),
        );
        assert!(e.message.contains("at least one method"), "{e}");
    }

    fn entry(src: &str) -> Entry {
        parse_spec(src).unwrap().entry
    }

    #[test]
    fn function_cases_parse_and_check_types() {
        let e = entry(FUNCTION_KATA);
        let cases = parse_cases(
            "cases/sample.json",
            r#"[{"name": "three", "args": [3], "expected": "Fizz"},
                {"name": "boom", "args": [-1], "raises": true, "message_contains": "negative"}]"#,
            &e,
        )
        .unwrap();
        assert_eq!(cases[0].expected, Expected::Value("Fizz".into()));
        assert_eq!(
            cases[1].expected,
            Expected::Raises {
                message_contains: Some("negative".into())
            }
        );

        let err = parse_cases(
            "cases/hidden.json",
            "[\n{\"name\": \"bad\", \"args\": [\"3\"], \"expected\": \"Fizz\"}]",
            &e,
        )
        .unwrap_err();
        assert_eq!(err.file, "cases/hidden.json");
        assert_eq!(err.line, Some(2));
        assert!(
            err.message.contains("argument n = \"3\" is not a int"),
            "{err}"
        );

        let err = parse_cases(
            "c.json",
            r#"[{"name": "x", "args": [1], "expected": 3}]"#,
            &e,
        )
        .unwrap_err();
        assert!(err.message.contains("expected 3 is not a str"), "{err}");

        let err = parse_cases("c.json", r#"[{"args": [1], "expected": "1"}]"#, &e).unwrap_err();
        assert!(err.message.contains("needs a \"name\""), "{err}");

        let err = parse_cases("c.json", r#"[{"name": "a", "args": [1], "expected": "1"}, {"name": "a", "args": [2], "expected": "2"}]"#, &e).unwrap_err();
        assert!(err.message.contains("duplicate case name"), "{err}");

        let err = parse_cases("c.json", "{", &e).unwrap_err();
        assert!(err.message.contains("not a JSON array"), "{err}");
    }

    #[test]
    fn class_cases_parse_and_check_methods() {
        let e = entry(CLASS_KATA);
        let cases = parse_cases(
            "c.json",
            r#"[{"name": "gutter", "init": [], "calls": [["roll", [0]], ["score", [], 0]]}]"#,
            &e,
        )
        .unwrap();
        let CaseInput::Class { calls, .. } = &cases[0].input else {
            panic!()
        };
        assert_eq!(calls[1].expected, Some(serde_json::json!(0)));

        let err =
            parse_cases("c.json", r#"[{"name": "x", "calls": [["bowl", [1]]]}]"#, &e).unwrap_err();
        assert!(err.message.contains("unknown method \"bowl\""), "{err}");
        let err = parse_cases(
            "c.json",
            r#"[{"name": "x", "calls": [["score", [], "ten"]]}]"#,
            &e,
        )
        .unwrap_err();
        assert!(err.message.contains("is not a int"), "{err}");
    }

    #[test]
    fn generated_inputs_carry_no_expectations() {
        let e = entry(CLASS_KATA);
        let case = parse_case(
            &serde_json::json!({"calls": [["roll", [3]], ["score", []]]}),
            &e,
            false,
        )
        .unwrap();
        assert_eq!(case.expected, Expected::PerCall);
        // A generator must not smuggle expectations in.
        assert!(parse_case(&serde_json::json!({"calls": [["score", [], 3]]}), &e, false).is_err());
    }
}
