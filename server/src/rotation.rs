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

use std::fmt;

use serde::{Deserialize, Serialize};

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

// ---------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------

/// Lifecycle of a rotation session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
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

impl Status {
    /// The protocol's name for this status.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Idle => "idle",
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Break => "break",
            Status::Waiting => "waiting",
            Status::Ended => "ended",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What happens when a turn's time is up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
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

/// Editing mode of a room. Not interpreted here (see [`Rotation::can_edit`]); it only
/// rides along in [`SettingsPatch`] so the caller can parse a `settings` action once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditMode {
    /// Only the driver types.
    #[default]
    Strict,
    /// Everybody types.
    Free,
}

/// Timer settings of a rotation (the room's `settings` minus `mode`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

impl Default for RotationSettings {
    fn default() -> Self {
        Self {
            turn_seconds: DEFAULT_TURN_SECONDS,
            warning_seconds: DEFAULT_WARNING_SECONDS,
            time_up: TimeUpRule::default(),
            break_every: DEFAULT_BREAK_EVERY,
            break_seconds: DEFAULT_BREAK_SECONDS,
        }
    }
}

impl RotationSettings {
    /// Turn length in milliseconds.
    pub fn turn_ms(&self) -> u64 {
        u64::from(self.turn_seconds) * MS_PER_SECOND
    }

    /// Effective warning lead in milliseconds: `warning_seconds`, kept strictly below
    /// the turn length so the warning never fires at the very start of a turn.
    pub fn warning_ms(&self) -> u64 {
        let secs = self
            .warning_seconds
            .min(self.turn_seconds.saturating_sub(1));
        u64::from(secs) * MS_PER_SECOND
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
        next.validate()?;
        *self = next;
        Ok(())
    }
}

/// A partial settings update (`{"settings": {...}}`); absent fields stay as they are.
/// Unknown fields are ignored, so a room-creation body can be parsed as one too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SettingsPatch {
    /// New turn length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turn_seconds: Option<u32>,
    /// New warning lead in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning_seconds: Option<u32>,
    /// New time-up rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_up: Option<TimeUpRule>,
    /// New break cadence (0 = none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_every: Option<u32>,
    /// New break length in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub break_seconds: Option<u32>,
    /// Editing mode: ignored by the rotation, parsed here for the caller to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<EditMode>,
}

// ---------------------------------------------------------------------------
// Actions, events, errors
// ---------------------------------------------------------------------------

/// A facilitator action, as sent in `POST /api/rooms/{id}/rotation` or a `rotation`
/// frame: `{"action": "...", ...}`. Extra fields (token, frame type) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
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
        status: Status,
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

// ---------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------

/// One participant as the rotation sees them: identity, presence and skip flag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
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

impl Participant {
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
    pub resume_to: Status,
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
    queue: Vec<Participant>,
    /// Lifecycle status.
    status: Status,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RotationView {
    /// Lifecycle status.
    pub status: Status,
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
    pub paused_in: Option<Status>,
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

impl Rotation {
    /// A fresh, idle rotation with no participants.
    ///
    /// # Errors
    /// As [`RotationSettings::validate`].
    pub fn new(settings: RotationSettings) -> Result<Self, RotationError> {
        settings.validate()?;
        Ok(Self {
            settings,
            ..Self::default()
        })
    }

    // ---------------------------------------------------------------- reading

    /// Lifecycle status.
    pub fn status(&self) -> Status {
        self.status
    }

    /// Current or last turn number; 0 before the start.
    pub fn turn(&self) -> u32 {
        self.turn
    }

    /// Timer settings.
    pub fn settings(&self) -> &RotationSettings {
        &self.settings
    }

    /// Everyone, in rotation order.
    pub fn participants(&self) -> &[Participant] {
        &self.queue
    }

    /// Whether `id` is in the roster.
    pub fn is_participant(&self, id: &str) -> bool {
        self.position(id).is_some()
    }

    /// Turn history, oldest first.
    pub fn turns(&self) -> &[Turn] {
        &self.turns
    }

    /// The turn going on now (`running`, `waiting`, or paused mid-turn).
    pub fn current_turn(&self) -> Option<&Turn> {
        self.turns.last().filter(|t| t.ended_ms.is_none())
    }

    /// The turn that was going on at `ms` (a run's creation time, say).
    pub fn turn_at(&self, ms: u64) -> Option<&Turn> {
        self.turns
            .iter()
            .rev()
            .find(|t| t.started_ms <= ms && t.ended_ms.is_none_or(|end| ms < end))
    }

    /// Who may edit in strict mode: the driver while a turn is on (running, waiting, or
    /// paused mid-turn), the first eligible participant in `idle`, nobody otherwise.
    pub fn driver(&self) -> Option<&str> {
        match self.phase() {
            Status::Idle => self.nth_eligible(0),
            Status::Running | Status::Waiting => self.driver.as_deref(),
            _ => None,
        }
    }

    /// The navigator, under the same convention as [`Rotation::driver`].
    pub fn navigator(&self) -> Option<&str> {
        match self.phase() {
            Status::Idle => self.nth_eligible(1),
            Status::Running | Status::Waiting => self.navigator.as_deref(),
            _ => None,
        }
    }

    /// Whether `participant_id` may change the document. Strict: only the
    /// [`driver`](Rotation::driver). Free: every participant in the roster.
    pub fn can_edit(&self, participant_id: &str, mode_strict: bool) -> bool {
        if mode_strict {
            self.driver() == Some(participant_id)
        } else {
            self.is_participant(participant_id)
        }
    }

    /// When the caller should call [`Rotation::tick`] next: the earliest of the turn's
    /// warning, its deadline, the break's end and a pending absence. `None` if nothing
    /// is scheduled (idle, paused, waiting, ended with nobody going absent).
    pub fn next_wakeup(&self) -> Option<u64> {
        let mut times: Vec<u64> = Vec::new();
        match self.status {
            Status::Running => {
                if let Some(deadline) = self.deadline_ms {
                    times.push(deadline);
                    if !self.warned && self.settings.warning_ms() > 0 {
                        times.push(deadline.saturating_sub(self.settings.warning_ms()));
                    }
                }
            }
            Status::Break => times.extend(self.break_until_ms),
            _ => {}
        }
        if self.status != Status::Ended {
            times.extend(
                self.queue
                    .iter()
                    .filter(|p| !p.online && !p.absent)
                    .map(|p| p.since_ms.saturating_add(ABSENCE_GRACE_MS)),
            );
        }
        times.into_iter().min()
    }

    /// The protocol's rotation state at `now_ms`.
    pub fn view(&self, now_ms: u64) -> RotationView {
        let phase = self.phase();
        let mut order = self.queue.clone();
        let (driver, navigator) = match phase {
            Status::Idle => assign_roles(&mut order, None),
            Status::Break => assign_roles(&mut order, self.driver.as_deref()),
            Status::Running | Status::Waiting => (self.driver.clone(), self.navigator.clone()),
            Status::Paused | Status::Ended => (None, None),
        };
        let mut queue: Vec<String> = driver.iter().chain(navigator.iter()).cloned().collect();
        queue.extend(
            order
                .iter()
                .filter(|p| p.eligible() && !queue.contains(&p.id))
                .map(|p| p.id.clone())
                .collect::<Vec<_>>(),
        );
        let (deadline_ms, remaining_ms) = match self.status {
            Status::Idle => (None, self.settings.turn_ms()),
            Status::Running => (
                self.deadline_ms,
                self.deadline_ms.map_or(0, |d| d.saturating_sub(now_ms)),
            ),
            Status::Break => (
                self.break_until_ms,
                self.break_until_ms.map_or(0, |d| d.saturating_sub(now_ms)),
            ),
            Status::Paused => (None, self.paused.map_or(0, |p| p.remaining_ms)),
            Status::Waiting | Status::Ended => (None, 0),
        };
        RotationView {
            status: self.status,
            turn: self.turn,
            next: queue.get(2).cloned(),
            driver,
            navigator,
            queue,
            deadline_ms,
            remaining_ms,
            server_time_ms: now_ms,
            order: order.iter().map(|p| p.id.clone()).collect(),
            paused_in: self.paused.map(|p| p.resume_to),
            turn_started_ms: self.current_turn().map(|t| t.started_ms),
            break_until_ms: self.break_until_ms,
            warned: self.warned,
            skipped: self
                .queue
                .iter()
                .filter(|p| p.skipped)
                .map(|p| p.id.clone())
                .collect(),
            absent: self
                .queue
                .iter()
                .filter(|p| p.absent)
                .map(|p| p.id.clone())
                .collect(),
            settings: self.settings.clone(),
        }
    }

    // ---------------------------------------------------------------- inputs

    /// A participant joins (online now). A newcomer goes to the end of the queue and
    /// never displaces the driver or navigator (it only fills an empty seat). Joining
    /// again with a known id just marks them online.
    pub fn join(&mut self, id: impl Into<String>, now_ms: u64) -> Vec<RotationEvent> {
        let id = id.into();
        let mut events = self.tick(now_ms);
        if self.is_participant(&id) {
            self.change_presence(&id, true, now_ms, &mut events);
        } else {
            self.queue.push(Participant {
                id,
                online: true,
                since_ms: now_ms,
                absent: false,
                skipped: false,
            });
            push_roster_changed(&mut events);
            self.fill_seats(&mut events);
        }
        events
    }

    /// A participant's connection state changed. Going offline starts the grace period;
    /// coming back makes them eligible again at once.
    ///
    /// # Errors
    /// [`RotationError::UnknownParticipant`] for an id that never joined.
    pub fn set_presence(
        &mut self,
        id: &str,
        online: bool,
        now_ms: u64,
    ) -> Result<Vec<RotationEvent>, RotationError> {
        if !self.is_participant(id) {
            return Err(RotationError::UnknownParticipant(id.to_owned()));
        }
        let mut events = self.tick(now_ms);
        self.change_presence(id, online, now_ms, &mut events);
        Ok(events)
    }

    /// Marks everyone offline as of `now_ms`: call it after restoring a persisted state
    /// at startup, when no connection exists yet (each one gets the grace period).
    pub fn mark_all_offline(&mut self, now_ms: u64) -> Vec<RotationEvent> {
        let mut events = self.tick(now_ms);
        let ids: Vec<String> = self
            .queue
            .iter()
            .filter(|p| p.online)
            .map(|p| p.id.clone())
            .collect();
        for id in ids {
            self.change_presence(&id, false, now_ms, &mut events);
        }
        events
    }

    /// Applies a facilitator action, after catching up with the clock. All or nothing:
    /// on error the state is unchanged (not even caught up; the next `tick` does that).
    ///
    /// # Errors
    /// Any [`RotationError`]: an action invalid in the status (after catching up), no
    /// eligible participant for `start`/`next`, bad ids, bad order or bad settings.
    pub fn apply(
        &mut self,
        action: Action,
        now_ms: u64,
    ) -> Result<Vec<RotationEvent>, RotationError> {
        let mut next = self.clone();
        let mut events = next.tick(now_ms);
        next.apply_action(action, now_ms, &mut events)?;
        next.settle(now_ms, &mut events);
        *self = next;
        Ok(events)
    }

    /// Catches up with the clock: absences past the grace period, the warning, time up
    /// (a rotation, a wait or a break), a break's end. Idempotent; called late it does
    /// each step once (one rotation, never one per missed turn) and new clocks count
    /// from `now_ms`.
    pub fn tick(&mut self, now_ms: u64) -> Vec<RotationEvent> {
        let mut events = Vec::new();
        self.refresh_absences(now_ms, &mut events);
        self.settle(now_ms, &mut events);
        events
    }

    /// A test run finished. With the `on_green` rule, a green run while `waiting`
    /// rotates; anything else changes nothing beyond catching up with the clock.
    pub fn test_run_finished(&mut self, green: bool, now_ms: u64) -> Vec<RotationEvent> {
        let mut events = self.tick(now_ms);
        if green && self.status == Status::Waiting && self.settings.time_up == TimeUpRule::OnGreen {
            self.finish_turn(RotateReason::Green, now_ms, &mut events);
            self.settle(now_ms, &mut events);
        }
        events
    }

    // ---------------------------------------------------------------- internals

    /// The status whose rules apply: a paused state behaves like what it paused.
    fn phase(&self) -> Status {
        match (self.status, self.paused) {
            (Status::Paused, Some(p)) => p.resume_to,
            (status, _) => status,
        }
    }

    /// Index of `id` in the queue.
    fn position(&self, id: &str) -> Option<usize> {
        self.queue.iter().position(|p| p.id == id)
    }

    /// The `n`-th eligible participant in queue order.
    fn nth_eligible(&self, n: usize) -> Option<&str> {
        self.queue
            .iter()
            .filter(|p| p.eligible())
            .nth(n)
            .map(|p| p.id.as_str())
    }

    /// How many queue slots at the front hold roles (driver, navigator).
    fn held_roles(&self) -> usize {
        usize::from(self.driver.is_some()) + usize::from(self.navigator.is_some())
    }

    fn require_eligible(&self) -> Result<(), RotationError> {
        if self.queue.iter().any(Participant::eligible) {
            Ok(())
        } else {
            Err(RotationError::NoEligibleParticipant)
        }
    }

    fn apply_action(
        &mut self,
        action: Action,
        now: u64,
        events: &mut Vec<RotationEvent>,
    ) -> Result<(), RotationError> {
        let name = action.name();
        let invalid = |status: Status| RotationError::InvalidInStatus {
            action: name,
            status,
        };
        if self.status == Status::Ended {
            return Err(invalid(Status::Ended));
        }
        match action {
            Action::Start => {
                if self.status != Status::Idle {
                    return Err(invalid(self.status));
                }
                self.require_eligible()?;
                self.start_turn(RotateReason::Start, now, events);
            }
            Action::Pause => {
                let until = match self.status {
                    Status::Running => self.deadline_ms.take(),
                    Status::Break => self.break_until_ms.take(),
                    status => return Err(invalid(status)),
                };
                let remaining_ms = until.map_or(0, |u| u.saturating_sub(now));
                self.paused = Some(PausedClock {
                    resume_to: self.status,
                    remaining_ms,
                });
                self.status = Status::Paused;
                events.push(RotationEvent::Paused { remaining_ms });
            }
            Action::Resume => {
                let Some(paused) = self.paused.filter(|_| self.status == Status::Paused) else {
                    return Err(invalid(self.status));
                };
                let deadline_ms = now.saturating_add(paused.remaining_ms);
                match paused.resume_to {
                    Status::Break => self.break_until_ms = Some(deadline_ms),
                    _ => self.deadline_ms = Some(deadline_ms),
                }
                self.status = paused.resume_to;
                self.paused = None;
                events.push(RotationEvent::Resumed { deadline_ms });
            }
            Action::Next => {
                if self.status == Status::Idle {
                    return Err(invalid(self.status));
                }
                self.require_eligible()?;
                let in_break = self.phase() == Status::Break;
                self.paused = None;
                if in_break {
                    self.break_until_ms = None;
                    events.push(RotationEvent::BreakEnded);
                    self.start_turn(RotateReason::Next, now, events);
                } else {
                    self.finish_turn(RotateReason::Next, now, events);
                }
            }
            Action::Skip { participant } => {
                let i = self
                    .position(&participant)
                    .ok_or_else(|| RotationError::UnknownParticipant(participant.clone()))?;
                if self.queue[i].skipped {
                    return Err(RotationError::AlreadySkipped(participant));
                }
                self.queue[i].skipped = true;
                push_roster_changed(events);
            }
            Action::Unskip { participant } => {
                let i = self
                    .position(&participant)
                    .ok_or_else(|| RotationError::UnknownParticipant(participant.clone()))?;
                if !self.queue[i].skipped {
                    return Err(RotationError::NotSkipped(participant));
                }
                self.queue[i].skipped = false;
                push_roster_changed(events);
                self.fill_seats(events);
            }
            Action::Shuffle { seed } => {
                self.release_roles_in_break();
                let held = self.held_roles();
                shuffle_in_place(&mut self.queue[held..], seed.unwrap_or(now));
                push_roster_changed(events);
            }
            Action::Reorder { order } => {
                self.reorder(&order)?;
                push_roster_changed(events);
            }
            Action::Settings { settings } => {
                self.settings.apply_patch(&settings)?;
                events.push(RotationEvent::SettingsChanged);
            }
            Action::End => {
                self.close_turn(now);
                self.status = Status::Ended;
                self.driver = None;
                self.navigator = None;
                self.deadline_ms = None;
                self.break_until_ms = None;
                self.paused = None;
                self.warned = false;
                events.push(RotationEvent::Ended { turn: self.turn });
            }
        }
        Ok(())
    }

    /// Sets the queue order. Role holders of a turn that is on keep their seats at the
    /// front until the next rotation; everyone else follows `order`, which must be a
    /// permutation of all ids. In idle and in a break the whole order applies.
    fn reorder(&mut self, order: &[String]) -> Result<(), RotationError> {
        self.validate_order(order)?;
        self.release_roles_in_break();
        let held = self.held_roles();
        let mut rest: Vec<Participant> = self.queue.drain(held..).collect();
        for id in order {
            if let Some(i) = rest.iter().position(|p| &p.id == id) {
                self.queue.push(rest.swap_remove(i));
            }
        }
        Ok(())
    }

    /// During a break nobody holds a role: sends the last driver to the end (the rotation
    /// the break's end would do) and forgets the last roles, so a reorder or shuffle
    /// decides the whole order and the first eligible participant drives next.
    fn release_roles_in_break(&mut self) {
        if self.phase() != Status::Break {
            return;
        }
        if let Some(i) = self.driver.take().and_then(|id| self.position(&id)) {
            let p = self.queue.remove(i);
            self.queue.push(p);
        }
        self.navigator = None;
    }

    /// `order` must be a permutation of the current ids.
    fn validate_order(&self, order: &[String]) -> Result<(), RotationError> {
        let mut seen: Vec<&str> = Vec::with_capacity(order.len());
        for id in order {
            if !self.is_participant(id) {
                return Err(RotationError::UnknownParticipant(id.clone()));
            }
            if seen.contains(&id.as_str()) {
                return Err(RotationError::DuplicateInOrder(id.clone()));
            }
            seen.push(id);
        }
        match self.queue.iter().find(|p| !seen.contains(&p.id.as_str())) {
            Some(missing) => Err(RotationError::MissingFromOrder(missing.id.clone())),
            None => Ok(()),
        }
    }

    /// Marks as absent everyone offline for at least the grace period.
    fn refresh_absences(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
        let mut changed = false;
        for p in self.queue.iter_mut().filter(|p| !p.online && !p.absent) {
            if now >= p.since_ms.saturating_add(ABSENCE_GRACE_MS) {
                p.absent = true;
                changed = true;
            }
        }
        if changed {
            push_roster_changed(events);
        }
    }

    fn change_presence(
        &mut self,
        id: &str,
        online: bool,
        now: u64,
        events: &mut Vec<RotationEvent>,
    ) {
        let Some(i) = self.position(id) else { return };
        let p = &mut self.queue[i];
        if p.online == online {
            return;
        }
        p.online = online;
        p.since_ms = now;
        if online {
            p.absent = false;
        }
        push_roster_changed(events);
        if online {
            self.fill_seats(events);
        }
    }

    /// Time-driven transitions, repeated until nothing more is due.
    fn settle(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
        for _ in 0..MAX_SETTLE_STEPS {
            match self.status {
                Status::Running => {
                    let Some(deadline) = self.deadline_ms else {
                        return;
                    };
                    if now >= deadline {
                        self.warned = true; // overtaken: never warn after the fact
                        let waiting = self.settings.time_up != TimeUpRule::Rotate;
                        events.push(RotationEvent::TimeUp {
                            turn: self.turn,
                            waiting,
                        });
                        if waiting {
                            self.status = Status::Waiting;
                            self.deadline_ms = None;
                            return;
                        }
                        self.finish_turn(RotateReason::TimeUp, now, events);
                        continue;
                    }
                    let warning_ms = self.settings.warning_ms();
                    if !self.warned && warning_ms > 0 && now >= deadline.saturating_sub(warning_ms)
                    {
                        self.warned = true;
                        events.push(RotationEvent::Warning {
                            remaining_ms: deadline - now,
                        });
                    }
                    return;
                }
                Status::Break => {
                    let Some(until) = self.break_until_ms else {
                        return;
                    };
                    if now < until {
                        return;
                    }
                    self.break_until_ms = None;
                    events.push(RotationEvent::BreakEnded);
                    self.start_turn(RotateReason::BreakEnded, now, events);
                }
                // The rule may have been switched to `rotate` while waiting.
                Status::Waiting if self.settings.time_up == TimeUpRule::Rotate => {
                    self.finish_turn(RotateReason::TimeUp, now, events);
                }
                _ => return,
            }
        }
    }

    /// Ends the current turn: a break if one is due after it, else the next turn.
    fn finish_turn(&mut self, reason: RotateReason, now: u64, events: &mut Vec<RotationEvent>) {
        self.close_turn(now);
        self.deadline_ms = None;
        self.paused = None;
        self.warned = false;
        let every = self.settings.break_every;
        if every > 0 && self.turn > 0 && self.turn.is_multiple_of(every) {
            let until_ms = now.saturating_add(self.settings.break_ms());
            self.status = Status::Break;
            self.break_until_ms = Some(until_ms);
            events.push(RotationEvent::BreakStarted {
                after_turn: self.turn,
                until_ms,
            });
        } else {
            self.start_turn(reason, now, events);
        }
    }

    /// Rotates roles and starts the next turn's clock.
    fn start_turn(&mut self, reason: RotateReason, now: u64, events: &mut Vec<RotationEvent>) {
        let outgoing = self.driver.take();
        self.navigator = None;
        let (driver, navigator) = assign_roles(&mut self.queue, outgoing.as_deref());
        self.driver = driver;
        self.navigator = navigator;
        self.turn += 1;
        self.status = Status::Running;
        self.deadline_ms = Some(now.saturating_add(self.settings.turn_ms()));
        self.warned = false;
        self.break_until_ms = None;
        self.paused = None;
        self.turns.push(Turn {
            turn: self.turn,
            driver: self.driver.clone(),
            navigator: self.navigator.clone(),
            started_ms: now,
            ended_ms: None,
        });
        events.push(RotationEvent::Rotated {
            reason,
            turn: self.turn,
            driver: self.driver.clone(),
            navigator: self.navigator.clone(),
        });
    }

    /// Closes the open turn record, if any.
    fn close_turn(&mut self, now: u64) {
        if let Some(turn) = self.turns.last_mut().filter(|t| t.ended_ms.is_none()) {
            turn.ended_ms = Some(now.max(turn.started_ms));
        }
    }

    /// While a turn is on, gives an empty driver or navigator seat to the first eligible
    /// participant (someone who joined or came back); never displaces a role holder.
    fn fill_seats(&mut self, events: &mut Vec<RotationEvent>) {
        if !matches!(self.phase(), Status::Running | Status::Waiting) {
            return;
        }
        let mut changed = false;
        if self.driver.is_none() {
            self.driver = promote(&mut self.queue, 0);
            changed |= self.driver.is_some();
        }
        if self.driver.is_some() && self.navigator.is_none() {
            self.navigator = promote(&mut self.queue, 1);
            changed |= self.navigator.is_some();
        }
        if !changed {
            return;
        }
        if let Some(turn) = self.turns.last_mut().filter(|t| t.ended_ms.is_none()) {
            turn.driver.clone_from(&self.driver);
            turn.navigator.clone_from(&self.navigator);
        }
        events.push(RotationEvent::RolesFilled {
            turn: self.turn,
            driver: self.driver.clone(),
            navigator: self.navigator.clone(),
        });
    }
}

/// Assigns roles on `queue`: sends `outgoing` (the last driver) to the end, then moves
/// the first eligible participant to slot 0 (driver) and the next one to slot 1
/// (navigator). Passed-over participants keep their relative order right behind.
fn assign_roles(
    queue: &mut Vec<Participant>,
    outgoing: Option<&str>,
) -> (Option<String>, Option<String>) {
    if let Some(i) = outgoing.and_then(|id| queue.iter().position(|p| p.id == id)) {
        let p = queue.remove(i);
        queue.push(p);
    }
    let driver = promote(queue, 0);
    let navigator = if driver.is_some() {
        promote(queue, 1)
    } else {
        None
    };
    (driver, navigator)
}

/// Moves the first eligible participant at or after `slot` to `slot`; returns their id.
fn promote(queue: &mut Vec<Participant>, slot: usize) -> Option<String> {
    let i = slot + queue.get(slot..)?.iter().position(Participant::eligible)?;
    let p = queue.remove(i);
    let id = p.id.clone();
    queue.insert(slot, p);
    Some(id)
}

/// Adds `RosterChanged` unless the batch already has one.
fn push_roster_changed(events: &mut Vec<RotationEvent>) {
    if !events.contains(&RotationEvent::RosterChanged) {
        events.push(RotationEvent::RosterChanged);
    }
}

/// One `SplitMix64` step: a tiny, well-mixed generator, so `shuffle` is deterministic for
/// a seed without a dependency.
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fisher–Yates shuffle driven by `SplitMix64` from `seed`.
fn shuffle_in_place<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        // Multiply-shift maps the 64-bit draw onto 0..=i without a division.
        let bound = u128::try_from(i + 1).unwrap_or(u128::MAX);
        let j = usize::try_from((u128::from(splitmix64(&mut state)) * bound) >> 64).unwrap_or(0);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arbitrary wall-clock start (late 2025) so tests look like real timestamps.
    const T0: u64 = 1_764_130_000_000;
    /// Default turn length in ms.
    const TURN: u64 = DEFAULT_TURN_SECONDS as u64 * MS_PER_SECOND;

    fn room(ids: &[&str]) -> Rotation {
        room_with(ids, RotationSettings::default())
    }

    fn room_with(ids: &[&str], settings: RotationSettings) -> Rotation {
        let mut r = Rotation::new(settings).unwrap();
        for id in ids {
            r.join(*id, T0);
        }
        r
    }

    fn started(ids: &[&str]) -> Rotation {
        let mut r = room(ids);
        r.apply(Action::Start, T0).unwrap();
        r
    }

    fn roles(r: &Rotation) -> (Option<&str>, Option<&str>) {
        (r.driver(), r.navigator())
    }

    fn queue(r: &Rotation, now: u64) -> Vec<String> {
        r.view(now).queue
    }

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(ToString::to_string).collect()
    }

    fn rotated_count(events: &[RotationEvent]) -> usize {
        events
            .iter()
            .filter(|e| matches!(e, RotationEvent::Rotated { .. }))
            .count()
    }

    fn next(r: &mut Rotation, now: u64) -> Vec<RotationEvent> {
        r.apply(Action::Next, now).unwrap()
    }

    #[test]
    fn first_to_join_drives_first_and_two_people_swap() {
        let mut r = room(&["a", "b"]);
        assert_eq!(r.status(), Status::Idle);
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        let ev = r.apply(Action::Start, T0).unwrap();
        assert_eq!(
            ev,
            vec![RotationEvent::Rotated {
                reason: RotateReason::Start,
                turn: 1,
                driver: Some("a".into()),
                navigator: Some("b".into())
            }]
        );
        assert_eq!(r.view(T0).deadline_ms, Some(T0 + TURN));

        let ev = r.tick(T0 + TURN);
        assert_eq!(
            ev[0],
            RotationEvent::TimeUp {
                turn: 1,
                waiting: false
            }
        );
        assert!(matches!(
            &ev[1],
            RotationEvent::Rotated {
                reason: RotateReason::TimeUp,
                turn: 2,
                ..
            }
        ));
        assert_eq!(roles(&r), (Some("b"), Some("a")));
        r.tick(T0 + 2 * TURN);
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        assert_eq!(r.turn(), 3);
    }

    #[test]
    fn randori_order_with_four() {
        let mut r = started(&["a", "b", "c", "d"]);
        let expected = [
            ("a", "b", ["a", "b", "c", "d"]),
            ("b", "c", ["b", "c", "d", "a"]),
            ("c", "d", ["c", "d", "a", "b"]),
            ("d", "a", ["d", "a", "b", "c"]),
            ("a", "b", ["a", "b", "c", "d"]),
        ];
        for (k, (d, n, q)) in expected.iter().enumerate() {
            let now = T0 + k as u64 * TURN;
            if k > 0 {
                assert_eq!(rotated_count(&r.tick(now)), 1);
            }
            assert_eq!(roles(&r), (Some(*d), Some(*n)), "turn {}", k + 1);
            let view = r.view(now);
            assert_eq!(view.queue, ids(q));
            assert_eq!(view.next.as_deref(), Some(q[2]));
            assert_eq!(view.turn as usize, k + 1);
        }
        let drivers: Vec<_> = r
            .turns()
            .iter()
            .map(|t| t.driver.clone().unwrap())
            .collect();
        assert_eq!(drivers, ids(&["a", "b", "c", "d", "a"]));
    }

    #[test]
    fn join_mid_turn_goes_to_the_end() {
        let mut r = started(&["a", "b", "c"]);
        let ev = r.join("e", T0 + 1_000);
        assert_eq!(ev, vec![RotationEvent::RosterChanged]);
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        assert_eq!(queue(&r, T0 + 1_000), ids(&["a", "b", "c", "e"]));
        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (Some("b"), Some("c")));
        assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c", "e", "a"]));
    }

    #[test]
    fn newcomer_fills_an_empty_navigator_seat() {
        let mut r = started(&["a"]);
        assert_eq!(roles(&r), (Some("a"), None));
        let ev = r.join("b", T0 + 5_000);
        assert!(ev.contains(&RotationEvent::RolesFilled {
            turn: 1,
            driver: Some("a".into()),
            navigator: Some("b".into())
        }));
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        assert_eq!(r.current_turn().unwrap().navigator.as_deref(), Some("b"));
    }

    #[test]
    fn driver_leaving_keeps_the_role_until_the_next_rotation() {
        let mut r = started(&["a", "b", "c"]);
        r.set_presence("a", false, T0 + 10_000).unwrap();
        assert_eq!(r.next_wakeup(), Some(T0 + 10_000 + ABSENCE_GRACE_MS));
        assert!(r.tick(T0 + 10_000 + ABSENCE_GRACE_MS - 1).is_empty());
        assert_eq!(
            r.tick(T0 + 10_000 + ABSENCE_GRACE_MS),
            vec![RotationEvent::RosterChanged]
        );
        // Still the driver for the rest of the turn.
        assert_eq!(roles(&r), (Some("a"), Some("b")));
        assert!(r.can_edit("a", true));
        assert_eq!(r.view(T0 + 60_000).absent, ids(&["a"]));
        assert_eq!(queue(&r, T0 + 60_000), ids(&["a", "b", "c"]));

        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (Some("b"), Some("c")));
        assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c"]));
        r.tick(T0 + 2 * TURN);
        assert_eq!(roles(&r), (Some("c"), Some("b")), "absent a is passed over");

        r.set_presence("a", true, T0 + 2 * TURN + 1).unwrap();
        assert_eq!(queue(&r, T0 + 2 * TURN + 1), ids(&["c", "b", "a"]));
        r.tick(T0 + 3 * TURN);
        assert_eq!(roles(&r), (Some("b"), Some("a")));
    }

    #[test]
    fn absent_navigator_is_skipped_and_next_in_line_when_back() {
        let mut r = started(&["a", "b", "c", "d"]);
        r.set_presence("b", false, T0 + 1_000).unwrap();
        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (Some("c"), Some("d")));
        assert_eq!(queue(&r, T0 + TURN), ids(&["c", "d", "a"]));
        r.set_presence("b", true, T0 + TURN + 1_000).unwrap();
        assert_eq!(queue(&r, T0 + TURN + 1_000), ids(&["c", "d", "b", "a"]));
        r.tick(T0 + 2 * TURN);
        assert_eq!(roles(&r), (Some("d"), Some("b")));
    }

    #[test]
    fn short_disconnect_within_grace_changes_nothing() {
        let mut r = started(&["a", "b", "c"]);
        r.set_presence("b", false, T0 + TURN - 10_000).unwrap();
        r.set_presence("b", true, T0 + TURN - 1_000).unwrap();
        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (Some("b"), Some("c")));
        // Offline at the rotation but within grace: still eligible.
        r.set_presence("c", false, T0 + 2 * TURN - 5_000).unwrap();
        r.tick(T0 + 2 * TURN);
        assert_eq!(roles(&r), (Some("c"), Some("a")));
    }

    #[test]
    fn skip_an_absent_participant_and_bring_them_back() {
        let mut r = started(&["a", "b", "c", "d"]);
        r.set_presence("c", false, T0 + 1_000).unwrap();
        r.tick(T0 + 1_000 + ABSENCE_GRACE_MS);
        r.apply(
            Action::Skip {
                participant: "c".into(),
            },
            T0 + 40_000,
        )
        .unwrap();
        assert_eq!(
            r.apply(
                Action::Skip {
                    participant: "c".into()
                },
                T0 + 40_000
            ),
            Err(RotationError::AlreadySkipped("c".into()))
        );
        // Coming back online does not undo the skip.
        r.set_presence("c", true, T0 + 50_000).unwrap();
        let view = r.view(T0 + 50_000);
        assert_eq!(view.skipped, ids(&["c"]));
        assert!(view.absent.is_empty());
        assert_eq!(view.queue, ids(&["a", "b", "d"]));

        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (Some("b"), Some("d")));
        r.apply(
            Action::Unskip {
                participant: "c".into(),
            },
            T0 + TURN + 1,
        )
        .unwrap();
        assert_eq!(queue(&r, T0 + TURN + 1), ids(&["b", "d", "c", "a"]));
        r.tick(T0 + 2 * TURN);
        assert_eq!(roles(&r), (Some("d"), Some("c")));
        assert_eq!(
            r.apply(
                Action::Unskip {
                    participant: "c".into()
                },
                T0 + 2 * TURN
            ),
            Err(RotationError::NotSkipped("c".into()))
        );
        assert_eq!(
            r.apply(
                Action::Skip {
                    participant: "zed".into()
                },
                T0 + 2 * TURN
            ),
            Err(RotationError::UnknownParticipant("zed".into()))
        );
    }

    #[test]
    fn skipping_the_driver_takes_effect_at_the_next_rotation() {
        let mut r = started(&["a", "b", "c"]);
        r.apply(
            Action::Skip {
                participant: "a".into(),
            },
            T0 + 1,
        )
        .unwrap();
        assert!(r.can_edit("a", true));
        next(&mut r, T0 + 2);
        assert_eq!(roles(&r), (Some("b"), Some("c")));
        next(&mut r, T0 + 3);
        assert_eq!(roles(&r), (Some("c"), Some("b")));
    }

    #[test]
    fn pause_and_resume_keep_the_remaining_time_exactly() {
        let mut r = started(&["a", "b"]);
        let ev = r.apply(Action::Pause, T0 + 100_123).unwrap();
        assert_eq!(
            ev,
            vec![RotationEvent::Paused {
                remaining_ms: TURN - 100_123
            }]
        );
        let view = r.view(T0 + 999_999);
        assert_eq!(
            (view.status, view.remaining_ms, view.deadline_ms),
            (Status::Paused, TURN - 100_123, None)
        );
        assert_eq!(view.paused_in, Some(Status::Running));
        assert_eq!(r.next_wakeup(), None);
        assert!(r.tick(T0 + 10 * TURN).is_empty(), "paused: nothing is due");
        assert!(
            r.can_edit("a", true),
            "the driver keeps the keyboard while paused"
        );

        let resume_at = T0 + 10 * TURN;
        let ev = r.apply(Action::Resume, resume_at).unwrap();
        let deadline = resume_at + TURN - 100_123;
        assert_eq!(
            ev,
            vec![RotationEvent::Resumed {
                deadline_ms: deadline
            }]
        );
        assert_eq!(r.view(resume_at).remaining_ms, TURN - 100_123);
        assert_eq!(r.view(resume_at).deadline_ms, Some(deadline));
        r.tick(deadline - 1);
        assert_eq!(r.turn(), 1);
        r.tick(deadline);
        assert_eq!(r.turn(), 2);
    }

    #[test]
    fn warning_fires_once_per_turn() {
        let mut r = started(&["a", "b"]);
        let warn_at = T0 + TURN - 60_000;
        assert_eq!(r.next_wakeup(), Some(warn_at));
        assert!(r.tick(warn_at - 1).is_empty());
        assert_eq!(
            r.tick(warn_at),
            vec![RotationEvent::Warning {
                remaining_ms: 60_000
            }]
        );
        assert!(r.tick(warn_at).is_empty());
        assert!(r.tick(warn_at + 500).is_empty());
        assert!(r.view(warn_at).warned);
        assert_eq!(r.next_wakeup(), Some(T0 + TURN));
        // Pausing and resuming after the warning does not repeat it.
        r.apply(Action::Pause, warn_at + 1_000).unwrap();
        r.apply(Action::Resume, warn_at + 5_000).unwrap();
        assert!(r.tick(warn_at + 6_000).is_empty());
        let end = T0 + TURN + 4_000;
        let ev = r.tick(end);
        assert!(
            !ev.iter()
                .any(|e| matches!(e, RotationEvent::Warning { .. }))
        );
        assert_eq!(rotated_count(&ev), 1);
        // The next turn warns again, once.
        assert_eq!(
            r.tick(end + TURN - 60_000 + 10),
            vec![RotationEvent::Warning {
                remaining_ms: 59_990
            }]
        );
    }

    #[test]
    fn warning_is_clamped_below_the_turn_length_and_can_be_disabled() {
        let settings = RotationSettings {
            turn_seconds: 10,
            ..RotationSettings::default()
        };
        assert_eq!(settings.warning_ms(), 9_000);
        let mut r = room_with(&["a"], settings);
        r.apply(Action::Start, T0).unwrap();
        assert_eq!(r.next_wakeup(), Some(T0 + 1_000));
        let patch = SettingsPatch {
            warning_seconds: Some(0),
            ..SettingsPatch::default()
        };
        r.apply(Action::Settings { settings: patch }, T0).unwrap();
        assert_eq!(r.next_wakeup(), Some(T0 + 10_000));
    }

    #[test]
    fn breaks_every_n_turns_then_auto_resume() {
        let settings = RotationSettings {
            break_every: 2,
            break_seconds: 60,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b", "c"], settings);
        r.apply(Action::Start, T0).unwrap();
        r.tick(T0 + TURN);
        assert_eq!((r.turn(), r.status()), (2, Status::Running));

        let t2_end = T0 + 2 * TURN;
        let ev = r.tick(t2_end);
        assert_eq!(
            ev,
            vec![
                RotationEvent::TimeUp {
                    turn: 2,
                    waiting: false
                },
                RotationEvent::BreakStarted {
                    after_turn: 2,
                    until_ms: t2_end + 60_000
                }
            ]
        );
        assert_eq!(r.status(), Status::Break);
        assert_eq!(r.current_turn(), None);
        assert_eq!(r.turn_at(t2_end + 1), None);
        let view = r.view(t2_end + 10_000);
        assert_eq!(view.deadline_ms, Some(t2_end + 60_000));
        assert_eq!(view.remaining_ms, 50_000);
        // The view shows who drives after the break; nobody types during it.
        assert_eq!(
            (view.driver.as_deref(), view.navigator.as_deref()),
            (Some("c"), Some("a"))
        );
        assert!(!["a", "b", "c"].iter().any(|id| r.can_edit(id, true)));
        assert!(r.can_edit("a", false));
        assert_eq!(r.next_wakeup(), Some(t2_end + 60_000));

        assert!(r.tick(t2_end + 59_999).is_empty());
        let ev = r.tick(t2_end + 60_000);
        assert_eq!(ev[0], RotationEvent::BreakEnded);
        assert!(matches!(
            &ev[1],
            RotationEvent::Rotated {
                reason: RotateReason::BreakEnded,
                turn: 3,
                ..
            }
        ));
        assert_eq!(roles(&r), (Some("c"), Some("a")));
        assert_eq!(
            r.view(t2_end + 60_000).deadline_ms,
            Some(t2_end + 60_000 + TURN)
        );

        let t3_end = t2_end + 60_000 + TURN;
        r.tick(t3_end);
        assert_eq!((r.turn(), r.status()), (4, Status::Running));
        r.tick(t3_end + TURN);
        assert_eq!(r.status(), Status::Break, "after turn 4 again");
        // `next` ends a break early.
        let ev = next(&mut r, t3_end + TURN + 5_000);
        assert_eq!(ev[0], RotationEvent::BreakEnded);
        assert!(matches!(
            &ev[1],
            RotationEvent::Rotated {
                reason: RotateReason::Next,
                turn: 5,
                ..
            }
        ));
    }

    #[test]
    fn a_break_can_be_paused() {
        let settings = RotationSettings {
            break_every: 1,
            break_seconds: 60,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b"], settings);
        r.apply(Action::Start, T0).unwrap();
        r.tick(T0 + TURN);
        assert_eq!(r.status(), Status::Break);
        r.apply(Action::Pause, T0 + TURN + 20_000).unwrap();
        let view = r.view(T0 + TURN + 500_000);
        assert_eq!(
            (view.paused_in, view.remaining_ms),
            (Some(Status::Break), 40_000)
        );
        assert!(!r.can_edit("b", true));
        r.apply(Action::Resume, T0 + 2 * TURN).unwrap();
        assert_eq!(r.next_wakeup(), Some(T0 + 2 * TURN + 40_000));
        r.tick(T0 + 2 * TURN + 40_000);
        assert_eq!((r.status(), r.turn()), (Status::Running, 2));
    }

    #[test]
    fn on_green_waits_for_the_first_green_run() {
        let settings = RotationSettings {
            time_up: TimeUpRule::OnGreen,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b"], settings);
        r.apply(Action::Start, T0).unwrap();
        assert!(
            r.test_run_finished(true, T0 + 1_000).is_empty(),
            "green before time up: nothing"
        );
        assert_eq!(r.turn(), 1);

        let ev = r.tick(T0 + TURN);
        assert_eq!(
            ev,
            vec![RotationEvent::TimeUp {
                turn: 1,
                waiting: true
            }]
        );
        assert_eq!(r.status(), Status::Waiting);
        let view = r.view(T0 + TURN + 1);
        assert_eq!((view.deadline_ms, view.remaining_ms), (None, 0));
        assert_eq!(r.next_wakeup(), None);
        assert!(r.test_run_finished(false, T0 + TURN + 10_000).is_empty());
        assert!(r.tick(T0 + 3 * TURN).is_empty());
        assert_eq!(r.status(), Status::Waiting);
        assert!(
            r.can_edit("a", true),
            "the driver keeps typing to get to green"
        );
        assert_eq!(r.current_turn().unwrap().turn, 1);

        let ev = r.test_run_finished(true, T0 + 3 * TURN + 1);
        assert!(matches!(
            &ev[0],
            RotationEvent::Rotated {
                reason: RotateReason::Green,
                turn: 2,
                ..
            }
        ));
        assert_eq!(
            (r.status(), roles(&r)),
            (Status::Running, (Some("b"), Some("a")))
        );
        assert_eq!(r.turns()[0].ended_ms, Some(T0 + 3 * TURN + 1));
    }

    #[test]
    fn facilitator_rule_waits_for_next() {
        let settings = RotationSettings {
            time_up: TimeUpRule::Facilitator,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b"], settings);
        r.apply(Action::Start, T0).unwrap();
        r.tick(T0 + TURN);
        assert_eq!(r.status(), Status::Waiting);
        assert!(r.test_run_finished(true, T0 + TURN + 1).is_empty());
        assert!(r.tick(T0 + 5 * TURN).is_empty());
        assert_eq!(
            r.apply(Action::Pause, T0 + 5 * TURN),
            Err(RotationError::InvalidInStatus {
                action: "pause",
                status: Status::Waiting
            })
        );
        let ev = next(&mut r, T0 + 5 * TURN);
        assert!(matches!(
            &ev[0],
            RotationEvent::Rotated {
                reason: RotateReason::Next,
                turn: 2,
                ..
            }
        ));
        assert_eq!(r.status(), Status::Running);
    }

    #[test]
    fn switching_the_rule_to_rotate_while_waiting_rotates() {
        let settings = RotationSettings {
            time_up: TimeUpRule::OnGreen,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b"], settings);
        r.apply(Action::Start, T0).unwrap();
        r.tick(T0 + TURN);
        let patch = SettingsPatch {
            time_up: Some(TimeUpRule::Rotate),
            ..SettingsPatch::default()
        };
        let ev = r
            .apply(Action::Settings { settings: patch }, T0 + TURN + 1)
            .unwrap();
        assert_eq!(ev[0], RotationEvent::SettingsChanged);
        assert!(matches!(
            &ev[1],
            RotationEvent::Rotated {
                reason: RotateReason::TimeUp,
                turn: 2,
                ..
            }
        ));
    }

    #[test]
    fn a_very_late_tick_rotates_only_once() {
        let mut r = started(&["a", "b", "c"]);
        let late = T0 + 10 * 3_600_000;
        let ev = r.tick(late);
        assert_eq!(rotated_count(&ev), 1);
        assert!(
            !ev.iter()
                .any(|e| matches!(e, RotationEvent::Warning { .. }))
        );
        assert_eq!(r.turn(), 2);
        assert_eq!(r.view(late).deadline_ms, Some(late + TURN));
        assert!(r.tick(late).is_empty(), "idempotent");

        // Late into a break: the break starts now, once.
        let settings = RotationSettings {
            break_every: 1,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b"], settings);
        r.apply(Action::Start, T0).unwrap();
        let ev = r.tick(late);
        assert_eq!(
            ev[1],
            RotationEvent::BreakStarted {
                after_turn: 1,
                until_ms: late + 300_000
            }
        );
        // Late out of a break: one new turn, counted from now.
        let later = late + 24 * 3_600_000;
        let ev = r.tick(later);
        assert_eq!(rotated_count(&ev), 1);
        assert_eq!(
            (r.turn(), r.view(later).deadline_ms),
            (2, Some(later + TURN))
        );
    }

    #[test]
    fn serde_round_trip_mid_turn_resumes_with_the_right_time() {
        let mut r = started(&["a", "b", "c"]);
        r.tick(T0 + TURN);
        let json = serde_json::to_string(&r).unwrap();
        let mut restored: Rotation = serde_json::from_str(&json).unwrap();
        assert_eq!(restored, r);

        let now = T0 + TURN + 100_000;
        restored.mark_all_offline(now);
        assert!(restored.tick(now).is_empty());
        let view = restored.view(now);
        assert_eq!(
            (view.status, view.turn, view.remaining_ms),
            (Status::Running, 2, TURN - 100_000)
        );
        assert_eq!(restored.driver(), Some("b"));
        restored.set_presence("b", true, now + 5_000).unwrap();
        restored.set_presence("c", true, now + 5_000).unwrap();
        restored.tick(T0 + 2 * TURN - 60_000);
        let ev = restored.tick(T0 + 2 * TURN);
        assert_eq!(rotated_count(&ev), 1);
        // a never came back: passed over.
        assert_eq!(roles(&restored), (Some("c"), Some("b")));

        // A paused state survives a restart with its exact remaining time.
        let mut p = started(&["a", "b"]);
        p.apply(Action::Pause, T0 + 1_234).unwrap();
        let mut p2: Rotation = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        p2.apply(Action::Resume, T0 + 9_999_999).unwrap();
        assert_eq!(p2.view(T0 + 9_999_999).remaining_ms, TURN - 1_234);
    }

    #[test]
    fn invalid_actions_give_errors_and_change_nothing() {
        let invalid = |action, status| RotationError::InvalidInStatus { action, status };
        let mut empty = Rotation::default();
        assert_eq!(
            empty.apply(Action::Start, T0),
            Err(RotationError::NoEligibleParticipant)
        );

        let mut r = room(&["a", "b"]);
        assert_eq!(
            r.apply(Action::Pause, T0),
            Err(invalid("pause", Status::Idle))
        );
        assert_eq!(
            r.apply(Action::Resume, T0),
            Err(invalid("resume", Status::Idle))
        );
        assert_eq!(
            r.apply(Action::Next, T0),
            Err(invalid("next", Status::Idle))
        );
        r.apply(Action::Start, T0).unwrap();
        assert_eq!(
            r.apply(Action::Start, T0),
            Err(invalid("start", Status::Running))
        );
        assert_eq!(
            r.apply(Action::Resume, T0),
            Err(invalid("resume", Status::Running))
        );
        r.apply(Action::Pause, T0 + 1).unwrap();
        assert_eq!(
            r.apply(Action::Pause, T0 + 2),
            Err(invalid("pause", Status::Paused))
        );
        r.apply(Action::Resume, T0 + 3).unwrap();

        for bad in [5, 9, 1_801, 100_000] {
            let patch = SettingsPatch {
                turn_seconds: Some(bad),
                warning_seconds: Some(5),
                ..Default::default()
            };
            assert_eq!(
                r.apply(Action::Settings { settings: patch }, T0),
                Err(RotationError::InvalidTurnSeconds(bad))
            );
        }
        assert_eq!(
            r.settings().warning_seconds,
            DEFAULT_WARNING_SECONDS,
            "patches are atomic"
        );
        let patch = SettingsPatch {
            break_seconds: Some(1),
            ..Default::default()
        };
        assert_eq!(
            r.apply(Action::Settings { settings: patch }, T0),
            Err(RotationError::InvalidBreakSeconds(1))
        );
        let patch = SettingsPatch {
            warning_seconds: Some(5_000),
            ..Default::default()
        };
        assert_eq!(
            r.apply(Action::Settings { settings: patch }, T0),
            Err(RotationError::InvalidWarningSeconds(5_000))
        );
        assert!(
            Rotation::new(RotationSettings {
                turn_seconds: 0,
                ..Default::default()
            })
            .is_err()
        );

        // Nobody eligible: next is refused.
        r.apply(
            Action::Skip {
                participant: "a".into(),
            },
            T0,
        )
        .unwrap();
        r.apply(
            Action::Skip {
                participant: "b".into(),
            },
            T0,
        )
        .unwrap();
        assert_eq!(
            r.apply(Action::Next, T0),
            Err(RotationError::NoEligibleParticipant)
        );

        // A refused action does not even catch up with the clock.
        let before = r.clone();
        assert!(r.apply(Action::Next, T0 + TURN).is_err());
        assert_eq!(r, before);

        assert_eq!(
            r.set_presence("zed", true, T0),
            Err(RotationError::UnknownParticipant("zed".into()))
        );

        r.apply(Action::End, T0 + 10).unwrap();
        assert_eq!(r.status(), Status::Ended);
        assert_eq!(r.turns()[0].ended_ms, Some(T0 + 10));
        for action in [
            Action::Start,
            Action::Pause,
            Action::Resume,
            Action::Next,
            Action::End,
            Action::Shuffle { seed: None },
        ] {
            let name = action.name();
            assert_eq!(r.apply(action, T0 + 20), Err(invalid(name, Status::Ended)));
        }
        assert_eq!(r.next_wakeup(), None);
    }

    #[test]
    fn can_edit_strict_versus_free() {
        let mut r = room(&["a", "b", "c"]);
        // Idle: the first eligible participant may type before the clock starts.
        assert!(r.can_edit("a", true));
        assert!(!r.can_edit("b", true));
        r.set_presence("a", false, T0).unwrap();
        r.tick(T0 + ABSENCE_GRACE_MS);
        assert!(r.can_edit("b", true));
        r.set_presence("a", true, T0 + ABSENCE_GRACE_MS + 1)
            .unwrap();
        assert!(r.can_edit("a", true));

        r.apply(Action::Start, T0 + 40_000).unwrap();
        assert!(r.can_edit("a", true));
        assert!(!r.can_edit("b", true));
        assert!(!r.can_edit("c", true));
        for id in ["a", "b", "c"] {
            assert!(r.can_edit(id, false));
        }
        assert!(!r.can_edit("stranger", false));
        assert!(!r.can_edit("stranger", true));
        next(&mut r, T0 + 50_000);
        assert!(r.can_edit("b", true));
        assert!(!r.can_edit("a", true));

        r.apply(Action::End, T0 + 60_000).unwrap();
        assert!(!["a", "b", "c"].iter().any(|id| r.can_edit(id, true)));
        assert!(r.can_edit("a", false));
    }

    #[test]
    fn shuffle_is_a_deterministic_permutation() {
        let names = ["a", "b", "c", "d", "e", "f", "g", "h"];
        let base = room(&names);
        let order_for = |seed: u64| {
            let mut r = base.clone();
            r.apply(Action::Shuffle { seed: Some(seed) }, T0).unwrap();
            r.view(T0).order
        };
        assert_eq!(order_for(42), order_for(42));
        let mut sorted = order_for(42);
        sorted.sort();
        assert_eq!(sorted, ids(&names));
        let distinct: std::collections::BTreeSet<_> = (0..10).map(order_for).collect();
        assert!(distinct.len() > 5, "different seeds give different orders");

        // Mid-turn the role holders stay put; only the waiting queue is shuffled.
        let mut r = started(&names);
        for seed in 0..10 {
            r.apply(Action::Shuffle { seed: Some(seed) }, T0 + seed)
                .unwrap();
            assert_eq!(roles(&r), (Some("a"), Some("b")));
            assert_eq!(&queue(&r, T0)[..2], &ids(&["a", "b"])[..]);
        }
    }

    #[test]
    fn reorder_validation_and_effect() {
        let mut r = room(&["a", "b", "c"]);
        let reorder = |order: &[&str]| Action::Reorder { order: ids(order) };
        assert_eq!(
            r.apply(reorder(&["a", "b", "x"]), T0),
            Err(RotationError::UnknownParticipant("x".into()))
        );
        assert_eq!(
            r.apply(reorder(&["a", "b", "b"]), T0),
            Err(RotationError::DuplicateInOrder("b".into()))
        );
        assert_eq!(
            r.apply(reorder(&["a", "b"]), T0),
            Err(RotationError::MissingFromOrder("c".into()))
        );
        assert_eq!(
            r.apply(reorder(&["a", "b", "c", "a"]), T0),
            Err(RotationError::DuplicateInOrder("a".into()))
        );
        assert_eq!(r.view(T0).order, ids(&["a", "b", "c"]));

        // Idle: the new order decides who drives first.
        r.apply(reorder(&["c", "a", "b"]), T0).unwrap();
        assert_eq!(roles(&r), (Some("c"), Some("a")));
        r.apply(Action::Start, T0).unwrap();
        assert_eq!(roles(&r), (Some("c"), Some("a")));

        // Mid-turn: roles stay, the rest follows the order.
        r.join("d", T0 + 1);
        r.apply(reorder(&["d", "b", "a", "c"]), T0 + 2).unwrap();
        assert_eq!(roles(&r), (Some("c"), Some("a")));
        assert_eq!(queue(&r, T0 + 2), ids(&["c", "a", "d", "b"]));
        next(&mut r, T0 + 3);
        assert_eq!(roles(&r), (Some("a"), Some("d")));
    }

    #[test]
    fn reorder_and_shuffle_during_a_break_decide_who_drives_next() {
        let settings = RotationSettings {
            break_every: 1,
            ..RotationSettings::default()
        };
        let mut r = room_with(&["a", "b", "c"], settings);
        r.apply(Action::Start, T0).unwrap();
        r.tick(T0 + TURN);
        assert_eq!(r.status(), Status::Break);
        assert_eq!(queue(&r, T0 + TURN), ids(&["b", "c", "a"]));
        r.apply(
            Action::Reorder {
                order: ids(&["c", "a", "b"]),
            },
            T0 + TURN + 1,
        )
        .unwrap();
        let view = r.view(T0 + TURN + 1);
        assert_eq!(
            (view.driver.as_deref(), view.queue),
            (Some("c"), ids(&["c", "a", "b"]))
        );
        next(&mut r, T0 + TURN + 2);
        assert_eq!(roles(&r), (Some("c"), Some("a")));

        // A shuffle in a break: the view's plan is what happens at the break's end.
        let t = T0 + 2 * TURN + 2;
        r.tick(t);
        assert_eq!(r.status(), Status::Break);
        r.apply(Action::Shuffle { seed: Some(7) }, t + 1).unwrap();
        let planned = r.view(t + 1);
        r.apply(Action::Next, t + 2).unwrap();
        assert_eq!(r.driver(), planned.driver.as_deref());
        assert_eq!(r.navigator(), planned.navigator.as_deref());
    }

    #[test]
    fn history_links_runs_to_turns() {
        let mut r = started(&["a", "b"]);
        assert_eq!(r.current_turn().map(|t| t.turn), Some(1));
        r.tick(T0 + TURN);
        next(&mut r, T0 + TURN + 10_000);
        assert_eq!(r.turns().len(), 3);
        assert_eq!(r.turns()[0].ended_ms, Some(T0 + TURN));
        assert_eq!(r.turns()[1].started_ms, T0 + TURN);
        let t = r.turn_at(T0 + TURN + 5_000).unwrap();
        assert_eq!(
            (t.turn, t.driver.as_deref(), t.navigator.as_deref()),
            (2, Some("b"), Some("a"))
        );
        assert_eq!(r.turn_at(T0 + TURN - 1).unwrap().turn, 1);
        assert_eq!(r.turn_at(T0 + 50 * TURN).unwrap().turn, 3);
        assert_eq!(r.turn_at(T0 - 1), None);
    }

    #[test]
    fn next_while_paused_starts_the_new_turn_running() {
        let mut r = started(&["a", "b"]);
        r.apply(Action::Pause, T0 + 10_000).unwrap();
        let ev = next(&mut r, T0 + 20_000);
        assert_eq!(rotated_count(&ev), 1);
        assert_eq!((r.status(), r.turn()), (Status::Running, 2));
        assert_eq!(r.view(T0 + 20_000).deadline_ms, Some(T0 + 20_000 + TURN));
    }

    #[test]
    fn empty_seats_are_filled_when_someone_comes_back() {
        let mut r = started(&["a", "b"]);
        r.mark_all_offline(T0 + 1);
        r.tick(T0 + TURN);
        assert_eq!(roles(&r), (None, None));
        assert_eq!(r.turn(), 2);
        let ev = r.set_presence("b", true, T0 + TURN + 1).unwrap();
        assert!(ev.contains(&RotationEvent::RolesFilled {
            turn: 2,
            driver: Some("b".into()),
            navigator: None
        }));
        assert_eq!(roles(&r), (Some("b"), None));
        assert_eq!(r.current_turn().unwrap().driver.as_deref(), Some("b"));
    }

    #[test]
    fn settings_change_applies_from_the_next_turn() {
        let mut r = started(&["a", "b"]);
        let patch = SettingsPatch {
            turn_seconds: Some(120),
            ..Default::default()
        };
        assert_eq!(
            r.apply(Action::Settings { settings: patch }, T0 + 1)
                .unwrap(),
            vec![RotationEvent::SettingsChanged]
        );
        assert_eq!(r.view(T0 + 1).deadline_ms, Some(T0 + TURN));
        r.tick(T0 + TURN);
        assert_eq!(r.view(T0 + TURN).deadline_ms, Some(T0 + TURN + 120_000));
    }

    #[test]
    fn json_shapes_match_the_protocol() {
        let a: Action =
            serde_json::from_str(r#"{"action":"start","facilitator_token":"t","type":"rotation"}"#)
                .unwrap();
        assert_eq!(a, Action::Start);
        let a: Action = serde_json::from_str(r#"{"action":"skip","participant":"p1"}"#).unwrap();
        assert_eq!(
            a,
            Action::Skip {
                participant: "p1".into()
            }
        );
        let a: Action = serde_json::from_str(r#"{"action":"shuffle"}"#).unwrap();
        assert_eq!(a, Action::Shuffle { seed: None });
        let a: Action = serde_json::from_str(r#"{"action":"reorder","order":["x","y"]}"#).unwrap();
        assert_eq!(
            a,
            Action::Reorder {
                order: ids(&["x", "y"])
            }
        );
        let a: Action = serde_json::from_str(
            r#"{"action":"settings","settings":{"turn_seconds":120,"time_up":"on_green","mode":"free"}}"#,
        )
        .unwrap();
        assert_eq!(
            a,
            Action::Settings {
                settings: SettingsPatch {
                    turn_seconds: Some(120),
                    time_up: Some(TimeUpRule::OnGreen),
                    mode: Some(EditMode::Free),
                    ..Default::default()
                }
            }
        );
        assert!(serde_json::from_str::<Action>(r#"{"action":"dance"}"#).is_err());

        let r = started(&["a", "b", "c"]);
        let v = serde_json::to_value(r.view(T0 + 59_000)).unwrap();
        assert_eq!(v["status"], "running");
        assert_eq!(v["turn"], 1);
        assert_eq!(v["driver"], "a");
        assert_eq!(v["navigator"], "b");
        assert_eq!(v["next"], "c");
        assert_eq!(v["queue"], serde_json::json!(["a", "b", "c"]));
        assert_eq!(v["deadline_ms"], T0 + TURN);
        assert_eq!(v["remaining_ms"], TURN - 59_000);
        assert_eq!(v["server_time_ms"], T0 + 59_000);
        assert_eq!(v["settings"]["time_up"], "rotate");
        let idle = serde_json::to_value(room(&[]).view(T0)).unwrap();
        assert_eq!(
            (idle["status"].clone(), idle["driver"].clone()),
            ("idle".into(), serde_json::Value::Null)
        );

        let e = serde_json::to_value(RotationEvent::Rotated {
            reason: RotateReason::TimeUp,
            turn: 2,
            driver: Some("b".into()),
            navigator: None,
        })
        .unwrap();
        assert_eq!(
            e,
            serde_json::json!({"type": "rotated", "reason": "time_up", "turn": 2, "driver": "b", "navigator": null})
        );
        assert_eq!(serde_json::to_value(Status::Break).unwrap(), "break");
    }
}
