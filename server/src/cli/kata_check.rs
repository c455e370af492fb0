//! `randori kata check` and `randori kata new`: the kata author's tools.
//!
//! Check runs each kata for real, in the sandbox: the reference must pass every
//! fixed case and 100 random ones, the starter must start red, the generator must be
//! deterministic for a seed, and nothing may exceed its budget.

use std::path::Path;
use std::sync::Arc;

use crate::katas::{self, Kata};
use crate::runs::judge::{self, Job};
use crate::runs::oracle::Oracles;
use crate::runs::sandbox::Sandbox;
use randori_core::kata::language::Language;
use randori_core::kata::spec::names_stating_answers;
use randori_core::verdict::{Group, Light, ResultRow, RowStatus};

/// Random cases the reference must pass during a check.
pub const CHECK_RANDOM_CASES: u32 = 100;

/// Seeds used to check the generator's determinism.
const CHECK_SEEDS: [u64; 2] = [1, 20260101];

/// Problems found in one kata (empty: the kata is fine).
pub async fn check(sandbox: &Arc<Sandbox>, kata: &Arc<Kata>) -> Vec<String> {
    let mut problems = todo_markers(&kata.dir);
    problems.extend(names_stating_answers(&kata.hidden));
    // First, so that a broken generator is said once, plainly, rather than as
    // every language's reference failing.
    let generator = check_generator(sandbox, kata).await;
    let generator_ok = generator.is_empty();
    problems.extend(generator);
    // The spec parser accepts only languages it knows.
    let languages = kata.spec.languages.iter().filter_map(|l| Language::parse(l));
    for language in languages {
        // Every language's reference against the same cases, judged by the oracle's
        // expected values: two languages that disagree fail here.
        problems.extend(check_reference(sandbox, kata, language, generator_ok).await);
        problems.extend(check_starter(sandbox, kata, language).await);
        problems.extend(check_starter_tests(sandbox, kata, language).await);
    }
    problems
}

/// A submission of `solution` with `random` random cases, as `kata check` judges it.
fn submission(kata: &Arc<Kata>, language: Language, solution: &str, random: u32) -> Job {
    Job::Submit {
        solution: solution.to_string(),
        kata: kata.clone(),
        language,
        seed: CHECK_SEEDS[0],
        random_count: Some(random),
        audience: crate::runs::judge::Audience::Author,
    }
}

/// The reference passes everything, random cases included.
async fn check_reference(
    sandbox: &Arc<Sandbox>,
    kata: &Arc<Kata>,
    language: Language,
    generator_ok: bool,
) -> Vec<String> {
    let reference = &kata.references[language.name()];
    let file = format!("reference/{}/{}", language.name(), language.solution_file());
    let judged = judge::run(sandbox, &submission(kata, language, reference, CHECK_RANDOM_CASES)).await;
    if let Some(why) = &judged.kata_trouble {
        // Already reported by the generator check, unless only this seed breaks it.
        return if generator_ok { vec![generator_failure(why)] } else { Vec::new() };
    }
    judged
        .rows
        .iter()
        .filter(|r| r.status != RowStatus::Passed)
        .map(|row| reference_failure(kata, &file, row))
        .collect()
}

/// The kata's own code failed before the reference was judged: usually the
/// generator (the oracle's error says which call and why).
fn generator_failure(why: &str) -> String {
    format!("the kata's own code failed: {why}")
}

/// A failing case, said so that the author can fix the right side: where the case
/// is written, what it expected, what the reference gave.
fn reference_failure(kata: &Kata, file: &str, row: &ResultRow) -> String {
    let why = row.message.clone().unwrap_or_else(|| format!("{:?}", row.status));
    let mut text = format!("{file} fails case {:?}", row.name);
    if let Some(at) = case_location(&kata.dir, row.group, &row.name) {
        text.push_str(&format!(" ({at})"));
    }
    text.push_str(&format!(": {why}"));
    if let Some(input) = &row.input {
        text.push_str(&format!("\n    input:    {}", short_json(input)));
    }
    if let (Some(expected), Some(actual)) = (&row.expected, &row.actual) {
        text.push_str(&format!(
            "\n    expected: {}\n    actual:   {}\n    either the reference or the expected value may be wrong",
            short_json(expected),
            short_json(actual)
        ));
    }
    text
}

/// `cases/<group>.json:LINE` of a fixed case; random cases have no file.
fn case_location(dir: &Path, group: Option<Group>, name: &str) -> Option<String> {
    let file = match group? {
        Group::Sample => "cases/sample.json",
        Group::Hidden => "cases/hidden.json",
        Group::Random => return None,
    };
    let text = std::fs::read_to_string(dir.join(file)).ok()?;
    let needle = serde_json::to_string(name).ok()?;
    let line = text.lines().position(|l| {
        l.split_once("\"name\"")
            .is_some_and(|(_, rest)| rest.trim_start().trim_start_matches(':').trim_start().starts_with(&needle))
    })?;
    Some(format!("{file}:{}", line + 1))
}

/// A value on one line, cut at 200 characters.
fn short_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(200) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// The starter starts red.
async fn check_starter(sandbox: &Arc<Sandbox>, kata: &Arc<Kata>, language: Language) -> Vec<String> {
    let starter = &kata.starters[language.name()].solution;
    let judged = judge::run(sandbox, &submission(kata, language, starter, 5)).await;
    if !judge::all_passed(&judged) {
        return Vec::new();
    }
    vec![format!(
        "starter/{}/{} already passes every case; make it a skeleton that fails (e.g. return None)",
        language.name(),
        language.solution_file()
    )]
}

/// The starter's own test is red against the starter and green against the reference.
async fn check_starter_tests(
    sandbox: &Arc<Sandbox>,
    kata: &Arc<Kata>,
    language: Language,
) -> Vec<String> {
    let starter = &kata.starters[language.name()];
    let file = format!("starter/{}/{}", language.name(), language.tests_file());
    let tests = |solution: &str| Job::Tests {
        solution: solution.to_string(),
        tests: starter.tests.clone(),
        language,
        per_test: std::time::Duration::from_millis(kata.spec.budget.case_ms),
        memory_mb: kata.spec.budget.memory_mb,
    };
    let mut problems = Vec::new();
    let own = judge::run(sandbox, &tests(&starter.solution)).await;
    if own.outcome.light == Light::Green {
        problems.push(format!("{file} passes against the starter; it should start red"));
    }
    let own = judge::run(sandbox, &tests(&kata.references[language.name()])).await;
    if own.outcome.light != Light::Green {
        problems.push(format!(
            "{file} does not pass against the reference: {}",
            own.outcome.summary
        ));
    }
    problems
}

/// The generator is deterministic: the same inputs from two fresh instances, and
/// again from a warm one (workers reuse an oracle between submissions).
async fn check_generator(sandbox: &Arc<Sandbox>, kata: &Arc<Kata>) -> Vec<String> {
    let seed = CHECK_SEEDS[1];
    let mut warm = Oracles::new(1);
    let runs = [
        warm.random_cases(sandbox, kata, seed, 20).await,
        warm.random_cases(sandbox, kata, seed, 20).await,
        Oracles::new(0)
            .random_cases(sandbox, kata, seed, 20)
            .await,
    ];
    let problem = if let Some(e) = runs.iter().find_map(|r| r.as_ref().err()) {
        generator_failure(e)
    } else if runs[0] != runs[2] {
        "generator.py gives different inputs for the same seed; use random.Random(seed), never the global random".into()
    } else if runs[0] != runs[1] {
        "generator.py or the reference gives different cases when called twice in one instance; keep no state between calls (module-level counters, shared mutable defaults)".into()
    } else {
        return Vec::new();
    };
    vec![problem]
}

/// What `kata new` marks unfinished parts with. A plain "TODO" is left alone: starters
/// legitimately say "TODO" to the pair.
const AUTHOR_TODO: &str = "TODO(author)";

/// Lines still marked for the author (left by `kata new`).
fn todo_markers(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                for (i, line) in text.lines().enumerate() {
                    if let Some(pos) = line.find(AUTHOR_TODO) {
                        let rel = p.strip_prefix(dir).unwrap_or(&p).display();
                        let what = line[pos + AUTHOR_TODO.len()..]
                            .trim_start_matches(':')
                            .trim();
                        found.push(format!("{rel}:{}: still to do: {what}", i + 1));
                    }
                }
            }
        }
    }
    found.sort();
    found
}

/// Writes a new kata folder from a template; `check` then lists what is left to do.
pub fn scaffold(katas_dir: &Path, slug: &str) -> anyhow::Result<std::path::PathBuf> {
    anyhow::ensure!(
        katas::is_valid_slug(slug),
        "{slug:?} is not a valid slug: use lowercase letters, digits and -"
    );
    let dir = katas_dir.join(slug);
    anyhow::ensure!(!dir.exists(), "{} already exists", dir.display());
    let title: String = slug
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    let files: [(&str, String); 8] = [
        ("kata.toml", format!(
"title = \"{title}\"
# TODO(author): one line that tells a pair what the kata is about
summary = \"{title} in one sentence.\"
difficulty = \"easy\"            # easy | medium | hard
tags = []
languages = [\"python\"]

[entry]
function = \"solve\"             # or: class = \"Name\", init = [...], methods.name = {{ params = [...], returns = \"...\" }}
params = [[\"n\", \"int\"]]
returns = \"int\"

[compare]
float_tolerance = 1e-9
unordered = false

[budget]
case_ms = 1000
memory_mb = 64

[random]
count = 50
")),
        ("README.md", format!("# {title}\n\nTODO(author): write the statement: what `solve(n)` must return, with examples.\n\n## Rules\n\n- TODO(author): list the rules.\n\n## Hints for the navigator\n\n- TODO(author): a hint or two.\n")),
        ("starter/python/solution.py", "def solve(n):\n    return None\n".into()),
        ("starter/python/test_solution.py", "from solution import solve\n\n\ndef test_one():\n    assert solve(1) == 1\n".into()),
        ("cases/sample.json", "[\n  {\"name\": \"one\", \"args\": [1], \"expected\": 1}\n]\n".into()),
        ("cases/hidden.json", "[\n  {\"name\": \"zero\", \"args\": [0], \"expected\": 0}\n]\n".into()),
        ("generator.py", "import random\n\n\ndef generate(seed, count):\n    # TODO(author): produce inputs that cover the kata's domain\n    rng = random.Random(seed)\n    return [{\"args\": [rng.randint(0, 1000)]} for _ in range(count)]\n".into()),
        ("reference/python/solution.py", "def solve(n):\n    # TODO(author): write a correct, clear solution\n    return n\n".into()),
    ];
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("file has a parent"))?;
        std::fs::write(&path, text)?;
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaffold_loads_and_lists_its_todos() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = scaffold(tmp.path(), "my-kata").unwrap();
        let kata = Kata::load(&dir).expect("a scaffold is a valid kata");
        assert_eq!(kata.spec.title, "My Kata");
        let todos = todo_markers(&dir);
        assert!(
            todos.iter().any(|t| t.starts_with("README.md:3:")),
            "{todos:?}"
        );
        assert!(
            todos.iter().any(|t| t.starts_with("kata.toml:2:")),
            "{todos:?}"
        );
        assert!(scaffold(tmp.path(), "my-kata").is_err());
        assert!(scaffold(tmp.path(), "Bad Slug").is_err());
    }
}
