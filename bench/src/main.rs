//! `randori-bench`: Randori's benchmark suite (issue 7; docs/benchmarks.md).
//!
//! One process runs every part against real servers it starts itself:
//! 1. `fanout`: sync fan-out, Randori against the reference Node y-websocket server;
//! 2. `traces`: real editing traces replayed keystroke by keystroke;
//! 3. `sandbox`: kata submissions through a room, against a native process per run;
//! 4. `scale` and `startup`: memory at rest with many rooms and clients, start-up time.
//!
//! It prints tables and writes everything it measured as JSON. Numbers are reported
//! against the targets, never asserted.

mod client;
mod fanout;
mod native_js;
mod report;
mod sandbox;
mod scale;
mod server;
mod startup;
mod sys;
mod trace;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Parser;
use serde_json::{Value, json};

use server::Kind;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "randori-bench",
    about = "Randori's benchmarks: prints tables, writes JSON. Every option is also an environment variable."
)]
pub struct Config {
    /// Parts to run, comma-separated: fanout, traces, sandbox, javascript, run100, scale, startup.
    #[arg(
        long,
        env = "BENCH_PARTS",
        default_value = "fanout,traces,sandbox,javascript,run100,scale,startup"
    )]
    pub parts: String,

    /// Repository root; the relative paths below are resolved against it.
    #[arg(long, env = "BENCH_REPO", default_value = ".")]
    pub repo: PathBuf,
    #[arg(
        long,
        env = "BENCH_RANDORI_BIN",
        default_value = "target/release/randori"
    )]
    pub randori_bin: PathBuf,
    /// Where `npm ci` installed the Node peer (bench/node).
    #[arg(long, env = "BENCH_NODE_DIR", default_value = "bench/node")]
    pub node_dir: PathBuf,
    #[arg(long, env = "BENCH_KATAS", default_value = "katas")]
    pub katas: PathBuf,
    #[arg(long, env = "BENCH_GUEST_WASM", default_value = "build/runner.wasm")]
    pub guest_wasm: PathBuf,
    #[arg(long, env = "BENCH_CACHE_DIR", default_value = "target/randori-cache")]
    pub cache_dir: PathBuf,
    #[arg(long, env = "BENCH_WEB_DIR", default_value = "web/dist")]
    pub web_dir: PathBuf,
    /// Scratch space: servers' data directories and logs.
    #[arg(long, env = "BENCH_WORK_DIR", default_value = "target/bench")]
    pub work_dir: PathBuf,
    /// Where the JSON results go.
    #[arg(long, env = "BENCH_OUT", default_value = "bench/results/latest.json")]
    pub out: PathBuf,
    #[arg(long, env = "BENCH_PYTHON", default_value = "python3")]
    pub python: String,

    /// CPUs of the servers under test in the sync parts (the sandbox part and start-up
    /// give Randori every core). Empty: no pinning.
    #[arg(long, env = "BENCH_SERVER_CPUS", default_value = "0")]
    pub server_cpus: String,
    /// CPUs of this load generator. Empty: no pinning.
    #[arg(long, env = "BENCH_LOAD_CPUS", default_value = "1")]
    pub load_cpus: String,

    /// Servers compared in the fan-out and scale parts: randori, node.
    #[arg(long, env = "BENCH_PEERS", default_value = "randori,node")]
    pub peers: String,
    #[arg(long, env = "BENCH_ROOMS", default_value_t = 50)]
    pub rooms: usize,
    #[arg(long, env = "BENCH_CLIENTS", default_value_t = 4)]
    pub clients: usize,
    /// Edits per second per client.
    #[arg(long, env = "BENCH_RATE", default_value_t = 5.0)]
    pub rate: f64,
    /// Measured seconds of the fan-out (after the warm-up).
    #[arg(long, env = "BENCH_SECONDS", default_value_t = 20.0)]
    pub seconds: f64,
    #[arg(long, env = "BENCH_WARMUP", default_value_t = 5.0)]
    pub warmup: f64,
    /// Fan-out rounds per server (alternating); the median round is reported.
    #[arg(long, env = "BENCH_ROUNDS", default_value_t = 3)]
    pub rounds: usize,

    /// Editing traces (gzipped JSON), comma-separated.
    #[arg(
        long,
        env = "BENCH_TRACES",
        default_value = "../shared/traces/automerge-paper.json.gz,../shared/traces/rustcode.json.gz"
    )]
    pub traces: String,

    /// Sequential submissions per kata for the latency figures.
    #[arg(long, env = "BENCH_SANDBOX_PER_KATA", default_value_t = 40)]
    pub sandbox_per_kata: usize,
    /// Seconds of each throughput phase (Randori, then native processes).
    #[arg(long, env = "BENCH_SANDBOX_SECONDS", default_value_t = 10.0)]
    pub sandbox_seconds: f64,
    /// Rooms per kata submitting at once in the throughput phase.
    #[arg(long, env = "BENCH_SANDBOX_ROOMS_PER_KATA", default_value_t = 2)]
    pub sandbox_rooms_per_kata: usize,
    /// Native processes at once in their throughput phase (0: two per core).
    #[arg(long, env = "BENCH_NATIVE_CONCURRENCY", default_value_t = 0)]
    pub native_concurrency: usize,

    #[arg(long, env = "BENCH_SCALE_ROOMS", default_value_t = 1000)]
    pub scale_rooms: usize,
    #[arg(long, env = "BENCH_STARTUP_RUNS", default_value_t = 5)]
    pub startup_runs: usize,

    /// Before each part, wait at most this many seconds for other processes to go
    /// quiet; a CPU-bound part disturbed by them anyway is run again (see --attempts).
    #[arg(long, env = "BENCH_QUIET_WAIT", default_value_t = 300.0)]
    pub quiet_wait: f64,
    /// Runs of a CPU-bound part (fan-out, sandbox) while other processes used more than
    /// a tenth of a core during its measurement.
    #[arg(long, env = "BENCH_ATTEMPTS", default_value_t = 3)]
    pub attempts: usize,

    /// Keep the other parts' results already in the output file: rerun one part
    /// (e.g. `BENCH_PARTS=fanout BENCH_MERGE=1`) and refresh its numbers only.
    #[arg(long, env = "BENCH_MERGE", default_value = "false", num_args = 0..=1, default_missing_value = "true",
          value_parser = clap::builder::BoolishValueParser::new())]
    pub merge: bool,

    #[arg(skip)]
    pub all_cpus: String,
}

impl Config {
    fn resolve(mut self) -> Result<Self> {
        let repo = std::fs::canonicalize(&self.repo)
            .with_context(|| format!("repo {}", self.repo.display()))?;
        let at = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                repo.join(p)
            }
        };
        self.randori_bin = at(&self.randori_bin);
        self.node_dir = at(&self.node_dir);
        self.katas = at(&self.katas);
        self.guest_wasm = at(&self.guest_wasm);
        self.cache_dir = at(&self.cache_dir);
        self.web_dir = at(&self.web_dir);
        self.work_dir = at(&self.work_dir);
        self.out = at(&self.out);
        self.traces = self
            .traces
            .split(',')
            .filter(|t| !t.trim().is_empty())
            .map(|t| at(Path::new(t.trim())).to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(",");
        self.repo = repo;
        let n = sys::online_cpus();
        self.all_cpus = format!("0-{}", n - 1);
        if n < 2 {
            self.server_cpus.clear();
            self.load_cpus.clear();
        }
        if self.native_concurrency == 0 {
            self.native_concurrency = 2 * n;
        }
        Ok(self)
    }

    fn wants(&self, part: &str) -> bool {
        self.parts.split(',').any(|p| p.trim() == part)
    }

    fn peers(&self) -> Vec<Kind> {
        let mut out = Vec::new();
        for p in self.peers.split(',') {
            match p.trim() {
                "randori" => out.push(Kind::Randori),
                "node" => out.push(Kind::Node),
                _ => {}
            }
        }
        out
    }
}

fn error_value(e: &anyhow::Error) -> Value {
    json!({"error": format!("{e:#}")})
}

/// Waits for a quiet machine before a part; says so when it had to.
async fn quiet(cfg: &Config) -> f64 {
    let waited = sys::wait_quiet(std::time::Duration::from_secs_f64(cfg.quiet_wait)).await;
    if waited > 3.5 {
        eprintln!("bench: waited {waited:.0} s for other processes to go quiet");
    }
    waited
}

/// Whether other processes used more than a tenth of a core over `seconds`.
fn disturbed(v: &Value, paths: &[&[&str]], seconds: f64) -> bool {
    paths.iter().any(|p| {
        p.iter().fold(v, |v, k| &v[*k])["other_processes_cpu_seconds"]
            .as_f64()
            .is_some_and(|x| x > 0.1 * seconds)
    })
}

/// Runs a CPU-bound part until other processes leave it alone (at most `attempts`).
async fn attempt<F, Fut>(
    cfg: &Config,
    what: &str,
    paths: &[&[&str]],
    seconds: f64,
    mut run: F,
) -> Result<Value>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Value>>,
{
    let mut last = None;
    for i in 0..cfg.attempts.max(1) {
        let waited = quiet(cfg).await;
        let mut v = run().await?;
        v["waited_for_quiet_seconds"] = json!(waited);
        v["attempt"] = json!(i + 1);
        if !disturbed(&v, paths, seconds) {
            return Ok(v);
        }
        eprintln!("bench: other processes were busy during {what}; running it again");
        last = Some(v);
    }
    let mut v = last.expect("at least one attempt");
    v["disturbed_by_other_processes"] = json!(true);
    Ok(v)
}

async fn run_all(cfg: &Config) -> (Value, bool) {
    let mut results = json!({
        "machine": sys::machine(),
        "config": {
            "server_cpus": cfg.server_cpus, "load_cpus": cfg.load_cpus,
            "rooms": cfg.rooms, "clients": cfg.clients, "rate": cfg.rate,
            "seconds": cfg.seconds, "warmup": cfg.warmup, "rounds": cfg.rounds,
            "sandbox_per_kata": cfg.sandbox_per_kata, "sandbox_seconds": cfg.sandbox_seconds,
            "scale_rooms": cfg.scale_rooms,
        },
    });
    let mut ok = true;
    let mut fail = |part: &str, e: anyhow::Error| {
        eprintln!("bench: {part} failed: {e:#}");
        ok = false;
        error_value(&e)
    };

    if cfg.wants("fanout") {
        let p = fanout::Params {
            rooms: cfg.rooms,
            clients: cfg.clients,
            rate: cfg.rate,
            seconds: cfg.seconds,
            warmup: cfg.warmup,
            drain: 2.0,
        };
        let mut part = json!({});
        // Rounds alternate the servers; each server's reported round is its median by
        // CPU per delivery (one 20 s window varies by +-20 % on a quiet VM).
        let mut rounds: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
        for round in 0..cfg.rounds.max(1) {
            for kind in cfg.peers() {
                eprintln!(
                    "bench: fan-out against {} (round {} of {}): {} rooms x {} clients x {} edits/s, {} s warm-up + {} s",
                    kind.name(),
                    round + 1,
                    cfg.rounds.max(1),
                    p.rooms,
                    p.clients,
                    p.rate,
                    p.warmup,
                    p.seconds
                );
                let v = attempt(
                    cfg,
                    &format!("the fan-out against {}", kind.name()),
                    &[&[]],
                    p.seconds,
                    || fanout::run(cfg, kind, &p),
                )
                .await
                .unwrap_or_else(|e| fail("fanout", e));
                rounds.entry(kind.name()).or_default().push(v);
            }
        }
        for (name, mut list) in rounds {
            let key = |v: &Value| {
                v["server_cpu_seconds_per_1000_deliveries"]
                    .as_f64()
                    .unwrap_or(f64::INFINITY)
            };
            let summary: Vec<Value> = list
                .iter()
                .map(|v| json!({
                    "cpu_seconds_per_1000_deliveries": v["server_cpu_seconds_per_1000_deliveries"],
                    "latency_p50_ms": v["latency_ms"]["p50_ms"],
                    "latency_p99_ms": v["latency_ms"]["p99_ms"],
                    "peak_rss_mib": v["server_peak_rss_mib"],
                    "other_processes_cpu_seconds": v["other_processes_cpu_seconds"],
                    "error": v.get("error"),
                }))
                .collect();
            list.sort_by(|a, b| key(a).total_cmp(&key(b)));
            let mut median = list[list.len() / 2].clone();
            median["rounds"] = json!(summary);
            part[name] = median;
        }
        if part
            .get("randori")
            .is_some_and(|v| v.get("error").is_none())
            && part.get("node").is_some_and(|v| v.get("error").is_none())
        {
            part["ratios"] = fanout::ratios(&part["randori"], &part["node"]);
        }
        results["fanout"] = part;
    }

    if cfg.wants("traces") {
        let mut list = Vec::new();
        for t in cfg.traces.split(',').filter(|t| !t.is_empty()) {
            eprintln!("bench: replaying {t}");
            quiet(cfg).await;
            list.push(
                trace::run(cfg, Path::new(t))
                    .await
                    .unwrap_or_else(|e| fail("traces", e)),
            );
        }
        results["traces"] = json!(list);
    }

    if cfg.wants("sandbox") {
        eprintln!("bench: sandbox submissions, then a native python3 per submission");
        let p = sandbox::Params {
            per_kata: cfg.sandbox_per_kata,
            seconds: cfg.sandbox_seconds,
            rooms_per_kata: cfg.sandbox_rooms_per_kata,
            native_concurrency: cfg.native_concurrency,
        };
        results["sandbox"] = attempt(
            cfg,
            "the sandbox part",
            &[&["randori"], &["native"]],
            p.seconds,
            || sandbox::run(cfg, &p),
        )
        .await
        .unwrap_or_else(|e| fail("sandbox", e));
    }

    if cfg.wants("javascript") {
        eprintln!("bench: JavaScript submissions, then a native node per submission");
        let p = sandbox::Params {
            per_kata: cfg.sandbox_per_kata,
            seconds: cfg.sandbox_seconds,
            rooms_per_kata: cfg.sandbox_rooms_per_kata,
            native_concurrency: cfg.native_concurrency,
        };
        results["javascript"] = attempt(
            cfg,
            "the JavaScript part",
            &[&["randori"], &["native"]],
            p.seconds,
            || sandbox::run_javascript(cfg, &p),
        )
        .await
        .unwrap_or_else(|e| fail("javascript", e));
    }

    if cfg.wants("run100") {
        eprintln!("bench: the 100-case run (FizzBuzz, 100 cases a submission)");
        let p = sandbox::Params {
            per_kata: cfg.sandbox_per_kata * 5,
            seconds: cfg.sandbox_seconds,
            rooms_per_kata: cfg.sandbox_rooms_per_kata * 8,
            native_concurrency: cfg.native_concurrency,
        };
        results["run100"] = match sandbox::hundred_case_katas(cfg) {
            Ok(katas) => {
                let c = Config {
                    katas,
                    ..cfg.clone()
                };
                attempt(
                    &c,
                    "the 100-case run",
                    &[&["randori"], &["native"]],
                    p.seconds,
                    || sandbox::run(&c, &p),
                )
                .await
            }
            Err(e) => Err(e),
        }
        .unwrap_or_else(|e| fail("run100", e));
    }

    if cfg.wants("scale") {
        let mut part = json!({});
        for kind in cfg.peers() {
            eprintln!(
                "bench: {} rooms x 2 idle clients against {}",
                cfg.scale_rooms,
                kind.name()
            );
            quiet(cfg).await;
            part[kind.name()] = scale::run(
                cfg,
                kind,
                &scale::Params {
                    rooms: cfg.scale_rooms,
                },
            )
            .await
            .unwrap_or_else(|e| fail("scale", e));
        }
        results["scale"] = part;
    }

    if cfg.wants("startup") {
        eprintln!("bench: start-up, {} restarts", cfg.startup_runs);
        quiet(cfg).await;
        results["startup"] = startup::run(cfg, cfg.startup_runs)
            .await
            .unwrap_or_else(|e| fail("startup", e));
    }

    results["targets"] = report::targets(&results);
    (results, ok)
}

fn main() -> Result<()> {
    let cfg = Config::parse().resolve()?;
    if !cfg.load_cpus.is_empty() {
        sys::pin_self(&cfg.load_cpus)?;
    }
    sys::raise_nofile();
    sys::origin();
    std::fs::create_dir_all(&cfg.work_dir)?;
    // The load generator is one thread on its own core, like a browser tab per client
    // would not be: it keeps its own overhead off the server's core.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let (mut results, ok) = runtime.block_on(run_all(&cfg));
    let previous = cfg
        .merge
        .then(|| std::fs::read_to_string(&cfg.out).ok())
        .flatten()
        .and_then(|t| serde_json::from_str(&t).ok());
    {
        if let Some(Value::Object(old)) = previous {
            let mut merged = old;
            for part in ["fanout", "traces", "sandbox", "javascript", "run100", "scale", "startup"] {
                if let Some(v) = results.get(part) {
                    merged.insert(part.into(), v.clone());
                    merged.insert(format!("{part}_measured"), results["machine"].clone());
                }
            }
            merged.insert("config".into(), results["config"].clone());
            results = Value::Object(merged);
            results["targets"] = report::targets(&results);
        }
    }
    if let Some(dir) = cfg.out.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&cfg.out, serde_json::to_string_pretty(&results)? + "\n")?;
    print!("{}", report::tables(&results));
    println!("\nresults: {}", cfg.out.display());
    if !ok {
        anyhow::bail!("some parts failed (see above and {})", cfg.out.display());
    }
    Ok(())
}
