//! The inputs that change a rotation: joins, presence, actions, ticks and test runs.

use super::internals::*;
use super::*;

impl Rotation {
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
            self.queue.push(Member {
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
        self.hand_on_from_absent_driver(now_ms, &mut events);
        self.settle(now_ms, &mut events);
        events
    }

    /// A test run finished. With the `on_green` rule, a green run while `waiting`
    /// rotates; anything else changes nothing beyond catching up with the clock.
    pub fn test_run_finished(&mut self, green: bool, now_ms: u64) -> Vec<RotationEvent> {
        let mut events = self.tick(now_ms);
        if green && self.status == RotationStatus::Waiting && self.settings.time_up == TimeUpRule::OnGreen {
            self.finish_turn(RotateReason::Green, now_ms, &mut events);
            self.settle(now_ms, &mut events);
        }
        events
    }

}
