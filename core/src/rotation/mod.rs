//! Driver/navigator rotation: a pure state machine (no I/O, no clock of its own).
//!
//! The model in a few lines:
//! - `queue` holds every participant in rotation order. While a turn is on, the
//!   driver sits at index 0 and the navigator at index 1; everyone else waits behind.
//! - A participant is *eligible* for a role unless the facilitator skipped them or
//!   they have been offline for at least [`ABSENCE_GRACE_MS`]. Roles change only when
//!   a turn starts: an ineligible person is passed over but keeps their place near
//!   the front, so they are next in line once they are back. Newcomers join the end.
//! - Rotating sends the driver to the end of the queue; the first eligible person
//!   (normally the navigator) drives and the next eligible one navigates. With two
//!   people that is a swap; with more it is a randori.
//! - Time comes in as unix milliseconds (`now_ms`). Deadlines are absolute wall-clock
//!   values, so a persisted [`Rotation`] restored after a restart resumes the same turn;
//!   every input first catches up with the clock (once, however late it is called).
//! - Every input returns the [`RotationEvent`]s it caused; the caller broadcasts them.


use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Milliseconds per second, for turning the settings' seconds into clock values.
pub const MS_PER_SECOND: u64 = 1_000;
/// How long a participant may be offline (a reload, a flaky network) before they are
/// passed over when roles are assigned.
pub const ABSENCE_GRACE_MS: u64 = 30 * MS_PER_SECOND;
/// Default turn length: five minutes, the classic randori turn.
pub const DEFAULT_TURN_SECONDS: u32 = 300;
/// Shortest allowed turn: shorter than this nobody gets anything typed.
pub const MIN_TURN_SECONDS: u32 = 10;
/// Longest allowed turn: half an hour, beyond that it is no longer a rotation.
pub const MAX_TURN_SECONDS: u32 = 1_800;
/// Default heads-up before the end of a turn.
pub const DEFAULT_WARNING_SECONDS: u32 = 60;
/// Largest accepted `warning_seconds` (the effective value is also kept below the
/// turn length, see [`RotationSettings::warning_ms`]). 0 disables the warning.
pub const MAX_WARNING_SECONDS: u32 = MAX_TURN_SECONDS;
/// The warning comes at most this fraction of the turn before its end (1/4).
pub const WARNING_SHARE_OF_TURN: u64 = 4;
/// Default break cadence: 0 means no breaks.
pub const DEFAULT_BREAK_EVERY: u32 = 0;
/// Default break length: five minutes.
pub const DEFAULT_BREAK_SECONDS: u32 = 300;
/// Shortest allowed break.
pub const MIN_BREAK_SECONDS: u32 = 10;
/// Longest allowed break: an hour (lunch).
pub const MAX_BREAK_SECONDS: u32 = 3_600;
/// Upper bound on state transitions one catch-up may chain (time up, then a break
/// ends, ...); a safety net, real chains are at most two steps long.
const MAX_SETTLE_STEPS: usize = 4;

mod actions;
mod inputs;
mod internals;
mod settings;
#[cfg(test)]
mod tests;
mod view;

pub use actions::*;
pub use settings::*;

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

/// A member of the rotation: one participant as the rotation sees them (identity,
/// presence, skip flag). The room's `Participant` is who they are; this is where
/// they stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    /// The caller's participant id; the key of roles and history.
    pub id: String,
    /// Whether the participant has a live connection (the caller tells us).
    pub online: bool,
    /// When `online` last changed (unix ms); absence is measured from here.
    pub since_ms: u64,
    /// Offline for at least [`ABSENCE_GRACE_MS`]. Stored (set when the clock is fed)
    /// so that `can_edit` and `view` agree without needing a clock.
    pub absent: bool,
    /// Set by `skip`: passed over for roles until `unskip`.
    pub skipped: bool,
}

impl Member {
    /// Whether this participant can be given a role now.
    pub fn eligible(&self) -> bool {
        !self.absent && !self.skipped
    }
}

/// One stretch of time with fixed roles: the history a run is linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Turn {
    /// Turn number, 1-based, consecutive.
    pub turn: u32,
    /// Who drove (`None` while nobody eligible was there).
    pub driver: Option<String>,
    /// Who navigated.
    pub navigator: Option<String>,
    /// When the turn started (unix ms).
    pub started_ms: u64,
    /// When it ended (rotation, break or end); `None` while it is on.
    pub ended_ms: Option<u64>,
}

/// A frozen clock, kept while the status is `paused`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PausedClock {
    /// Which clock resumes: the turn's (`running`) or the break's (`break`).
    pub resume_to: RotationStatus,
    /// Time that clock had left when paused, so resume restores it exactly.
    pub remaining_ms: u64,
}

/// The whole rotation state of a room; serialize it to persist, deserialize to restore.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rotation {
    /// Timer settings; changes apply from the next turn (or break).
    settings: RotationSettings,
    /// Everyone, in rotation order; driver at 0 and navigator at 1 while they hold roles.
    queue: Vec<Member>,
    /// Lifecycle status.
    status: RotationStatus,
    /// Number of the current or last turn; 0 before the start.
    turn: u32,
    /// Driver of the current turn (of the last turn during a break, so the rotation at
    /// the break's end knows whom to send to the end of the queue, unless a reorder or
    /// shuffle during the break already settled the order).
    driver: Option<String>,
    /// Navigator of the current (or, during a break, last) turn.
    navigator: Option<String>,
    /// Absolute end of the running turn (unix ms); `None` unless running.
    deadline_ms: Option<u64>,
    /// Whether this turn's warning has fired (or was overtaken), so it fires once.
    warned: bool,
    /// Absolute end of the current break (unix ms); `None` unless in a break.
    break_until_ms: Option<u64>,
    /// The frozen clock while paused.
    paused: Option<PausedClock>,
    /// Every turn so far, oldest first; the caller persists it and links runs to it.
    turns: Vec<Turn>,
}

/// The rotation state as the protocol shows it (`"rotation": {...}`), plus extras.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RotationView {
    /// Lifecycle status.
    pub status: RotationStatus,
    /// Current (or last finished) turn; 0 before the start.
    pub turn: u32,
    /// Who drives; in `idle` and `break`, who will drive when the clock starts.
    pub driver: Option<String>,
    /// Who navigates (same convention as `driver`).
    pub navigator: Option<String>,
    /// Who navigates next turn (third in `queue`).
    pub next: Option<String>,
    /// Role holders and eligible participants in rotation order, driver first.
    pub queue: Vec<String>,
    /// Absolute end of the running turn or break; `null` otherwise.
    pub deadline_ms: Option<u64>,
    /// Time left on the clock (exact while paused; full turn in `idle`; 0 when
    /// waiting or ended).
    pub remaining_ms: u64,
    /// The server clock the view was computed at, for client clock-offset correction.
    pub server_time_ms: u64,
    /// Extension: every participant id in rotation order, absent and skipped included
    /// (what `reorder` expects a permutation of).
    pub order: Vec<String>,
    /// Extension: while paused, which clock is frozen (`running` or `break`).
    pub paused_in: Option<RotationStatus>,
    /// Extension: when the current turn started.
    pub turn_started_ms: Option<u64>,
    /// Extension: end of the running break; `null` otherwise (a paused break shows its
    /// time left in `remaining_ms`).
    pub break_until_ms: Option<u64>,
    /// Extension: whether this turn's warning has already fired.
    pub warned: bool,
    /// Extension: ids the facilitator skipped.
    pub skipped: Vec<String>,
    /// Extension: ids offline for longer than the grace period.
    pub absent: Vec<String>,
    /// Extension: the timer settings.
    pub settings: RotationSettings,
}
