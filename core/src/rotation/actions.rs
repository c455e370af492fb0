//! What callers ask of a rotation (actions), what it answers (events) and why it refuses (errors).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

// ---------------------------------------------------------------------------
// Actions, events, errors
// ---------------------------------------------------------------------------

/// A facilitator action, as sent in `POST /api/rooms/{id}/rotation` or a `rotation`
/// frame: `{"action": "...", ...}`. Extra fields (token, frame type) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "action", rename_all = "snake_case")]
#[ts(rename = "RotationAction")]
pub enum Action {
    /// Start turn 1 (from `idle`).
    Start,
    /// Freeze the running turn's (or break's) clock.
    Pause,
    /// Restart a paused clock with exactly the time it had left.
    Resume,
    /// Rotate now (also ends a break or a wait); the new turn runs.
    Next,
    /// Pass `participant` over for roles until `unskip`.
    Skip {
        /// Id of the participant to skip.
        participant: String,
    },
    /// Make a skipped participant eligible again.
    Unskip {
        /// Id of the participant to bring back.
        participant: String,
    },
    /// Shuffle the waiting queue (everyone in idle).
    Shuffle {
        /// Seed for the deterministic shuffle; `now_ms` when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        seed: Option<u64>,
    },
    /// Set the queue order.
    Reorder {
        /// A permutation of every participant id.
        order: Vec<String>,
    },
    /// Change timer settings.
    Settings {
        /// The fields to change.
        settings: SettingsPatch,
    },
    /// End the session for good.
    End,
}

impl Action {
    /// Parses an action from its JSON (`{"action": "...", ...}`), as both the HTTP
    /// endpoint and the events socket receive it.
    ///
    /// # Errors
    /// A message saying what is wrong with the JSON.
    pub fn from_json(value: serde_json::Value) -> Result<Action, String> {
        serde_json::from_value(value).map_err(|e| format!("invalid rotation action: {e}"))
    }

    /// The room-level editing mode a `settings` action carries, if any (clients see
    /// one settings object; the rotation itself ignores the mode).
    pub fn edit_mode(&self) -> Option<EditMode> {
        match self {
            Action::Settings { settings } => settings.mode,
            _ => None,
        }
    }

    /// The protocol name of the action (used in errors).
    pub fn name(&self) -> &'static str {
        match self {
            Action::Start => "start",
            Action::Pause => "pause",
            Action::Resume => "resume",
            Action::Next => "next",
            Action::Skip { .. } => "skip",
            Action::Unskip { .. } => "unskip",
            Action::Shuffle { .. } => "shuffle",
            Action::Reorder { .. } => "reorder",
            Action::Settings { .. } => "settings",
            Action::End => "end",
        }
    }
}

/// Why a new turn started.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RotateReason {
    /// The facilitator started the session.
    Start,
    /// The turn's time was up (rule `rotate`).
    TimeUp,
    /// The facilitator said `next`.
    Next,
    /// A green run after time was up (rule `on_green`).
    Green,
    /// A break ended by itself.
    BreakEnded,
    /// The driver was away longer than the grace period (`hand_on_when_away`).
    DriverAway,
}

impl RotateReason {
    /// The protocol's `reason` string.
    pub fn as_str(self) -> &'static str {
        match self {
            RotateReason::Start => "start",
            RotateReason::TimeUp => "time_up",
            RotateReason::Next => "next",
            RotateReason::Green => "green",
            RotateReason::BreakEnded => "break_ended",
            RotateReason::DriverAway => "driver_away",
        }
    }
}

/// Something that happened, for the caller to broadcast (and to persist the state).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RotationEvent {
    /// A new turn started with these roles.
    Rotated {
        /// Why the turn started.
        reason: RotateReason,
        /// Number of the new turn (1-based).
        turn: u32,
        /// The new driver (`None` if nobody was eligible).
        driver: Option<String>,
        /// The new navigator (`None` if fewer than two were eligible).
        navigator: Option<String>,
    },
    /// An empty seat of the current turn was filled by someone who joined or came back.
    RolesFilled {
        /// The current turn.
        turn: u32,
        /// Driver after filling.
        driver: Option<String>,
        /// Navigator after filling.
        navigator: Option<String>,
    },
    /// The turn ends in `remaining_ms` (fires once per turn).
    Warning {
        /// Time left in the turn when the warning fired.
        remaining_ms: u64,
    },
    /// The turn's time is up.
    TimeUp {
        /// The turn whose time is up.
        turn: u32,
        /// Whether the room now waits (`on_green` / `facilitator`) instead of rotating.
        waiting: bool,
    },
    /// A break started after `after_turn`.
    BreakStarted {
        /// The turn that just ended.
        after_turn: u32,
        /// When the break ends by itself (unix ms).
        until_ms: u64,
    },
    /// The break is over (a `Rotated` follows).
    BreakEnded,
    /// The facilitator paused the clock.
    Paused {
        /// Time left on the frozen clock.
        remaining_ms: u64,
    },
    /// The facilitator resumed the clock.
    Resumed {
        /// The new absolute deadline of the resumed turn or break.
        deadline_ms: u64,
    },
    /// Timer settings changed.
    SettingsChanged,
    /// Roster, presence, skip flags or queue order changed.
    RosterChanged,
    /// The session ended.
    Ended {
        /// The last turn.
        turn: u32,
    },
    /// An effect: run the tests now, as the light of `turn` (setting
    /// `test_at_turn_end`). Emitted once per turn, when its time is up or the
    /// turn is ended early, never after a green run ended it.
    TestAtTurnEnd {
        /// The turn that ended.
        turn: u32,
        /// Its driver, whose light this is.
        driver: Option<String>,
    },
}

impl RotationEvent {
    /// A short name for the protocol's `rotation` frame `reason` field.
    pub fn reason(&self) -> &'static str {
        match self {
            RotationEvent::Rotated { reason, .. } => reason.as_str(),
            RotationEvent::RolesFilled { .. } => "roles_filled",
            RotationEvent::Warning { .. } => "warning",
            RotationEvent::TimeUp { .. } => "time_up",
            RotationEvent::BreakStarted { .. } => "break_started",
            RotationEvent::BreakEnded => "break_ended",
            RotationEvent::Paused { .. } => "paused",
            RotationEvent::Resumed { .. } => "resumed",
            RotationEvent::SettingsChanged => "settings",
            RotationEvent::TestAtTurnEnd { .. } => "test_at_turn_end",
            RotationEvent::RosterChanged => "roster",
            RotationEvent::Ended { .. } => "ended",
        }
    }
}

/// Why an input was refused. Refused inputs change nothing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RotationError {
    /// The action makes no sense in the current status (409).
    #[error("cannot {action} while the rotation is {status}")]
    InvalidInStatus {
        /// The refused action.
        action: &'static str,
        /// The status it was refused in.
        status: RotationStatus,
    },
    /// Nobody could take a role: everyone is absent or skipped (409).
    #[error("no eligible participant: everyone is absent or skipped")]
    NoEligibleParticipant,
    /// The id is not in the roster (400/404).
    #[error("unknown participant {0:?}")]
    UnknownParticipant(String),
    /// `skip` of someone already skipped (409).
    #[error("participant {0:?} is already skipped")]
    AlreadySkipped(String),
    /// `unskip` of someone not skipped (409).
    #[error("participant {0:?} is not skipped")]
    NotSkipped(String),
    /// `reorder` lists someone twice (400).
    #[error("participant {0:?} appears more than once in the order")]
    DuplicateInOrder(String),
    /// `reorder` leaves someone out (400).
    #[error("participant {0:?} is missing from the order")]
    MissingFromOrder(String),
    /// Turn length out of range (400).
    #[error(
        "turn_seconds must be between {min} and {max}, got {0}",
        min = MIN_TURN_SECONDS,
        max = MAX_TURN_SECONDS
    )]
    InvalidTurnSeconds(u32),
    /// Warning lead out of range (400).
    #[error("warning_seconds must be at most {max}, got {0}", max = MAX_WARNING_SECONDS)]
    InvalidWarningSeconds(u32),
    /// Break length out of range (400).
    #[error(
        "break_seconds must be between {min} and {max}, got {0}",
        min = MIN_BREAK_SECONDS,
        max = MAX_BREAK_SECONDS
    )]
    InvalidBreakSeconds(u32),
}
