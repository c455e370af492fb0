//! How a rotation settles: turn changes, seat filling, role assignment, shuffling.

use super::*;

impl Rotation {
    // ---------------------------------------------------------------- internals

    /// The status whose rules apply: a paused state behaves like what it paused.
    pub(super) fn phase(&self) -> RotationStatus {
        match (self.status, self.paused) {
            (RotationStatus::Paused, Some(p)) => p.resume_to,
            (status, _) => status,
        }
    }

    /// Index of `id` in the queue.
    pub(super) fn position(&self, id: &str) -> Option<usize> {
        self.queue.iter().position(|p| p.id == id)
    }

    /// The `n`-th eligible participant in queue order.
    pub(super) fn nth_eligible(&self, n: usize) -> Option<&str> {
        self.queue
            .iter()
            .filter(|p| p.eligible())
            .nth(n)
            .map(|p| p.id.as_str())
    }

    /// How many queue slots at the front hold roles (driver, navigator).
    pub(super) fn held_roles(&self) -> usize {
        usize::from(self.driver.is_some()) + usize::from(self.navigator.is_some())
    }

    pub(super) fn require_eligible(&self) -> Result<(), RotationError> {
        if self.queue.iter().any(Member::eligible) {
            Ok(())
        } else {
            Err(RotationError::NoEligibleParticipant)
        }
    }

    pub(super) fn apply_action(
        &mut self,
        action: Action,
        now: u64,
        events: &mut Vec<RotationEvent>,
    ) -> Result<(), RotationError> {
        let invalid = RotationError::InvalidInStatus {
            action: action.name(),
            status: self.status,
        };
        if self.status == RotationStatus::Ended {
            return Err(invalid);
        }
        match action {
            Action::Start if self.status != RotationStatus::Idle => return Err(invalid),
            Action::Start => {
                self.require_eligible()?;
                self.start_turn(RotateReason::Start, now, events);
            }
            Action::Pause => self.pause(now, events).ok_or(invalid)?,
            Action::Resume => self.resume(now, events).ok_or(invalid)?,
            Action::Next if self.status == RotationStatus::Idle => return Err(invalid),
            Action::Next => self.next(now, events)?,
            Action::Skip { participant } => self.set_skipped(participant, true, events)?,
            Action::Unskip { participant } => self.set_skipped(participant, false, events)?,
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
            Action::End => self.end(now, events),
        }
        Ok(())
    }

    /// Freezes the running turn's or break's clock; `None` when nothing runs.
    fn pause(&mut self, now: u64, events: &mut Vec<RotationEvent>) -> Option<()> {
        let until = match self.status {
            RotationStatus::Running => self.deadline_ms.take(),
            RotationStatus::Break => self.break_until_ms.take(),
            _ => return None,
        };
        let remaining_ms = until.map_or(0, |u| u.saturating_sub(now));
        self.paused = Some(PausedClock {
            resume_to: self.status,
            remaining_ms,
        });
        self.status = RotationStatus::Paused;
        events.push(RotationEvent::Paused { remaining_ms });
        Some(())
    }

    /// Restarts a paused clock with exactly the time it had left; `None` unless paused.
    fn resume(&mut self, now: u64, events: &mut Vec<RotationEvent>) -> Option<()> {
        let paused = self.paused.filter(|_| self.status == RotationStatus::Paused)?;
        let deadline_ms = now.saturating_add(paused.remaining_ms);
        match paused.resume_to {
            RotationStatus::Break => self.break_until_ms = Some(deadline_ms),
            _ => self.deadline_ms = Some(deadline_ms),
        }
        self.status = paused.resume_to;
        self.paused = None;
        events.push(RotationEvent::Resumed { deadline_ms });
        Some(())
    }

    /// Rotates now; also ends a break or a wait.
    fn next(&mut self, now: u64, events: &mut Vec<RotationEvent>) -> Result<(), RotationError> {
        self.require_eligible()?;
        let in_break = self.phase() == RotationStatus::Break;
        self.paused = None;
        if in_break {
            self.break_until_ms = None;
            events.push(RotationEvent::BreakEnded);
            self.start_turn(RotateReason::Next, now, events);
        } else {
            self.finish_turn(RotateReason::Next, now, events);
        }
        Ok(())
    }

    /// `skip` (`skipped` true) or `unskip` a participant; unskipping may fill a seat.
    fn set_skipped(
        &mut self,
        participant: String,
        skipped: bool,
        events: &mut Vec<RotationEvent>,
    ) -> Result<(), RotationError> {
        let i = self
            .position(&participant)
            .ok_or_else(|| RotationError::UnknownParticipant(participant.clone()))?;
        match (self.queue[i].skipped, skipped) {
            (true, true) => return Err(RotationError::AlreadySkipped(participant)),
            (false, false) => return Err(RotationError::NotSkipped(participant)),
            _ => {}
        }
        self.queue[i].skipped = skipped;
        push_roster_changed(events);
        if !skipped {
            self.fill_seats(events);
        }
        Ok(())
    }

    /// Ends the session for good.
    fn end(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
        self.close_turn(now);
        self.status = RotationStatus::Ended;
        self.driver = None;
        self.navigator = None;
        self.deadline_ms = None;
        self.break_until_ms = None;
        self.paused = None;
        self.warned = false;
        events.push(RotationEvent::Ended { turn: self.turn });
    }

    /// Sets the queue order. Role holders of a turn that is on keep their seats at the
    /// front until the next rotation; everyone else follows `order`, which must be a
    /// permutation of all ids. In idle and in a break the whole order applies.
    pub(super) fn reorder(&mut self, order: &[String]) -> Result<(), RotationError> {
        self.validate_order(order)?;
        self.release_roles_in_break();
        let held = self.held_roles();
        let mut rest: Vec<Member> = self.queue.drain(held..).collect();
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
    pub(super) fn release_roles_in_break(&mut self) {
        if self.phase() != RotationStatus::Break {
            return;
        }
        if let Some(i) = self.driver.take().and_then(|id| self.position(&id)) {
            let p = self.queue.remove(i);
            self.queue.push(p);
        }
        self.navigator = None;
    }

    /// `order` must be a permutation of the current ids.
    pub(super) fn validate_order(&self, order: &[String]) -> Result<(), RotationError> {
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

    /// With `hand_on_when_away`, ends the turn of a driver who is absent, when
    /// someone else could drive (a room of one keeps its driver).
    pub(super) fn hand_on_from_absent_driver(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
        let on = matches!(self.status, RotationStatus::Running | RotationStatus::Waiting);
        let Some(driver) = self.driver.as_deref() else { return };
        let away = self.queue.iter().any(|p| p.id == driver && p.absent);
        let someone_else = self.queue.iter().any(|p| p.id != driver && p.eligible());
        if on && away && someone_else && self.settings.hand_on_when_away {
            self.finish_turn(RotateReason::DriverAway, now, events);
        }
    }

    /// Marks as absent everyone offline for at least the grace period.
    pub(super) fn refresh_absences(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
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

    pub(super) fn change_presence(
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
    pub(super) fn settle(&mut self, now: u64, events: &mut Vec<RotationEvent>) {
        for _ in 0..MAX_SETTLE_STEPS {
            match self.status {
                RotationStatus::Running => {
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
                            self.push_test_at_turn_end(events);
                            self.status = RotationStatus::Waiting;
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
                RotationStatus::Break => {
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
                RotationStatus::Waiting if self.settings.time_up == TimeUpRule::Rotate => {
                    self.finish_turn(RotateReason::TimeUp, now, events);
                }
                _ => return,
            }
        }
    }

    /// Ends the current turn: a break if one is due after it, else the next turn.
    pub(super) fn finish_turn(&mut self, reason: RotateReason, now: u64, events: &mut Vec<RotationEvent>) {
        // A waiting turn had its test at time up; a green run needs none.
        if self.status == RotationStatus::Running && reason != RotateReason::Green {
            self.push_test_at_turn_end(events);
        }
        self.close_turn(now);
        self.deadline_ms = None;
        self.paused = None;
        self.warned = false;
        let every = self.settings.break_every;
        if every > 0 && self.turn > 0 && self.turn.is_multiple_of(every) {
            let until_ms = now.saturating_add(self.settings.break_ms());
            self.status = RotationStatus::Break;
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
    pub(super) fn start_turn(&mut self, reason: RotateReason, now: u64, events: &mut Vec<RotationEvent>) {
        let outgoing = self.driver.take();
        self.navigator = None;
        let (driver, navigator) = assign_roles(&mut self.queue, outgoing.as_deref());
        self.driver = driver;
        self.navigator = navigator;
        self.turn += 1;
        self.status = RotationStatus::Running;
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

    /// The `test_at_turn_end` effect for the current turn, when the setting is on.
    fn push_test_at_turn_end(&self, events: &mut Vec<RotationEvent>) {
        if self.settings.test_at_turn_end && self.turn > 0 {
            events.push(RotationEvent::TestAtTurnEnd {
                turn: self.turn,
                driver: self.driver.clone(),
            });
        }
    }

    /// Closes the open turn record, if any.
    pub(super) fn close_turn(&mut self, now: u64) {
        if let Some(turn) = self.turns.last_mut().filter(|t| t.ended_ms.is_none()) {
            turn.ended_ms = Some(now.max(turn.started_ms));
        }
    }

    /// While a turn is on, gives an empty driver or navigator seat to the first eligible
    /// participant (someone who joined or came back); never displaces a role holder.
    pub(super) fn fill_seats(&mut self, events: &mut Vec<RotationEvent>) {
        if !matches!(self.phase(), RotationStatus::Running | RotationStatus::Waiting) {
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
pub(super) fn assign_roles(
    queue: &mut Vec<Member>,
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
pub(super) fn promote(queue: &mut Vec<Member>, slot: usize) -> Option<String> {
    let i = slot + queue.get(slot..)?.iter().position(Member::eligible)?;
    let p = queue.remove(i);
    let id = p.id.clone();
    queue.insert(slot, p);
    Some(id)
}

/// Adds `RosterChanged` unless the batch already has one.
pub(super) fn push_roster_changed(events: &mut Vec<RotationEvent>) {
    if !events.contains(&RotationEvent::RosterChanged) {
        events.push(RotationEvent::RosterChanged);
    }
}

/// One `SplitMix64` step: a tiny, well-mixed generator, so `shuffle` is deterministic for
/// a seed without a dependency.
pub(super) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fisher–Yates shuffle driven by `SplitMix64` from `seed`.
pub(super) fn shuffle_in_place<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        // Multiply-shift maps the 64-bit draw onto 0..=i without a division.
        let bound = u128::try_from(i + 1).unwrap_or(u128::MAX);
        let j = usize::try_from((u128::from(splitmix64(&mut state)) * bound) >> 64).unwrap_or(0);
        items.swap(i, j);
    }
}
