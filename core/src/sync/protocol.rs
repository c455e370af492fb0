//! The y-websocket wire protocol: decoding what clients send, encoding what we send.
//!
//! Pure functions, no I/O. One websocket binary frame carries one message (the stock
//! client never batches, but several messages in one frame are accepted). Every
//! message is decoded and validated here, before anything touches a room, so that a
//! malformed frame can only ever close its own connection.
//!
//! | message            | bytes                                   |
//! |--------------------|-----------------------------------------|
//! | sync step 1        | `00 00` + state vector                  |
//! | sync step 2        | `00 01` + update                        |
//! | sync update        | `00 02` + update                        |
//! | awareness          | `01` + awareness update                 |
//! | auth               | `02 00` + reason (server to client)     |
//! | query awareness    | `03`                                    |

use std::panic::{AssertUnwindSafe, catch_unwind};

use yrs::StateVector;
use yrs::encoding::read::Cursor;
use yrs::sync::awareness::AwarenessUpdate;
use yrs::sync::{Message, MessageReader, SyncMessage};
use yrs::updates::decoder::{Decode, DecoderV1};
use yrs::updates::encoder::Encode;

/// Largest frame a client may send. A full 10,000-character document encodes to about
/// 16 KB, so this leaves room for big pastes and offline catch-up while bounding the
/// memory one message can pin.
pub const MAX_FRAME_BYTES: usize = 1024 * 1024;

/// Most messages accepted in one frame (the stock client sends exactly one).
const MAX_MESSAGES_PER_FRAME: usize = 16;

/// An awareness state is a small JSON object (name, colour, cursor). Anything larger
/// is abuse, and would be re-sent to every peer every 15 s.
pub const MAX_AWARENESS_STATE_BYTES: usize = 8 * 1024;

/// A message from a client, decoded and validated.
#[derive(Debug)]
pub enum ClientMessage {
    /// "Here is what I have; send me what I miss."
    SyncStep1(StateVector),
    /// A document update: the answer to our step 1, or a live edit. Both are applied
    /// the same way, so they are one variant; the raw bytes are kept because the
    /// update was already fully decoded once to validate it.
    Update(Vec<u8>),
    /// Presence: names, colours, cursors.
    Awareness(AwarenessUpdate),
    /// "Send me everyone's awareness."
    AwarenessQuery,
}

/// Why a frame was refused. Each maps to a websocket close reason.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    #[error("frame of {0} bytes is larger than the limit of {MAX_FRAME_BYTES}")]
    FrameTooLarge(usize),
    #[error("empty frame")]
    Empty,
    #[error("malformed message: {0}")]
    Malformed(String),
    #[error("unsupported message type {0}")]
    Unsupported(u8),
    #[error("awareness state is not valid JSON")]
    BadAwarenessJson,
    #[error("awareness state refused: {0}")]
    BadAwarenessState(String),
    #[error("{0} awareness states in one message; a connection has at most {max}", max = crate::sync::awareness::MAX_STATES_PER_CONNECTION)]
    TooManyAwarenessStates(usize),
    #[error("awareness state of {0} bytes is larger than the limit of {MAX_AWARENESS_STATE_BYTES}")]
    AwarenessTooLarge(usize),
    #[error("more than {MAX_MESSAGES_PER_FRAME} messages in one frame")]
    TooManyMessages,
}

/// Decodes every message of one binary frame.
///
/// Decoding runs under `catch_unwind`: the decoders are third-party code fed hostile
/// bytes, and a panic there must become an error for this connection only.
pub fn decode_frame(frame: &[u8]) -> Result<Vec<ClientMessage>, ProtocolError> {
    if frame.is_empty() {
        return Err(ProtocolError::Empty);
    }
    if frame.len() > MAX_FRAME_BYTES {
        return Err(ProtocolError::FrameTooLarge(frame.len()));
    }
    catch_unwind(AssertUnwindSafe(|| decode_frame_inner(frame)))
        .unwrap_or_else(|_| Err(ProtocolError::Malformed("decoder panicked".into())))
}

fn decode_frame_inner(frame: &[u8]) -> Result<Vec<ClientMessage>, ProtocolError> {
    check_declared_counts(frame)?;
    let mut decoder = DecoderV1::new(Cursor::new(frame));
    let mut messages = Vec::with_capacity(1);
    // The reader stops at the end of the buffer; a frame that ends mid-message
    // therefore yields no message for that part, and a frame with none is malformed.
    for message in MessageReader::new(&mut decoder) {
        if messages.len() == MAX_MESSAGES_PER_FRAME {
            return Err(ProtocolError::TooManyMessages);
        }
        let message = message.map_err(|e| ProtocolError::Malformed(e.to_string()))?;
        messages.push(validate(message)?);
    }
    if messages.is_empty() {
        return Err(ProtocolError::Malformed("truncated message".into()));
    }
    Ok(messages)
}

/// yrs reserves room for as many elements as a message declares before reading them:
/// fallibly, but whatever fits in memory is reserved, and a hash map's control bytes
/// are written at once. A 9-byte update declaring 2^27 clients makes the server
/// reserve 11 GB and write 256 MiB of it. Each element of a state vector, an update's
/// client list or an awareness update takes at least 2, 3 and 3 bytes, so a larger
/// count is refused before yrs sees it. (Anything else malformed is left to the decoder.)
fn check_declared_counts(frame: &[u8]) -> Result<(), ProtocolError> {
    use yrs::encoding::read::Read;
    fn declared(payload: &[u8], min_bytes_each: usize) -> Result<(), ProtocolError> {
        let mut cursor = Cursor::new(payload);
        let Ok(count) = cursor.read_var::<u32>() else {
            return Ok(());
        };
        let rest = payload.len() - cursor.next;
        if (count as usize).saturating_mul(min_bytes_each) > rest {
            return Err(ProtocolError::Malformed(format!(
                "declares {count} elements in {rest} bytes"
            )));
        }
        Ok(())
    }
    let mut cursor = Cursor::new(frame);
    while cursor.has_content() {
        let Ok(tag) = cursor.read_var::<u32>() else {
            return Ok(());
        };
        let (sub, payload) = match tag {
            0 => match (cursor.read_var::<u32>(), cursor.read_buf()) {
                (Ok(sub), Ok(payload)) => (Some(sub), payload),
                _ => return Ok(()),
            },
            1 => match cursor.read_buf() {
                Ok(payload) => (None, payload),
                Err(_) => return Ok(()),
            },
            3 => continue,
            _ => return Ok(()),
        };
        match sub {
            Some(0) => declared(payload, 2)?,
            Some(1 | 2) => declared(payload, 3)?,
            Some(_) => return Ok(()),
            None => declared(payload, 3)?,
        }
    }
    Ok(())
}

fn validate(message: Message) -> Result<ClientMessage, ProtocolError> {
    match message {
        Message::Sync(SyncMessage::SyncStep1(sv)) => Ok(ClientMessage::SyncStep1(sv)),
        Message::Sync(SyncMessage::SyncStep2(update) | SyncMessage::Update(update)) => {
            // Bound what decoding it would cost, then decode fully now so a broken
            // update never reaches a room's document.
            crate::sync::update_bounds::check(&update)
                .map_err(|e| ProtocolError::Malformed(format!("update: {e}")))?;
            yrs::Update::decode_v1(&update)
                .map_err(|e| ProtocolError::Malformed(format!("update: {e}")))?;
            Ok(ClientMessage::Update(update))
        }
        Message::Awareness(update) => {
            if update.clients.len() > crate::sync::awareness::MAX_STATES_PER_CONNECTION {
                return Err(ProtocolError::TooManyAwarenessStates(update.clients.len()));
            }
            for entry in update.clients.values() {
                if entry.json.len() > MAX_AWARENESS_STATE_BYTES {
                    return Err(ProtocolError::AwarenessTooLarge(entry.json.len()));
                }
                // Peers JSON.parse every state they receive: one bad state would break
                // every other client's presence handling.
                let state: serde_json::Value =
                    serde_json::from_str(&entry.json).map_err(|_| ProtocolError::BadAwarenessJson)?;
                crate::sync::awareness::check_state(&state)
                    .map_err(ProtocolError::BadAwarenessState)?;
            }
            Ok(ClientMessage::Awareness(update))
        }
        Message::AwarenessQuery => Ok(ClientMessage::AwarenessQuery),
        Message::Auth(_) => Err(ProtocolError::Unsupported(2)),
        Message::Custom(tag, _) => Err(ProtocolError::Unsupported(tag)),
    }
}

/// `00 00` + our state vector: asks the client for whatever we miss (its offline edits).
pub fn encode_sync_step1(sv: &StateVector) -> Vec<u8> {
    Message::Sync(SyncMessage::SyncStep1(sv.clone())).encode_v1()
}

/// `00 01` + update: the answer to a client's step 1 (sent even when empty: the stock
/// client only becomes `synced` on it).
pub fn encode_sync_step2(update: Vec<u8>) -> Vec<u8> {
    Message::Sync(SyncMessage::SyncStep2(update)).encode_v1()
}

/// `00 02` + update: a live edit fanned out to peers.
pub fn encode_update(update: Vec<u8>) -> Vec<u8> {
    Message::Sync(SyncMessage::Update(update)).encode_v1()
}

/// `01` + awareness update.
pub fn encode_awareness(update: AwarenessUpdate) -> Vec<u8> {
    Message::Awareness(update).encode_v1()
}

/// `02 00` + reason: tells a stock client its edit was refused.
pub fn encode_permission_denied(reason: &str) -> Vec<u8> {
    Message::Auth(Some(reason.to_string())).encode_v1()
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{Doc, GetString, Text, Transact};

    fn an_update() -> Vec<u8> {
        let doc = Doc::new();
        let text = doc.get_or_insert_text("solution");
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, 0, "def f(): pass");
        txn.encode_update_v1()
    }

    #[test]
    fn step1_and_update_round_trip() {
        let sv = StateVector::default();
        let frame = encode_sync_step1(&sv);
        assert_eq!(frame, vec![0, 0, 1, 0]);
        match decode_frame(&frame).unwrap().as_slice() {
            [ClientMessage::SyncStep1(got)] => assert_eq!(got, &sv),
            other => panic!("unexpected {other:?}"),
        }
        let update = an_update();
        let frame = encode_update(update.clone());
        assert_eq!(&frame[..2], &[0, 2]);
        match decode_frame(&frame).unwrap().as_slice() {
            [ClientMessage::Update(got)] => {
                assert_eq!(got, &update);
                let doc = Doc::new();
                let text = doc.get_or_insert_text("solution");
                doc.transact_mut()
                    .apply_update(yrs::Update::decode_v1(got).unwrap())
                    .unwrap();
                assert_eq!(text.get_string(&doc.transact()), "def f(): pass");
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn step2_is_an_update() {
        let frame = encode_sync_step2(an_update());
        assert_eq!(&frame[..2], &[0, 1]);
        assert!(matches!(
            decode_frame(&frame).unwrap().as_slice(),
            [ClientMessage::Update(_)]
        ));
    }

    #[test]
    fn empty_step2_is_accepted() {
        let frame = encode_sync_step2(vec![0, 0]);
        assert!(matches!(
            decode_frame(&frame).unwrap().as_slice(),
            [ClientMessage::Update(_)]
        ));
    }

    #[test]
    fn awareness_query() {
        assert!(matches!(
            decode_frame(&[3]).unwrap().as_slice(),
            [ClientMessage::AwarenessQuery]
        ));
    }

    fn awareness_frame(json: &str) -> Vec<u8> {
        // 01, len(payload), payload = [count=1, client=7, clock=1, string]
        let mut payload = vec![1, 7, 1];
        payload.push(json.len() as u8);
        payload.extend_from_slice(json.as_bytes());
        let mut frame = vec![1, payload.len() as u8];
        frame.extend(payload);
        frame
    }

    #[test]
    fn awareness_with_valid_json_and_null() {
        let frame = awareness_frame(r#"{"user":{"name":"Ada"}}"#);
        match decode_frame(&frame).unwrap().as_slice() {
            [ClientMessage::Awareness(u)] => assert_eq!(u.clients.len(), 1),
            other => panic!("unexpected {other:?}"),
        }
        assert!(decode_frame(&awareness_frame("null")).is_ok());
    }

    #[test]
    fn awareness_with_bad_json_is_refused() {
        let frame = awareness_frame("{not json");
        assert_eq!(
            decode_frame(&frame).unwrap_err(),
            ProtocolError::BadAwarenessJson
        );
    }

    #[test]
    fn empty_frame_is_refused() {
        assert_eq!(decode_frame(&[]).unwrap_err(), ProtocolError::Empty);
    }

    #[test]
    fn oversize_frame_is_refused() {
        let frame = vec![0u8; MAX_FRAME_BYTES + 1];
        assert_eq!(
            decode_frame(&frame).unwrap_err(),
            ProtocolError::FrameTooLarge(MAX_FRAME_BYTES + 1)
        );
    }

    #[test]
    fn truncated_and_garbage_frames_are_malformed() {
        for frame in [
            vec![0u8],
            vec![0, 0],
            vec![0, 2, 200],
            vec![0, 9, 1, 2],
            vec![0, 2, 5, 1, 2, 3, 4, 5],
            vec![1, 50, 1],
            vec![
                0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ],
        ] {
            assert!(
                matches!(decode_frame(&frame), Err(ProtocolError::Malformed(_))),
                "{frame:?} should be malformed"
            );
        }
    }

    #[test]
    fn unknown_and_auth_types_are_unsupported() {
        assert_eq!(
            decode_frame(&[2, 0, 1, b'x']).unwrap_err(),
            ProtocolError::Unsupported(2)
        );
        assert_eq!(
            decode_frame(&[9, 0]).unwrap_err(),
            ProtocolError::Unsupported(9)
        );
    }

    #[test]
    fn two_messages_in_one_frame() {
        let mut frame = encode_sync_step1(&StateVector::default());
        frame.push(3);
        assert_eq!(decode_frame(&frame).unwrap().len(), 2);
    }

    #[test]
    fn permission_denied_bytes() {
        let frame = encode_permission_denied("no");
        assert_eq!(frame, vec![2, 0, 2, b'n', b'o']);
    }

    #[test]
    fn random_bytes_never_panic() {
        // A cheap deterministic fuzz pass; the cargo-fuzz target goes further.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let mut frame = Vec::with_capacity(len);
            let mut s = state;
            for _ in 0..len {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1);
                frame.push((s >> 56) as u8 % 8);
            }
            let _ = decode_frame(&frame);
        }
    }

    /// The fuzzer's seeds (fuzz/seeds.py) are frames a stock client of a Randori room
    /// sends: all of them must decode. The `regression-*` seeds are the hostile frames
    /// fuzzing and review found, the `refused-*` ones content a Randori document does
    /// not hold: all of those must be refused.
    #[test]
    fn fuzz_seeds_decode_and_regressions_are_refused() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/corpus/sync_decode");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let frame = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let decoded = decode_frame(&frame);
            let refused = name.starts_with("regression-") || name.starts_with("refused-");
            assert_eq!(decoded.is_err(), refused, "{name}: {decoded:?}");
            seen += 1;
        }
        assert!(seen >= 17, "only {seen} seeds in {}", dir.display());
    }
}
