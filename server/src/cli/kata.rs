//! `randori kata check | new | submit`: the kata author's commands.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::cli::{KataCommand, SandboxArgs, SubmitArgs, exit, kata_check, language_of, read, report};
use crate::katas::{Catalogue, Kata};
use crate::runs::judge::{self, Job};
use crate::runs::sandbox::Sandbox;
use randori_core::verdict::RowStatus;

/// Runs one `randori kata ...` command.
pub async fn run(command: KataCommand) -> anyhow::Result<ExitCode> {
    match command {
        KataCommand::New { slug, katas_dir } => new(&katas_dir, &slug),
        KataCommand::Check {
            slugs,
            katas_dir,
            sandbox,
        } => check(&slugs, &katas_dir, &sandbox).await,
        KataCommand::Submit(args) => submit(&args).await,
    }
}

fn new(katas_dir: &Path, slug: &str) -> anyhow::Result<ExitCode> {
    let dir = kata_check::scaffold(katas_dir, slug)?;
    println!(
        "created {}; run `randori kata check {slug}` to see what is left to do",
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Checks every kata (or the named ones): folders that do not load, names without a
/// folder, then each loadable kata for real in the sandbox. Exit 1 on any problem.
async fn check(
    slugs: &[String],
    katas_dir: &Path,
    sandbox: &SandboxArgs,
) -> anyhow::Result<ExitCode> {
    let catalogue = Catalogue::load(katas_dir);
    let sandbox = sandbox.load()?;
    let wanted = |slug: &str| slugs.is_empty() || slugs.iter().any(|s| s == slug);
    let mut failed = false;
    for (slug, errors) in catalogue.problems.iter().filter(|(s, _)| wanted(s)) {
        failed = true;
        print_failure(slug, errors.iter().map(ToString::to_string));
    }
    for slug in slugs {
        if catalogue.get(slug).is_none() && !catalogue.problems.contains_key(slug) {
            failed = true;
            let missing = format!("no folder {}", katas_dir.join(slug).display());
            print_failure(slug, std::iter::once(missing));
        }
    }
    for kata in catalogue.all().filter(|k| wanted(&k.slug)) {
        failed |= !check_one(&sandbox, kata).await;
    }
    Ok(exit(!failed))
}

/// Checks one kata and prints its line (and its problems); true when it passed.
async fn check_one(sandbox: &Arc<Sandbox>, kata: &Arc<Kata>) -> bool {
    let started = std::time::Instant::now();
    let problems = kata_check::check(sandbox, kata).await;
    let ms = started.elapsed().as_millis();
    if problems.is_empty() {
        println!(
            "ok   {} ({} sample, {} hidden, {} random checked, {ms} ms)",
            kata.slug,
            kata.samples.len(),
            kata.hidden.len(),
            kata_check::CHECK_RANDOM_CASES
        );
        return true;
    }
    print_failure(&kata.slug, problems.iter().map(ToString::to_string));
    false
}

fn print_failure(slug: &str, problems: impl Iterator<Item = String>) {
    println!("FAIL {slug}");
    for p in problems {
        println!("  {p}");
    }
}

/// Submits a solution as a room would (hidden and random cases); exit 0 when passed.
async fn submit(args: &SubmitArgs) -> anyhow::Result<ExitCode> {
    let slug = &args.slug;
    let kata = Kata::load(&args.katas_dir.join(slug)).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        anyhow::anyhow!("kata {slug} is broken:\n{}", lines.join("\n"))
    })?;
    let language = language_of(args.language, &args.solution);
    if !kata.spec.languages.iter().any(|l| l == language.name()) {
        anyhow::bail!("kata {slug} has no {} version", language.title());
    }
    let sandbox = args.sandbox.load()?;
    let seed = args.seed.unwrap_or_else(|| u64::from(rand::random::<u32>()));
    let job = Job::Submit {
        solution: read(&args.solution)?,
        kata: Arc::new(kata),
        language,
        seed,
        random_count: None,
        audience: crate::runs::judge::Audience::Author,
    };
    let judged = judge::run(&sandbox, &job).await;
    report::print(&judged, args.json, Some(seed));
    Ok(exit(judged.outcome.verdict == RowStatus::Passed))
}
