//! The run queue: bounded, fair [`Lanes`] (one per room, served round robin) in
//! front of one sandbox worker per core.
//!
//! A job is accepted with its place in the queue or refused as busy when the queue,
//! or the room's own lane, is full (it never grows without bound). Each worker is its
//! own thread with a single-threaded runtime, so guest code never occupies the
//! threads that serve websockets.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{Notify, OnceCell, oneshot};

use crate::runs::lanes::{Lanes, Refusal};

use crate::app::config::ServeConfig;
use crate::app::metrics::Metrics;
use crate::runs::RunError;
use crate::runs::judge::{self, Job, Judged};
use crate::runs::oracle::OracleThread;
use crate::runs::sandbox::Sandbox;
use randori_core::verdict::RunKind;

/// Live instances per worker besides its warm oracles: a submission's solution, a
/// cold oracle being started beside it, and one more because a dropped store may
/// linger while the next starts.
const INSTANCES_PER_WORKER: u32 = 3;

/// Runs one room may have waiting: a pair clicking "run" while one is queued gets
/// a clear "wait" instead of filling the queue every room shares.
pub const MAX_QUEUED_PER_ROOM: usize = 4;

/// How often a worker looks again while the sandbox is still loading.
const SANDBOX_LOAD_POLL: Duration = Duration::from_millis(20);

/// What a queued job reports back: that it started, then its judgement.
pub struct Tickets {
    pub position: usize,
    pub started: oneshot::Receiver<()>,
    pub done: oneshot::Receiver<Judged>,
}

struct Queued {
    job: Job,
    started: oneshot::Sender<()>,
    done: oneshot::Sender<Judged>,
}

type SandboxCell = Arc<OnceCell<Result<Arc<Sandbox>, String>>>;

/// What the queue and its workers share.
struct Shared {
    /// Jobs accepted and not yet started, per room.
    lanes: Mutex<Lanes<String, Queued>>,
    /// Wakes a worker when a job arrives.
    arrived: Notify,
    /// Set when the queue is dropped: the workers finish their job and stop.
    closed: AtomicBool,
}

impl Shared {
    fn lanes(&self) -> std::sync::MutexGuard<'_, Lanes<String, Queued>> {
        self.lanes.lock().expect("run queue lock")
    }

    /// The next job, waiting for one; `None` once the queue is closed.
    async fn next(&self) -> Option<Queued> {
        loop {
            // Registered before looking, so neither a job's notify_one nor the
            // close's notify_waiters can slip between the look and the wait.
            let mut arrived = std::pin::pin!(self.arrived.notified());
            arrived.as_mut().enable();
            if self.closed.load(Ordering::SeqCst) {
                return None;
            }
            if let Some(job) = self.lanes().pop() {
                return Some(job);
            }
            arrived.await;
        }
    }
}

/// The queue and its workers.
pub struct Queue {
    shared: Arc<Shared>,
    metrics: Arc<Metrics>,
}

impl Drop for Queue {
    fn drop(&mut self) {
        self.shared.closed.store(true, Ordering::SeqCst);
        self.shared.arrived.notify_waiters();
    }
}

impl Queue {
    /// Starts the workers. The sandbox loads in the background so the server
    /// answers sync traffic at once; runs wait for it.
    pub async fn start(config: &ServeConfig, metrics: Arc<Metrics>) -> anyhow::Result<Queue> {
        let workers = config
            .workers
            .unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
            })
            .max(1);
        let sandbox: SandboxCell = Arc::new(OnceCell::new());
        let (guests, cache) = (config.guests(), config.cache_dir());
        let warm_oracles = config.warm_oracles;
        let slots = workers as u32 * (INSTANCES_PER_WORKER + warm_oracles as u32);
        let loader = sandbox.clone();
        tokio::spawn(async move {
            loader
                .get_or_init(|| async move {
                    tokio::task::spawn_blocking(move || Sandbox::load(&guests, &cache, slots))
                        .await
                        .map_err(|e| e.to_string())
                        .and_then(|r| r.map(Arc::new).map_err(|e| e.to_string()))
                })
                .await;
        });
        let shared = Arc::new(Shared {
            lanes: Mutex::new(Lanes::new(config.queue_capacity, MAX_QUEUED_PER_ROOM)),
            arrived: Notify::new(),
            closed: AtomicBool::new(false),
        });
        for i in 0..workers {
            let (shared, sandbox) = (shared.clone(), sandbox.clone());
            std::thread::Builder::new()
                .name(format!("randori-sandbox-{i}"))
                .spawn(move || worker(i, shared, sandbox, warm_oracles))?;
        }
        Ok(Queue { shared, metrics })
    }

    /// Queues a job in `room`'s lane; returns its place in the queue (1 = next).
    pub fn enqueue(&self, room: &str, job: Job) -> Result<Tickets, RunError> {
        let (started, started_rx) = oneshot::channel();
        let (done, done_rx) = oneshot::channel();
        let pushed = self
            .shared
            .lanes()
            .push(room.to_string(), Queued { job, started, done });
        let position = pushed.map_err(|refusal| {
            Metrics::inc(&self.metrics.runs_rejected_busy);
            match refusal {
                Refusal::Full { capacity } => RunError::Busy { queued: capacity },
                Refusal::LaneFull { per_lane } => RunError::RoomBusy { queued: per_lane },
            }
        })?;
        self.shared.arrived.notify_one();
        Ok(Tickets {
            position,
            started: started_rx,
            done: done_rx,
        })
    }

    /// Jobs waiting for a worker, every room together.
    pub fn waiting(&self) -> usize {
        self.shared.lanes().waiting()
    }
}

/// One worker: its own thread and single-threaded runtime, so guest code never
/// occupies the threads that serve websockets, and an oracle thread beside it for
/// the kata's generator and reference.
fn worker(index: usize, shared: Arc<Shared>, sandbox: SandboxCell, warm_oracles: usize) {
    crate::runs::sandbox::lower_thread_priority();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("worker runtime");
    runtime.block_on(async move {
        let mut oracle: Option<OracleThread> = None;
        loop {
            let Some(queued) = shared.next().await else {
                return;
            };
            let _ = queued.started.send(());
            let loaded = loop {
                if let Some(r) = sandbox.get() {
                    break r.clone();
                }
                tokio::time::sleep(SANDBOX_LOAD_POLL).await;
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

pub fn unavailable(kind: RunKind, why: &str) -> Judged {
    let rows = vec![randori_core::verdict::judge_test(
        "sandbox",
        &randori_core::verdict::CallOutcome::Internal(why.to_string()),
    )];
    let outcome = randori_core::verdict::summarize(kind, &rows, false);
    Judged {
        rows,
        outcome,
        kata_trouble: None,
    }
}

