//! Reading a rotation: roles, history and the protocol view.

use super::internals::*;
use super::*;

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
    pub fn status(&self) -> RotationStatus {
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
    pub fn participants(&self) -> &[Member] {
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
            RotationStatus::Idle => self.nth_eligible(0),
            RotationStatus::Running | RotationStatus::Waiting => self.driver.as_deref(),
            _ => None,
        }
    }

    /// The navigator, under the same convention as [`Rotation::driver`].
    pub fn navigator(&self) -> Option<&str> {
        match self.phase() {
            RotationStatus::Idle => self.nth_eligible(1),
            RotationStatus::Running | RotationStatus::Waiting => self.navigator.as_deref(),
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
            RotationStatus::Running => {
                if let Some(deadline) = self.deadline_ms {
                    times.push(deadline);
                    if !self.warned && self.settings.warning_ms() > 0 {
                        times.push(deadline.saturating_sub(self.settings.warning_ms()));
                    }
                }
            }
            RotationStatus::Break => times.extend(self.break_until_ms),
            _ => {}
        }
        if self.status != RotationStatus::Ended {
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
            RotationStatus::Idle => assign_roles(&mut order, None),
            RotationStatus::Break => assign_roles(&mut order, self.driver.as_deref()),
            RotationStatus::Running | RotationStatus::Waiting => (self.driver.clone(), self.navigator.clone()),
            RotationStatus::Paused | RotationStatus::Ended => (None, None),
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
            RotationStatus::Idle => (None, self.settings.turn_ms()),
            RotationStatus::Running => (
                self.deadline_ms,
                self.deadline_ms.map_or(0, |d| d.saturating_sub(now_ms)),
            ),
            RotationStatus::Break => (
                self.break_until_ms,
                self.break_until_ms.map_or(0, |d| d.saturating_sub(now_ms)),
            ),
            RotationStatus::Paused => (None, self.paused.map_or(0, |p| p.remaining_ms)),
            RotationStatus::Waiting | RotationStatus::Ended => (None, 0),
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

}
