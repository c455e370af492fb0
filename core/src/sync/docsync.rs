//! A room's shared document and presence, and what each client message does to them.
//!
//! Pure and synchronous: [`SharedDoc::handle`] takes one decoded message and returns
//! what must happen next ([`Effect`]); the websocket shell stores, sends and
//! broadcasts. Keeping the decisions here makes the sync rules testable without a
//! socket:
//! - answer step 1 with step 2, even when empty (the stock client waits for it);
//! - apply updates and pass on only what really changed the document (the
//!   transaction's own encoding), never the raw bytes a client sent;
//! - pass on awareness only when it changed something (clients echo what they get).

use std::panic::{AssertUnwindSafe, catch_unwind};

use yrs::sync::Awareness;
use yrs::sync::awareness::AwarenessUpdate;
use yrs::updates::decoder::Decode;
use yrs::{ClientID, Doc, GetString, ReadTxn, StateVector, Text, Transact, Update, WriteTxn};

use crate::sync::protocol::{self, ClientMessage};
use crate::sync::update_bounds;

/// Names of the room's shared texts (the editor binds `Y.Text`s with these names).
pub const SOLUTION: &str = "solution";
pub const TESTS: &str = "tests";

/// Largest document a room may grow to, counted as stored update bytes since the last
/// snapshot plus that snapshot. A kata solution is a few KB; this stops a client from
/// filling memory and disk.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// An `[0, 0]` update: no structs, no deletions.
const EMPTY_UPDATE: [u8; 2] = [0, 0];

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocError {
    #[error("the update could not be applied: {0}")]
    BadUpdate(String),
    #[error("the document would exceed its limit of {MAX_DOCUMENT_BYTES} bytes")]
    TooLarge,
    #[error("the stored document is corrupt: {0}")]
    Corrupt(String),
    #[error(
        "update does not continue its client's edits (some are missing or were refused); reconnect to resync"
    )]
    OutOfOrder,
    /// The update refers to (or deletes) content the document does not have: yrs
    /// would keep it pending, invisible to storage, the document limit and every
    /// other client, and integrate it later, when someone else's edit arrives.
    #[error("update depends on content this document does not have ({0}); reconnect to resync")]
    Pending(String),
}

/// What the shell must do after a message.
#[derive(Debug, PartialEq, Eq)]
pub enum Effect {
    /// Send these frames back to the sender only.
    Reply(Vec<Vec<u8>>),
    /// The document changed: store `update`, then send `frame` to every other peer.
    Applied { update: Vec<u8>, frame: Vec<u8> },
    /// Presence changed: send `frame` to everyone (the sender too: the stock client
    /// counts any message as a sign of life), and remember which awareness client
    /// ids arrived over this connection so they can be removed when it closes.
    Awareness {
        frame: Vec<u8>,
        clients: Vec<ClientID>,
    },
    /// The sender may not edit now: tell it why; nothing was applied.
    Refused { frame: Vec<u8> },
    /// Nothing to do (a duplicate update, an unchanged awareness state).
    Nothing,
}

/// The document and awareness of one room.
pub struct SharedDoc {
    /// The awareness owns the document (yrs ties them together).
    awareness: Awareness,
    /// Bytes of stored state: the last snapshot plus the updates since. Bounds the
    /// document size and tells the room when to compact.
    stored_bytes: usize,
}

impl Default for SharedDoc {
    fn default() -> Self {
        Self::new()
    }
}

impl SharedDoc {
    pub fn new() -> Self {
        let doc = Doc::new();
        // Create the root types up front so observers and encoders see them.
        doc.get_or_insert_text(SOLUTION);
        doc.get_or_insert_text(TESTS);
        SharedDoc {
            awareness: Awareness::new(doc),
            stored_bytes: 0,
        }
    }

    /// Rebuilds a document from a snapshot and the updates stored after it.
    pub fn restore<'a>(
        snapshot: Option<&'a [u8]>,
        updates: impl IntoIterator<Item = &'a [u8]>,
    ) -> Result<Self, DocError> {
        let mut shared = SharedDoc::new();
        {
            let doc = shared.awareness.doc();
            let mut txn = doc.transact_mut();
            for bytes in snapshot.into_iter().chain(updates) {
                let update =
                    Update::decode_v1(bytes).map_err(|e| DocError::Corrupt(e.to_string()))?;
                txn.apply_update(update)
                    .map_err(|e| DocError::Corrupt(e.to_string()))?;
                shared.stored_bytes += bytes.len();
            }
        }
        Ok(shared)
    }

    /// A new document holding the starter texts, and the update that creates it (to store).
    pub fn with_texts(solution: &str, tests: &str) -> (Self, Vec<u8>) {
        let shared = SharedDoc::new();
        let update = {
            let doc = shared.awareness.doc();
            // Root refs first: asking for one takes the document lock itself.
            let (solution_text, tests_text) = (
                doc.get_or_insert_text(SOLUTION),
                doc.get_or_insert_text(TESTS),
            );
            let mut txn = doc.transact_mut();
            // One insert per text, not per character: yrs is slow at big local transactions.
            solution_text.insert(&mut txn, 0, solution);
            tests_text.insert(&mut txn, 0, tests);
            txn.encode_update_v1()
        };
        let mut shared = shared;
        shared.stored_bytes = update.len();
        (shared, update)
    }

    /// Frames a new connection gets first: our step 1 (so the client sends what we
    /// miss, e.g. its offline edits) and the current awareness of everyone.
    pub fn greeting(&self) -> Vec<Vec<u8>> {
        let sv = self.awareness.doc().transact().state_vector();
        let mut frames = vec![protocol::encode_sync_step1(&sv)];
        if let Ok(update) = self.awareness.update()
            && !update.clients.is_empty()
        {
            frames.push(protocol::encode_awareness(update));
        }
        frames
    }

    /// Applies one client message. `refusal` is `Some(reason)` when the sender may not
    /// edit the document now (strict mode, not driving).
    pub fn handle(
        &mut self,
        message: ClientMessage,
        refusal: Option<&str>,
    ) -> Result<Effect, DocError> {
        match message {
            ClientMessage::SyncStep1(sv) => Ok(Effect::Reply(vec![self.step2(&sv)])),
            ClientMessage::Update(bytes) => match refusal {
                Some(reason) if self.would_change(&bytes) => Ok(Effect::Refused {
                    frame: protocol::encode_permission_denied(reason),
                }),
                // Nothing new (a reconnecting navigator's step 2 repeats what the
                // room has, delete set included): not an edit, so nothing to refuse.
                Some(_) => Ok(Effect::Nothing),
                None => self.apply(&bytes),
            },
            ClientMessage::Awareness(update) => Ok(self.apply_awareness(update)),
            ClientMessage::AwarenessQuery => match self.awareness.update() {
                Ok(update) => Ok(Effect::Reply(vec![protocol::encode_awareness(update)])),
                Err(_) => Ok(Effect::Nothing),
            },
        }
    }

    /// Whether applying the update would change the document: new blocks, or
    /// deletions of content not deleted yet. Only asked for a sender who may not edit
    /// (it walks the document's delete set).
    fn would_change(&self, bytes: &[u8]) -> bool {
        if is_noop_update(bytes) {
            return false;
        }
        let Ok(update) = Update::decode_v1(bytes) else {
            return true;
        };
        let txn = self.awareness.doc().transact();
        if update.extends(&txn.state_vector()) {
            return true;
        }
        let deleted = txn.snapshot().delete_set;
        update.delete_set().iter().any(|(client, ranges)| {
            let have = deleted.iter().find(|(c, _)| *c == client).map(|(_, r)| r);
            ranges.iter().any(|r| {
                !have.as_ref().is_some_and(|have| {
                    have.iter().any(|d| d.start <= r.start && r.end <= d.end)
                })
            })
        })
    }

    fn step2(&self, remote: &StateVector) -> Vec<u8> {
        let update = self.awareness.doc().transact().encode_diff_v1(remote);
        protocol::encode_sync_step2(update)
    }

    fn apply(&mut self, bytes: &[u8]) -> Result<Effect, DocError> {
        let update = Update::decode_v1(bytes).map_err(|e| DocError::BadUpdate(e.to_string()))?;
        if self.stored_bytes + bytes.len() > MAX_DOCUMENT_BYTES {
            return Err(DocError::TooLarge);
        }
        let doc = self.awareness.doc();
        // yrs is third-party code fed client data: a panic inside it must not take
        // the server down (the caller reloads the room from storage on error).
        let applied = catch_unwind(AssertUnwindSafe(|| {
            let mut txn = doc.transact_mut();
            // An update must continue each of its clients' edits where the document has
            // them (see continues_clocks): otherwise yrs changes the text here in a way
            // the transaction's encoding leaves out, so nobody else sees it and storage
            // loses it. Refuse it; the client resyncs on reconnect.
            let state = txn.state_vector();
            if !continues_clocks(&update, &state) {
                return Err(DocError::OutOfOrder);
            }
            dependencies_known(bytes, &update, &state).map_err(DocError::Pending)?;
            txn.apply_update(update)
                .map_err(|e| DocError::BadUpdate(e.to_string()))?;
            if txn.has_missing_updates() {
                // The check above should make this unreachable; if yrs still keeps
                // something pending, drop it rather than let it fire later unseen.
                let _ = txn.prune_pending();
            }
            Ok(txn.encode_update_v1())
        }))
        .unwrap_or_else(|_| Err(DocError::BadUpdate("update integration panicked".into())))?;
        if applied == EMPTY_UPDATE {
            return Ok(Effect::Nothing);
        }
        self.stored_bytes += applied.len();
        let frame = protocol::encode_update(applied.clone());
        Ok(Effect::Applied {
            update: applied,
            frame,
        })
    }

    fn apply_awareness(&mut self, update: AwarenessUpdate) -> Effect {
        let clients: Vec<ClientID> = update.clients.keys().copied().collect();
        match self.awareness.apply_update_summary(update.clone()) {
            Ok(Some(_)) => Effect::Awareness {
                frame: protocol::encode_awareness(update),
                clients,
            },
            _ => Effect::Nothing,
        }
    }

    /// Marks the given awareness clients gone (their connection closed) and returns
    /// the frame announcing it, if any was still present.
    pub fn remove_awareness(&mut self, clients: &[ClientID]) -> Option<Vec<u8>> {
        let present: Vec<ClientID> = self
            .awareness
            .iter()
            .filter(|(id, state)| state.data.is_some() && clients.contains(id))
            .map(|(id, _)| id)
            .collect();
        if present.is_empty() {
            return None;
        }
        for id in &present {
            self.awareness.remove_state(*id);
        }
        let update = self.awareness.update_with_clients(present).ok()?;
        Some(protocol::encode_awareness(update))
    }

    /// The whole document as one update, for snapshots and run records.
    pub fn encode_state(&self) -> Vec<u8> {
        self.awareness
            .doc()
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// Resets the size accounting after a snapshot of `len` bytes replaced the log.
    pub fn compacted(&mut self, len: usize) {
        self.stored_bytes = len;
    }

    pub fn stored_bytes(&self) -> usize {
        self.stored_bytes
    }

    pub fn text(&self, name: &str) -> String {
        let doc = self.awareness.doc();
        let text = doc.get_or_insert_text(name);
        text.get_string(&doc.transact())
    }

    /// Whether yrs holds content it could not integrate (pending structs or deletes).
    /// Always false: such updates are refused before they touch the document.
    pub fn has_pending(&self) -> bool {
        self.awareness.doc().transact().has_missing_updates()
    }

    /// Number of awareness states currently present.
    pub fn present_clients(&self) -> usize {
        self.awareness
            .iter()
            .filter(|(_, s)| s.data.is_some())
            .count()
    }
}

/// True when, for every client, the blocks of `update` are either all known already
/// or start exactly at the document's clock for that client, without a gap. yrs
/// integrates a block that comes after a gap behind a "skip", and a block that
/// overlaps what the document has (another client's blocks under the same id) with
/// a parent it forgets when the block is encoded again: either way the document would
/// change in a way the stored and broadcast update does not say.
fn continues_clocks(update: &Update, state: &StateVector) -> bool {
    update.insertions(true).iter().all(|(client, ranges)| {
        let mut ranges: Vec<std::ops::Range<u32>> = ranges.iter().cloned().collect();
        ranges.sort_by_key(|r| r.start);
        let Some(start) = ranges.first().map(|r| r.start) else {
            return true;
        };
        let mut end = start;
        for r in &ranges {
            if r.start > end {
                return false; // a hole inside the update
            }
            end = end.max(r.end);
        }
        let known = state.get(client);
        end <= known || start == known
    })
}

/// Checks that every id the update's blocks refer to (origin, right origin, parent)
/// and every range it deletes lies in what the document has, or in what the update
/// itself brings. Anything else would sit in yrs' pending store (see
/// [`DocError::Pending`]).
fn dependencies_known(bytes: &[u8], update: &Update, state: &StateVector) -> Result<(), String> {
    let brought = update.state_vector();
    let known = |client: u64| -> u32 {
        // Yjs client ids have 53 bits; a larger one is no client the document has.
        if client >> 53 != 0 {
            return 0;
        }
        let id = ClientID::new(client);
        state.get(&id).max(brought.get(&id))
    };
    for (client, clock) in update_bounds::references(bytes)? {
        if clock >= known(client) {
            return Err(format!("a block refers to {client}:{clock}"));
        }
    }
    for (client, ranges) in update.delete_set().iter() {
        let end = ranges.iter().map(|r| r.end).max().unwrap_or(0);
        if end > known(client.get()) {
            return Err(format!("it deletes {}:{} and beyond", client.get(), known(client.get())));
        }
    }
    Ok(())
}

/// True for an update that carries nothing (the stock client sends an empty step 2
/// when it has nothing new); such an update is never a refused edit.
fn is_noop_update(bytes: &[u8]) -> bool {
    bytes == EMPTY_UPDATE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::protocol::decode_frame;
    use yrs::updates::encoder::Encode;

    /// A client-side document that edits and syncs like a stock Yjs client.
    struct Client {
        doc: Doc,
    }

    impl Client {
        fn new() -> Self {
            Client { doc: Doc::new() }
        }
        fn type_at(&self, index: u32, s: &str) -> Vec<u8> {
            let text = self.doc.get_or_insert_text(SOLUTION);
            let mut txn = self.doc.transact_mut();
            text.insert(&mut txn, index, s);
            protocol::encode_update(txn.encode_update_v1())
        }
        fn step1(&self) -> Vec<u8> {
            protocol::encode_sync_step1(&self.doc.transact().state_vector())
        }
        fn receive(&self, frame: &[u8]) {
            // Server frames decode with the same codec (step 2 / update carry updates).
            if let Ok(messages) = decode_frame(frame) {
                for m in messages {
                    if let ClientMessage::Update(u) = m {
                        self.doc
                            .transact_mut()
                            .apply_update(Update::decode_v1(&u).unwrap())
                            .unwrap();
                    }
                }
            }
        }
        fn text(&self) -> String {
            let t = self.doc.get_or_insert_text(SOLUTION);
            t.get_string(&self.doc.transact())
        }
    }

    fn one(frame: &[u8]) -> ClientMessage {
        decode_frame(frame).unwrap().into_iter().next().unwrap()
    }

    /// A client document with a fixed id, for crafting updates from known clocks.
    fn doc_with_id(id: u64) -> Doc {
        Doc::with_client_id(id)
    }

    fn insert(doc: &Doc, index: u32, s: &str) -> Vec<u8> {
        let text = doc.get_or_insert_text(SOLUTION);
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, index, s);
        txn.encode_update_v1()
    }

    fn apply_raw(doc: &Doc, update: &[u8]) {
        doc.transact_mut()
            .apply_update(Update::decode_v1(update).unwrap())
            .unwrap();
    }

    #[test]
    fn a_block_anchored_to_content_the_room_lacks_is_refused() {
        let mut shared = SharedDoc::new();
        let victim = doc_with_id(1);
        let typed = insert(&victim, 0, "abcdefgh"); // not sent yet
        let attacker = doc_with_id(2);
        apply_raw(&attacker, &typed);
        let evil = insert(&attacker, 8, "EVIL"); // origin: the victim's future clock 7
        let refused = shared.handle(ClientMessage::Update(evil), None);
        assert!(matches!(refused, Err(DocError::Pending(_))), "{refused:?}");
        // The victim's own keystrokes arrive later; nothing fires with them.
        let applied = shared.handle(ClientMessage::Update(typed), None).unwrap();
        assert!(matches!(applied, Effect::Applied { .. }));
        assert_eq!(shared.text(SOLUTION), "abcdefgh");
        assert!(!shared.awareness.doc().transact().has_missing_updates());
    }

    #[test]
    fn deletions_of_content_the_room_lacks_are_refused() {
        let mut shared = SharedDoc::new();
        let other = doc_with_id(3);
        insert(&other, 0, "zz"); // never sent
        let text = other.get_or_insert_text(SOLUTION);
        let delete = {
            let mut txn = other.transact_mut();
            text.remove_range(&mut txn, 0, 2);
            txn.encode_update_v1()
        };
        let refused = shared.handle(ClientMessage::Update(delete), None);
        assert!(matches!(refused, Err(DocError::Pending(_))), "{refused:?}");
        assert!(!shared.awareness.doc().transact().has_missing_updates());
    }

    #[test]
    fn a_refused_sender_repeating_what_the_room_has_is_not_refused() {
        let mut shared = SharedDoc::new();
        let driver = doc_with_id(4);
        let typed = insert(&driver, 0, "hello world");
        shared.handle(ClientMessage::Update(typed.clone()), None).unwrap();
        let text = driver.get_or_insert_text(SOLUTION);
        let deleted = {
            let mut txn = driver.transact_mut();
            text.remove_range(&mut txn, 5, 6);
            txn.encode_update_v1()
        };
        shared.handle(ClientMessage::Update(deleted), None).unwrap();
        // A navigator that has it all reconnects: its step 2 carries the delete set.
        let navigator = doc_with_id(5);
        apply_raw(&navigator, &typed);
        apply_raw(&navigator, &driver.transact().encode_state_as_update_v1(&StateVector::default()));
        let server_state = shared.awareness.doc().transact().state_vector();
        let step2 = navigator.transact().encode_state_as_update_v1(&server_state);
        assert_ne!(step2, EMPTY_UPDATE, "the step 2 carries a delete set");
        let effect = shared.handle(ClientMessage::Update(step2), Some("not the driver"));
        assert_eq!(effect.unwrap(), Effect::Nothing);
        // A real edit from the same sender is still refused.
        let edit = insert(&navigator, 0, "x");
        let effect = shared.handle(ClientMessage::Update(edit), Some("not the driver"));
        assert!(matches!(effect.unwrap(), Effect::Refused { .. }));
        assert_eq!(shared.text(SOLUTION), "hello");
    }

    #[test]
    fn step1_gets_step2_even_when_empty() {
        let mut shared = SharedDoc::new();
        let client = Client::new();
        match shared.handle(one(&client.step1()), None).unwrap() {
            Effect::Reply(frames) => {
                assert_eq!(frames.len(), 1);
                assert_eq!(&frames[0][..2], &[0, 1]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn edits_are_applied_and_passed_on_once() {
        let mut shared = SharedDoc::new();
        let alice = Client::new();
        let bob = Client::new();
        let frame = alice.type_at(0, "def f():");
        let Effect::Applied { frame: out, .. } = shared.handle(one(&frame), None).unwrap() else {
            panic!("not applied")
        };
        bob.receive(&out);
        assert_eq!(bob.text(), "def f():");
        assert_eq!(shared.text(SOLUTION), "def f():");
        // The same update again changes nothing and is not passed on.
        assert_eq!(shared.handle(one(&frame), None).unwrap(), Effect::Nothing);
    }

    #[test]
    fn late_joiner_gets_everything_through_step2() {
        let mut shared = SharedDoc::new();
        let alice = Client::new();
        shared
            .handle(one(&alice.type_at(0, "hello")), None)
            .unwrap();
        shared
            .handle(one(&alice.type_at(5, " world")), None)
            .unwrap();
        let late = Client::new();
        let Effect::Reply(frames) = shared.handle(one(&late.step1()), None).unwrap() else {
            panic!()
        };
        late.receive(&frames[0]);
        assert_eq!(late.text(), "hello world");
    }

    #[test]
    fn offline_edits_merge() {
        let mut shared = SharedDoc::new();
        let alice = Client::new();
        let bob = Client::new();
        let Effect::Applied { frame, .. } =
            shared.handle(one(&alice.type_at(0, "ab")), None).unwrap()
        else {
            panic!()
        };
        bob.receive(&frame);
        // Both edit while apart; then each sends its update.
        let a = alice.type_at(2, "A");
        let b = bob.type_at(0, "B");
        for f in [a, b] {
            if let Effect::Applied { frame, .. } = shared.handle(one(&f), None).unwrap() {
                alice.receive(&frame);
                bob.receive(&frame);
            }
        }
        assert_eq!(alice.text(), bob.text());
        assert_eq!(shared.text(SOLUTION), alice.text());
        assert_eq!(alice.text().len(), 4);
    }

    #[test]
    fn refused_edits_change_nothing() {
        let mut shared = SharedDoc::new();
        let nav = Client::new();
        let effect = shared
            .handle(one(&nav.type_at(0, "x")), Some("permission denied"))
            .unwrap();
        assert!(matches!(effect, Effect::Refused { .. }));
        assert_eq!(shared.text(SOLUTION), "");
        assert_eq!(shared.stored_bytes(), 0);
        // An empty step 2 is not an edit, even from a navigator.
        let empty = protocol::encode_sync_step2(vec![0, 0]);
        assert_eq!(
            shared.handle(one(&empty), Some("no")).unwrap(),
            Effect::Nothing
        );
    }

    #[test]
    fn restore_rebuilds_the_text() {
        let (shared, first) = SharedDoc::with_texts("def f():\n    pass\n", "def test(): pass\n");
        let client = Client::new();
        let mut shared = shared;
        let Effect::Reply(frames) = shared.handle(one(&client.step1()), None).unwrap() else {
            panic!()
        };
        client.receive(&frames[0]);
        let Effect::Applied { update, .. } = shared
            .handle(one(&client.type_at(0, "# hi\n")), None)
            .unwrap()
        else {
            panic!()
        };
        let restored = SharedDoc::restore(Some(&first), [update.as_slice()]).unwrap();
        assert_eq!(restored.text(SOLUTION), "# hi\ndef f():\n    pass\n");
        assert_eq!(restored.text(TESTS), "def test(): pass\n");
        let snap = restored.encode_state();
        let again = SharedDoc::restore(Some(&snap), []).unwrap();
        assert_eq!(again.text(SOLUTION), restored.text(SOLUTION));
    }

    #[test]
    fn restore_reports_corruption() {
        assert!(matches!(
            SharedDoc::restore(Some(&[1, 2, 3]), []),
            Err(DocError::Corrupt(_))
        ));
    }

    #[test]
    fn document_size_is_bounded() {
        let mut shared = SharedDoc::new();
        let client = Client::new();
        let big = "x".repeat(MAX_DOCUMENT_BYTES / 2);
        assert!(matches!(
            shared.handle(one(&client.type_at(0, &big)), None).unwrap(),
            Effect::Applied { .. }
        ));
        assert_eq!(
            shared
                .handle(one(&client.type_at(0, &big)), None)
                .unwrap_err(),
            DocError::TooLarge
        );
    }

    fn awareness(client: u64, clock: u32, json: &str) -> Vec<u8> {
        let mut update = AwarenessUpdate {
            clients: Default::default(),
        };
        update.clients.insert(
            ClientID::new(client),
            yrs::sync::awareness::AwarenessUpdateEntry {
                clock,
                json: json.into(),
            },
        );
        let mut frame = vec![1];
        let payload = update.encode_v1();
        yrs::encoding::write::Write::write_buf(&mut frame, payload);
        frame
    }

    #[test]
    fn awareness_is_passed_on_only_when_it_changes() {
        let mut shared = SharedDoc::new();
        let frame = awareness(7, 1, r#"{"user":{"name":"Ada"}}"#);
        let Effect::Awareness { clients, .. } = shared.handle(one(&frame), None).unwrap() else {
            panic!()
        };
        assert_eq!(clients, vec![ClientID::new(7)]);
        assert_eq!(shared.present_clients(), 1);
        // The echo of the same clock changes nothing.
        assert_eq!(shared.handle(one(&frame), None).unwrap(), Effect::Nothing);
        // Removal on close is announced once.
        assert!(shared.remove_awareness(&[ClientID::new(7)]).is_some());
        assert_eq!(shared.present_clients(), 0);
        let greeting = shared.greeting();
        assert_eq!(greeting.len(), 1, "no awareness left to greet with");
    }
}
