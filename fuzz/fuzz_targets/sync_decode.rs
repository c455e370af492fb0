//! `protocol::decode_frame` on arbitrary bytes: no panic gets out of it (see
//! panics.rs for the ones it catches itself), and what it accepts re-encodes to
//! what it decoded.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod panics;

use randori_core::sync::protocol;

use protocol::{ClientMessage, decode_frame};

fuzz_target!(|data: &[u8]| panics::checked(|| run(data)));

fn run(data: &[u8]) {
    let Ok(messages) = decode_frame(data) else {
        return;
    };
    assert!(
        !messages.is_empty(),
        "an accepted frame holds at least one message"
    );
    for message in messages {
        match message {
            ClientMessage::SyncStep1(sv) => {
                let again =
                    decode_frame(&protocol::encode_sync_step1(&sv)).expect("our step 1 decodes");
                assert!(matches!(again.as_slice(), [ClientMessage::SyncStep1(s)] if *s == sv));
            }
            ClientMessage::Update(update) => {
                // What we fan out (00 02 + update) is accepted back unchanged.
                let again = decode_frame(&protocol::encode_update(update.clone()))
                    .expect("our update decodes");
                assert!(matches!(again.as_slice(), [ClientMessage::Update(u)] if *u == update));
            }
            ClientMessage::Awareness(update) => {
                let n = update.clients.len();
                let again = decode_frame(&protocol::encode_awareness(update))
                    .expect("our awareness decodes");
                assert!(
                    matches!(again.as_slice(), [ClientMessage::Awareness(u)] if u.clients.len() == n)
                );
            }
            ClientMessage::AwarenessQuery => {}
        }
    }
}
