//! The languages a solution may be written in, and what differs between them: file
//! names and how an entry point's neutral name is spelled.
//!
//! A kata's cases, generator and expected values are language-neutral: the cases are
//! data, and expected values always come from one oracle, the kata's reference in
//! [`Language::ORACLE`]. Only the starter and the reference are per language, and an
//! entry named once in `kata.toml` (snake_case) is called by each language's own
//! naming rule, declared here: Python as written, JavaScript in camelCase
//! (`next_generation` -> `nextGeneration`); class names are PascalCase everywhere.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language the sandbox runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Python,
    Javascript,
}

/// How a language spells function, method and parameter names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// As written in `kata.toml` (snake_case).
    AsWritten,
    /// `next_generation` -> `nextGeneration`.
    CamelCase,
}

impl Language {
    /// Every language, in the order the lobby offers them.
    pub const ALL: [Language; 2] = [Language::Python, Language::Javascript];

    /// The language of every kata's generator and oracle reference.
    pub const ORACLE: Language = Language::Python;

    /// The protocol's and `kata.toml`'s name (`"python"`, `"javascript"`).
    pub fn name(self) -> &'static str {
        match self {
            Language::Python => "python",
            Language::Javascript => "javascript",
        }
    }

    pub fn parse(name: &str) -> Option<Language> {
        Language::ALL.into_iter().find(|l| l.name() == name)
    }

    /// For people: "Python", "JavaScript".
    pub fn title(self) -> &'static str {
        match self {
            Language::Python => "Python",
            Language::Javascript => "JavaScript",
        }
    }

    /// The solution's file name (starter, reference, error messages).
    pub fn solution_file(self) -> &'static str {
        match self {
            Language::Python => "solution.py",
            Language::Javascript => "solution.js",
        }
    }

    /// The pair's own tests' file name.
    pub fn tests_file(self) -> &'static str {
        match self {
            Language::Python => "test_solution.py",
            Language::Javascript => "solution.test.js",
        }
    }

    pub fn naming(self) -> Naming {
        match self {
            Language::Python => Naming::AsWritten,
            Language::Javascript => Naming::CamelCase,
        }
    }

    /// A function or method name from `kata.toml`, as this language spells it.
    pub fn entry_name(self, neutral: &str) -> String {
        match self.naming() {
            Naming::AsWritten => neutral.to_string(),
            Naming::CamelCase => camel_case(neutral),
        }
    }
}

/// `next_generation` -> `nextGeneration`; leading underscores stay, runs of them
/// count as one.
fn camel_case(snake: &str) -> String {
    let leading = snake.len() - snake.trim_start_matches('_').len();
    let mut out = String::with_capacity(snake.len());
    out.push_str(&snake[..leading]);
    let mut upper = false;
    for c in snake[leading..].chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn javascript_names_are_camel_case() {
        let js = Language::Javascript;
        assert_eq!(js.entry_name("next_generation"), "nextGeneration");
        assert_eq!(js.entry_name("fizzbuzz"), "fizzbuzz");
        assert_eq!(js.entry_name("is_valid_isbn"), "isValidIsbn");
        assert_eq!(js.entry_name("to_files"), "toFiles");
        assert_eq!(js.entry_name("a__b"), "aB");
        assert_eq!(Language::Python.entry_name("next_generation"), "next_generation");
    }

    #[test]
    fn names_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::parse(l.name()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.name()));
        }
        assert_eq!(Language::parse("cobol"), None);
    }
}
