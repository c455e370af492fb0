//! Runs in rooms: a bounded queue in front of one sandbox worker per core, and the
//! life of a run from request to stored result.
//!
//! A request is answered at once with its place in the queue (or "busy" when the
//! queue is full: it never grows without bound). Everyone in the room sees
//! `run_queued`, `run_started` and `run_finished`; every finished run is stored with
//! who drove, the turn, and the document state it ran on.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::{Mutex, OnceCell, mpsc, oneshot};

use crate::config::ServeConfig;
use crate::judge::{self, Job, Judged};
use crate::metrics::Metrics;
use crate::oracle::OracleThread;
use crate::room::{Participant, Room};
use crate::sandbox::Sandbox;
use crate::server::AppState;
use crate::store::{RunRecord, StoreError, Write};
use crate::tokens;
use crate::verdict::{Light, ResultRow, Status};

pub use crate::verdict::RunKind;

/// Live instances per worker besides its warm oracles: a submission's solution, a
/// cold oracle being started beside it, and one more because a dropped store may
/// linger while the next starts.
const INSTANCES_PER_WORKER: u32 = 3;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("the sandbox is busy: {queued} runs are waiting; try again in a moment")]
    Busy { queued: usize },
    #[error("this room has no kata to submit to")]
    NoKata,
    #[error("the kata {0:?} is no longer available")]
    UnknownKata(String),
    #[error("runs are unavailable: {0}")]
    Unavailable(String),
    #[error("no such run")]
    UnknownRun,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Queued,
    Running,
    Done,
}

/// A run as clients see it and as it is stored.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Run {
    pub id: String,
    pub kind: RunKind,
    pub status: RunStatus,
    pub requested_by: String,
    /// Who was driving when the run was requested (for lights coloured by turn).
    pub driver: Option<String>,
    pub turn: u32,
    pub created_at_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at_ms: Option<u64>,
    /// The random seed of a submission, to reproduce it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub light: Option<Light>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Status>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default)]
    pub results: Vec<ResultRow>,
    /// Time spent in the sandbox.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_ms: Option<u64>,
}

struct Queued {
    job: Job,
    started: oneshot::Sender<()>,
    done: oneshot::Sender<Judged>,
}

type SandboxCell = Arc<OnceCell<Result<Arc<Sandbox>, String>>>;

/// The queue and its workers.
pub struct RunService {
    tx: mpsc::Sender<Queued>,
    /// Jobs accepted and not yet started: a new run's place in the queue.
    waiting: Arc<AtomicUsize>,
    capacity: usize,
    metrics: Arc<Metrics>,
}

impl RunService {
    /// Starts the workers. The sandbox loads in the background so the server
    /// answers sync traffic at once; runs wait for it.
    pub async fn start(config: &ServeConfig, metrics: Arc<Metrics>) -> anyhow::Result<RunService> {
        let workers = config
            .workers
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
            })
            .max(1);
        let sandbox: SandboxCell = Arc::new(OnceCell::new());
        let (wasm, cache) = (config.guest_wasm.clone(), config.cache_dir());
        let warm_oracles = config.warm_oracles;
        let slots = workers as u32 * (INSTANCES_PER_WORKER + warm_oracles as u32);
        let loader = sandbox.clone();
        tokio::spawn(async move {
            loader
                .get_or_init(|| async move {
                    tokio::task::spawn_blocking(move || Sandbox::load(&wasm, &cache, slots))
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|r| r.map(Arc::new).map_err(|e| e.to_string()))
                })
                .await;
        });
        let (tx, rx) = mpsc::channel::<Queued>(config.queue_capacity.max(1));
        let rx = Arc::new(Mutex::new(rx));
        let waiting = Arc::new(AtomicUsize::new(0));
        for i in 0..workers {
            let (rx, sandbox, waiting) = (rx.clone(), sandbox.clone(), waiting.clone());
            std::thread::Builder::new()
                .name(format!("randori-sandbox-{i}"))
                .spawn(move || worker(i, rx, sandbox, waiting, warm_oracles))?;
        }
        Ok(RunService {
            tx,
            waiting,
            capacity: config.queue_capacity,
            metrics,
        })
    }

    /// Queues a job; returns its place in the queue (1 = next).
    fn enqueue(
        &self,
        job: Job,
    ) -> Result<(usize, oneshot::Receiver<()>, oneshot::Receiver<Judged>), RunError> {
        let (started, started_rx) = oneshot::channel();
        let (done, done_rx) = oneshot::channel();
        let position = self.waiting.fetch_add(1, Ordering::SeqCst) + 1;
        if let Err(e) = self.tx.try_send(Queued { job, started, done }) {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            Metrics::inc(&self.metrics.runs_rejected_busy);
            return Err(match e {
                mpsc::error::TrySendError::Full(_) => RunError::Busy {
                    queued: self.capacity,
                },
                mpsc::error::TrySendError::Closed(_) => {
                    RunError::Unavailable("the sandbox workers stopped".into())
                }
            });
        }
        Ok((position, started_rx, done_rx))
    }
}

/// One worker: its own thread and single-threaded runtime, so guest code never
/// occupies the threads that serve websockets, and an oracle thread beside it for
/// the kata's generator and reference.
fn worker(
    index: usize,
    rx: Arc<Mutex<mpsc::Receiver<Queued>>>,
    sandbox: SandboxCell,
    waiting: Arc<AtomicUsize>,
    warm_oracles: usize,
) {
    crate::sandbox::lower_thread_priority();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("worker runtime");
    runtime.block_on(async move {
        let mut oracle: Option<OracleThread> = None;
        loop {
            let next = rx.lock().await.recv().await;
            let Some(queued) = next else { return };
            waiting.fetch_sub(1, Ordering::SeqCst);
            let _ = queued.started.send(());
            let loaded = loop {
                if let Some(r) = sandbox.get() {
                    break r.clone();
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            };
            if let (Ok(sandbox), None) = (&loaded, &oracle) {
                let name = format!("randori-oracle-{index}");
                match OracleThread::start(sandbox.clone(), warm_oracles, name) {
                    Ok(started) => oracle = Some(started),
                    Err(e) => tracing::error!(error = %e, "cannot start an oracle thread"),
                }
            }
            let judged = match (loaded, &oracle) {
                (Ok(sandbox), Some(oracle)) => judge::run_with(&sandbox, oracle, &queued.job).await,
                (Ok(_), None) => unavailable(queued.job.kind(), "no oracle thread"),
                (Err(e), _) => unavailable(queued.job.kind(), &e),
            };
            let _ = queued.done.send(judged);
        }
    });
}

fn unavailable(kind: RunKind, why: &str) -> Judged {
    let rows = vec![crate::verdict::judge_test(
        "sandbox",
        &crate::verdict::CallOutcome::Internal(why.to_string()),
    )];
    let outcome = crate::verdict::summarize(kind, &rows, false);
    Judged { rows, outcome }
}

/// What a caller gets back for a queued run.
pub struct Ticket {
    pub run_id: String,
    pub queue_position: usize,
    finished: oneshot::Receiver<Run>,
}

impl Ticket {
    /// Waits for the run to end.
    pub async fn finished(self) -> Result<Run, RunError> {
        self.finished
            .await
            .map_err(|_| RunError::Unavailable("the run was lost".into()))
    }
}

/// Queues a run of the room's current texts on behalf of `who`.
pub async fn request(
    app: &Arc<AppState>,
    room: &Arc<Room>,
    who: &Participant,
    kind: RunKind,
) -> Result<Ticket, RunError> {
    let (solution, tests, doc_state) = room.texts();
    let kata = match &room.info.kata {
        Some(slug) => Some(
            app.katas
                .current()
                .get(slug)
                .cloned()
                .ok_or_else(|| RunError::UnknownKata(slug.clone()))?,
        ),
        None => None,
    };
    let mut seed = None;
    let job = match kind {
        RunKind::Test => Job::Tests {
            solution,
            tests,
            per_test: kata
                .as_ref()
                .map(|k| Duration::from_millis(k.spec.budget.case_ms))
                .unwrap_or(judge::DEFAULT_TEST_BUDGET),
            memory_mb: kata
                .as_ref()
                .map(|k| k.spec.budget.memory_mb)
                .unwrap_or(judge::DEFAULT_MEMORY_MB),
        },
        RunKind::Submit => {
            let kata = kata.ok_or(RunError::NoKata)?;
            let s = rand::random::<u32>() as u64;
            seed = Some(s);
            Job::Submit {
                solution,
                kata,
                language: room.info.language.clone(),
                seed: s,
                random_count: None,
            }
        }
    };
    let (driver, turn) = room.current_turn();
    let mut run = Run {
        id: tokens::new_id(),
        kind,
        status: RunStatus::Queued,
        requested_by: who.id.clone(),
        driver,
        turn,
        created_at_ms: app.clock.now_ms(),
        finished_at_ms: None,
        seed,
        light: None,
        verdict: None,
        summary: None,
        results: Vec::new(),
        duration_ms: None,
    };
    let (position, started, done) = app.runs.enqueue(job)?;
    room.emit(json!({"type": "run_queued", "run": run, "queue_position": position}));
    let (finished_tx, finished_rx) = oneshot::channel();
    let ticket = Ticket {
        run_id: run.id.clone(),
        queue_position: position,
        finished: finished_rx,
    };
    let (app, room) = (app.clone(), room.clone());
    tokio::spawn(async move {
        if started.await.is_ok() {
            run.status = RunStatus::Running;
            room.emit(json!({"type": "run_started", "run": run}));
        }
        let began = tokio::time::Instant::now();
        let judged = match done.await {
            Ok(j) => j,
            Err(_) => unavailable(run.kind, "the sandbox worker stopped"),
        };
        run.duration_ms = Some(began.elapsed().as_millis() as u64);
        run.status = RunStatus::Done;
        run.finished_at_ms = Some(app.clock.now_ms());
        run.light = Some(judged.outcome.light);
        run.verdict = Some(judged.outcome.verdict);
        run.summary = Some(judged.outcome.summary.clone());
        run.results = judged.rows;
        let record = RunRecord {
            id: run.id.clone(),
            room_id: room.id().to_string(),
            created_at_ms: run.created_at_ms,
            json: serde_json::to_string(&run).expect("run serializes"),
            doc_state: Some(doc_state),
        };
        if let Err(e) = app.store.write(Write::SaveRun(record)).await {
            tracing::error!(room = %room.id(), error = %e, "could not store a run");
        }
        Metrics::inc(&app.metrics.runs_finished);
        room.emit(json!({"type": "run_finished", "run": run}));
        if run.kind == RunKind::Test {
            room.test_run_finished(run.light == Some(Light::Green))
                .await;
        }
        let _ = finished_tx.send(run);
    });
    Ok(ticket)
}

/// A room's stored runs, oldest first.
pub async fn history(app: &AppState, room_id: &str) -> Result<Vec<Value>, RunError> {
    let rows = app.store.runs(room_id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| serde_json::from_str(&r).ok())
        .collect())
}
