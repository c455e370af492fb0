//! Part 3, the sandbox: a kata submission through a room, from the HTTP request to
//! the `run_finished` event on the room's events socket, for every kata of the
//! library (each room's `solution` text holds the kata's reference solution, put
//! there by a sync client); then runs per second with many rooms submitting at
//! once. In the same run, the same work done by a fresh native `python3` per
//! submission (bench/native/harness.py), the least a container-free
//! process-per-run design would pay.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::sync::{Mutex, mpsc};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;

use crate::Config;
use crate::client::{self, Api, Joined};
use crate::server::{self, RandoriOptions};
use crate::sys::{self, now_us, round1, round3};

#[derive(Debug, Clone)]
pub struct Params {
    /// Sequential submissions per kata for the latency figures.
    pub per_kata: usize,
    /// Length of each throughput phase.
    pub seconds: f64,
    /// Rooms per kata in the throughput phase (each submits, waits, submits again).
    pub rooms_per_kata: usize,
    /// Native processes running at once in its throughput phase.
    pub native_concurrency: usize,
}

/// A kata as the native harness needs it.
pub struct KataJob {
    pub slug: String,
    /// The room's language (`"python"`, `"javascript"`).
    pub language: &'static str,
    /// The solution put into the room: the kata's reference in that language.
    pub reference: String,
    /// The job without its seed (Python), or with a pool of ready case lists, one
    /// picked per run (`"pool"`, JavaScript).
    pub template: Value,
}

pub fn load_katas(dir: &Path) -> Result<Vec<KataJob>> {
    let mut slugs: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.join("kata.toml").is_file() && p.join("reference/python/solution.py").is_file()
        })
        .collect();
    slugs.sort();
    let mut out = Vec::new();
    for path in slugs {
        let slug = path
            .file_name()
            .and_then(|n| n.to_str())
            .context("kata name")?
            .to_string();
        let spec: Value = toml::from_str(&std::fs::read_to_string(path.join("kata.toml"))?)
            .with_context(|| format!("{slug}/kata.toml"))?;
        let read =
            |p: &str| std::fs::read_to_string(path.join(p)).with_context(|| format!("{slug}/{p}"));
        let reference = read("reference/python/solution.py")?;
        let cases = |p: &str| -> Result<Value> {
            let f = path.join(p);
            if f.is_file() {
                Ok(serde_json::from_str(&std::fs::read_to_string(f)?)?)
            } else {
                Ok(json!([]))
            }
        };
        let template = json!({
            "entry": spec["entry"],
            "compare": spec.get("compare").cloned().unwrap_or(json!({})),
            "count": spec.get("random").and_then(|r| r.get("count")).cloned().unwrap_or(json!(50)),
            "generator": read("generator.py")?,
            "reference": reference,
            "solution": reference,
            "samples": cases("cases/sample.json")?,
            "hidden": cases("cases/hidden.json")?,
        });
        out.push(KataJob {
            slug,
            language: "python",
            reference,
            template,
        });
    }
    Ok(out)
}

/// Cases in one submission of the 100-case run (issue 3's measure).
const HUNDRED: usize = 100;

/// A katas directory holding only FizzBuzz, its random count raised so that one
/// submission is exactly [`HUNDRED`] cases (sample + hidden + random): the "100-case
/// run" the sandbox's latency and throughput targets are set for.
pub fn hundred_case_katas(cfg: &Config) -> Result<PathBuf> {
    let from = cfg.katas.join("fizzbuzz");
    let dir = server::scratch_dir(cfg, "katas-100");
    let to = dir.join("fizzbuzz");
    std::fs::create_dir_all(&to)?;
    // Everything but kata.toml is the library's own, linked.
    for entry in std::fs::read_dir(&from).with_context(|| format!("{}", from.display()))? {
        let name = entry?.file_name();
        if name != "kata.toml" {
            std::os::unix::fs::symlink(from.join(&name), to.join(&name))?;
        }
    }
    let fixed: usize = ["cases/sample.json", "cases/hidden.json"]
        .iter()
        .map(|f| -> Result<usize> {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(to.join(f))?)?;
            Ok(v.as_array().map(Vec::len).unwrap_or(0))
        })
        .sum::<Result<usize>>()?;
    if fixed >= HUNDRED {
        bail!("fizzbuzz has {fixed} fixed cases: no room for random ones in {HUNDRED}");
    }
    let mut spec: toml::Table = toml::from_str(&std::fs::read_to_string(from.join("kata.toml"))?)?;
    let random = spec
        .entry("random")
        .or_insert_with(|| toml::Value::Table(Default::default()));
    if let toml::Value::Table(t) = random {
        t.insert(
            "count".into(),
            toml::Value::Integer((HUNDRED - fixed) as i64),
        );
    }
    std::fs::write(to.join("kata.toml"), toml::to_string(&spec)?)?;
    Ok(dir)
}

/// A `run_finished` event as the benchmark needs it.
#[derive(Debug, Clone)]
struct Finished {
    run_id: String,
    at_us: u64,
    verdict: String,
    summary: String,
    cases: usize,
    duration_ms: Option<u64>,
}

struct Room {
    slug: String,
    joined: Joined,
    finished: Mutex<mpsc::UnboundedReceiver<Finished>>,
}

/// Creates a room for a kata, puts the reference solution into its `solution` text
/// through a sync client, and subscribes to its events.
async fn prepare_room(api: &Api, kata: &KataJob, client_id: u64) -> Result<Room> {
    let room = api.create_room_in(Some(&kata.slug), kata.language).await?;
    let joined = api.join(&room, "bench").await?;
    client::replace_solution(api, &joined, client_id, &kata.reference).await?;

    let events = client::connect(&api.events_url(&joined)).await?;
    let (_events_sink, mut events_stream) = events.split();
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let _keep = _events_sink;
        while let Some(Ok(m)) = events_stream.next().await {
            let Message::Text(t) = m else { continue };
            let at_us = now_us();
            let Ok(v) = serde_json::from_str::<Value>(t.as_str()) else {
                continue;
            };
            if v["type"] != "run_finished" {
                continue;
            }
            let run = &v["run"];
            let _ = tx.send(Finished {
                run_id: run["id"].as_str().unwrap_or_default().to_string(),
                at_us,
                verdict: run["verdict"].as_str().unwrap_or_default().to_string(),
                summary: run["summary"].as_str().unwrap_or_default().to_string(),
                cases: run["results"].as_array().map(Vec::len).unwrap_or(0),
                duration_ms: run["duration_ms"].as_u64(),
            });
        }
    });
    Ok(Room {
        slug: kata.slug.clone(),
        joined,
        finished: Mutex::new(rx),
    })
}

/// One submission: request to result event, in microseconds.
async fn submit_once(api: &Api, room: &Room) -> Result<(u64, Finished)> {
    let mut finished = room.finished.lock().await;
    let t0 = now_us();
    let run_id = api.submit(&room.joined).await?;
    loop {
        let f = tokio::time::timeout(Duration::from_secs(60), finished.recv())
            .await
            .context("no run_finished within 60 s")?
            .context("events socket closed")?;
        if f.run_id == run_id {
            return Ok((f.at_us - t0, f));
        }
    }
}

#[derive(Default)]
struct Tally {
    latencies: Vec<u64>,
    not_passed: usize,
    first_problem: Option<String>,
    cases: usize,
}

impl Tally {
    fn add(&mut self, us: u64, passed: bool, what: impl FnOnce() -> String, cases: usize) {
        self.latencies.push(us);
        self.cases = self.cases.max(cases);
        if !passed {
            self.not_passed += 1;
            if self.first_problem.is_none() {
                self.first_problem = Some(what());
            }
        }
    }
}

pub async fn run(cfg: &Config, p: &Params) -> Result<Value> {
    let katas = load_katas(&cfg.katas)?;
    if katas.is_empty() {
        bail!(
            "no katas with a Python reference under {}",
            cfg.katas.display()
        );
    }
    let randori = run_randori(cfg, p, &katas).await?;
    let native = run_native(cfg, p, &katas, &Native::python(cfg)?).await?;
    Ok(side_by_side(randori, native))
}

/// The JavaScript part: every kata's JavaScript reference submitted through a room
/// (the Python oracle computes the expected values, as for any language), against a
/// fresh `node` per submission doing the solution's share of the work.
pub async fn run_javascript(cfg: &Config, p: &Params) -> Result<Value> {
    let python = load_katas(&cfg.katas)?;
    let katas = crate::native_js::load_katas(cfg, &python).await?;
    if katas.is_empty() {
        bail!("no katas with a JavaScript reference under {}", cfg.katas.display());
    }
    let randori = run_randori(cfg, p, &katas).await?;
    let native = run_native(cfg, p, &katas, &Native::node(cfg)?).await?;
    Ok(side_by_side(randori, native))
}

/// Both sides and their ratios.
fn side_by_side(randori: Value, native: Value) -> Value {
    let ratio = |path: &[&str]| {
        let get = |v: &Value| {
            path.iter()
                .fold(v, |v, k| &v[*k])
                .as_f64()
                .unwrap_or(f64::NAN)
        };
        round3(get(&native) / get(&randori))
    };
    let ratios = json!({
        "latency_p50_native_over_randori": ratio(&["latency_ms", "p50_ms"]),
        "latency_p99_native_over_randori": ratio(&["latency_ms", "p99_ms"]),
        "runs_per_second_randori_over_native": round3(
            randori["runs_per_second"].as_f64().unwrap_or(f64::NAN) / native["runs_per_second"].as_f64().unwrap_or(f64::NAN)),
    });
    json!({"randori": randori, "native": native, "ratios": ratios})
}

async fn run_randori(cfg: &Config, p: &Params, katas: &[KataJob]) -> Result<Value> {
    let data_dir = server::scratch_dir(cfg, "sandbox-data");
    let server = server::start_randori(
        cfg,
        RandoriOptions {
            data_dir: &data_dir,
            // The sandbox uses one worker per core: give it every core.
            cpus: Some(&cfg.all_cpus),
            extra: vec![
                "--rooms-per-minute".into(), "1000000".into(),
                "--runs-per-minute".into(), "1000000".into(),
                "--joins-per-minute".into(), "1000000".into(),
            ],
            log_name: "sandbox-randori",
        },
    )
    .await?;
    let result = randori_phases(&server, p, katas).await;
    let peak = server.peak_rss_mib();
    server.stop().await?;
    let mut v = result?;
    v["server_peak_rss_mib"] = json!(round1(peak));
    Ok(v)
}

async fn randori_phases(server: &server::Server, p: &Params, katas: &[KataJob]) -> Result<Value> {
    let api = Api::new(server.http());
    let mut rooms = Vec::new();
    for (i, k) in katas.iter().enumerate() {
        for j in 0..p.rooms_per_kata.max(1) {
            rooms.push(Arc::new(
                prepare_room(&api, k, 9_000_000 + (i * 100 + j) as u64).await?,
            ));
        }
    }
    // Latency: one submission at a time, every kata, after a warm-up.
    let mut per_kata = Vec::new();
    let mut all = Tally::default();
    let mut sandbox_ms = Vec::new();
    for room in rooms.iter().step_by(p.rooms_per_kata.max(1)) {
        for _ in 0..3 {
            submit_once(&api, room).await?;
        }
        let mut tally = Tally::default();
        for _ in 0..p.per_kata {
            let (us, f) = submit_once(&api, room).await?;
            let problem = || format!("{}: {} ({})", room.slug, f.verdict, f.summary);
            tally.add(us, f.verdict == "passed", problem, f.cases);
            all.add(us, f.verdict == "passed", problem, f.cases);
            if let Some(d) = f.duration_ms {
                sandbox_ms.push(d * 1000);
            }
        }
        per_kata.push(json!({
            "kata": room.slug,
            "cases": tally.cases,
            "latency_ms": sys::summarize(&mut tally.latencies),
            "not_passed": tally.not_passed,
        }));
    }
    let idle_rss = server.rss_mib();

    // Throughput: every room submits, waits for its result, submits again.
    let interference = sys::Interference::start(server.pid);
    let cpu0 = server.cpu_seconds();
    let threads0 = sys::threads_cpu(server.pid);
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(p.seconds);
    let mut tasks = Vec::new();
    for room in &rooms {
        let (api, room) = (api.clone(), room.clone());
        tasks.push(tokio::spawn(async move {
            let mut t = Tally::default();
            let mut errors = Vec::new();
            while Instant::now() < deadline {
                match submit_once(&api, &room).await {
                    Ok((us, f)) => {
                        if Instant::now() <= deadline {
                            t.add(
                                us,
                                f.verdict == "passed",
                                || format!("{}: {} ({})", room.slug, f.verdict, f.summary),
                                f.cases,
                            );
                        }
                    }
                    Err(e) => {
                        errors.push(format!("{e:#}"));
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
            (t, errors)
        }));
    }
    let mut load = Tally::default();
    let mut errors = Vec::new();
    for task in tasks {
        let (t, e) = task.await?;
        load.latencies.extend(t.latencies);
        load.not_passed += t.not_passed;
        if load.first_problem.is_none() {
            load.first_problem = t.first_problem;
        }
        errors.extend(e);
    }
    let elapsed = started.elapsed().as_secs_f64().max(p.seconds);
    let cpu = server.cpu_seconds() - cpu0;
    let other_cpu = interference.other_cpu_seconds();
    let threads = sys::threads_cpu_delta(&threads0, &sys::threads_cpu(server.pid));
    let completed = load.latencies.len();
    Ok(json!({
        "katas": per_kata.len(),
        "per_kata": per_kata,
        "latency_ms": sys::summarize(&mut all.latencies),
        "sandbox_time_ms": sys::summarize(&mut sandbox_ms),
        "not_passed": all.not_passed,
        "first_problem": all.first_problem,
        "concurrency": rooms.len(),
        "throughput_seconds": round3(elapsed),
        "runs_completed": completed,
        "runs_per_second": round1(completed as f64 / elapsed),
        "latency_under_load_ms": sys::summarize(&mut load.latencies),
        "not_passed_under_load": load.not_passed,
        "errors_under_load": errors.len(),
        "first_error": errors.first(),
        "server_cpu_ms_per_run": round3(cpu / completed.max(1) as f64 * 1000.0),
        "server_cpu_seconds_under_load": round3(cpu),
        "other_processes_cpu_seconds": other_cpu,
        "server_cpu_seconds_by_thread": threads,
        "server_rss_after_latency_phase_mib": round1(idle_rss),
    }))
}

/// The interpreter behind `python3` (pyenv's shim is a shell script that would add
/// its own start-up to every run).
pub fn real_python(python: &str) -> Result<PathBuf> {
    let out = std::process::Command::new(python)
        .args(["-c", "import sys; print(sys.executable)"])
        .output()
        .with_context(|| format!("running {python}"))?;
    let path = PathBuf::from(String::from_utf8(out.stdout)?.trim());
    if !path.is_file() {
        bail!("{python} reports no executable");
    }
    Ok(path)
}

/// A process-per-run judge: the program, its arguments, and what it says it is.
#[derive(Clone)]
pub struct Native {
    program: PathBuf,
    args: Vec<PathBuf>,
    version: String,
    command: String,
}

impl Native {
    /// A fresh python3 per run (bench/native/harness.py).
    fn python(cfg: &Config) -> Result<Native> {
        let python = real_python(&cfg.python)?;
        let harness = cfg.repo.join("bench/native/harness.py");
        Ok(Native {
            command: format!("{} -I -S bench/native/harness.py", python.display()),
            version: version_of(&python),
            args: vec!["-I".into(), "-S".into(), harness],
            program: python,
        })
    }

    /// A fresh node per run (bench/native/harness.mjs).
    fn node(cfg: &Config) -> Result<Native> {
        let node = PathBuf::from("node");
        Ok(Native {
            command: "node bench/native/harness.mjs".into(),
            version: version_of(&node),
            args: vec![cfg.repo.join("bench/native/harness.mjs")],
            program: node,
        })
    }
}

fn version_of(program: &Path) -> String {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

async fn native_once(native: &Native, job: &[u8]) -> Result<(u64, Value)> {
    let t0 = now_us();
    // No pre_exec hook (the CPUs are inherited; see run_native): the standard library
    // then starts the process with posix_spawn, as cheaply as a real judge would.
    let mut cmd = tokio::process::Command::new(&native.program);
    cmd.args(&native.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn()?;
    let mut stdin = child.stdin.take().context("stdin")?;
    stdin.write_all(job).await?;
    drop(stdin);
    let out = child.wait_with_output().await?;
    let us = now_us() - t0;
    if !out.status.success() {
        bail!("harness failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok((us, serde_json::from_slice(&out.stdout)?))
}

fn job_bytes(kata: &KataJob) -> Vec<u8> {
    let mut job = kata.template.clone();
    if let Some(pool) = job.get("pool").and_then(Value::as_array).filter(|p| !p.is_empty()) {
        let cases = pool[rand::random_range(0..pool.len())].clone();
        job["cases"] = cases;
        job.as_object_mut().expect("a job object").remove("pool");
    } else {
        job["seed"] = json!(rand::random::<u32>() as u64);
    }
    serde_json::to_vec(&job).expect("job serializes")
}

async fn run_native(cfg: &Config, p: &Params, katas: &[KataJob], native: &Native) -> Result<Value> {
    // The native processes may use every core: unpin this process meanwhile (children
    // inherit its CPUs), and pin it again afterwards.
    if !cfg.load_cpus.is_empty() {
        sys::pin_self(&cfg.all_cpus)?;
    }
    let result = native_phases(p, katas, native).await;
    if !cfg.load_cpus.is_empty() {
        sys::pin_self(&cfg.load_cpus)?;
    }
    result
}

async fn native_phases(p: &Params, katas: &[KataJob], native: &Native) -> Result<Value> {
    let mut per_kata = Vec::new();
    let mut all = Tally::default();
    for kata in katas {
        for _ in 0..3 {
            native_once(native, &job_bytes(kata)).await?;
        }
        let mut tally = Tally::default();
        for _ in 0..p.per_kata {
            let (us, v) = native_once(native, &job_bytes(kata)).await?;
            let ok = v["failed"] == 0;
            let cases = v["total"].as_u64().unwrap_or(0) as usize;
            tally.add(us, ok, || format!("{}: {v}", kata.slug), cases);
            all.add(us, ok, || format!("{}: {v}", kata.slug), cases);
        }
        per_kata.push(json!({
            "kata": kata.slug,
            "cases": tally.cases,
            "latency_ms": sys::summarize(&mut tally.latencies),
            "not_passed": tally.not_passed,
        }));
    }
    // Throughput: `native_concurrency` processes at a time, katas in turn.
    let (machine0, mine0) = (sys::machine_busy_seconds(), sys::self_and_children_cpu());
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(p.seconds);
    let jobs: Arc<Vec<Vec<u8>>> = Arc::new(katas.iter().map(job_bytes).collect());
    let mut tasks = Vec::new();
    for w in 0..p.native_concurrency.max(1) {
        let (native, jobs) = (native.clone(), jobs.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0usize;
            let mut i = w;
            while Instant::now() < deadline {
                match native_once(&native, &jobs[i % jobs.len()]).await {
                    Ok((us, _)) if Instant::now() <= deadline => lat.push(us),
                    Ok(_) => {}
                    Err(_) => errors += 1,
                }
                i += 1;
            }
            (lat, errors)
        }));
    }
    let mut lat = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await?;
        lat.extend(l);
        errors += e;
    }
    let elapsed = started.elapsed().as_secs_f64().max(p.seconds);
    let mine = sys::self_and_children_cpu() - mine0;
    let other = round3((sys::machine_busy_seconds() - machine0 - mine).max(0.0));
    let completed = lat.len();
    Ok(json!({
        "cpu_ms_per_run": round3(mine / completed.max(1) as f64 * 1000.0),
        "other_processes_cpu_seconds": other,
        "python": native.version,
        "command": native.command,
        "katas": per_kata.len(),
        "per_kata": per_kata,
        "latency_ms": sys::summarize(&mut all.latencies),
        "not_passed": all.not_passed,
        "first_problem": all.first_problem,
        "concurrency": p.native_concurrency,
        "throughput_seconds": round3(elapsed),
        "runs_completed": completed,
        "runs_per_second": round1(completed as f64 / elapsed),
        "latency_under_load_ms": sys::summarize(&mut lat),
        "errors_under_load": errors,
    }))
}
