//! A room's sync connections: attaching, each message through the document, pacing
//! fast senders to slow readers, and delivering applied updates after their commit.

use super::*;

impl Room {
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
        let received = std::time::Instant::now();
        let mut kept = Kept::No;
        let (effect, pending_write, reply_to) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            let message = match message {
                ClientMessage::Awareness(update) => match self.claim_awareness(&mut state, peer_id, &update) {
                    Ok(()) => ClientMessage::Awareness(update),
                    Err(effect) => return Ok(Self::answer_awareness(&state, peer_id, effect)),
                },
                other => other,
            };
            let refusal = self.refusal(&state, peer_id);
            // A participant's refused update is kept (a copy, only when refused).
            let offered = match (&message, &refusal) {
                (ClientMessage::Update(bytes), Some(_)) => Some(bytes.clone()),
                _ => None,
            };
            let effect = state.doc.handle(message, refusal.as_deref())?;
            let mut pending = None;
            let targets = match effect {
                Effect::Applied { update, frame } => {
                    return Ok(Some(self.store_applied(&mut state, peer_id, update, frame, received)));
                }
                Effect::Awareness { .. } => everyone(&state),
                Effect::Reply(_) => {
                    // A step 2 may include updates whose write is still queued: wait
                    // for everything queued so far before answering.
                    pending = Some(self.ctx.store.enqueue(Write::Barrier));
                    only(&state, peer_id)
                }
                Effect::Refused { .. } => {
                    Metrics::inc(&self.ctx.metrics.edits_refused);
                    kept = self.keep_offered(&mut state, peer_id, offered);
                    only(&state, peer_id)
                }
                Effect::Nothing => Vec::new(),
            };
            (effect, pending, targets)
        };
        if let Some(ack) = pending_write {
            store::wait(ack).await?;
        }
        self.deliver(peer_id, effect, &reply_to, &kept);
        if kept == Kept::Yes {
            self.publish_proposals();
        }

        Ok(None)
    }

    /// Keeps a participant's refused update as (part of) their proposal; a watcher's
    /// is only refused.
    fn keep_offered(&self, state: &mut RoomState, peer_id: u64, offered: Option<Vec<u8>>) -> Kept {
        let author = state.peers.get(&peer_id).and_then(|p| p.participant.clone());
        let (Some(author), Some(update)) = (author, offered) else {
            return Kept::No;
        };
        match self.keep_refused(state, &author, update) {
            Ok(true) => Kept::Yes,
            Ok(false) => Kept::Quietly,
            Err(why) => Kept::NotKept(why.to_string()),
        }
    }

    /// Queues an applied update for storage; the store's writer delivers it to the
    /// room's other connections right after its commit. Compacts when due.
    pub(super) fn store_applied(
        self: &Arc<Self>,
        state: &mut RoomState,
        peer_id: u64,
        update: Vec<u8>,
        frame: Vec<u8>,
        received: std::time::Instant,
    ) -> store::Pending {
        let seq = state.next_seq;
        state.next_seq += 1;
        state.updates_since_snapshot += 1;
        state.log_bytes_since_snapshot += update.len();
        let delivery = Delivery {
            targets: others(state, peer_id),
            frame: Bytes::from(frame),
            metrics: self.ctx.metrics.clone(),
            room: Arc::downgrade(self),
            received,
        };
        let write = Write::AppendUpdate {
            room_id: self.info.id.clone(),
            seq,
            data: update,
        };
        let stored = self
            .ctx
            .store
            .enqueue_then(write, move |result| delivery.after_commit(result));
        let (updates, log, snapshot) = (
            state.updates_since_snapshot,
            state.log_bytes_since_snapshot,
            state.snapshot_bytes,
        );
        if compaction_due(updates, log, snapshot) {
            // Queued after the update, so the snapshot includes it.
            self.compact(state);
        }
        Metrics::inc(&self.ctx.metrics.updates_applied);
        stored
    }

    /// Sends what an effect (other than an applied update) answers, outside the lock.
    fn deliver(&self, peer_id: u64, effect: Effect, reply_to: &[Target], kept: &Kept) {
        match effect {
            // Delivered by the store's writer (`store_applied`).
            Effect::Applied { .. } | Effect::Nothing => {}
            Effect::Awareness { frame, .. } => {
                send_all(reply_to, &Bytes::from(frame));
            }
            Effect::Reply(frames) => {
                for frame in frames {
                    send_all(reply_to, &Bytes::from(frame));
                }
            }
            Effect::Refused { frame } => {
                send_all(reply_to, &Bytes::from(frame));
                let name = self
                    .lock()
                    .peers
                    .get(&peer_id)
                    .and_then(|p| p.participant.clone());
                let reason = match kept {
                    Kept::Yes | Kept::Quietly => "only the driver may edit in strict mode; your edit is kept for the driver to apply".to_string(),
                    Kept::NotKept(why) => format!("only the driver may edit in strict mode, and the edit could not be kept: {why}"),
                    Kept::No => "only the driver may edit in strict mode".to_string(),
                };
                self.emit(RoomEvent::EditRefused {
                    participant: name,
                    reason,
                    kept: matches!(kept, Kept::Yes | Kept::Quietly),
                });
            }
        }
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
    pub(super) fn refusal(&self, state: &RoomState, peer_id: u64) -> Option<String> {
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

    /// Lets the connection set these awareness states if it owns (or may claim) their
    /// client ids; otherwise the effect to answer with: nothing for a watcher (stock
    /// clients send an empty state every 15 s), a refusal for anyone else.
    fn claim_awareness(
        &self,
        state: &mut RoomState,
        peer_id: u64,
        update: &yrs::sync::awareness::AwarenessUpdate,
    ) -> Result<(), Effect> {
        let participant = state.peers.get(&peer_id).and_then(|p| p.participant.clone());
        let clients = update.clients.keys().copied();
        match state.awareness_owners.claim(peer_id, participant.as_deref(), clients) {
            Ok(()) => Ok(()),
            Err(awareness::Refused::Watcher) => Err(Effect::Nothing),
            Err(refused) => {
                Metrics::inc(&self.ctx.metrics.awareness_refused);
                Err(Effect::Refused {
                    frame: randori_core::sync::protocol::encode_permission_denied(&refused.to_string()),
                })
            }
        }
    }

    /// Sends a refused awareness state's answer (if any) to its sender alone.
    fn answer_awareness(
        state: &RoomState,
        peer_id: u64,
        effect: Effect,
    ) -> Option<store::Pending> {
        if let Effect::Refused { frame } = effect {
            send_all(&only(state, peer_id), &Bytes::from(frame));
        }
        None
    }

    /// Detaches a sync connection and announces its awareness states gone.
    pub fn detach_sync(&self, peer_id: u64) {
        let (frame, targets, presence_changed, proposed) = {
            let mut state = self.lock();
            let Some(peer) = state.peers.remove(&peer_id) else {
                return;
            };
            // The author's connection closing ends a burst of refused edits: the
            // room then sees their proposal's final summary.
            let proposed = peer
                .participant
                .as_deref()
                .is_some_and(|p| state.proposals.list().iter().any(|x| x.author == p));
            let owned = state.awareness_owners.release(peer_id);
            let frame = state.doc.remove_awareness(&owned);
            let changed = peer
                .participant
                .as_deref()
                .map(|p| self.presence_down(&mut state, p))
                .unwrap_or(false);
            (frame, everyone(&state), changed, proposed)
        };
        if let Some(frame) = frame {
            send_all(&targets, &Bytes::from(frame));
        }
        if presence_changed {
            self.publish_room();
        }
        if proposed {
            self.publish_proposals();
        }
    }
}

pub(super) type Target = (mpsc::Sender<Outgoing>, CancellationToken);

/// An applied update waiting for its commit, to be delivered by the store's writer.
pub(super) struct Delivery {
    /// The room's other connections when the update was applied; later joiners get
    /// it in their sync step 2 instead.
    targets: Vec<Target>,
    frame: Bytes,
    metrics: Arc<Metrics>,
    /// To reset the room if the write failed. Weak: a queued write must not keep an
    /// unloaded room alive.
    room: Weak<Room>,
    /// When the frame arrived: receipt to broadcast is the latency edits feel.
    received: std::time::Instant,
}

impl Delivery {
    pub(super) fn after_commit(self, result: &Result<(), StoreError>) {
        match result {
            Ok(()) => {
                let delivered = send_all(&self.targets, &self.frame);
                self.metrics
                    .updates_delivered
                    .fetch_add(delivered, Ordering::Relaxed);
                self.metrics
                    .latency
                    .update_to_broadcast
                    .observe(self.received.elapsed().as_secs_f64());
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

pub(super) fn others(state: &RoomState, except: u64) -> Vec<Target> {
    state
        .peers
        .iter()
        .filter(|(id, _)| **id != except)
        .map(|(_, p)| (p.tx.clone(), p.kick.clone()))
        .collect()
}

/// Just the connection `peer_id` (for replies meant for the sender only).
pub(super) fn only(state: &RoomState, peer_id: u64) -> Vec<Target> {
    state
        .peers
        .get(&peer_id)
        .map(|p| vec![(p.tx.clone(), p.kick.clone())])
        .unwrap_or_default()
}

pub(super) fn everyone(state: &RoomState) -> Vec<Target> {
    state
        .peers
        .values()
        .map(|p| (p.tx.clone(), p.kick.clone()))
        .collect()
}

/// Queues `frame` to each target; a target whose queue is full is kicked.
/// Returns how many were queued.
pub(super) fn send_all(targets: &[Target], frame: &Bytes) -> u64 {
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

/// Whether a refused update was kept as a proposal.
#[derive(Debug, PartialEq, Eq)]
enum Kept {
    /// Not a participant's update, or no update refused.
    No,
    /// Kept, and the room is told (a new proposal, or its size doubled).
    Yes,
    /// Kept; the room is told later (the author's connection closing, or doubling).
    Quietly,
    NotKept(String),
}
