//! The wasmtime sandbox that runs untrusted Python.
//!
//! One engine (pooling allocator, epoch interruption) and one pre-instantiated
//! component per process; a fresh `Store` and instance per run, with a deny-all WASI
//! context: no files, no environment, no network, no inherited stdio, bounded
//! output pipes. Every call into the guest has a wall-clock budget enforced twice:
//! by the epoch deadline (stops a busy loop inside wasm) and by a tokio timeout
//! (stops a guest blocked in a host call such as `time.sleep`). A trap kills only
//! that instance; callers keep whatever results they already have.
//!
//! The compiled component is cached on disk, keyed by the wasmtime version, the
//! engine's settings and the component's hash, so a restart loads it in milliseconds
//! instead of compiling it for seconds.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use sha2::{Digest, Sha256};
use wasmtime::component::{Component, Linker, ResourceTable};
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig, Store, Trap};
use wasmtime_wasi::p2::pipe::MemoryOutputPipe;
use wasmtime_wasi::{I32Exit, WasiCtx, WasiCtxView, WasiView};

use randori_core::kata::language::Language;
use randori_core::verdict::CallOutcome;

wasmtime::component::bindgen!({
    path: "guest/python/wit",
    world: "runner",
    exports: { default: async },
});

/// How often the epoch advances: the granularity of wall-clock budgets.
const EPOCH_TICK: Duration = Duration::from_millis(5);

/// Extra time the tokio timeout allows beyond the epoch budget, so that a busy guest
/// is normally stopped by the epoch (precise) and the timer only catches guests
/// blocked in host calls.
const TIMEOUT_GRACE: Duration = Duration::from_millis(50);

/// Budget for loading a module (its top-level code).
pub const LOAD_BUDGET: Duration = Duration::from_secs(2);

/// Largest linear memory any kata may ask for; the pool reserves address space for it.
pub const MAX_MEMORY_BYTES: usize = 256 << 20;

/// Bytes the WASI stdout/stderr pipes keep. The runner captures `print` itself;
/// these only catch writes that bypass it (`os.write(1, ...)`), so keep them small.
const PIPE_CAPACITY: usize = 64 * 1024;

/// Largest reply accepted from the guest (a JSON document).
const MAX_REPLY_BYTES: usize = 2 << 20;

/// Memory pages kept resident between instances in a pool slot: re-instantiating
/// then avoids page faults on the 12 MiB interpreter snapshot (0.9 ms vs 2.2 ms).
const KEEP_RESIDENT_BYTES: usize = 16 << 20;

/// Core instances one componentize-py component creates (interpreter, libc, WASI
/// adapter, ...), with headroom.
const CORE_INSTANCES_PER_COMPONENT: u32 = 64;

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("the Python sandbox component {path} is missing; build it with scripts/build-guest.sh")]
    Missing { path: PathBuf },
    #[error("no {} sandbox is loaded (build it with {})", .0.title(), build_script(*.0))]
    NotLoaded(Language),
    #[error("cannot prepare the sandbox: {0}")]
    Setup(String),
}

/// Per-store state: WASI plus our limits.
struct Guest {
    wasi: WasiCtx,
    table: ResourceTable,
    limiter: MemoryLimiter,
}

impl WasiView for Guest {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

/// Refuses memory growth past the cap and remembers that it did, so an "out of
/// memory" verdict comes from the host, not from whatever the guest reports.
struct MemoryLimiter {
    cap: usize,
    refused: Arc<AtomicBool>,
}

/// Table elements one instance may grow to (CPython's function tables are large).
const MAX_TABLE_ELEMENTS: usize = 100_000;

impl wasmtime::ResourceLimiter for MemoryLimiter {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        if desired > self.cap {
            self.refused.store(true, Ordering::Relaxed);
            return Ok(false);
        }
        Ok(true)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _max: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(desired <= MAX_TABLE_ELEMENTS)
    }
}

/// The script that builds a language's guest component.
fn build_script(language: Language) -> &'static str {
    match language {
        Language::Python => "scripts/build-guest.sh",
        Language::Javascript => "scripts/build-js-guest.sh",
    }
}

/// The loaded sandbox: one engine, one pre-instantiated component per language.
/// Cheap to share (`Arc`).
pub struct Sandbox {
    engine: Engine,
    /// Every guest implements the same WIT world (`runner`), so one host interface
    /// serves them all.
    guests: BTreeMap<Language, RunnerPre<Guest>>,
    /// Advances the engine's epoch while any guest call runs.
    ticker: Arc<Ticker>,
}

/// The epoch ticker: a thread that advances the epoch every [`EPOCH_TICK`] while a
/// guest call is running, and sleeps (parked) otherwise, so an idle server does not
/// wake 200 times a second. Deadlines count ticks from the start of each call, so
/// ticks missed while nothing ran change nothing.
struct Ticker {
    /// Guest calls in flight.
    busy: AtomicUsize,
    /// Set when the sandbox is dropped: the thread ends.
    stop: AtomicBool,
    thread: std::thread::Thread,
}

impl Ticker {
    fn start(engine: Engine) -> std::io::Result<Arc<Ticker>> {
        let (tx, rx) = std::sync::mpsc::channel::<Arc<Ticker>>();
        let handle = std::thread::Builder::new()
            .name("randori-epoch".into())
            .spawn(move || {
                let Ok(me) = rx.recv() else { return };
                while !me.stop.load(Ordering::Acquire) {
                    if me.busy.load(Ordering::Acquire) == 0 {
                        std::thread::park();
                        continue;
                    }
                    std::thread::sleep(EPOCH_TICK);
                    engine.increment_epoch();
                }
            })?;
        let ticker = Arc::new(Ticker {
            busy: AtomicUsize::new(0),
            stop: AtomicBool::new(false),
            thread: handle.thread().clone(),
        });
        let _ = tx.send(ticker.clone());
        Ok(ticker)
    }

    /// Marks a guest call as running until the guard is dropped.
    fn running(self: &Arc<Self>) -> Running {
        if self.busy.fetch_add(1, Ordering::AcqRel) == 0 {
            self.thread.unpark();
        }
        Running(self.clone())
    }
}

/// A guest call in flight (see [`Ticker::running`]).
struct Running(Arc<Ticker>);

impl Drop for Running {
    fn drop(&mut self) {
        self.0.busy.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.ticker.stop.store(true, Ordering::Release);
        self.ticker.thread.unpark();
    }
}

/// Nice value of threads that run guest code. Guest code may spin for its whole
/// budget; at a lower priority it never delays the threads that relay keystrokes.
const GUEST_THREAD_NICE: i32 = 10;

/// Lowers the calling thread's priority (a thread about to run guest code).
pub fn lower_thread_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority on our own thread id; failure only leaves the default priority.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, GUEST_THREAD_NICE);
    }
}

/// How a sandbox is configured; part of the compiled-cache key.
fn engine_config(slots: u32) -> Config {
    let mut pool = PoolingAllocationConfig::default();
    pool.total_component_instances(slots)
        .total_core_instances(slots * CORE_INSTANCES_PER_COMPONENT)
        .max_core_instances_per_component(CORE_INSTANCES_PER_COMPONENT)
        .total_memories(slots * 4)
        .max_memories_per_component(4)
        .total_tables(slots * 16)
        .max_tables_per_component(16)
        .table_elements(MAX_TABLE_ELEMENTS)
        .max_memory_size(MAX_MEMORY_BYTES)
        .linear_memory_keep_resident(KEEP_RESIDENT_BYTES)
        .max_component_instance_size(1 << 20)
        .max_core_instance_size(1 << 20)
        .total_stacks(slots);
    let mut config = Config::new();
    config
        .epoch_interruption(true)
        .wasm_component_model(true)
        .allocation_strategy(InstanceAllocationStrategy::Pooling(pool));
    config
}

impl Sandbox {
    /// Loads the Python component (required) and the others given (skipped with a
    /// warning when not built), compiling each only when the cache has no copy for
    /// this exact wasmtime, configuration and component. `slots` bounds live
    /// instances.
    pub fn load(
        guests: &[(Language, PathBuf)],
        cache_dir: &Path,
        slots: u32,
    ) -> Result<Sandbox, SandboxError> {
        let setup = |e: &dyn std::fmt::Display| SandboxError::Setup(e.to_string());
        let engine = Engine::new(&engine_config(slots)).map_err(|e| setup(&e))?;
        let mut linker: Linker<Guest> = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_async(&mut linker).map_err(|e| setup(&e))?;
        let mut loaded = BTreeMap::new();
        for (language, path) in guests {
            if !path.exists() {
                if *language == Language::ORACLE {
                    return Err(SandboxError::Missing { path: path.clone() });
                }
                tracing::warn!(path = %path.display(), "no {} sandbox: {} rooms cannot run code", language.title(), language.title());
                continue;
            }
            let component = Self::component(&engine, *language, path, cache_dir)?;
            let pre = RunnerPre::new(linker.instantiate_pre(&component).map_err(|e| setup(&e))?)
                .map_err(|e| setup(&e))?;
            loaded.insert(*language, pre);
        }
        let ticker = Ticker::start(engine.clone()).map_err(|e| setup(&e))?;
        Ok(Sandbox {
            engine,
            guests: loaded,
            ticker,
        })
    }

    /// The languages this sandbox runs.
    pub fn languages(&self) -> impl Iterator<Item = Language> + '_ {
        self.guests.keys().copied()
    }

    /// One language's component, from the compiled cache or compiled now.
    fn component(
        engine: &Engine,
        language: Language,
        guest_wasm: &Path,
        cache_dir: &Path,
    ) -> Result<Component, SandboxError> {
        let setup = |e: &dyn std::fmt::Display| SandboxError::Setup(e.to_string());
        let read_err = |e: std::io::Error| setup(&format!("reading {}: {e}", guest_wasm.display()));
        let key = cache_key(engine, guest_wasm).map_err(read_err)?;
        let cached = cache_dir.join(format!("runner-{}-{key}.cwasm", language.name()));
        if let Some(c) = Self::load_cached(engine, &cached) {
            return Ok(c);
        }
        // Only a cache miss needs the component in memory.
        let wasm = std::fs::read(guest_wasm).map_err(read_err)?;
        let started = std::time::Instant::now();
        let bytes = engine.precompile_component(&wasm).map_err(|e| setup(&e))?;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "compiled the {} sandbox",
            language.title()
        );
        if let Err(e) = write_atomically(&cached, &bytes) {
            tracing::warn!(error = %e, path = %cached.display(), "could not cache the compiled sandbox");
        }
        // SAFETY: `bytes` was produced just now by this engine.
        unsafe { Component::deserialize(engine, &bytes) }.map_err(|e| setup(&e))
    }

    fn load_cached(engine: &Engine, path: &Path) -> Option<Component> {
        if !path.exists() {
            return None;
        }
        // SAFETY: the file is in our own data directory, written by us for this exact
        // engine configuration (its name carries the compatibility hash).
        match unsafe { Component::deserialize_file(engine, path) } {
            Ok(c) => Some(c),
            Err(e) => {
                tracing::warn!(error = %e, path = %path.display(), "ignoring unusable compiled-sandbox cache");
                None
            }
        }
    }

    /// A fresh `language` instance with `memory_mb` of linear memory.
    pub async fn instantiate(&self, language: Language, memory_mb: u64) -> Result<Instance, String> {
        let pre = self
            .guests
            .get(&language)
            .ok_or_else(|| SandboxError::NotLoaded(language).to_string())?;
        let stdout = MemoryOutputPipe::new(PIPE_CAPACITY);
        let stderr = MemoryOutputPipe::new(PIPE_CAPACITY);
        let mut wasi = WasiCtx::builder();
        wasi.stdout(stdout)
            .stderr(stderr)
            .allow_tcp(false)
            .allow_udp(false)
            .allow_ip_name_lookup(false);
        let refused = Arc::new(AtomicBool::new(false));
        let cap = ((memory_mb as usize) << 20).min(MAX_MEMORY_BYTES);
        let mut store = Store::new(
            &self.engine,
            Guest {
                wasi: wasi.build(),
                table: ResourceTable::new(),
                limiter: MemoryLimiter {
                    cap,
                    refused: refused.clone(),
                },
            },
        );
        store.limiter(|g| &mut g.limiter);
        store.epoch_deadline_trap();
        // Instantiation runs no user code; give it a generous deadline.
        store.set_epoch_deadline(ticks(Duration::from_secs(5)));
        let runner = pre
            .instantiate_async(&mut store)
            .await
            .map_err(|e| format!("{e:#}"))?;
        Ok(Instance {
            store,
            runner,
            ticker: self.ticker.clone(),
            dead: None,
            memory_refused: refused,
            memory_mb,
        })
    }
}

fn ticks(budget: Duration) -> u64 {
    (budget.as_millis() / EPOCH_TICK.as_millis()) as u64 + 1
}

/// Names the compiled form of the component for this engine. Streams the file
/// through the hash: on a cache hit the component itself is never held in memory.
fn cache_key(engine: &Engine, wasm: &Path) -> std::io::Result<String> {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let mut sha = Sha256::new();
    sha.update(env!("CARGO_PKG_VERSION").as_bytes());
    sha.update(hasher.finish().to_le_bytes());
    std::io::copy(&mut std::fs::File::open(wasm)?, &mut sha)?;
    Ok(sha
        .finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(tmp, path)
}

/// One live guest. Dies at its first trap; every later call reports that.
pub struct Instance {
    store: Store<Guest>,
    runner: Runner,
    /// Kept ticking while this instance runs guest code.
    ticker: Arc<Ticker>,
    /// Why the instance died, if it did.
    dead: Option<CallOutcome>,
    memory_refused: Arc<AtomicBool>,
    memory_mb: u64,
}

impl Instance {
    pub fn is_dead(&self) -> bool {
        self.dead.is_some()
    }

    /// Compiles and runs `source` as module `name` (e.g. "solution").
    pub async fn load(&mut self, name: &str, source: &str, budget: Duration) -> CallOutcome {
        let (n, s) = (name.to_string(), source.to_string());
        self.call(budget, move |runner, store| {
            Box::pin(async move { runner.call_load(store, &n, &s).await })
        })
        .await
    }

    pub async fn list_tests(&mut self, budget: Duration) -> CallOutcome {
        self.call(budget, |runner, store| {
            Box::pin(async move { runner.call_list_tests(store).await })
        })
        .await
    }

    pub async fn run_test(&mut self, name: &str, budget: Duration) -> CallOutcome {
        let n = name.to_string();
        self.call(budget, move |runner, store| {
            Box::pin(async move { runner.call_run_test(store, &n).await })
        })
        .await
    }

    /// Runs one case given as the runner's JSON spec.
    pub async fn run_case(&mut self, spec: &str, budget: Duration) -> CallOutcome {
        let s = spec.to_string();
        self.call(budget, move |runner, store| {
            Box::pin(async move { runner.call_run_case(store, &s).await })
        })
        .await
    }

    async fn call<F>(&mut self, budget: Duration, f: F) -> CallOutcome
    where
        F: for<'a> FnOnce(
            &'a Runner,
            &'a mut Store<Guest>,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = wasmtime::Result<String>> + Send + 'a>,
        >,
    {
        if let Some(dead) = &self.dead {
            return dead.clone();
        }
        self.memory_refused.store(false, Ordering::Relaxed);
        let _running = self.ticker.running();
        self.store.set_epoch_deadline(ticks(budget));
        let budget_ms = budget.as_millis() as u64;
        let result =
            tokio::time::timeout(budget + TIMEOUT_GRACE, f(&self.runner, &mut self.store)).await;
        let outcome = match result {
            Err(_) => CallOutcome::TimedOut { budget_ms },
            Ok(Ok(reply)) if reply.len() > MAX_REPLY_BYTES => CallOutcome::Crashed(format!(
                "the result was larger than {} MiB",
                MAX_REPLY_BYTES >> 20
            )),
            Ok(Ok(reply)) => {
                if self.memory_refused.load(Ordering::Relaxed) && reply.contains("MemoryError") {
                    CallOutcome::OutOfMemory {
                        cap_mb: self.memory_mb,
                    }
                } else {
                    return CallOutcome::Replied(reply);
                }
            }
            Ok(Err(e)) => self.classify(e, budget_ms),
        };
        // After a trap, a timeout or a memory failure the interpreter's state is
        // unknown: nothing more runs in this instance.
        self.dead = Some(outcome.clone());
        outcome
    }

    fn classify(&self, e: wasmtime::Error, budget_ms: u64) -> CallOutcome {
        if let Some(exit) = e.downcast_ref::<I32Exit>() {
            return CallOutcome::Crashed(format!(
                "the code exited the interpreter (exit status {})",
                exit.0
            ));
        }
        match e.downcast_ref::<Trap>() {
            Some(Trap::Interrupt) => CallOutcome::TimedOut { budget_ms },
            Some(Trap::StackOverflow) => {
                CallOutcome::Crashed("stack overflow: recursion too deep".into())
            }
            Some(_) if self.memory_refused.load(Ordering::Relaxed) => CallOutcome::OutOfMemory {
                cap_mb: self.memory_mb,
            },
            Some(trap) => CallOutcome::Crashed(format!("the interpreter crashed ({trap})")),
            None if self.memory_refused.load(Ordering::Relaxed) => CallOutcome::OutOfMemory {
                cap_mb: self.memory_mb,
            },
            None => CallOutcome::Crashed(
                format!("{e:#}")
                    .lines()
                    .next()
                    .unwrap_or("unknown failure")
                    .to_string(),
            ),
        }
    }
}
