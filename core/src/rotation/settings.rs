//! Timer settings, the lifecycle status and the editing mode.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::*;

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

/// Lifecycle of a rotation session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RotationStatus {
    /// Not started yet; the first eligible participant may already type.
    #[default]
    Idle,
    /// A turn is on and its clock runs.
    Running,
    /// A turn (or a break) clock is frozen by the facilitator.
    Paused,
    /// Between two turns; the next turn starts by itself at the break's end.
    Break,
    /// Time is up and the room waits for a green run or for the facilitator.
    Waiting,
    /// The session is over; nothing changes any more.
    Ended,
}

impl RotationStatus {
    /// The protocol's name for this status.
    pub fn as_str(self) -> &'static str {
        match self {
            RotationStatus::Idle => "idle",
            RotationStatus::Running => "running",
            RotationStatus::Paused => "paused",
            RotationStatus::Break => "break",
            RotationStatus::Waiting => "waiting",
            RotationStatus::Ended => "ended",
        }
    }
}

impl fmt::Display for RotationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happens when a turn's time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TimeUpRule {
    /// Rotate at once.
    #[default]
    Rotate,
    /// Wait (status `waiting`) until the next green test run, then rotate.
    OnGreen,
    /// Wait (status `waiting`) until the facilitator says `next`.
    Facilitator,
}

/// Who may type in a room. The rotation only answers [`Rotation::can_edit`] for a
/// mode; the room stores it and rides it along in [`SettingsPatch`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EditMode {
    /// Only the driver types.
    #[default]
    Strict,
    /// Everybody types.
    Free,
}

/// Timer settings of a rotation (the room's `settings` minus `mode`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct RotationSettings {
    /// Length of a turn, validated to `MIN_TURN_SECONDS..=MAX_TURN_SECONDS`.
    pub turn_seconds: u32,
    /// Heads-up before the end of a turn (0 = none); clamped below the turn length.
    pub warning_seconds: u32,
    /// What happens when a turn's time is up.
    pub time_up: TimeUpRule,
    /// A break follows every `break_every`-th turn; 0 means no breaks.
    pub break_every: u32,
    /// Length of a break, validated to `MIN_BREAK_SECONDS..=MAX_BREAK_SECONDS`.
    pub break_seconds: u32,
    /// Hand the turn on as soon as the driver has been away for the grace period
    /// ([`ABSENCE_GRACE_MS`]), instead of leaving the keyboard with nobody.
    pub hand_on_when_away: bool,
    /// Run the tests when a turn ends, as the outgoing driver's light.
    pub test_at_turn_end: bool,
}

impl Default for RotationSettings {
    fn default() -> Self {
        Self {
            turn_seconds: DEFAULT_TURN_SECONDS,
            warning_seconds: DEFAULT_WARNING_SECONDS,
            time_up: TimeUpRule::default(),
            break_every: DEFAULT_BREAK_EVERY,
            break_seconds: DEFAULT_BREAK_SECONDS,
            hand_on_when_away: true,
            test_at_turn_end: false,
        }
    }
}

impl RotationSettings {
    /// Turn length in milliseconds.
    pub fn turn_ms(&self) -> u64 {
        u64::from(self.turn_seconds) * MS_PER_SECOND
    }

    /// Effective warning lead in milliseconds: `warning_seconds`, at most a quarter
    /// of the turn, so a short turn is not announced as ending when it starts (a
    /// 60 s warning on a 30 s turn fired at its first second; now it fires at 7.5 s).
    pub fn warning_ms(&self) -> u64 {
        let asked = u64::from(self.warning_seconds) * MS_PER_SECOND;
        asked.min(self.turn_ms() / WARNING_SHARE_OF_TURN)
    }

    /// Break length in milliseconds.
    pub fn break_ms(&self) -> u64 {
        u64::from(self.break_seconds) * MS_PER_SECOND
    }

    /// Checks every field's range.
    ///
    /// # Errors
    /// The first out-of-range field's `Invalid*` error.
    pub fn validate(&self) -> Result<(), RotationError> {
        if !(MIN_TURN_SECONDS..=MAX_TURN_SECONDS).contains(&self.turn_seconds) {
            return Err(RotationError::InvalidTurnSeconds(self.turn_seconds));
        }
        if self.warning_seconds > MAX_WARNING_SECONDS {
            return Err(RotationError::InvalidWarningSeconds(self.warning_seconds));
        }
        if !(MIN_BREAK_SECONDS..=MAX_BREAK_SECONDS).contains(&self.break_seconds) {
            return Err(RotationError::InvalidBreakSeconds(self.break_seconds));
        }
        Ok(())
    }

    /// Applies a partial update, all or nothing: on error `self` is unchanged.
    ///
    /// # Errors
    /// As [`RotationSettings::validate`] on the patched settings.
    pub fn apply_patch(&mut self, patch: &SettingsPatch) -> Result<(), RotationError> {
        let mut next = self.clone();
        if let Some(v) = patch.turn_seconds {
            next.turn_seconds = v;
        }
        if let Some(v) = patch.warning_seconds {
            next.warning_seconds = v;
        }
        if let Some(v) = patch.time_up {
            next.time_up = v;
        }
        if let Some(v) = patch.break_every {
            next.break_every = v;
        }
        if let Some(v) = patch.break_seconds {
            next.break_seconds = v;
        }
        if let Some(v) = patch.hand_on_when_away {
            next.hand_on_when_away = v;
        }
        if let Some(v) = patch.test_at_turn_end {
            next.test_at_turn_end = v;
        }
        next.validate()?;
        *self = next;
        Ok(())
    }
}

/// A partial settings update (`{"settings": {...}}`); absent fields stay as they are.
/// Unknown fields are ignored, so a room-creation body can be parsed as one too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SettingsPatch {
    /// New turn length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub turn_seconds: Option<u32>,
    /// New warning lead in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub warning_seconds: Option<u32>,
    /// New time-up rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub time_up: Option<TimeUpRule>,
    /// New break cadence (0 = none).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub break_every: Option<u32>,
    /// New break length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub break_seconds: Option<u32>,
    /// Hand the turn on when the driver is away.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub hand_on_when_away: Option<bool>,
    /// Run the tests when a turn ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub test_at_turn_end: Option<bool>,
    /// Editing mode: ignored by the rotation, parsed here for the caller to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub mode: Option<EditMode>,
}
