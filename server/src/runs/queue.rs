//! The run queue: a bounded queue in front of one sandbox worker per core.
//!
//! A job is accepted with its place in the queue or refused as busy when the queue
//! is full (it never grows without bound). Each worker is its own thread with a
//! single-threaded runtime, so guest code never occupies the threads that serve
//! websockets.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use tokio::sync::{Mutex, OnceCell, mpsc, oneshot};

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

/// The queue and its workers.
pub struct Queue {
    tx: mpsc::Sender<Queued>,
    /// Jobs accepted and not yet started: a new run's place in the queue.
    waiting: Arc<AtomicUsize>,
    capacity: usize,
    metrics: Arc<Metrics>,
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
        let (tx, rx) = mpsc::channel::<Queued>(config.queue_capacity.max(1));
        let rx = Arc::new(Mutex::new(rx));
        let waiting = Arc::new(AtomicUsize::new(0));
        for i in 0..workers {
            let (rx, sandbox, waiting) = (rx.clone(), sandbox.clone(), waiting.clone());
            std::thread::Builder::new()
                .name(format!("randori-sandbox-{i}"))
                .spawn(move || worker(i, rx, sandbox, waiting, warm_oracles))?;
        }
        Ok(Queue {
            tx,
            waiting,
            capacity: config.queue_capacity,
            metrics,
        })
    }

    /// Queues a job; returns its place in the queue (1 = next).
    pub fn enqueue(
        &self,
        job: Job,
    ) -> Result<Tickets, RunError> {
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
        Ok(Tickets {
            position,
            started: started_rx,
            done: done_rx,
        })
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
    crate::runs::sandbox::lower_thread_priority();
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
    Judged { rows, outcome }
}

