//! Refused edits kept as proposals (see `randori_core::sync::proposals`): kept when
//! refused, listed for the room, applied by the driver (or the facilitator) as a
//! recorded edit, or discarded.

use randori_core::events::ProposalView;
use randori_core::sync::proposals::{self, NotKept, Proposal};

use super::*;

/// Who asks to apply or discard a proposal.
pub enum Asker<'a> {
    Facilitator,
    Participant(&'a str),
}

/// A connection id no peer has: an applied proposal goes to every connection.
const NO_PEER: u64 = u64::MAX;

impl Room {
    /// Keeps a refused update of `author`'s; `true` when the room should be told
    /// now: a new proposal, or one whose update count reached a power of two, so a
    /// sender of many refused updates costs a logarithmic number of summaries.
    ///
    /// # Errors
    /// Why not, when a bound stops it.
    pub(super) fn keep_refused(&self, state: &mut RoomState, author: &str, update: Vec<u8>) -> Result<bool, NotKept> {
        let now = self.ctx.clock.now_ms();
        let kept = state.proposals.keep(author, update, now, crate::tokens::new_id)?;
        let tell = kept.updates.len().is_power_of_two();
        let record = self.record(kept);
        state.proposal_summaries.remove(&record.id);
        drop(self.ctx.store.enqueue(Write::SaveProposal(record)));
        Ok(tell)
    }

    fn record(&self, p: &Proposal) -> store::ProposalRecord {
        store::ProposalRecord {
            id: p.id.clone(),
            room_id: self.info.id.clone(),
            author: p.author.clone(),
            created_at_ms: p.created_ms,
            updates: p.encode_updates(),
        }
    }

    /// The open proposals, with what each would change. A summary costs a load of
    /// the document, so it is computed once per change of its proposal.
    pub fn proposals(&self) -> Vec<ProposalView> {
        let mut state = self.lock();
        let state = &mut *state;
        let doc_state = (!state.proposals.list().is_empty()).then(|| state.doc.encode_state());
        let mut views = Vec::new();
        for p in state.proposals.list() {
            let summary = state
                .proposal_summaries
                .entry(p.id.clone())
                .or_insert_with(|| proposals::summarize(doc_state.as_deref().unwrap_or_default(), &p.updates))
                .clone();
            views.push(ProposalView {
                id: p.id.clone(),
                author: p.author.clone(),
                author_name: name_of(&state.participants, &p.author),
                created_ms: p.created_ms,
                summary,
            });
        }
        views
    }

    pub(super) fn publish_proposals(&self) {
        let proposals = self.proposals();
        self.emit(RoomEvent::Proposals { proposals });
    }

    /// Applies a proposal: its updates, in order, as edits of the room (stored, then
    /// sent to every connection). The driver or the facilitator may.
    ///
    /// # Errors
    /// `NotAllowed` for anyone else, `NoProposal` for an unknown id, `Conflict` when
    /// the document can no longer take it (what could not be applied stays open).
    pub async fn apply_proposal(self: &Arc<Self>, id: &str, asker: Asker<'_>) -> Result<(), RoomError> {
        let (acks, failed) = {
            let mut state = self.lock();
            self.may_decide(&state, &asker, false)?;
            let mut proposal = state.proposals.take(id).ok_or(RoomError::NoProposal)?;
            let mut acks = Vec::new();
            let mut failed = None;
            let updates = std::mem::take(&mut proposal.updates);
            for (i, update) in updates.iter().enumerate() {
                match state.doc.handle(ClientMessage::Update(update.clone()), None) {
                    Ok(Effect::Applied { update, frame }) => {
                        let now = std::time::Instant::now();
                        acks.push(self.store_applied(&mut state, NO_PEER, update, frame, now));
                    }
                    Ok(_) => {}
                    Err(e) => {
                        proposal.updates = updates[i..].to_vec();
                        failed = Some(e.to_string());
                        break;
                    }
                }
            }
            state.proposal_summaries.remove(id);
            let write = match &failed {
                Some(_) => {
                    let record = self.record(&proposal);
                    state.proposals.put_back(proposal);
                    Write::SaveProposal(record)
                }
                None => Write::DeleteProposal { room_id: self.info.id.clone(), id: id.to_string() },
            };
            acks.push(self.ctx.store.enqueue(write));
            (acks, failed)
        };
        for ack in acks {
            store::wait(ack).await?;
        }
        self.publish_proposals();
        match failed {
            Some(why) => Err(RoomError::Conflict(format!("the rest of this edit no longer fits the code ({why}); discard it"))),
            None => Ok(()),
        }
    }

    /// Discards a proposal: the driver, the facilitator or its author may.
    pub async fn discard_proposal(&self, id: &str, asker: Asker<'_>) -> Result<(), RoomError> {
        let ack = {
            let mut state = self.lock();
            let author = state.proposals.get(id).ok_or(RoomError::NoProposal)?.author.clone();
            let is_author = matches!(asker, Asker::Participant(p) if p == author);
            self.may_decide(&state, &asker, is_author)?;
            state.proposals.take(id);
            state.proposal_summaries.remove(id);
            self.ctx.store.enqueue(Write::DeleteProposal { room_id: self.info.id.clone(), id: id.to_string() })
        };
        store::wait(ack).await?;
        self.publish_proposals();
        Ok(())
    }

    /// The driver or the facilitator (anyone in free mode) may decide; `is_author`
    /// lets the author too (to discard their own).
    fn may_decide(&self, state: &RoomState, asker: &Asker<'_>, is_author: bool) -> Result<(), RoomError> {
        let driver = state.rotation.driver();
        let free = state.settings.mode == EditMode::Free;
        match asker {
            Asker::Facilitator => Ok(()),
            Asker::Participant(p) if is_author || driver == Some(*p) || free => Ok(()),
            Asker::Participant(_) => Err(RoomError::NotAllowed(
                "only the driver or the facilitator may apply or discard an offline edit".into(),
            )),
        }
    }
}

fn name_of(participants: &[Participant], id: &str) -> String {
    participants
        .iter()
        .find(|p| p.id == id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "someone".into())
}

/// Restores a room's stored proposals; a damaged one is dropped with a warning.
pub(super) fn restore(records: Vec<store::ProposalRecord>) -> proposals::Proposals {
    let list = records
        .into_iter()
        .filter_map(|r| match Proposal::decode_updates(&r.updates) {
            Some(updates) => Some(Proposal { id: r.id, author: r.author, created_ms: r.created_at_ms, updates }),
            None => {
                tracing::warn!(room = %r.room_id, proposal = %r.id, "damaged proposal dropped");
                None
            }
        })
        .collect();
    proposals::Proposals::restore(list)
}
