//! One loaded room: its document, roster, rotation and connections.
//!
//! All mutable state sits behind one `std::sync::Mutex` that is never held across an
//! `.await`: every operation locks, decides (with the pure [`SharedDoc`] and
//! [`Rotation`]), queues its storage write, unlocks, and only then waits for the
//! write and sends. Document updates are broadcast only after their write is
//! committed (the store's writer delivers them right after the commit), so whatever
//! any client has received survives a crash.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use axum::extract::ws::Message;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::sync::{Notify, broadcast, mpsc};
use tokio_util::sync::CancellationToken;
use yrs::ClientID;

use crate::clock::Clock;
use crate::docsync::{DocError, Effect, SharedDoc};
use crate::metrics::Metrics;
use crate::protocol::ClientMessage;
use crate::rotation::{Action as RotationAction, Rotation, RotationError, RotationEvent};
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
pub const MAX_NAME_CHARS: usize = 40;

/// Who may type in a room.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum EditMode {
    /// Only the current driver's edits are accepted (the keyboard moves with the role).
    #[default]
    Strict,
    /// Everyone may type.
    Free,
}

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
}

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
    /// Awareness client ids that arrived over this connection: removed and announced
    /// when it closes, so cursors of closed tabs disappear at once.
    awareness_ids: Vec<ClientID>,
}

struct RoomState {
    doc: SharedDoc,
    settings: RoomSettings,
    /// In join order.
    participants: Vec<Participant>,
    rotation: Rotation,
    peers: HashMap<u64, Peer>,
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

    /// Attaches a sync connection. Fails if the room was unloaded meanwhile.
    pub fn attach_sync(
        &self,
        participant: Option<String>,
        tx: mpsc::Sender<Outgoing>,
    ) -> Result<Attached, RoomError> {
        let kick = CancellationToken::new();
        let (attached, presence_changed) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            let peer_id = state.next_peer_id;
            state.next_peer_id += 1;
            let greeting = state.doc.greeting();
            state.peers.insert(
                peer_id,
                Peer {
                    tx,
                    kick: kick.clone(),
                    participant: participant.clone(),
                    awareness_ids: Vec::new(),
                },
            );
            let changed = participant
                .as_deref()
                .map(|p| self.presence_up(&mut state, p))
                .unwrap_or(false);
            (
                Attached {
                    peer_id,
                    greeting,
                    kick,
                },
                changed,
            )
        };
        if presence_changed {
            self.publish_room();
        }
        Ok(attached)
    }

    /// Handles one decoded message from a sync connection.
    ///
    /// An applied update is queued for storage and delivered to the room's other
    /// connections by the store's writer right after its commit: stored before
    /// broadcast, in apply order, without waiting here. The returned
    /// acknowledgement lets the connection bound how many of its updates are in
    /// flight; everything else is answered before this returns.
    pub async fn handle_sync(
        self: &Arc<Self>,
        peer_id: u64,
        message: ClientMessage,
    ) -> Result<Option<store::Pending>, RoomError> {
        let (effect, pending_write, reply_to) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            let refusal = self.refusal(&state, peer_id);
            let effect = state.doc.handle(message, refusal.as_deref())?;
            let mut pending = None;
            let mut targets = Vec::new();
            match effect {
                Effect::Applied { update, frame } => {
                    let seq = state.next_seq;
                    state.next_seq += 1;
                    state.updates_since_snapshot += 1;
                    state.log_bytes_since_snapshot += update.len();
                    let delivery = Delivery {
                        targets: others(&state, peer_id),
                        frame: Bytes::from(frame),
                        metrics: self.ctx.metrics.clone(),
                        room: Arc::downgrade(self),
                    };
                    let stored = self.ctx.store.enqueue_then(
                        Write::AppendUpdate {
                            room_id: self.info.id.clone(),
                            seq,
                            data: update,
                        },
                        move |result| delivery.after_commit(result),
                    );
                    if compaction_due(
                        state.updates_since_snapshot,
                        state.log_bytes_since_snapshot,
                        state.snapshot_bytes,
                    ) {
                        // Queued after the update, so the snapshot includes it.
                        self.compact(&mut state);
                    }
                    Metrics::inc(&self.ctx.metrics.updates_applied);
                    return Ok(Some(stored));
                }
                Effect::Awareness { ref clients, .. } => {
                    if let Some(peer) = state.peers.get_mut(&peer_id) {
                        for c in clients {
                            if !peer.awareness_ids.contains(c) {
                                peer.awareness_ids.push(*c);
                            }
                        }
                    }
                    targets = everyone(&state);
                }
                Effect::Reply(_) => {
                    // A step 2 may include updates whose write is still queued: wait
                    // for everything queued so far before answering.
                    pending = Some(self.ctx.store.enqueue(Write::Barrier));
                    targets = state
                        .peers
                        .get(&peer_id)
                        .map(|p| vec![(p.tx.clone(), p.kick.clone())])
                        .unwrap_or_default();
                }
                Effect::Refused { .. } => {
                    Metrics::inc(&self.ctx.metrics.edits_refused);
                    targets = state
                        .peers
                        .get(&peer_id)
                        .map(|p| vec![(p.tx.clone(), p.kick.clone())])
                        .unwrap_or_default();
                }
                Effect::Nothing => {}
            }
            (effect, pending, targets)
        };
        if let Some(ack) = pending_write {
            store::wait(ack).await?;
        }
        match effect {
            // Delivered by the store's writer (above).
            Effect::Applied { .. } => {}
            Effect::Awareness { frame, .. } => {
                send_all(&reply_to, &Bytes::from(frame));
            }
            Effect::Reply(frames) => {
                for frame in frames {
                    send_all(&reply_to, &Bytes::from(frame));
                }
            }
            Effect::Refused { frame } => {
                send_all(&reply_to, &Bytes::from(frame));
                let name = self
                    .lock()
                    .peers
                    .get(&peer_id)
                    .and_then(|p| p.participant.clone());
                self.emit(json!({
                    "type": "edit_refused",
                    "participant": name,
                    "reason": "only the driver may edit in strict mode",
                }));
            }
            Effect::Nothing => {}
        }
        Ok(None)
    }

    /// Holds a sender back while another connection of the room has more than half
    /// of its send queue waiting, so a fast sender is paced to its slowest reader
    /// instead of overflowing it. A reader that stays that far behind for
    /// [`SLOW_READER_GRACE`] is dropped (it reconnects and resyncs) and the sender
    /// goes on.
    pub async fn pace_sender(&self, sender: u64) {
        let deadline = tokio::time::Instant::now() + SLOW_READER_GRACE;
        loop {
            let behind: Vec<CancellationToken> = self
                .lock()
                .peers
                .iter()
                .filter(|(id, p)| {
                    **id != sender
                        && p.tx.max_capacity() - p.tx.capacity() > p.tx.max_capacity() / 2
                })
                .map(|(_, p)| p.kick.clone())
                .collect();
            if behind.is_empty() {
                return;
            }
            if tokio::time::Instant::now() >= deadline {
                for kick in behind {
                    kick.cancel();
                }
                return;
            }
            tokio::time::sleep(PACING_POLL).await;
        }
    }

    /// Why the peer may not edit now, or `None` if it may.
    fn refusal(&self, state: &RoomState, peer_id: u64) -> Option<String> {
        let participant = state.peers.get(&peer_id)?.participant.as_deref();
        let strict = state.settings.mode == EditMode::Strict;
        match participant {
            None => Some("permission denied: watchers are read-only".into()),
            Some(p) if state.rotation.can_edit(p, strict) => None,
            Some(_) => {
                let driver = state
                    .rotation
                    .driver()
                    .and_then(|d| state.participants.iter().find(|p| p.id == d))
                    .map(|p| p.name.clone());
                Some(match driver {
                    Some(name) => format!("permission denied: {name} is driving"),
                    None => "permission denied: nobody is driving".into(),
                })
            }
        }
    }

    /// Detaches a sync connection and announces its awareness states gone.
    pub fn detach_sync(&self, peer_id: u64) {
        let (frame, targets, presence_changed) = {
            let mut state = self.lock();
            let Some(peer) = state.peers.remove(&peer_id) else {
                return;
            };
            let frame = state.doc.remove_awareness(&peer.awareness_ids);
            let changed = peer
                .participant
                .as_deref()
                .map(|p| self.presence_down(&mut state, p))
                .unwrap_or(false);
            (frame, everyone(&state), changed)
        };
        if let Some(frame) = frame {
            send_all(&targets, &Bytes::from(frame));
        }
        if presence_changed {
            self.publish_room();
        }
    }

    /// Subscribes an events socket; returns the receiver and the `hello` event.
    pub fn attach_events(
        &self,
        participant: Option<&Participant>,
    ) -> Result<(broadcast::Receiver<Arc<str>>, String), RoomError> {
        let receiver = self.events.subscribe();
        let changed = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            state.event_subscribers += 1;
            participant
                .map(|p| self.presence_up(&mut state, &p.id))
                .unwrap_or(false)
        };
        if changed {
            self.publish_room();
        }
        let hello = json!({
            "type": "hello",
            "you": participant.map(|p| json!({"participant_id": p.id, "name": p.name})),
            "room": self.view(),
        });
        Ok((receiver, hello.to_string()))
    }

    pub fn detach_events(&self, participant: Option<&str>) {
        let changed = {
            let mut state = self.lock();
            state.event_subscribers = state.event_subscribers.saturating_sub(1);
            participant
                .map(|p| self.presence_down(&mut state, p))
                .unwrap_or(false)
        };
        if changed {
            self.publish_room();
        }
    }

    fn presence_up(&self, state: &mut RoomState, participant: &str) -> bool {
        let count = state.presence.entry(participant.to_string()).or_insert(0);
        *count += 1;
        if *count == 1 {
            let now = self.ctx.clock.now_ms();
            let _ = state.rotation.set_presence(participant, true, now);
            self.timer_wake.notify_one();
            true
        } else {
            false
        }
    }

    fn presence_down(&self, state: &mut RoomState, participant: &str) -> bool {
        let Some(count) = state.presence.get_mut(participant) else {
            return false;
        };
        *count -= 1;
        if *count == 0 {
            state.presence.remove(participant);
            let now = self.ctx.clock.now_ms();
            let _ = state.rotation.set_presence(participant, false, now);
            self.timer_wake.notify_one();
            true
        } else {
            false
        }
    }

    /// Number of open connections (sync and events).
    pub fn connection_count(&self) -> usize {
        let state = self.lock();
        state.peers.len() + state.event_subscribers
    }

    /// Applies a facilitator action; returns the new rotation view.
    pub async fn rotation_action(&self, action: RotationAction) -> Result<Value, RoomError> {
        let now = self.ctx.clock.now_ms();
        let (events, ack) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            let events = state.rotation.apply(action, now)?;
            (events, self.save_rotation(&state))
        };
        store::wait(ack).await?;
        self.timer_wake.notify_one();
        self.publish_rotation_events(events);
        Ok(self.rotation_view())
    }

    /// Changes the room's edit mode (a facilitator setting).
    pub async fn set_mode(&self, mode: EditMode) -> Result<(), RoomError> {
        let ack = {
            let mut state = self.lock();
            state.settings.mode = mode;
            let settings_json = serde_json::to_string(&state.settings).expect("settings serialize");
            self.ctx.store.enqueue(Write::UpdateRoomSettings {
                room_id: self.info.id.clone(),
                settings_json,
            })
        };
        store::wait(ack).await?;
        self.publish_room();
        Ok(())
    }

    /// Tells the rotation a test run ended (for "rotate at the next green run").
    pub async fn test_run_finished(&self, green: bool) {
        let now = self.ctx.clock.now_ms();
        let (events, ack) = {
            let mut state = self.lock();
            let events = state.rotation.test_run_finished(green, now);
            if events.is_empty() {
                return;
            }
            (events, self.save_rotation(&state))
        };
        let _ = store::wait(ack).await;
        self.timer_wake.notify_one();
        self.publish_rotation_events(events);
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
            state.doc.text(crate::docsync::SOLUTION),
            state.doc.text(crate::docsync::TESTS),
            state.doc.encode_state(),
        )
    }

    fn save_rotation(
        &self,
        state: &RoomState,
    ) -> tokio::sync::oneshot::Receiver<Result<(), StoreError>> {
        let json = serde_json::to_string(&state.rotation).expect("rotation serializes");
        self.ctx.store.enqueue(Write::SaveRotation {
            room_id: self.info.id.clone(),
            json,
        })
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
        self.emit(json!({"type": "error", "message": "the room is reloading; reconnecting"}));
    }

    /// Compacts before shutdown.
    pub fn flush(&self) {
        let mut state = self.lock();
        self.compact(&mut state);
    }

    /// Sends a JSON event to every events socket.
    pub fn emit(&self, event: Value) {
        let _ = self.events.send(Arc::from(event.to_string()));
    }

    /// Sends the full public room state to every events socket.
    pub fn publish_room(&self) {
        self.emit(json!({"type": "room", "room": self.view()}));
    }

    fn publish_rotation_events(&self, events: Vec<RotationEvent>) {
        if events.is_empty() {
            return;
        }
        let rotation = self.rotation_view();
        for event in events {
            let mut value = serde_json::to_value(&event).unwrap_or(Value::Null);
            let kind = match &event {
                RotationEvent::Warning { .. } => "warning",
                RotationEvent::TimeUp { .. } => "time_up",
                _ => "rotation",
            };
            if let Value::Object(map) = &mut value {
                map.insert("type".into(), kind.into());
                map.insert("reason".into(), event.reason().into());
                map.insert("rotation".into(), rotation.clone());
            }
            self.emit(value);
        }
        self.publish_room();
    }

    pub fn rotation_view(&self) -> Value {
        let now = self.ctx.clock.now_ms();
        let state = self.lock();
        serde_json::to_value(state.rotation.view(now)).unwrap_or(Value::Null)
    }

    /// Public state: never tokens.
    pub fn view(&self) -> Value {
        let now = self.ctx.clock.now_ms();
        let state = self.lock();
        let participants: Vec<Value> = state
            .participants
            .iter()
            .map(|p| {
                json!({
                    "id": p.id,
                    "name": p.name,
                    "online": state.presence.contains_key(&p.id),
                })
            })
            .collect();
        let rotation = state.rotation.view(now);
        json!({
            "id": self.info.id,
            "kata": self.info.kata,
            "kata_title": state.settings.kata_title,
            "language": self.info.language,
            "created_at_ms": self.info.created_at_ms,
            "settings": {
                "mode": state.settings.mode,
                "turn_seconds": rotation.settings.turn_seconds,
                "time_up": rotation.settings.time_up,
                "break_every": rotation.settings.break_every,
                "break_seconds": rotation.settings.break_seconds,
                "warning_seconds": rotation.settings.warning_seconds,
            },
            "participants": participants,
            "rotation": rotation,
            "server_time_ms": now,
        })
    }

    fn tick(&self) -> Option<u64> {
        let now = self.ctx.clock.now_ms();
        let (events, next) = {
            let mut state = self.lock();
            if state.closed {
                return None;
            }
            let events = state.rotation.tick(now);
            if !events.is_empty() {
                // Queued in order with everything else; nothing here waits on it.
                drop(self.save_rotation(&state));
            }
            (events, state.rotation.next_wakeup())
        };
        self.publish_rotation_events(events);
        next
    }
}

/// Drives the rotation's deadlines: sleeps until the next one (or until woken
/// because it moved), then ticks.
async fn timer_task(room: Arc<Room>) {
    loop {
        let next = room.tick();
        let sleep = async {
            match next {
                Some(ms) => tokio::time::sleep_until(room.ctx.clock.instant_at(ms)).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = sleep => {}
            _ = room.timer_wake.notified() => {}
            _ = room.stopped.cancelled() => return,
        }
    }
}

type Target = (mpsc::Sender<Outgoing>, CancellationToken);

/// An applied update waiting for its commit, to be delivered by the store's writer.
struct Delivery {
    /// The room's other connections when the update was applied; later joiners get
    /// it in their sync step 2 instead.
    targets: Vec<Target>,
    frame: Bytes,
    metrics: Arc<Metrics>,
    /// To reset the room if the write failed. Weak: a queued write must not keep an
    /// unloaded room alive.
    room: Weak<Room>,
}

impl Delivery {
    fn after_commit(self, result: &Result<(), StoreError>) {
        match result {
            Ok(()) => {
                let delivered = send_all(&self.targets, &self.frame);
                self.metrics
                    .updates_delivered
                    .fetch_add(delivered, Ordering::Relaxed);
            }
            Err(e) => {
                // The document holds an update that is not stored: reset the room so
                // everyone resyncs from storage (clients still hold their edits and
                // send them again on reconnect).
                if let Some(room) = self.room.upgrade() {
                    tracing::error!(room = %room.info.id, error = %e, "write failed; resetting room");
                    room.close_all();
                }
            }
        }
    }
}

fn others(state: &RoomState, except: u64) -> Vec<Target> {
    state
        .peers
        .iter()
        .filter(|(id, _)| **id != except)
        .map(|(_, p)| (p.tx.clone(), p.kick.clone()))
        .collect()
}

fn everyone(state: &RoomState) -> Vec<Target> {
    state
        .peers
        .values()
        .map(|p| (p.tx.clone(), p.kick.clone()))
        .collect()
}

/// Queues `frame` to each target; a target whose queue is full is kicked.
/// Returns how many were queued.
fn send_all(targets: &[Target], frame: &Bytes) -> u64 {
    let mut sent = 0;
    for (tx, kick) in targets {
        match tx.try_send(Message::Binary(frame.clone())) {
            Ok(()) => sent += 1,
            Err(mpsc::error::TrySendError::Full(_)) => kick.cancel(),
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }
    sent
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
