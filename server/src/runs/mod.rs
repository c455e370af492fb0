//! Runs in rooms: the life of a run from request to stored result.
//!
//! A request is answered at once with its place in the [`queue`] (or "busy" when the
//! queue is full). Everyone in the room sees `run_queued`, `run_started` and
//! `run_finished`; every finished run is stored with who drove, the turn, and the
//! document state it ran on. [`judge`] runs one job in the [`sandbox`], with the
//! kata's generator and reference kept warm by the [`oracle`].

pub mod judge;
pub mod lanes;
pub mod oracle;
pub mod queue;
pub mod sandbox;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::oneshot;

use crate::app::clock::Clock;
use crate::app::config::ServeConfig;
use crate::app::metrics::Metrics;
use crate::katas::{Kata, KataLibrary};
use crate::ratelimit::PerKey;
use crate::room::{Participant, Room};
use crate::runs::judge::{Job, Judged};
use crate::runs::queue::Queue;
use crate::store::{RunRecord, Store, StoreError, Write};
use crate::tokens;
use randori_core::events::RoomEvent;
use randori_core::kata::language::Language;
use randori_core::verdict::Light;

pub use randori_core::verdict::{Run, RunKind, RunStatus};

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("the sandbox is busy: {queued} runs are waiting; try again in a moment")]
    Busy { queued: usize },
    #[error("this room already has {queued} runs waiting; wait for one to finish")]
    RoomBusy { queued: usize },
    #[error("too many runs: a room may request {per_minute} a minute; try again in a few seconds")]
    TooFrequent { per_minute: u32 },
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

/// Runs for every room: the queue, and what a run needs besides it (the katas to
/// judge against, the store that keeps results, the clock that stamps them).
pub struct RunService {
    queue: Queue,
    katas: Arc<KataLibrary>,
    store: Store,
    clock: Clock,
    metrics: Arc<Metrics>,
    /// Run requests per room: [`RUNS_PER_MINUTE`] sustained, [`RUN_BURST`] at once.
    requests: std::sync::Mutex<PerKey<String>>,
}

/// Runs a room may request per minute, sustained. A pair doing TDD runs its tests
/// every 20-60 s; a whole randori group shares the room, so allow twice the fastest.
pub const RUNS_PER_MINUTE: u32 = 30;

/// Runs a room may request at once (a click on "test" then "submit", a few people)
/// with the default rate.
pub const RUN_BURST: u32 = 8;

impl RunService {
    /// Starts the queue's workers. The sandbox loads in the background so the
    /// server answers sync traffic at once; runs wait for it.
    pub async fn start(
        config: &ServeConfig,
        katas: Arc<KataLibrary>,
        store: Store,
        clock: Clock,
        metrics: Arc<Metrics>,
    ) -> anyhow::Result<RunService> {
        let queue = Queue::start(config, metrics.clone()).await?;
        Ok(RunService {
            queue,
            katas,
            store,
            clock,
            metrics,
            // A generous limit (benchmarks, tests) gets a burst in proportion.
            requests: std::sync::Mutex::new(PerKey::with_burst(
                config.runs_per_minute,
                RUN_BURST.max(config.runs_per_minute / 4),
            )),
        })
    }

    /// Queues a run of the room's current texts on behalf of `who`.
    pub fn request(
        &self,
        room: &Arc<Room>,
        who: &Participant,
        kind: RunKind,
    ) -> Result<Ticket, RunError> {
        self.allow(room)?;
        let (driver, turn) = room.current_turn();
        self.queue_run(room, who.id.clone(), kind, driver, turn)
    }

    /// Queues the test run the rotation asks for when a turn ends: the light of
    /// `turn` and its `driver`, whoever drives now. Not rate-limited: one per turn.
    pub fn request_at_turn_end(
        &self,
        room: &Arc<Room>,
        driver: Option<String>,
        turn: u32,
    ) -> Result<Ticket, RunError> {
        let requested_by = driver.clone().unwrap_or_default();
        self.queue_run(room, requested_by, RunKind::Test, driver, turn)
    }

    /// The room's request rate, [`RUNS_PER_MINUTE`] by default.
    fn allow(&self, room: &Room) -> Result<(), RunError> {
        let mut requests = self.requests.lock().expect("run rate lock");
        if !requests.allow(room.id().to_string(), tokio::time::Instant::now()) {
            Metrics::inc(&self.metrics.runs_rejected_busy);
            return Err(RunError::TooFrequent { per_minute: requests.per_minute() });
        }
        Ok(())
    }

    fn queue_run(
        &self,
        room: &Arc<Room>,
        requested_by: String,
        kind: RunKind,
        driver: Option<String>,
        turn: u32,
    ) -> Result<Ticket, RunError> {
        let (solution, tests, doc_state) = room.texts();
        let kata = self.kata_of(room)?;
        // Rooms are created with a language the server knows; an unknown one (a
        // stored room from a newer version) is refused like an unavailable sandbox.
        let language = Language::parse(&room.info.language).ok_or_else(|| {
            RunError::Unavailable(format!("no sandbox for {:?}", room.info.language))
        })?;
        let (job, seed) = job_for(kind, kata, solution, tests, language)?;
        let run = Run {
            id: tokens::new_id(),
            kind,
            status: RunStatus::Queued,
            requested_by,
            driver,
            turn,
            created_at_ms: self.clock.now_ms(),
            finished_at_ms: None,
            seed,
            light: None,
            verdict: None,
            summary: None,
            results: Vec::new(),
            duration_ms: None,
        };
        let tickets = self.queue.enqueue(room.id(), job)?;
        room.emit(RoomEvent::RunQueued {
            run: run.clone(),
            queue_position: tickets.position,
        });
        let (finished_tx, finished_rx) = oneshot::channel();
        let ticket = Ticket {
            run_id: run.id.clone(),
            queue_position: tickets.position,
            finished: finished_rx,
        };
        let life = RunLife {
            room: room.clone(),
            store: self.store.clone(),
            clock: self.clock,
            metrics: self.metrics.clone(),
            doc_state,
            queued_at: tokio::time::Instant::now(),
            labels: crate::app::latency::Latency::run_labels(kind, room.info.kata.as_deref()),
        };
        tokio::spawn(life.follow(run, tickets, finished_tx));
        Ok(ticket)
    }

    /// A page of a room's stored runs (oldest first): the newest `limit` older than
    /// the run `before`, and whether older ones remain.
    pub async fn history(
        &self,
        room_id: &str,
        before: Option<String>,
        limit: u32,
    ) -> Result<(Vec<Run>, bool), RunError> {
        let (rows, more) = self.store.runs_page(room_id, before, limit).await?;
        let runs = rows
            .into_iter()
            .filter_map(|r| serde_json::from_str(&r).ok())
            .collect();
        Ok((runs, more))
    }

    /// One stored run of a room.
    pub async fn get(&self, room_id: &str, run_id: &str) -> Result<Run, RunError> {
        let json = self.store.run(room_id, run_id).await?;
        json.and_then(|j| serde_json::from_str(&j).ok())
            .ok_or(RunError::UnknownRun)
    }

    /// The kata the room practises, as the library has it now (`None`: no kata).
    fn kata_of(&self, room: &Room) -> Result<Option<Arc<Kata>>, RunError> {
        let Some(slug) = &room.info.kata else {
            return Ok(None);
        };
        let kata = self.katas.current().get(slug).cloned();
        kata.map(Some).ok_or_else(|| RunError::UnknownKata(slug.clone()))
    }
}

/// The job for a run of `kind`, and the seed of a submission's random cases.
fn job_for(
    kind: RunKind,
    kata: Option<Arc<Kata>>,
    solution: String,
    tests: String,
    language: Language,
) -> Result<(Job, Option<u64>), RunError> {
    Ok(match kind {
        RunKind::Test => {
            let budget = kata.as_ref().map(|k| &k.spec.budget);
            let job = Job::Tests {
                solution,
                tests,
                language,
                per_test: budget
                    .map(|b| Duration::from_millis(b.case_ms))
                    .unwrap_or(judge::DEFAULT_TEST_BUDGET),
                memory_mb: budget.map(|b| b.memory_mb).unwrap_or(judge::DEFAULT_MEMORY_MB),
            };
            (job, None)
        }
        RunKind::Submit => {
            let kata = kata.ok_or(RunError::NoKata)?;
            // Randomness comes from here, the shell; the judge only takes a seed.
            let seed = u64::from(rand::random::<u32>());
            let job = Job::Submit {
                solution,
                kata,
                language,
                seed,
                random_count: None,
                audience: crate::runs::judge::Audience::Participants,
            };
            (job, Some(seed))
        }
    })
}

/// What following one queued run to its end needs.
struct RunLife {
    room: Arc<Room>,
    store: Store,
    clock: Clock,
    metrics: Arc<Metrics>,
    /// The document state the run ran on, stored with its result for review.
    doc_state: Vec<u8>,
    /// When it was queued, and its labels, for the latency histograms.
    queued_at: tokio::time::Instant,
    labels: crate::app::latency::RunLabels,
}

impl RunLife {
    /// Announces the start, waits for the judgement, stores the run, announces its
    /// end and tells the rotation about a finished test run.
    async fn follow(self, mut run: Run, tickets: queue::Tickets, finished: oneshot::Sender<Run>) {
        if tickets.started.await.is_ok() {
            run.status = RunStatus::Running;
            self.room.emit(RoomEvent::RunStarted { run: run.clone() });
        }
        let latency = &self.metrics.latency;
        let began = tokio::time::Instant::now();
        latency.run_queue_wait.get_or_create(&self.labels).observe((began - self.queued_at).as_secs_f64());
        let judged = match tickets.done.await {
            Ok(j) => j,
            Err(_) => queue::unavailable(run.kind, "the sandbox worker stopped"),
        };
        self.finish(&mut run, judged, began.elapsed());
        latency.run_duration.get_or_create(&self.labels).observe(began.elapsed().as_secs_f64());
        let record = RunRecord {
            id: run.id.clone(),
            room_id: self.room.id().to_string(),
            created_at_ms: run.created_at_ms,
            json: serde_json::to_string(&run).expect("run serializes"),
            doc_state: Some(self.doc_state),
        };
        if let Err(e) = self.store.write(Write::SaveRun(record)).await {
            tracing::error!(room = %self.room.id(), error = %e, "could not store a run");
        }
        Metrics::inc(&self.metrics.runs_finished);
        self.room.emit(RoomEvent::RunFinished { run: run.clone() });
        if run.kind == RunKind::Test {
            self.room.test_run_finished(run.light == Some(Light::Green)).await;
        }
        let _ = finished.send(run);
    }

    fn finish(&self, run: &mut Run, judged: Judged, took: Duration) {
        run.duration_ms = Some(took.as_millis() as u64);
        run.status = RunStatus::Done;
        run.finished_at_ms = Some(self.clock.now_ms());
        run.light = Some(judged.outcome.light);
        run.verdict = Some(judged.outcome.verdict);
        run.summary = Some(judged.outcome.summary.clone());
        run.results = randori_core::verdict::cap_results(judged.rows);
    }
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

