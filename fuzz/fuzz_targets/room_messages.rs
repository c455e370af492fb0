//! A room's [`SharedDoc`] fed an arbitrary sequence of client frames, the way
//! `room.rs` feeds it (decode, then `handle(message, refusal)` per message, and on an
//! error the connection closes but the document stays). Checks:
//!
//! - no panic gets out of server code (decoding, handling, restoring, reading texts;
//!   see panics.rs for panics the server catches itself);
//! - the document changes only with an `Applied` effect (a change that is not
//!   stored would be visible but lost on reload);
//! - after every message, restoring from the stored updates (every `Applied`
//!   update, in order) gives the same texts and the same byte count;
//! - the broadcast frame of an `Applied` effect decodes to the stored update;
//! - after every message the document holds nothing pending (no struct or delete
//!   yrs could not integrate), and a stock client that applies every broadcast
//!   update in order (an observer) holds the live texts, with nothing pending either:
//!   what the room shows is what storage restores and what every client sees.
//!
//! Input: a sequence of operations, each a tag byte then its operands (missing
//! bytes read as 0). Tag bit 0: the sender is refused (strict mode, not driving).
//! Bits 1-2: the operation. Bits 3-4: which of three simulated clients. Bit 5: a
//! variant.
//!
//! | op | operands | what |
//! |----|----------|------|
//! | 0  | len u16 LE, len bytes | a raw frame from a hostile client |
//! | 1  | kind, at, n, n text bytes | a client edits its own copy (not sent yet) |
//! | 2  | index | a client sends one of its unsent updates (any order; bit 5: as step 2) |
//! | 3  |  | bit 5 clear: the client answers the server's step 1 with step 2 (offline edits); set: it sends step 1 and applies the answer |
//!
//! The clients are real yrs documents with small fixed client ids (1 to 3), which
//! hostile raw frames may reuse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, ReadTxn, Text, Transact, Update};

mod panics;

use randori_core::sync::{docsync, protocol};

use docsync::{Effect, SOLUTION, SharedDoc, TESTS};
use protocol::{ClientMessage, decode_frame};

const CLIENTS: usize = 3;

/// `FUZZ_TRACE=1` prints every operation and effect (to read a crash input).
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_TRACE").is_some_and(|v| v != "0"))
}

macro_rules! trace {
    ($($arg:tt)*) => { if tracing() { eprintln!($($arg)*); } };
}
const REFUSAL: &str = "permission denied: Fuzz is driving";

struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn u8(&mut self) -> u8 {
        self.byte().unwrap_or(0)
    }
    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.0.len());
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        head
    }
}

/// A simulated stock client: its own document and the updates it has not sent yet.
struct Client {
    doc: Doc,
    unsent: Vec<Vec<u8>>,
    /// A client whose own yrs copy panicked is left out from then on.
    broken: bool,
}

impl Client {
    fn run<T>(&mut self, f: impl FnOnce(&Doc) -> T) -> Option<T> {
        if self.broken {
            return None;
        }
        let doc = &self.doc;
        let result = panics::client(|| f(doc));
        self.broken = result.is_none();
        result
    }

    fn receive(&mut self, update: &[u8]) {
        self.run(|doc| {
            if let Ok(u) = Update::decode_v1(update) {
                let _ = doc.transact_mut().apply_update(u);
            }
        });
    }
}

/// The model of storage: what the room would have appended to its update log.
struct Room {
    shared: SharedDoc,
    stored: Vec<Vec<u8>>,
    /// A client that only receives: every broadcast update, in order.
    observer: Doc,
}

impl Room {
    fn texts(&self) -> (String, String) {
        (self.shared.text(SOLUTION), self.shared.text(TESTS))
    }

    fn check_restores(&self) {
        let restored = SharedDoc::restore(None, self.stored.iter().map(Vec::as_slice))
            .expect("the stored updates restore");
        let texts = (restored.text(SOLUTION), restored.text(TESTS));
        assert_eq!(
            texts,
            self.texts(),
            "the document restored from storage differs from the live one"
        );
        assert_eq!(restored.stored_bytes(), self.shared.stored_bytes());
        assert!(!self.shared.has_pending(), "the live document holds pending content");
        assert!(!restored.has_pending(), "the restored document holds pending content");
        // Text refs first: getting one takes a write transaction of its own.
        let (solution, tests) = (
            self.observer.get_or_insert_text(SOLUTION),
            self.observer.get_or_insert_text(TESTS),
        );
        let txn = self.observer.transact();
        assert!(!txn.has_missing_updates(), "an observer holds pending content");
        assert_eq!(
            (solution.get_string(&txn), tests.get_string(&txn)),
            self.texts(),
            "a client applying every broadcast differs from the live document"
        );
    }

    /// One frame from a client, as sync_socket.rs and room.rs handle it. Returns the
    /// replies for the sender.
    fn frame(
        &mut self,
        frame: &[u8],
        refusal: Option<&str>,
        clients: &mut [Client],
    ) -> Vec<Vec<u8>> {
        let messages = match decode_frame(frame) {
            Ok(m) => m,
            Err(e) => {
                trace!("  frame {frame:02x?}: {e}");
                return Vec::new();
            }
        };
        let mut replies = Vec::new();
        for message in messages {
            let before = self.texts();
            trace!("  message {message:?} refusal={refusal:?}");
            let effect = self.shared.handle(message, refusal);
            trace!("  -> {effect:?}; texts now {:?}", self.texts());
            match effect {
                // The connection is closed; the room and its document go on.
                Err(_) => {
                    assert_eq!(
                        self.texts(),
                        before,
                        "a refused or failed update changed the document"
                    );
                    break;
                }
                Ok(Effect::Applied { update, frame }) => {
                    let sent = decode_frame(&frame).expect("the broadcast frame decodes");
                    assert!(matches!(sent.as_slice(), [ClientMessage::Update(u)] if *u == update));
                    self.stored.push(update.clone());
                    let decoded = Update::decode_v1(&update).expect("a stored update decodes");
                    self.observer
                        .transact_mut()
                        .apply_update(decoded)
                        .expect("an observer applies a broadcast update");
                    for c in clients.iter_mut() {
                        c.receive(&update);
                    }
                }
                Ok(Effect::Reply(frames)) => replies.extend(frames),
                Ok(Effect::Refused { .. } | Effect::Awareness { .. } | Effect::Nothing) => {
                    assert_eq!(
                        self.texts(),
                        before,
                        "the document changed without an Applied effect"
                    );
                }
            }
            self.check_restores();
        }
        replies
    }
}

fn ascii(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(b' ' + b % 95)).collect()
}

/// Byte offset of the `n`-th char boundary (mod the number of boundaries).
fn boundary(s: &str, n: usize) -> u32 {
    let bounds: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    bounds[n % bounds.len()] as u32
}

fuzz_target!(|data: &[u8]| panics::checked(|| run(data)));

fn run(data: &[u8]) {
    let mut input = Input(data);
    let mut room = Room {
        shared: SharedDoc::new(),
        stored: Vec::new(),
        observer: Doc::with_client_id(99),
    };
    let mut clients: Vec<Client> = (1..=CLIENTS as u64)
        .map(|id| Client {
            doc: Doc::with_client_id(id),
            unsent: Vec::new(),
            broken: false,
        })
        .collect();
    let mut steps = 0;
    while let Some(tag) = input.byte() {
        steps += 1;
        if steps > 64 {
            break;
        }
        let refusal = (tag & 1 == 1).then_some(REFUSAL);
        let c = usize::from(tag >> 3 & 3) % CLIENTS;
        let variant = tag & 0x20 != 0;
        trace!(
            "op {} client {c} variant {variant} refused {}",
            tag >> 1 & 3,
            refusal.is_some()
        );
        match tag >> 1 & 3 {
            0 => {
                let len = usize::from(u16::from_le_bytes([input.u8(), input.u8()]));
                let frame = input.take(len).to_vec();
                room.frame(&frame, refusal, &mut clients);
            }
            1 => {
                let (kind, at, n) = (input.u8(), input.u8(), input.u8() % 16);
                let text = ascii(input.take(usize::from(n)));
                let name = if kind & 1 == 0 { SOLUTION } else { TESTS };
                let client = &mut clients[c];
                let update = client.run(|doc| {
                    let t = doc.get_or_insert_text(name);
                    let mut txn = doc.transact_mut();
                    let current = t.get_string(&txn);
                    let start = boundary(&current, usize::from(at));
                    if kind & 2 == 0 {
                        t.insert(&mut txn, start, &text);
                    } else {
                        let end = boundary(&current, usize::from(at) + usize::from(n)).max(start);
                        t.remove_range(&mut txn, start, end - start);
                    }
                    txn.encode_update_v1()
                });
                if let Some(update) = update {
                    client.unsent.push(update);
                }
            }
            2 => {
                let i = usize::from(input.u8());
                let client = &mut clients[c];
                if client.unsent.is_empty() {
                    continue;
                }
                let update = client.unsent.remove(i % client.unsent.len());
                let frame = if variant {
                    protocol::encode_sync_step2(update)
                } else {
                    protocol::encode_update(update)
                };
                room.frame(&frame, refusal, &mut clients);
            }
            _ => {
                if variant {
                    // Step 1 from the client; it applies the step 2 it gets back.
                    let Some(sv) = clients[c].run(|doc| doc.transact().state_vector()) else {
                        continue;
                    };
                    let replies =
                        room.frame(&protocol::encode_sync_step1(&sv), refusal, &mut clients);
                    for reply in replies {
                        if let Ok([ClientMessage::Update(u)]) = decode_frame(&reply).as_deref() {
                            clients[c].receive(u);
                        }
                    }
                } else {
                    // The server's step 1 (its greeting); the client answers with step 2.
                    let greeting = room.shared.greeting();
                    let decoded = decode_frame(&greeting[0]);
                    let Ok([ClientMessage::SyncStep1(sv)]) = decoded.as_deref() else {
                        panic!("the greeting starts with step 1");
                    };
                    let Some(diff) = clients[c].run(|doc| doc.transact().encode_diff_v1(sv)) else {
                        continue;
                    };
                    room.frame(&protocol::encode_sync_step2(diff), refusal, &mut clients);
                }
            }
        }
    }
}
