//! What clients may see of a kata: the catalogue's summary and the public view
//! (statement, starters, sample cases, entry point). Hidden cases, the generator and
//! the reference never appear in these types, so they cannot be sent by mistake.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::kata::spec::{Case, CaseInput, Difficulty, Entry, Expected, KataSpec};

/// One kata in the catalogue (`GET /api/katas`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct KataSummary {
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub languages: Vec<String>,
}

impl KataSummary {
    pub fn new(slug: &str, spec: &KataSpec) -> KataSummary {
        KataSummary {
            slug: slug.to_string(),
            title: spec.title.clone(),
            summary: spec.summary.clone(),
            difficulty: spec.difficulty,
            tags: spec.tags.clone(),
            languages: spec.languages.clone(),
        }
    }
}

/// What a room starts with in one language.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Starter {
    pub solution: String,
    pub tests: String,
}

/// `GET /api/katas/{slug}`: the public parts of a kata.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KataView {
    #[serde(flatten)]
    pub summary: KataSummary,
    /// The statement (Markdown).
    pub statement: String,
    /// Starter files per language.
    pub starters: BTreeMap<String, Starter>,
    pub samples: Vec<SampleCase>,
    pub entry: Entry,
    /// How many hidden cases a submission meets (their content stays secret).
    pub hidden_count: usize,
    /// How many random cases a submission meets.
    pub random_count: u32,
}

/// A sample case as users see it: inputs, and what is expected.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SampleCase {
    pub name: String,
    #[serde(flatten)]
    pub input: CaseInput,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub expected: Option<Value>,
    /// The case must raise (optionally with `message_contains` in the message).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub raises: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub message_contains: Option<String>,
}

impl SampleCase {
    /// The public face of a sample case (never call this on a hidden one).
    pub fn of(case: &Case) -> SampleCase {
        let (expected, raises, message_contains) = match &case.expected {
            Expected::Value(e) => (Some(e.clone()), None, None),
            Expected::Raises { message_contains } => (None, Some(true), message_contains.clone()),
            Expected::PerCall => (None, None, None),
        };
        SampleCase {
            name: case.name.clone(),
            input: case.input.clone(),
            expected,
            raises,
            message_contains,
        }
    }
}
