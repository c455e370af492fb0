//! Durable storage in an embedded SQLite database.
//!
//! All writes go through one writer thread that drains its queue into a single
//! transaction (group commit): under load, hundreds of document updates share one
//! commit, and the async side never blocks on disk. Each write carries an
//! acknowledgement that fires only after its transaction committed, and may carry
//! an action the writer runs right after that commit (delivering a document update
//! to the room's other connections), so "stored before broadcast" is a rule that
//! costs no extra hop. Reads use a second connection (WAL mode
//! lets it read while the writer writes).
//!
//! WAL with `synchronous=NORMAL` survives a killed process (every committed
//! transaction is in the WAL file); it may lose the last commits on a power cut.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use rusqlite::{Connection, OptionalExtension, params};
use tokio::sync::{mpsc, oneshot};

/// Most writes folded into one transaction; bounds how long one commit can take.
const MAX_WRITES_PER_COMMIT: usize = 1024;

/// Runs kept per room, newest first: a light every 30 s for a whole 16-hour day is
/// 1,920. Older runs are dropped as new ones are stored, so a room flooding runs
/// can grow the database by at most this many capped results (see
/// `verdict::cap_results`: 128 KiB each).
pub const MAX_RUNS_PER_ROOM: u64 = 2_000;

/// How often the checkpointer folds the WAL back into the database. The writer never
/// checkpoints (`wal_autocheckpoint=0`): SQLite's automatic checkpoint ran on the
/// committing thread about every 0.8 s at 1,000 edits/s, and one of 93 ms delayed the
/// broadcast of every update queued behind it (issue 17). A passive checkpoint from a
/// connection of its own never blocks the writer.
const CHECKPOINT_INTERVAL: std::time::Duration = std::time::Duration::from_millis(500);

/// The WAL is truncated back to this size after a checkpoint reset it, so one burst
/// does not keep a large file around.
const WAL_SIZE_LIMIT_BYTES: i64 = 64 * 1024 * 1024;

/// How long SQLite waits on a locked database before failing (only a second process
/// opening the same file could lock it).
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

#[derive(Debug, thiserror::Error, Clone)]
pub enum StoreError {
    #[error("cannot open the database {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("storage write failed: {0}")]
    Write(String),
    #[error("storage read failed: {0}")]
    Read(String),
    #[error("storage is shut down")]
    Closed,
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Read(e.to_string())
    }
}

/// A room's row: what it was created with.
#[derive(Debug, Clone)]
pub struct RoomRecord {
    pub id: String,
    pub created_at_ms: u64,
    pub kata: Option<String>,
    pub language: String,
    /// Room settings as JSON (owned by `room::Settings`), so new settings need no migration.
    pub settings_json: String,
    /// SHA-256 of the facilitator token; the token itself is never stored.
    pub facilitator_token_hash: String,
}

#[derive(Debug, Clone)]
pub struct ParticipantRecord {
    pub id: String,
    pub room_id: String,
    pub name: String,
    /// SHA-256 of the participant's token.
    pub token_hash: String,
    pub joined_at_ms: u64,
}

#[derive(Debug, Clone)]
pub struct RunRecord {
    pub id: String,
    pub room_id: String,
    pub created_at_ms: u64,
    /// The run as the API shows it (`runs::Run` serialized).
    pub json: String,
    /// The document state the run ran on (a v1 update), for replays.
    pub doc_state: Option<Vec<u8>>,
}

/// Everything needed to bring a room back into memory.
#[derive(Debug)]
pub struct LoadedRoom {
    pub room: RoomRecord,
    pub participants: Vec<ParticipantRecord>,
    /// Latest compacted document state and the last update sequence it includes.
    pub snapshot: Option<(u64, Vec<u8>)>,
    /// Updates stored after the snapshot, in order.
    pub updates: Vec<(u64, Vec<u8>)>,
    /// The rotation state machine, as JSON.
    pub rotation_json: Option<String>,
    /// Open proposals (kept refused edits), oldest first.
    pub proposals: Vec<ProposalRecord>,
}

/// A stored proposal: see `randori_core::sync::proposals`.
#[derive(Debug, Clone)]
pub struct ProposalRecord {
    pub id: String,
    pub room_id: String,
    pub author: String,
    pub created_at_ms: u64,
    /// The updates, length-prefixed (`Proposal::encode_updates`).
    pub updates: Vec<u8>,
}

/// One write. Each is idempotent on replay of the same values.
#[derive(Debug)]
pub enum Write {
    CreateRoom(RoomRecord),
    AddParticipant(ParticipantRecord),
    UpdateRoomSettings {
        room_id: String,
        settings_json: String,
    },
    AppendUpdate {
        room_id: String,
        seq: u64,
        data: Vec<u8>,
    },
    /// Replaces the room's snapshot and drops the updates it includes.
    Snapshot {
        room_id: String,
        upto_seq: u64,
        data: Vec<u8>,
    },
    SaveRun(RunRecord),
    SaveRotation {
        room_id: String,
        json: String,
    },
    /// Inserts or replaces a proposal (it grows as refused edits arrive).
    SaveProposal(ProposalRecord),
    DeleteProposal {
        room_id: String,
        id: String,
    },
    /// Does nothing: its acknowledgement means every write queued before it is done.
    Barrier,
}

impl Write {
    fn payload_bytes(&self) -> u64 {
        match self {
            Write::AppendUpdate { data, .. } | Write::Snapshot { data, .. } => data.len() as u64,
            Write::SaveRun(r) => r.json.len() as u64,
            Write::SaveRotation { json, .. } => json.len() as u64,
            Write::SaveProposal(p) => p.updates.len() as u64,
            _ => 0,
        }
    }
}

type Ack = oneshot::Sender<Result<(), StoreError>>;

/// The receiving end of a write's acknowledgement.
pub type Pending = oneshot::Receiver<Result<(), StoreError>>;

/// Runs on the writer thread once its write's transaction is over (committed or
/// failed), before any later write is acknowledged. It must not block: it runs
/// between commits.
pub type AfterCommit = Box<dyn FnOnce(&Result<(), StoreError>) + Send>;

/// What the writer does when a write's transaction is over, in queue order.
struct Completion {
    then: Option<AfterCommit>,
    ack: Ack,
}

/// Handle to the database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    /// Queue to the writer thread; `None` once the store is closed.
    queue: Mutex<Option<mpsc::UnboundedSender<(Write, Completion)>>>,
    /// Joined on close, so `close()` returns only when everything is on disk.
    writer: Mutex<Option<JoinHandle<()>>>,
    /// Stops the checkpointer when dropped (its thread waits on the other end).
    checkpointer: Mutex<Option<std::sync::mpsc::Sender<()>>>,
    /// Connection for reads, separate from the writer's.
    reader: Mutex<Connection>,
    /// Total payload bytes written, for metrics.
    bytes_written: Arc<std::sync::atomic::AtomicU64>,
    /// Time per group commit (the writer thread observes it), for `/metrics`.
    commit_seconds: prometheus_client::metrics::histogram::Histogram,
    path: PathBuf,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY,
    created_at_ms INTEGER NOT NULL,
    kata TEXT,
    language TEXT NOT NULL,
    settings TEXT NOT NULL,
    facilitator_token_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS participants (
    id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    joined_at_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS participants_by_room ON participants(room_id);
CREATE TABLE IF NOT EXISTS doc_updates (
    room_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (room_id, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS doc_snapshots (
    room_id TEXT PRIMARY KEY,
    upto_seq INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    data TEXT NOT NULL,
    doc_state BLOB
);
CREATE INDEX IF NOT EXISTS runs_by_room ON runs(room_id, created_at_ms);
CREATE TABLE IF NOT EXISTS rotations (
    room_id TEXT PRIMARY KEY,
    data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS proposals (
    room_id TEXT NOT NULL,
    id TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    updates BLOB NOT NULL,
    PRIMARY KEY (room_id, id)
) WITHOUT ROWID;
";

fn open_connection(path: &Path) -> Result<Connection, StoreError> {
    let open_err = |e: rusqlite::Error| StoreError::Open {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let conn = Connection::open(path).map_err(open_err)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(open_err)?;
    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(open_err)?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(open_err)?;
    Ok(conn)
}

impl Store {
    /// Opens (creating if needed) `randori.db` in `data_dir`. Fails with a clear error
    /// when the directory cannot be created or written, so a server never starts on
    /// storage that would silently drop work.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir).map_err(|e| StoreError::Open {
            path: data_dir.to_path_buf(),
            message: format!("cannot create the data directory: {e}"),
        })?;
        let path = data_dir.join("randori.db");
        let writer_conn = open_connection(&path)?;
        writer_conn
            .execute_batch(SCHEMA)
            .map_err(|e| StoreError::Open {
                path: path.clone(),
                message: format!("cannot write the schema (is the data directory writable?): {e}"),
            })?;
        // Prove the database takes writes now, not at the first edit.
        writer_conn
            .execute_batch("BEGIN IMMEDIATE; COMMIT;")
            .map_err(|e| StoreError::Open {
                path: path.clone(),
                message: format!("database is not writable: {e}"),
            })?;
        writer_conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .and_then(|_| writer_conn.pragma_update(None, "journal_size_limit", WAL_SIZE_LIMIT_BYTES))
            .map_err(|e| StoreError::Open {
                path: path.clone(),
                message: e.to_string(),
            })?;
        let checkpointer = start_checkpointer(open_connection(&path)?)?;
        let reader = open_connection(&path)?;
        let (tx, rx) = mpsc::unbounded_channel();
        let bytes_written = Arc::new(std::sync::atomic::AtomicU64::new(0));
        let counter = bytes_written.clone();
        let commit_seconds = crate::app::latency::histogram();
        let observed = commit_seconds.clone();
        let writer = std::thread::Builder::new()
            .name("randori-store".into())
            .spawn(move || writer_loop(writer_conn, rx, counter, observed))
            .map_err(|e| StoreError::Open {
                path: path.clone(),
                message: e.to_string(),
            })?;
        Ok(Store {
            inner: Arc::new(Inner {
                queue: Mutex::new(Some(tx)),
                writer: Mutex::new(Some(writer)),
                checkpointer: Mutex::new(Some(checkpointer)),
                reader: Mutex::new(reader),
                bytes_written,
                commit_seconds,
                path,
            }),
        })
    }

    pub fn path(&self) -> &Path {
        &self.inner.path
    }

    /// The histogram of commit times, to register with the server's metrics.
    pub fn commit_histogram(&self) -> prometheus_client::metrics::histogram::Histogram {
        self.inner.commit_seconds.clone()
    }

    pub fn bytes_written(&self) -> u64 {
        self.inner
            .bytes_written
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Queues a write and returns the receiver of its acknowledgement. Writes are
    /// committed in the order they are queued.
    pub fn enqueue(&self, write: Write) -> Pending {
        self.queue(write, None)
    }

    /// Queues a write; once its transaction is over the writer thread runs `then`
    /// with the outcome, then acknowledges. `then` runs in queue order with every
    /// other write's, and never if the store is already closed (the acknowledgement
    /// then says so).
    pub fn enqueue_then(
        &self,
        write: Write,
        then: impl FnOnce(&Result<(), StoreError>) + Send + 'static,
    ) -> Pending {
        self.queue(write, Some(Box::new(then)))
    }

    fn queue(&self, write: Write, then: Option<AfterCommit>) -> Pending {
        let (ack, done) = oneshot::channel();
        let queue = self.inner.queue.lock().expect("store queue lock");
        match queue.as_ref() {
            Some(tx) => {
                if let Err(mpsc::error::SendError((_, c))) =
                    tx.send((write, Completion { then, ack }))
                {
                    let _ = c.ack.send(Err(StoreError::Closed));
                }
            }
            None => {
                let _ = ack.send(Err(StoreError::Closed));
            }
        }
        done
    }

    /// Queues a write and waits until it is committed.
    pub async fn write(&self, write: Write) -> Result<(), StoreError> {
        wait(self.enqueue(write)).await
    }

    /// Stops taking writes, commits everything queued, and waits for the writer.
    pub fn close(&self) {
        self.inner.queue.lock().expect("store queue lock").take();
        if let Some(handle) = self.inner.writer.lock().expect("writer lock").take() {
            let _ = handle.join();
        }
        self.inner.checkpointer.lock().expect("checkpointer lock").take();
    }

    async fn read<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> Result<T, rusqlite::Error> + Send + 'static,
    ) -> Result<T, StoreError> {
        let inner = self.inner.clone();
        tokio::task::spawn_blocking(move || {
            let conn = inner.reader.lock().expect("reader lock");
            f(&conn).map_err(StoreError::from)
        })
        .await
        .map_err(|e| StoreError::Read(e.to_string()))?
    }

    pub async fn load_room(&self, room_id: &str) -> Result<Option<LoadedRoom>, StoreError> {
        let room_id = room_id.to_string();
        self.read(move |conn| load_room(conn, &room_id)).await
    }

    pub async fn room_exists(&self, room_id: &str) -> Result<bool, StoreError> {
        let room_id = room_id.to_string();
        self.read(move |conn| {
            conn.query_row("SELECT 1 FROM rooms WHERE id = ?1", [&room_id], |_| Ok(()))
                .optional()
                .map(|r| r.is_some())
        })
        .await
    }

    /// Up to `limit` runs of a room as stored JSON, the newest that are older than the
    /// run `before` (all of them without it), returned oldest first, and whether older
    /// ones remain.
    pub async fn runs_page(
        &self,
        room_id: &str,
        before: Option<String>,
        limit: u32,
    ) -> Result<(Vec<String>, bool), StoreError> {
        let room_id = room_id.to_string();
        self.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT data FROM runs WHERE room_id = ?1 AND (?2 IS NULL OR
                   (created_at_ms, rowid) < (SELECT created_at_ms, rowid FROM runs WHERE id = ?2 AND room_id = ?1))
                 ORDER BY created_at_ms DESC, rowid DESC LIMIT ?3",
            )?;
            let rows = stmt.query_map(params![room_id, before, i64::from(limit) + 1], |r| {
                r.get::<_, String>(0)
            })?;
            let mut runs = rows.collect::<Result<Vec<_>, _>>()?;
            let more = runs.len() > limit as usize;
            runs.truncate(limit as usize);
            runs.reverse();
            Ok((runs, more))
        })
        .await
    }

    /// One run of a room, as stored JSON.
    pub async fn run(&self, room_id: &str, run_id: &str) -> Result<Option<String>, StoreError> {
        let (room_id, run_id) = (room_id.to_string(), run_id.to_string());
        self.read(move |conn| {
            conn.query_row(
                "SELECT data FROM runs WHERE id = ?1 AND room_id = ?2",
                [&run_id, &room_id],
                |r| r.get(0),
            )
            .optional()
        })
        .await
    }

    /// Checks the database file, for crash tests and operators.
    pub async fn integrity_check(&self) -> Result<String, StoreError> {
        self.read(|conn| conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
            .await
    }
}

/// Waits for an acknowledgement from [`Store::enqueue`].
pub async fn wait(done: Pending) -> Result<(), StoreError> {
    done.await.unwrap_or(Err(StoreError::Closed))
}

fn load_room(conn: &Connection, room_id: &str) -> Result<Option<LoadedRoom>, rusqlite::Error> {
    let room = conn
        .query_row(
            "SELECT id, created_at_ms, kata, language, settings, facilitator_token_hash
             FROM rooms WHERE id = ?1",
            [room_id],
            |r| {
                Ok(RoomRecord {
                    id: r.get(0)?,
                    created_at_ms: r.get::<_, i64>(1)? as u64,
                    kata: r.get(2)?,
                    language: r.get(3)?,
                    settings_json: r.get(4)?,
                    facilitator_token_hash: r.get(5)?,
                })
            },
        )
        .optional()?;
    let Some(room) = room else { return Ok(None) };
    let mut stmt = conn.prepare(
        "SELECT id, room_id, name, token_hash, joined_at_ms FROM participants
         WHERE room_id = ?1 ORDER BY joined_at_ms, rowid",
    )?;
    let participants = stmt
        .query_map([room_id], |r| {
            Ok(ParticipantRecord {
                id: r.get(0)?,
                room_id: r.get(1)?,
                name: r.get(2)?,
                token_hash: r.get(3)?,
                joined_at_ms: r.get::<_, i64>(4)? as u64,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let snapshot = conn
        .query_row(
            "SELECT upto_seq, data FROM doc_snapshots WHERE room_id = ?1",
            [room_id],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?)),
        )
        .optional()?;
    let after = snapshot.as_ref().map(|(s, _)| *s as i64).unwrap_or(-1);
    let mut stmt = conn.prepare(
        "SELECT seq, data FROM doc_updates WHERE room_id = ?1 AND seq > ?2 ORDER BY seq",
    )?;
    let updates = stmt
        .query_map(params![room_id, after], |r| {
            Ok((r.get::<_, i64>(0)? as u64, r.get::<_, Vec<u8>>(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let rotation_json = conn
        .query_row(
            "SELECT data FROM rotations WHERE room_id = ?1",
            [room_id],
            |r| r.get(0),
        )
        .optional()?;
    let mut stmt = conn.prepare(
        "SELECT id, room_id, author, created_at_ms, updates FROM proposals
         WHERE room_id = ?1 ORDER BY created_at_ms, id",
    )?;
    let proposals = stmt
        .query_map([room_id], |r| {
            Ok(ProposalRecord {
                id: r.get(0)?,
                room_id: r.get(1)?,
                author: r.get(2)?,
                created_at_ms: r.get::<_, i64>(3)? as u64,
                updates: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(LoadedRoom {
        room,
        proposals,
        participants,
        snapshot,
        updates,
        rotation_json,
    }))
}

fn writer_loop(
    mut conn: Connection,
    mut rx: mpsc::UnboundedReceiver<(Write, Completion)>,
    bytes_written: Arc<std::sync::atomic::AtomicU64>,
    commit_seconds: prometheus_client::metrics::histogram::Histogram,
) {
    let mut batch = Vec::with_capacity(64);
    while let Some(first) = rx.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_WRITES_PER_COMMIT {
            match rx.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let began = std::time::Instant::now();
        let results = commit_isolated(&mut conn, &batch);
        commit_seconds.observe(began.elapsed().as_secs_f64());
        for ((write, done), result) in batch.drain(..).zip(results) {
            if result.is_ok() {
                bytes_written.fetch_add(write.payload_bytes(), std::sync::atomic::Ordering::Relaxed);
            }
            if let Some(then) = done.then {
                then(&result);
            }
            let _ = done.ack.send(result);
        }
    }
    // Queue closed: fold the WAL into the main file so the data dir is tidy.
    let _ = conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);");
}

/// Commits a batch in one transaction; if that fails, commits each write in a
/// transaction of its own, so one bad write (a row over SQLite's limits, say) fails
/// alone and never takes the writes of other rooms that shared its batch with it.
/// The happy path costs nothing extra.
fn commit_isolated(
    conn: &mut Connection,
    batch: &[(Write, Completion)],
) -> Vec<Result<(), StoreError>> {
    match commit(conn, batch.iter().map(|(w, _)| w)) {
        Ok(()) => batch.iter().map(|_| Ok(())).collect(),
        Err(e) if batch.len() == 1 => {
            tracing::error!(error = %e, "storage write failed");
            vec![Err(e)]
        }
        Err(e) => {
            tracing::warn!(error = %e, writes = batch.len(), "group commit failed; committing its writes one by one");
            batch
                .iter()
                .map(|(w, _)| {
                    let result = commit(conn, std::iter::once(w));
                    if let Err(e) = &result {
                        tracing::error!(error = %e, "storage write failed");
                    }
                    result
                })
                .collect()
        }
    }
}

/// The checkpointer: a thread with its own connection that folds the WAL into the
/// database every [`CHECKPOINT_INTERVAL`] (passive: it never waits for, nor blocks,
/// the writer or readers). It stops when the returned sender is dropped.
fn start_checkpointer(conn: Connection) -> Result<std::sync::mpsc::Sender<()>, StoreError> {
    let (stop, stopped) = std::sync::mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("randori-checkpoint".into())
        .spawn(move || {
            while let Err(std::sync::mpsc::RecvTimeoutError::Timeout) =
                stopped.recv_timeout(CHECKPOINT_INTERVAL)
            {
                if let Err(e) = conn.execute_batch("PRAGMA wal_checkpoint(PASSIVE);") {
                    tracing::warn!(error = %e, "WAL checkpoint failed");
                }
            }
        })
        .map_err(|e| StoreError::Write(format!("cannot start the checkpointer: {e}")))?;
    Ok(stop)
}

fn commit<'a>(
    conn: &mut Connection,
    writes: impl Iterator<Item = &'a Write>,
) -> Result<(), StoreError> {
    let err = |e: rusqlite::Error| StoreError::Write(e.to_string());
    let txn = conn.transaction().map_err(err)?;
    for write in writes {
        apply(&txn, write).map_err(err)?;
    }
    txn.commit().map_err(err)
}

fn apply(conn: &Connection, write: &Write) -> Result<(), rusqlite::Error> {
    match write {
        Write::CreateRoom(r) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO rooms (id, created_at_ms, kata, language, settings, facilitator_token_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![r.id, r.created_at_ms as i64, r.kata, r.language, r.settings_json, r.facilitator_token_hash])?;
        }
        Write::AddParticipant(p) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO participants (id, room_id, name, token_hash, joined_at_ms)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                p.id,
                p.room_id,
                p.name,
                p.token_hash,
                p.joined_at_ms as i64
            ])?;
        }
        Write::UpdateRoomSettings {
            room_id,
            settings_json,
        } => {
            conn.prepare_cached("UPDATE rooms SET settings = ?2 WHERE id = ?1")?
                .execute(params![room_id, settings_json])?;
        }
        Write::AppendUpdate { room_id, seq, data } => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO doc_updates (room_id, seq, data) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![room_id, *seq as i64, data])?;
        }
        Write::Snapshot {
            room_id,
            upto_seq,
            data,
        } => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO doc_snapshots (room_id, upto_seq, data) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![room_id, *upto_seq as i64, data])?;
            conn.prepare_cached("DELETE FROM doc_updates WHERE room_id = ?1 AND seq <= ?2")?
                .execute(params![room_id, *upto_seq as i64])?;
        }
        Write::SaveRun(r) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO runs (id, room_id, created_at_ms, data, doc_state)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                r.id,
                r.room_id,
                r.created_at_ms as i64,
                r.json,
                r.doc_state
            ])?;
            // Keep the newest MAX_RUNS_PER_ROOM (the index walks at most that many).
            conn.prepare_cached(
                "DELETE FROM runs WHERE room_id = ?1 AND created_at_ms < (
                   SELECT created_at_ms FROM runs WHERE room_id = ?1
                   ORDER BY created_at_ms DESC LIMIT 1 OFFSET ?2)",
            )?
            .execute(params![r.room_id, MAX_RUNS_PER_ROOM as i64 - 1])?;
        }
        Write::SaveRotation { room_id, json } => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO rotations (room_id, data) VALUES (?1, ?2)",
            )?
            .execute(params![room_id, json])?;
        }
        Write::SaveProposal(p) => {
            conn.prepare_cached(
                "INSERT OR REPLACE INTO proposals (room_id, id, author, created_at_ms, updates)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![p.room_id, p.id, p.author, p.created_at_ms as i64, p.updates])?;
        }
        Write::DeleteProposal { room_id, id } => {
            conn.prepare_cached("DELETE FROM proposals WHERE room_id = ?1 AND id = ?2")?
                .execute(params![room_id, id])?;
        }
        Write::Barrier => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room(id: &str) -> RoomRecord {
        RoomRecord {
            id: id.into(),
            created_at_ms: 1,
            kata: Some("fizzbuzz".into()),
            language: "python".into(),
            settings_json: "{}".into(),
            facilitator_token_hash: "h".into(),
        }
    }

    #[tokio::test]
    async fn writes_survive_reopen_and_snapshot_drops_old_updates() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.write(Write::CreateRoom(room("r1"))).await.unwrap();
        for seq in 0..5u64 {
            store
                .write(Write::AppendUpdate {
                    room_id: "r1".into(),
                    seq,
                    data: vec![seq as u8],
                })
                .await
                .unwrap();
        }
        store
            .write(Write::Snapshot {
                room_id: "r1".into(),
                upto_seq: 2,
                data: vec![9],
            })
            .await
            .unwrap();
        store.close();
        drop(store);

        let store = Store::open(dir.path()).unwrap();
        let loaded = store.load_room("r1").await.unwrap().unwrap();
        assert_eq!(loaded.room.kata.as_deref(), Some("fizzbuzz"));
        assert_eq!(loaded.snapshot, Some((2, vec![9])));
        assert_eq!(loaded.updates, vec![(3, vec![3]), (4, vec![4])]);
        assert!(store.load_room("nope").await.unwrap().is_none());
        assert_eq!(store.integrity_check().await.unwrap(), "ok");
    }

    #[tokio::test]
    async fn after_commit_actions_run_once_committed_in_queue_order() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.write(Write::CreateRoom(room("r1"))).await.unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let mut acks = Vec::new();
        for seq in 0..50u64 {
            let (seen, path) = (seen.clone(), store.path().to_path_buf());
            acks.push(store.enqueue_then(
                Write::AppendUpdate {
                    room_id: "r1".into(),
                    seq,
                    data: vec![seq as u8],
                },
                move |result| {
                    assert!(result.is_ok());
                    // Committed: another connection already sees it.
                    let stored: i64 = Connection::open(path)
                        .unwrap()
                        .query_row(
                            "SELECT count(*) FROM doc_updates WHERE room_id = 'r1' AND seq = ?1",
                            [seq as i64],
                            |r| r.get(0),
                        )
                        .unwrap();
                    seen.lock().unwrap().push((seq, stored));
                },
            ));
        }
        for ack in acks {
            wait(ack).await.unwrap();
        }
        let seen = seen.lock().unwrap().clone();
        assert_eq!(seen, (0..50).map(|s| (s, 1)).collect::<Vec<_>>());
        // A closed store refuses the write and never runs the action.
        store.close();
        let ran = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = ran.clone();
        let refused = store.enqueue_then(Write::Barrier, move |_| {
            flag.store(true, std::sync::atomic::Ordering::SeqCst)
        });
        assert!(matches!(wait(refused).await, Err(StoreError::Closed)));
        assert!(!ran.load(std::sync::atomic::Ordering::SeqCst));
    }

    #[test]
    fn one_failing_write_fails_alone_not_its_whole_batch() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = open_connection(&dir.path().join("t.db")).unwrap();
        conn.execute_batch(SCHEMA).unwrap();
        let completion = || Completion {
            then: None,
            ack: oneshot::channel().0,
        };
        let update = |room: &str, seq| Write::AppendUpdate {
            room_id: room.into(),
            seq,
            data: vec![1],
        };
        // A participant of a room that does not exist breaks the foreign key: before,
        // the whole group commit failed and every room in it was reset.
        let orphan = Write::AddParticipant(ParticipantRecord {
            id: "p".into(),
            room_id: "nowhere".into(),
            name: "x".into(),
            token_hash: "h".into(),
            joined_at_ms: 0,
        });
        let batch = vec![
            (Write::CreateRoom(room("r1")), completion()),
            (update("r1", 0), completion()),
            (orphan, completion()),
            (update("r2", 0), completion()),
        ];
        let results = commit_isolated(&mut conn, &batch);
        let ok: Vec<bool> = results.iter().map(Result::is_ok).collect();
        assert_eq!(ok, [true, true, false, true]);
        let stored: i64 = conn
            .query_row("SELECT count(*) FROM doc_updates", [], |r| r.get(0))
            .unwrap();
        assert_eq!(stored, 2);
    }

    #[tokio::test]
    async fn runs_are_paged_and_bounded_per_room() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let run = |i: u64| RunRecord {
            id: format!("run{i}"),
            room_id: "r1".into(),
            created_at_ms: i,
            json: format!("{i}"),
            doc_state: None,
        };
        for i in 0..MAX_RUNS_PER_ROOM + 10 {
            store.enqueue(Write::SaveRun(run(i)));
        }
        store.write(Write::Barrier).await.unwrap();
        let (page, more) = store.runs_page("r1", None, 3).await.unwrap();
        let last = MAX_RUNS_PER_ROOM + 9;
        assert_eq!(page, [last - 2, last - 1, last].map(|i| i.to_string()));
        assert!(more);
        let (older, _) = store.runs_page("r1", Some(format!("run{}", last - 2)), 2).await.unwrap();
        assert_eq!(older, [last - 4, last - 3].map(|i| i.to_string()));
        let (all, more) = store.runs_page("r1", None, 100_000).await.unwrap();
        assert_eq!((all.len() as u64, more), (MAX_RUNS_PER_ROOM, false));
        assert_eq!(all[0], "10");
        assert_eq!(store.run("r1", "run10").await.unwrap().as_deref(), Some("10"));
        assert_eq!(store.run("r2", "run10").await.unwrap(), None);
    }

    #[tokio::test]
    async fn writes_after_close_are_refused_not_lost_silently() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.close();
        let err = store.write(Write::Barrier).await.unwrap_err();
        assert!(matches!(err, StoreError::Closed));
    }

    #[test]
    fn unwritable_data_dir_is_a_clear_error() {
        let err = Store::open(Path::new("/proc/randori-cannot-be-here"))
            .err()
            .unwrap();
        let message = err.to_string();
        assert!(
            message.contains("/proc/randori-cannot-be-here"),
            "{message}"
        );
    }
}
