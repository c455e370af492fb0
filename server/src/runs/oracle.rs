//! A kata's oracle: its generator and reference solution loaded in one instance,
//! producing the random cases of a submission (inputs from the generator, expected
//! values from the reference).
//!
//! Both are the kata's own trusted code and never share an instance with a
//! solution, so a worker keeps a few oracles warm between submissions instead of
//! instantiating and loading them every time: a submission then pays for one fresh
//! instance (the solution's) instead of two. [`Oracles`] is that per-worker cache,
//! and [`OracleThread`] runs it beside the worker, so the reference computes while
//! the solution runs.
//! `randori kata check` verifies that a generator gives the same inputs warm and
//! cold, which is what makes the reuse invisible.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};

use crate::katas::Kata;
use randori_core::kata::language::Language;
use randori_core::kata::spec::{Call, Case, CaseInput, Expected, parse_case};
use crate::runs::sandbox::{Instance, LOAD_BUDGET, Sandbox};
use randori_core::verdict;

/// Memory for the generator and reference: trusted code, but bounded all the same.
const ORACLE_MEMORY_MB: u64 = 128;

/// Budget for the generator to produce all random inputs.
const GENERATOR_BUDGET: Duration = Duration::from_secs(5);

/// Warm oracles one worker keeps. Each holds a pool slot and the interpreter's
/// memory (~15 MiB resident), so keep the katas a busy room is on, not the library.
pub const WARM_ORACLES_PER_WORKER: usize = 2;

/// Submissions one oracle serves before it is replaced by a fresh one, so whatever
/// a reference accumulates in its globals (caches, memo tables) stays bounded.
const ORACLE_MAX_USES: u32 = 500;

/// A generator and a reference, loaded and ready.
pub struct Oracle {
    /// The kata version it was loaded from: a reloaded kata (SIGHUP) is another Arc,
    /// so an edited reference is never served from a stale instance.
    kata: Arc<Kata>,
    instance: Instance,
    /// Submissions served, against [`ORACLE_MAX_USES`].
    uses: u32,
}

impl Oracle {
    /// A fresh instance with the kata's generator and its oracle reference (the
    /// [`Language::ORACLE`] one: every language's expected values come from it).
    pub async fn start(sandbox: &Sandbox, kata: &Arc<Kata>) -> Result<Oracle, String> {
        let language = Language::ORACLE;
        let reference = kata
            .references
            .get(language.name())
            .ok_or_else(|| format!("kata {} has no {} reference", kata.slug, language.title()))?;
        let mut instance = sandbox.instantiate(language, ORACLE_MEMORY_MB).await?;
        for (module, source) in [
            ("generator", kata.generator.as_str()),
            ("reference", reference.as_str()),
        ] {
            let outcome = instance.load(module, source, LOAD_BUDGET).await;
            if let Some(row) = verdict::judge_load(&format!("{module}.py"), &outcome) {
                return Err(format!(
                    "the kata's {module} does not load: {}",
                    row.message.unwrap_or_default()
                ));
            }
        }
        Ok(Oracle {
            kata: kata.clone(),
            instance,
            uses: 0,
        })
    }

    /// The `count` random inputs for `seed`, from the generator; their expected
    /// values come from [`Oracle::expected`].
    pub async fn inputs(&mut self, seed: u64, count: u32) -> Result<Vec<Case>, String> {
        self.uses += 1;
        let kata = self.kata.clone();
        generate_inputs(&mut self.instance, &kata, seed, count).await
    }

    /// The reference's answers to `inputs` (from [`Oracle::inputs`] with `seed`): the
    /// complete random cases.
    pub async fn expected(&mut self, inputs: Vec<Case>, seed: u64) -> Result<Vec<Case>, String> {
        let kata = self.kata.clone();
        let budget = Duration::from_millis(kata.spec.budget.case_ms);
        let mut cases = Vec::with_capacity(inputs.len());
        for (i, case) in inputs.into_iter().enumerate() {
            let outcome = self
                .instance
                .run_case(
                    &case.input.runner_spec(&kata.spec.entry, "reference", Language::ORACLE),
                    budget,
                )
                .await;
            let verdict::CallOutcome::Replied(text) = outcome else {
                return Err(format!(
                    "the reference failed on random case {i}: {outcome:?}"
                ));
            };
            let reply: Value =
                serde_json::from_str(&text).map_err(|e| format!("reference reply: {e}"))?;
            if let Some(why) = raised(&reply) {
                return Err(format!(
                    "the Python reference raised on random case {} (seed {seed}): {why}",
                    i + 1
                ));
            }
            let (input, expected) = match case.input {
                CaseInput::Function { args } => (
                    CaseInput::Function { args },
                    Expected::Value(reply.get("value").cloned().unwrap_or(Value::Null)),
                ),
                CaseInput::Class { init, calls } => {
                    let values = reply
                        .get("values")
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    let calls = calls
                        .into_iter()
                        .zip(values.into_iter().map(Some).chain(std::iter::repeat(None)))
                        .map(|(c, v)| Call { expected: v, ..c })
                        .collect();
                    (CaseInput::Class { init, calls }, Expected::PerCall)
                }
            };
            cases.push(Case {
                name: random_case_name(i, seed),
                input,
                expected,
            });
        }
        Ok(cases)
    }

    fn serves(&self, kata: &Arc<Kata>) -> bool {
        Arc::ptr_eq(&self.kata, kata)
    }

    /// Whether it may serve another submission.
    fn reusable(&self) -> bool {
        !self.instance.is_dead() && self.uses < ORACLE_MAX_USES
    }
}

/// One worker's warm oracles, least recently used first.
pub struct Oracles {
    warm: Vec<Oracle>,
    /// How many to keep; 0 keeps none (one-off commands).
    capacity: usize,
}

impl Oracles {
    pub fn new(capacity: usize) -> Oracles {
        Oracles {
            warm: Vec::new(),
            capacity,
        }
    }

    /// The random cases of a submission, from a warm oracle when there is one.
    pub async fn random_cases(
        &mut self,
        sandbox: &Sandbox,
        kata: &Arc<Kata>,
        seed: u64,
        count: u32,
    ) -> Result<Vec<Case>, String> {
        self.produce(sandbox, kata, seed, count, |_| {})
            .await
    }

    /// Like [`Oracles::random_cases`], handing the inputs to `inputs_ready` as soon as
    /// the generator has made them, before the reference answers them: a solution
    /// can run on them meanwhile.
    pub async fn produce(
        &mut self,
        sandbox: &Sandbox,
        kata: &Arc<Kata>,
        seed: u64,
        count: u32,
        inputs_ready: impl FnOnce(Result<Vec<Case>, String>),
    ) -> Result<Vec<Case>, String> {
        if count == 0 {
            inputs_ready(Ok(Vec::new()));
            return Ok(Vec::new());
        }
        let mut oracle = match self.warm.iter().position(|o| o.serves(kata)) {
            Some(i) => self.warm.remove(i),
            None => match Oracle::start(sandbox, kata).await {
                Ok(o) => o,
                Err(e) => {
                    inputs_ready(Err(e.clone()));
                    return Err(e);
                }
            },
        };
        let cases = match oracle.inputs(seed, count).await {
            Ok(inputs) => {
                inputs_ready(Ok(inputs.clone()));
                oracle.expected(inputs, seed).await
            }
            Err(e) => {
                inputs_ready(Err(e.clone()));
                Err(e)
            }
        };
        // A failed oracle (trap, timeout, an error from the kata's code) is dropped:
        // its interpreter's state is unknown.
        if cases.is_ok() && oracle.reusable() && self.capacity > 0 {
            if self.warm.len() >= self.capacity {
                self.warm.remove(0);
            }
            self.warm.push(oracle);
        }
        cases
    }

    /// Oracles kept warm now.
    pub fn len(&self) -> usize {
        self.warm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.warm.is_empty()
    }
}

/// What the kata's code raised, said for its author: the exception and where
/// (the runner's traceback is limited to the kata's own files); `None` for a
/// reply that is not an error.
fn raised(reply: &Value) -> Option<String> {
    let status = reply.get("status").and_then(Value::as_str);
    if status == Some("ok") || (status.is_none() && reply.get("value").is_some()) {
        return None;
    }
    let error = reply.get("error").unwrap_or(&Value::Null);
    let text = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or_default();
    let mut why = match (text("type"), text("message")) {
        ("", "") => format!("it failed ({})", short(reply)),
        (kind, "") => kind.to_string(),
        ("", message) => message.to_string(),
        (kind, message) => format!("{kind}: {message}"),
    };
    if let Some(last) = text("traceback").lines().rev().find(|l| l.trim_start().starts_with("File ")) {
        why.push_str(&format!(" at {}", last.trim()));
    }
    Some(why)
}

/// Runs the generator and checks what it produced.
pub async fn generate_inputs(
    instance: &mut Instance,
    kata: &Kata,
    seed: u64,
    count: u32,
) -> Result<Vec<Case>, String> {
    let spec =
        json!({"module": "generator", "function": "generate", "args": [seed, count]}).to_string();
    let outcome = instance.run_case(&spec, GENERATOR_BUDGET).await;
    let verdict::CallOutcome::Replied(text) = outcome else {
        return Err(format!("the generator failed: {outcome:?}"));
    };
    let reply: Value = serde_json::from_str(&text).map_err(|e| format!("generator reply: {e}"))?;
    if let Some(why) = raised(&reply) {
        return Err(format!("generator.py raised in generate({seed}, {count}): {why}"));
    }
    let Some(Value::Array(items)) = reply.get("value") else {
        return Err(format!(
            "the generator must return a list of inputs; it replied {}",
            short(&reply)
        ));
    };
    if items.len() != count as usize {
        return Err(format!(
            "the generator returned {} inputs, {count} were asked for",
            items.len()
        ));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| {
            parse_case(v, &kata.spec.entry, false)
                .map(|c| Case {
                    name: random_case_name(i, seed),
                    ..c
                })
                .map_err(|e| format!("generated input {i}: {e}"))
        })
        .collect()
}

/// How a random case is named in results: its number and the seed that reproduces it.
fn random_case_name(index: usize, seed: u64) -> String {
    format!("random {} (seed {seed})", index + 1)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(300).collect()
}

/// A worker's oracle thread: owns the worker's warm [`Oracles`] and runs them on a
/// thread of its own, so the reference answers a submission's random inputs on one
/// core while the solution runs on another (one at a time, a submission then takes
/// about as long as the slower of the two instead of their sum).
pub struct OracleThread {
    requests: mpsc::UnboundedSender<Request>,
}

struct Request {
    kata: Arc<Kata>,
    seed: u64,
    count: u32,
    inputs: oneshot::Sender<Result<Vec<Case>, String>>,
    cases: oneshot::Sender<Result<Vec<Case>, String>>,
}

/// A submission's random cases on their way: the inputs as soon as the generator
/// has made them, then the complete cases once the reference has answered them.
pub struct Pending {
    inputs: oneshot::Receiver<Result<Vec<Case>, String>>,
    cases: oneshot::Receiver<Result<Vec<Case>, String>>,
}

impl Pending {
    pub async fn inputs(&mut self) -> Result<Vec<Case>, String> {
        (&mut self.inputs)
            .await
            .unwrap_or_else(|_| Err(STOPPED.into()))
    }

    pub async fn cases(self) -> Result<Vec<Case>, String> {
        self.cases.await.unwrap_or_else(|_| Err(STOPPED.into()))
    }
}

const STOPPED: &str = "the oracle thread stopped";

impl OracleThread {
    /// Starts the thread, keeping up to `warm` oracles loaded.
    pub fn start(
        sandbox: Arc<Sandbox>,
        warm: usize,
        name: String,
    ) -> std::io::Result<OracleThread> {
        let (requests, mut rx) = mpsc::unbounded_channel::<Request>();
        std::thread::Builder::new().name(name).spawn(move || {
            crate::runs::sandbox::lower_thread_priority();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("oracle runtime");
            runtime.block_on(async move {
                let mut oracles = Oracles::new(warm);
                while let Some(r) = rx.recv().await {
                    if r.cases.is_closed() {
                        // The submission ended without its random cases (the
                        // solution did not load): skip the work.
                        continue;
                    }
                    let inputs = r.inputs;
                    let cases = oracles
                        .produce(&sandbox, &r.kata, r.seed, r.count, |i| {
                            let _ = inputs.send(i);
                        })
                        .await;
                    let _ = r.cases.send(cases);
                }
            });
        })?;
        Ok(OracleThread { requests })
    }

    /// Asks for the random cases of a submission.
    pub fn request(&self, kata: &Arc<Kata>, seed: u64, count: u32) -> Pending {
        let (inputs_tx, inputs) = oneshot::channel();
        let (cases_tx, cases) = oneshot::channel();
        // If the thread is gone the senders drop with the request: `Pending` says so.
        let _ = self.requests.send(Request {
            kata: kata.clone(),
            seed,
            count,
            inputs: inputs_tx,
            cases: cases_tx,
        });
        Pending { inputs, cases }
    }
}
