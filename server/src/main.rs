//! The `randori` command: the server, and the command-line tools for pairs and
//! kata authors.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};

use randori::config::ServeConfig;
use randori::judge::{self, Job};
use randori::kata::{Catalogue, Kata};
use randori::sandbox::Sandbox;
use randori::server::{Server, shutdown_signal};
use randori::verdict::{Light, Status};

#[derive(Parser)]
#[command(
    name = "randori",
    version,
    about = "A coding-dojo server: live pair editing, a rotation timer, and Python katas judged in a wasmtime sandbox."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the sandbox component and its compiled cache are.
#[derive(clap::Args, Clone)]
struct SandboxArgs {
    /// The Python sandbox component (built by scripts/build-guest.sh).
    #[arg(
        long,
        env = "RANDORI_GUEST_WASM",
        default_value = "./build/runner.wasm"
    )]
    guest_wasm: PathBuf,
    /// Directory for the compiled-component cache.
    #[arg(long, env = "RANDORI_CACHE_DIR", default_value = "./data/cache")]
    cache_dir: PathBuf,
}

impl SandboxArgs {
    fn load(&self) -> anyhow::Result<Arc<Sandbox>> {
        Ok(Arc::new(Sandbox::load(
            &self.guest_wasm,
            &self.cache_dir,
            8,
        )?))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the server.
    Serve(ServeConfig),
    /// Run a pair's own tests against a solution (exit 0 on green).
    Test {
        #[arg(long)]
        solution: PathBuf,
        #[arg(long)]
        tests: PathBuf,
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
enum KataCommand {
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
    Submit {
        slug: String,
        #[arg(long)]
        solution: PathBuf,
        /// Seed for the random cases (to reproduce a failure).
        #[arg(long)]
        seed: Option<u64>,
        #[arg(long)]
        json: bool,
        #[arg(long, env = "RANDORI_KATAS_DIR", default_value = "./katas")]
        katas_dir: PathBuf,
        #[command(flatten)]
        sandbox: SandboxArgs,
    },
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "randori=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
    match runtime.block_on(run(cli.command)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Serve(config) => serve(config).await,
        Command::Test {
            solution,
            tests,
            json,
            sandbox,
        } => {
            let sandbox = sandbox.load()?;
            let job = Job::Tests {
                solution: read(&solution)?,
                tests: read(&tests)?,
                per_test: judge::DEFAULT_TEST_BUDGET,
                memory_mb: judge::DEFAULT_MEMORY_MB,
            };
            let judged = judge::run(&sandbox, &job).await;
            print_report(&judged, json, None);
            Ok(exit(judged.outcome.light == Light::Green))
        }
        Command::Kata(KataCommand::New { slug, katas_dir }) => {
            let dir = randori::kata::check::scaffold(&katas_dir, &slug)?;
            println!(
                "created {}; run `randori kata check {slug}` to see what is left to do",
                dir.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Kata(KataCommand::Check {
            slugs,
            katas_dir,
            sandbox,
        }) => {
            let catalogue = Catalogue::load(&katas_dir);
            let sandbox = sandbox.load()?;
            let mut failed = false;
            let wanted = |slug: &str| slugs.is_empty() || slugs.iter().any(|s| s == slug);
            for (slug, errors) in catalogue.problems.iter().filter(|(s, _)| wanted(s)) {
                failed = true;
                println!("FAIL {slug}");
                for e in errors {
                    println!("  {e}");
                }
            }
            for slug in &slugs {
                if catalogue.get(slug).is_none() && !catalogue.problems.contains_key(slug) {
                    failed = true;
                    println!(
                        "FAIL {slug}\n  no folder {}",
                        katas_dir.join(slug).display()
                    );
                }
            }
            for kata in catalogue.all().filter(|k| wanted(&k.slug)) {
                let started = std::time::Instant::now();
                let problems = randori::kata::check::check(&sandbox, kata).await;
                let ms = started.elapsed().as_millis();
                if problems.is_empty() {
                    println!(
                        "ok   {} ({} sample, {} hidden, {} random checked, {ms} ms)",
                        kata.slug,
                        kata.samples.len(),
                        kata.hidden.len(),
                        randori::kata::check::CHECK_RANDOM_CASES
                    );
                } else {
                    failed = true;
                    println!("FAIL {}", kata.slug);
                    for p in problems {
                        println!("  {p}");
                    }
                }
            }
            Ok(exit(!failed))
        }
        Command::Kata(KataCommand::Submit {
            slug,
            solution,
            seed,
            json,
            katas_dir,
            sandbox,
        }) => {
            let dir = katas_dir.join(&slug);
            let kata = Kata::load(&dir).map_err(|errors| {
                anyhow::anyhow!(
                    "kata {slug} is broken:\n{}",
                    errors
                        .iter()
                        .map(|e| format!("  {e}"))
                        .collect::<Vec<_>>()
                        .join("\n")
                )
            })?;
            let sandbox = sandbox.load()?;
            let seed = seed.unwrap_or_else(|| rand::random::<u32>() as u64);
            let job = Job::Submit {
                solution: read(&solution)?,
                kata: Arc::new(kata),
                language: "python".into(),
                seed,
                random_count: None,
            };
            let judged = judge::run(&sandbox, &job).await;
            print_report(&judged, json, Some(seed));
            Ok(exit(judged.outcome.verdict == Status::Passed))
        }
    }
}

fn exit(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn read(path: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn print_report(judged: &judge::Judged, json: bool, seed: Option<u64>) {
    if json {
        let report = serde_json::json!({
            "light": judged.outcome.light,
            "verdict": judged.outcome.verdict,
            "summary": judged.outcome.summary,
            "seed": seed,
            "results": judged.rows,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&report).expect("report serializes")
        );
        return;
    }
    for row in &judged.rows {
        let status = serde_json::to_value(row.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!("{:<12} {}", status.to_uppercase(), row.name);
        if let Some(m) = &row.message {
            for line in m.lines() {
                println!("             {line}");
            }
        }
        if row.status != Status::Passed
            && let (Some(e), Some(a)) = (&row.expected, &row.actual)
        {
            println!("             expected {e}\n             actual   {a}");
        }
    }
    let light = match judged.outcome.light {
        Light::Green => "GREEN",
        Light::Red => "RED",
        Light::Amber => "AMBER",
    };
    match seed {
        Some(seed) => println!("{light}: {} (seed {seed})", judged.outcome.summary),
        None => println!("{light}: {}", judged.outcome.summary),
    }
}

async fn serve(config: ServeConfig) -> anyhow::Result<ExitCode> {
    let server = Server::start(config).await?;
    println!("randori listening on http://{}", server.addr);
    let app = server.app.clone();
    // SIGHUP reloads the kata catalogue.
    #[cfg(unix)]
    tokio::spawn(async move {
        if let Ok(mut hup) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup())
        {
            while hup.recv().await.is_some() {
                app.katas.reload();
            }
        }
    });
    shutdown_signal().await;
    tracing::info!("shutting down");
    server.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
