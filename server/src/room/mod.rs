//! One loaded room: its document, roster, rotation and connections.
//!
//! All mutable state sits behind one `std::sync::Mutex` that is never held across an
//! `.await`: every operation locks, decides (with the pure [`SharedDoc`] and
//! [`Rotation`]), queues its storage write, unlocks, and only then waits for the
//! write and sends. Document updates are broadcast only after their write is
//! committed (the store's writer delivers them right after the commit), so whatever
//! any client has received survives a crash.

mod presence;
pub mod proposals;
pub mod registry;
mod sync;
mod turns;

use turns::timer_task;

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use axum::extract::ws::Message;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, broadcast, mpsc};
use tokio_util::sync::CancellationToken;
use randori_core::sync::awareness;

use crate::app::clock::Clock;
use randori_core::sync::docsync::{DocError, Effect, SharedDoc};
use crate::app::metrics::Metrics;
use randori_core::sync::protocol::ClientMessage;
use randori_core::events::{ParticipantView, RoomEvent, RoomSettingsView, RoomView, You};
use randori_core::rotation::{
    Action as RotationAction, EditMode, Rotation, RotationError, RotationEvent, RotationView,
};
use crate::store::{self, ParticipantRecord, Store, StoreError, Write};
use crate::tokens;

/// Compact the update log into a snapshot after this many updates: loading a
/// snapshot plus 500 updates takes ~0.5 ms, replaying a long log tens of ms.
pub const COMPACT_AFTER_UPDATES: u32 = 500;

/// ...but only once the log since the last snapshot is at least as large as that
/// snapshot, so snapshot writes stay proportional to what was typed (compacting a
/// 290 KB document every 500 keystrokes wrote 88 MB for a 6.5 MB edit history).
fn compaction_due(updates_since: u32, log_bytes_since: usize, snapshot_bytes: usize) -> bool {
    updates_since >= COMPACT_AFTER_UPDATES && log_bytes_since >= snapshot_bytes
}

/// Events buffered per room for its events sockets (the ring is allocated up front:
/// at 256 it was half of an idle room's memory). A subscriber that falls further
/// behind gets a fresh full state instead of the missed events.
const EVENT_BUFFER: usize = 32;

/// How long a reader may stay more than half a queue behind while a sender waits
/// for it (see [`Room::pace_sender`]) before it is dropped as too slow.
pub const SLOW_READER_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// How often a paced sender looks again at the readers' queues.
const PACING_POLL: std::time::Duration = std::time::Duration::from_millis(1);

/// Longest participant name, in characters.
/// (The same bound as an awareness name: the name a participant joins with is the
/// one their cursor shows.)
pub use randori_core::sync::awareness::MAX_NAME_CHARS;

/// Most participants per room (cyber-dojo's limit too): with it, a join's cost (the
/// rotation it rewrites, the room view it broadcasts) is bounded by 64 members
/// however many joins are attempted, and n joins no longer cost O(n^2).
pub const MAX_PARTICIPANTS: usize = 64;

/// Settings stored with the room (rotation settings live in the rotation state).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
pub struct RoomSettings {
    #[serde(default)]
    pub mode: EditMode,
    /// The kata's title when the room was made, so the room state needs no catalogue.
    #[serde(default)]
    pub kata_title: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Participant {
    pub id: String,
    pub name: String,
    /// SHA-256 of the participant's token.
    token_hash: String,
}

/// Immutable facts about a room.
#[derive(Debug, Clone)]
pub struct RoomInfo {
    pub id: String,
    pub created_at_ms: u64,
    pub kata: Option<String>,
    pub language: String,
    /// SHA-256 of the facilitator token.
    facilitator_token_hash: String,
}

/// Services a room uses.
#[derive(Clone)]
pub struct RoomContext {
    pub store: Store,
    pub metrics: Arc<Metrics>,
    pub clock: Clock,
    /// Where a room sends the test runs its rotation asks for at a turn's end
    /// (rooms run no code themselves; the server hands these to the run service).
    /// `None`: such requests are dropped (tests of rooms alone).
    pub turn_end_tests: Option<mpsc::Sender<TurnEndTest>>,
}

/// A test run asked for by a room's rotation when a turn ended
/// (`test_at_turn_end`): the light of `turn`, credited to its `driver`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TurnEndTest {
    pub room_id: String,
    pub turn: u32,
    pub driver: Option<String>,
}

/// Turn-end test requests waiting for the run service, across rooms; one per turn
/// of at least 10 s per room, so a full queue means the server is stuck, not busy.
pub const TURN_END_TESTS_QUEUED: usize = 256;

/// A frame queued to one sync connection's writer task.
pub type Outgoing = Message;

/// One sync websocket attached to the room.
struct Peer {
    /// Bounded queue to the connection's writer task. When it is full the peer is
    /// dropped: a stalled client must never slow its room.
    tx: mpsc::Sender<Outgoing>,
    /// Cancelled to make the connection close itself (slow, broken, room reset).
    kick: CancellationToken,
    /// Participant behind the connection; `None` for a read-only watcher.
    participant: Option<String>,
}

struct RoomState {
    doc: SharedDoc,
    settings: RoomSettings,
    /// In join order.
    participants: Vec<Participant>,
    rotation: Rotation,
    peers: HashMap<u64, Peer>,
    /// Which connection may set which awareness client id; a connection's ids are
    /// removed and announced when it closes, so cursors of closed tabs disappear.
    awareness_owners: awareness::Owners,
    /// Refused edits kept for the driver (nothing typed is lost), and what each would
    /// change, computed when first listed.
    proposals: randori_core::sync::proposals::Proposals,
    proposal_summaries: HashMap<String, randori_core::sync::proposals::ProposalSummary>,
    next_peer_id: u64,
    /// Open connections (sync and events) per participant: online when > 0.
    presence: HashMap<String, usize>,
    /// Events sockets attached: a room with any connection stays loaded.
    event_subscribers: usize,
    /// Sequence number of the next stored update.
    next_seq: u64,
    updates_since_snapshot: u32,
    /// Bytes of the updates stored since the last snapshot, and that snapshot's size:
    /// together they decide when compaction pays for itself.
    log_bytes_since_snapshot: usize,
    snapshot_bytes: usize,
    /// Set when the room is unloaded or reset; attaching then fails and callers
    /// fetch a fresh room from the registry.
    closed: bool,
}

pub struct Room {
    pub info: RoomInfo,
    state: Mutex<RoomState>,
    /// JSON events for the events sockets.
    events: broadcast::Sender<Arc<str>>,
    /// Wakes the timer task when the rotation's next deadline may have moved.
    timer_wake: Notify,
    /// Cancelled when the room is unloaded: stops its timer task.
    stopped: CancellationToken,
    ctx: RoomContext,
}

#[derive(Debug, thiserror::Error)]
pub enum RoomError {
    #[error("the room was unloaded; reconnect")]
    Closed,
    #[error(transparent)]
    Doc(#[from] DocError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Rotation(#[from] RotationError),
    #[error("{0}")]
    Invalid(String),
    #[error("this room is full: it has {MAX_PARTICIPANTS} participants")]
    Full,
    #[error("no such proposal (applied or discarded already?)")]
    NoProposal,
    #[error("{0}")]
    NotAllowed(String),
    #[error("{0}")]
    Conflict(String),
}

/// What a new sync connection needs.
pub struct Attached {
    pub peer_id: u64,
    pub greeting: Vec<Vec<u8>>,
    pub kick: CancellationToken,
}

impl Room {
    /// Builds a room from what the store loaded.
    pub fn restore(loaded: store::LoadedRoom, ctx: RoomContext) -> Result<Arc<Room>, RoomError> {
        let doc = SharedDoc::restore(
            loaded.snapshot.as_ref().map(|(_, d)| d.as_slice()),
            loaded.updates.iter().map(|(_, d)| d.as_slice()),
        )?;
        let last_seq = loaded
            .updates
            .last()
            .map(|(s, _)| *s)
            .or(loaded.snapshot.as_ref().map(|(s, _)| *s));
        let settings: RoomSettings = serde_json::from_str(&loaded.room.settings_json)
            .map_err(|e| RoomError::Invalid(format!("room settings: {e}")))?;
        let now = ctx.clock.now_ms();
        let mut rotation = match &loaded.rotation_json {
            Some(json) => serde_json::from_str(json)
                .map_err(|e| RoomError::Invalid(format!("rotation state: {e}")))?,
            None => Rotation::default(),
        };
        let participants: Vec<Participant> = loaded
            .participants
            .into_iter()
            .map(|p| Participant {
                id: p.id,
                name: p.name,
                token_hash: p.token_hash,
            })
            .collect();
        for p in &participants {
            if !rotation.is_participant(&p.id) {
                rotation.join(&p.id, now);
            }
        }
        // Nobody is connected to a room just loaded; presence returns as they
        // reconnect (within the absence grace period, nobody loses their seat).
        rotation.mark_all_offline(now);
        let (events, _) = broadcast::channel(EVENT_BUFFER);
        let room = Arc::new(Room {
            info: RoomInfo {
                id: loaded.room.id,
                created_at_ms: loaded.room.created_at_ms,
                kata: loaded.room.kata,
                language: loaded.room.language,
                facilitator_token_hash: loaded.room.facilitator_token_hash,
            },
            state: Mutex::new(RoomState {
                doc,
                settings,
                participants,
                rotation,
                peers: HashMap::new(),
                awareness_owners: awareness::Owners::default(),
                proposals: proposals::restore(loaded.proposals),
                proposal_summaries: HashMap::new(),
                next_peer_id: 0,
                presence: HashMap::new(),
                event_subscribers: 0,
                next_seq: last_seq.map(|s| s + 1).unwrap_or(0),
                updates_since_snapshot: loaded.updates.len() as u32,
                log_bytes_since_snapshot: loaded.updates.iter().map(|(_, d)| d.len()).sum(),
                snapshot_bytes: loaded.snapshot.as_ref().map(|(_, d)| d.len()).unwrap_or(0),
                closed: false,
            }),
            events,
            timer_wake: Notify::new(),
            stopped: CancellationToken::new(),
            ctx,
        });
        tokio::spawn(timer_task(room.clone()));
        Ok(room)
    }

    fn lock(&self) -> MutexGuard<'_, RoomState> {
        // A panic while holding the lock is a bug; the state is still consistent
        // enough to serve (every step validates before mutating), so keep going.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn is_open(&self) -> bool {
        !self.lock().closed
    }

    pub fn id(&self) -> &str {
        &self.info.id
    }

    pub fn verify_facilitator(&self, token: &str) -> bool {
        tokens::token_matches(token, &self.info.facilitator_token_hash)
    }

    /// The participant holding `token`, if any.
    pub fn participant_by_token(&self, token: &str) -> Option<Participant> {
        let presented = tokens::hash_token(token);
        self.lock()
            .participants
            .iter()
            .find(|p| tokens::hashes_match(&presented, &p.token_hash))
            .cloned()
    }

    pub fn participant_name(&self, id: &str) -> Option<String> {
        self.lock()
            .participants
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.name.clone())
    }

    /// Adds a participant; returns `(participant id, token)`.
    pub async fn join(&self, name: &str) -> Result<(String, String), RoomError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(RoomError::Invalid("name must not be empty".into()));
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(RoomError::Invalid(format!(
                "name must be at most {MAX_NAME_CHARS} characters"
            )));
        }
        if name.chars().any(char::is_control) {
            return Err(RoomError::Invalid(
                "name must not contain control characters".into(),
            ));
        }
        let id = tokens::new_id();
        let token = tokens::new_token();
        let token_hash = tokens::hash_token(&token);
        let now = self.ctx.clock.now_ms();
        let (ack, rotation_ack) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            if state.participants.len() >= MAX_PARTICIPANTS {
                return Err(RoomError::Full);
            }
            state.participants.push(Participant {
                id: id.clone(),
                name: name.to_string(),
                token_hash: token_hash.clone(),
            });
            state.rotation.join(&id, now);
            // Offline until a socket connects.
            let _ = state.rotation.set_presence(&id, false, now);
            let ack = self
                .ctx
                .store
                .enqueue(Write::AddParticipant(ParticipantRecord {
                    id: id.clone(),
                    room_id: self.info.id.clone(),
                    name: name.to_string(),
                    token_hash,
                    joined_at_ms: now,
                }));
            (ack, self.save_rotation(&state))
        };
        store::wait(ack).await?;
        store::wait(rotation_ack).await?;
        self.publish_room();
        Ok((id, token))
    }

    /// Number of open connections (sync and events).
    pub fn connection_count(&self) -> usize {
        let state = self.lock();
        state.peers.len() + state.event_subscribers
    }

    /// The driver and turn right now, to link a run to whoever produced it.
    pub fn current_turn(&self) -> (Option<String>, u32) {
        let state = self.lock();
        (
            state.rotation.driver().map(str::to_string),
            state.rotation.current_turn().map(|t| t.turn).unwrap_or(0),
        )
    }

    /// The current texts and the whole document state (for runs).
    pub fn texts(&self) -> (String, String, Vec<u8>) {
        let state = self.lock();
        (
            state.doc.text(randori_core::sync::docsync::SOLUTION),
            state.doc.text(randori_core::sync::docsync::TESTS),
            state.doc.encode_state(),
        )
    }

    fn compact(&self, state: &mut RoomState) {
        if state.next_seq == 0 || state.updates_since_snapshot == 0 {
            return;
        }
        let data = state.doc.encode_state();
        state.doc.compacted(data.len());
        state.updates_since_snapshot = 0;
        state.log_bytes_since_snapshot = 0;
        state.snapshot_bytes = data.len();
        // The ack is not awaited: if this write fails the log is still complete.
        drop(self.ctx.store.enqueue(Write::Snapshot {
            room_id: self.info.id.clone(),
            upto_seq: state.next_seq - 1,
            data,
        }));
    }

    /// Closes the room if nobody is connected: compacts it and refuses new
    /// attachments (callers then load it afresh). Returns whether it closed.
    pub fn close_if_idle(&self) -> bool {
        let mut state = self.lock();
        if state.closed {
            return true;
        }
        if !state.peers.is_empty() || state.event_subscribers > 0 {
            return false;
        }
        self.compact(&mut state);
        state.closed = true;
        self.stopped.cancel();
        true
    }

    /// Closes the room and every connection (storage failure or shutdown).
    pub fn close_all(&self) {
        let mut state = self.lock();
        state.closed = true;
        for peer in state.peers.values() {
            peer.kick.cancel();
        }
        self.stopped.cancel();
        drop(state);
        self.emit(RoomEvent::error("the room is reloading; reconnecting"));
    }

    /// Compacts before shutdown.
    pub fn flush(&self) {
        let mut state = self.lock();
        self.compact(&mut state);
    }

}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compaction_waits_for_enough_updates_and_enough_log() {
        assert!(!compaction_due(COMPACT_AFTER_UPDATES - 1, 1 << 20, 100));
        assert!(compaction_due(COMPACT_AFTER_UPDATES, 100, 100));
        // A big document is not rewritten until the log since is as large as it.
        assert!(!compaction_due(COMPACT_AFTER_UPDATES * 10, 10_000, 290_000));
        assert!(compaction_due(COMPACT_AFTER_UPDATES * 10, 290_000, 290_000));
    }
}
