//! The `randori` command line: `serve`, `test` and `kata check/new/submit`.
//!
//! Each command is a thin shell over the services (the server, the judge, the kata
//! library); `main.rs` only parses arguments and starts a runtime.

mod kata;
pub mod kata_check;
mod report;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::app::config::ServeConfig;
use crate::runs::judge::{self, Job};
use crate::runs::sandbox::Sandbox;
use randori_core::kata::language::Language;
use randori_core::verdict::Light;

#[derive(Parser)]
#[command(
    name = "randori",
    version,
    about = "A coding-dojo server: live pair editing, a rotation timer, and Python katas judged in a wasmtime sandbox."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Where the sandbox component and its compiled cache are.
#[derive(clap::Args, Clone)]
pub struct SandboxArgs {
    /// The Python sandbox component (built by scripts/build-guest.sh).
    #[arg(
        long,
        env = "RANDORI_GUEST_WASM",
        default_value = "./build/runner.wasm"
    )]
    guest_wasm: PathBuf,
    /// The JavaScript sandbox component (built by scripts/build-js-guest.sh).
    #[arg(
        long,
        env = "RANDORI_JS_GUEST_WASM",
        default_value = "./build/runner-js.wasm"
    )]
    js_guest_wasm: PathBuf,
    /// Directory for the compiled-component cache.
    #[arg(long, env = "RANDORI_CACHE_DIR", default_value = "./data/cache")]
    cache_dir: PathBuf,
}

impl SandboxArgs {
    fn load(&self) -> anyhow::Result<Arc<Sandbox>> {
        let guests = [
            (Language::Python, self.guest_wasm.clone()),
            (Language::Javascript, self.js_guest_wasm.clone()),
        ];
        Ok(Arc::new(Sandbox::load(&guests, &self.cache_dir, 8)?))
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the server.
    Serve(ServeConfig),
    /// Run a pair's own tests against a solution (exit 0 on green).
    Test {
        #[arg(long)]
        solution: PathBuf,
        #[arg(long)]
        tests: PathBuf,
        /// The solution's language (default: from its file name, `.js` is javascript).
        #[arg(long, value_parser = parse_language)]
        language: Option<Language>,
        /// Print the full report as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        sandbox: SandboxArgs,
    },
    /// Kata authoring: check, scaffold, submit.
    #[command(subcommand)]
    Kata(KataCommand),
}

#[derive(Subcommand)]
pub enum KataCommand {
    /// Validate katas (all, or the named ones) for real, in the sandbox. Exit 1 on any problem.
    Check {
        slugs: Vec<String>,
        #[arg(long, env = "RANDORI_KATAS_DIR", default_value = "./katas")]
        katas_dir: PathBuf,
        #[command(flatten)]
        sandbox: SandboxArgs,
    },
    /// Create a new kata folder that `check` explains how to finish.
    New {
        slug: String,
        #[arg(long, env = "RANDORI_KATAS_DIR", default_value = "./katas")]
        katas_dir: PathBuf,
    },
    /// Submit a solution against a kata, as in a room (exit 0 when passed).
    Submit(SubmitArgs),
}

/// `randori kata submit`.
#[derive(clap::Args)]
pub struct SubmitArgs {
    slug: String,
    #[arg(long)]
    solution: PathBuf,
    /// The solution's language (default: from its file name, `.js` is javascript).
    #[arg(long, value_parser = parse_language)]
    language: Option<Language>,
    /// Seed for the random cases (to reproduce a failure).
    #[arg(long)]
    seed: Option<u64>,
    #[arg(long)]
    json: bool,
    #[arg(long, env = "RANDORI_KATAS_DIR", default_value = "./katas")]
    katas_dir: PathBuf,
    #[command(flatten)]
    sandbox: SandboxArgs,
}

/// A `--language` value.
fn parse_language(name: &str) -> Result<Language, String> {
    Language::parse(name).ok_or_else(|| {
        let known: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
        format!("unknown language {name:?}; use one of {}", known.join(", "))
    })
}

/// The language given, else the one the solution's file name says.
fn language_of(given: Option<Language>, solution: &std::path::Path) -> Language {
    given.unwrap_or_else(|| match solution.extension().and_then(|e| e.to_str()) {
        Some("js" | "mjs") => Language::Javascript,
        _ => Language::Python,
    })
}

/// Runs one command to its exit code.
pub async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(config) => serve::serve(config).await,
        Command::Test {
            solution,
            tests,
            language,
            json,
            sandbox,
        } => test(&solution, &tests, language_of(language, &solution), json, &sandbox).await,
        Command::Kata(command) => kata::run(command).await,
    }
}

/// `randori test`: the pair's own tests against a solution, as a room runs them.
async fn test(
    solution: &PathBuf,
    tests: &PathBuf,
    language: Language,
    json: bool,
    sandbox: &SandboxArgs,
) -> anyhow::Result<ExitCode> {
    let sandbox = sandbox.load()?;
    let job = Job::Tests {
        solution: read(solution)?,
        tests: read(tests)?,
        language,
        per_test: judge::DEFAULT_TEST_BUDGET,
        memory_mb: judge::DEFAULT_MEMORY_MB,
    };
    let judged = judge::run(&sandbox, &job).await;
    report::print(&judged, json, None);
    Ok(exit(judged.outcome.light == Light::Green))
}

pub(crate) fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

pub(crate) fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

