//! Every message on a room's events socket, typed: [`RoomEvent`] (server to client)
//! and [`ClientCommand`] (client to server), and the views they carry.
//!
//! The server builds these values and serializes them; nothing on either side
//! writes the JSON by hand. The web client's types (`web/src/generated/protocol.ts`)
//! are generated from these definitions by ts-rs, and a test fails while the
//! committed file is stale (`RANDORI_UPDATE_TYPES=1 cargo test -p randori-core`
//! rewrites it). docs/protocol.md describes the same frames for people.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rotation::{Action, EditMode, RotationView, TimeUpRule};
use crate::verdict::{Run, RunKind};

/// A frame the server sends on the events socket.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RoomEvent {
    /// The first frame of every connection: who you are (null for a watcher) and
    /// the whole room.
    Hello { you: Option<You>, room: RoomView },
    /// The whole room, after anything in it changed (roster, presence, settings).
    Room { room: RoomView },
    /// The rotation changed; `reason` says why (`start`, `time_up`, `next`, `green`,
    /// `break_started`, `roster`, ...: `RotationEvent::reason`).
    Rotation { reason: String, rotation: RotationView },
    /// The turn ends in `remaining_ms` (once per turn).
    Warning {
        reason: String,
        remaining_ms: u64,
        rotation: RotationView,
    },
    /// The turn's time is up; `waiting` when the room now waits instead of rotating.
    TimeUp {
        reason: String,
        turn: u32,
        waiting: bool,
        rotation: RotationView,
    },
    /// A run was accepted; `queue_position` 1 is next.
    RunQueued { run: Run, queue_position: usize },
    /// A run left the queue and is in the sandbox.
    RunStarted { run: Run },
    /// A run ended, with its light, verdict and results.
    RunFinished { run: Run },
    /// An edit was refused (strict mode, not the driver); the sender resyncs.
    /// `kept`: the edit was kept as a proposal for the driver (see `Proposals`).
    EditRefused {
        participant: Option<String>,
        reason: String,
        #[serde(default)]
        kept: bool,
    },
    /// The room's open proposals changed (kept, applied, discarded).
    Proposals { proposals: Vec<ProposalView> },
    /// Something a command asked for failed, or the room is going away.
    Error { message: String },
    /// The answer to `ping`, with the server's clock for offset correction.
    Pong { server_time_ms: u64 },
}

impl RoomEvent {
    /// The event as the JSON text frame the socket sends.
    pub fn to_frame(&self) -> String {
        serde_json::to_string(self).expect("events serialize")
    }

    /// An `error` event.
    pub fn error(message: impl Into<String>) -> RoomEvent {
        RoomEvent::Error {
            message: message.into(),
        }
    }
}

/// A frame a client sends on the events socket.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientCommand {
    /// Keep-alive; answered with `pong`.
    Ping,
    /// Run the pair's tests or submit (participants only).
    Run { kind: RunKind },
    /// A facilitator's rotation action: `{"type": "rotation", "facilitator_token",
    /// "action": "...", ...the action's fields}`.
    Rotation {
        facilitator_token: String,
        #[serde(flatten)]
        action: Action,
    },
}

/// The participant a connection belongs to, as `hello` tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct You {
    pub participant_id: String,
    pub name: String,
}

/// A room as clients see it (`GET /api/rooms/{id}`, `hello`, `room`): never tokens.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RoomView {
    pub id: String,
    pub kata: Option<String>,
    pub kata_title: Option<String>,
    pub language: String,
    pub created_at_ms: u64,
    pub settings: RoomSettingsView,
    pub participants: Vec<ParticipantView>,
    pub rotation: RotationView,
    /// The server clock the view was made at, for client clock-offset correction.
    pub server_time_ms: u64,
}

/// The room's settings as one object: the editing mode and the rotation's timer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoomSettingsView {
    pub mode: EditMode,
    pub turn_seconds: u32,
    pub time_up: TimeUpRule,
    pub break_every: u32,
    pub break_seconds: u32,
    pub warning_seconds: u32,
    /// An away driver's turn is handed on after the grace period.
    pub hand_on_when_away: bool,
    /// The tests run when a turn ends, as the outgoing driver's light.
    pub test_at_turn_end: bool,
}

/// A kept edit, as people see it: whose, when and how big; never its content
/// (the driver applies it to see it, and undo takes it back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalView {
    pub id: String,
    /// The participant whose refused edits these are.
    pub author: String,
    pub author_name: String,
    pub created_ms: u64,
    pub summary: crate::sync::proposals::ProposalSummary,
}

/// One participant in a room view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParticipantView {
    pub id: String,
    pub name: String,
    /// Whether any of their connections is open now.
    pub online: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_as_the_protocol_sends_them() {
        let c: ClientCommand = serde_json::from_str(r#"{"type":"ping"}"#).unwrap();
        assert!(matches!(c, ClientCommand::Ping));
        let c: ClientCommand = serde_json::from_str(r#"{"type":"run","kind":"submit"}"#).unwrap();
        assert!(matches!(c, ClientCommand::Run { kind: RunKind::Submit }));
        let c: ClientCommand = serde_json::from_str(
            r#"{"type":"rotation","facilitator_token":"t","action":"skip","participant":"p"}"#,
        )
        .unwrap();
        let ClientCommand::Rotation { facilitator_token, action } = c else {
            panic!("not a rotation command");
        };
        assert_eq!(facilitator_token, "t");
        assert_eq!(action, Action::Skip { participant: "p".into() });
    }

    #[test]
    fn events_carry_their_type_tag() {
        let frame = RoomEvent::error("boom").to_frame();
        assert_eq!(frame, r#"{"type":"error","message":"boom"}"#);
        let frame = RoomEvent::Pong { server_time_ms: 7 }.to_frame();
        assert_eq!(frame, r#"{"type":"pong","server_time_ms":7}"#);
    }
}
