//! A room's events connections, presence, and the public view they are sent.

use super::*;

impl Room {
    /// Subscribes an events socket; returns the receiver and the `hello` event.
    pub fn attach_events(
        &self,
        participant: Option<&Participant>,
    ) -> Result<(broadcast::Receiver<Arc<str>>, String), RoomError> {
        let receiver = self.events.subscribe();
        let changed = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            state.event_subscribers += 1;
            participant
                .map(|p| self.presence_up(&mut state, &p.id))
                .unwrap_or(false)
        };
        if changed {
            self.publish_room();
        }
        let hello = RoomEvent::Hello {
            you: participant.map(|p| You {
                participant_id: p.id.clone(),
                name: p.name.clone(),
            }),
            room: self.view(),
        };
        Ok((receiver, hello.to_frame()))
    }

    pub fn detach_events(&self, participant: Option<&str>) {
        let changed = {
            let mut state = self.lock();
            state.event_subscribers = state.event_subscribers.saturating_sub(1);
            participant
                .map(|p| self.presence_down(&mut state, p))
                .unwrap_or(false)
        };
        if changed {
            self.publish_room();
        }
    }

    pub(super) fn presence_up(&self, state: &mut RoomState, participant: &str) -> bool {
        let count = state.presence.entry(participant.to_string()).or_insert(0);
        *count += 1;
        if *count == 1 {
            let now = self.ctx.clock.now_ms();
            let _ = state.rotation.set_presence(participant, true, now);
            self.timer_wake.notify_one();
            true
        } else {
            false
        }
    }

    pub(super) fn presence_down(&self, state: &mut RoomState, participant: &str) -> bool {
        let Some(count) = state.presence.get_mut(participant) else {
            return false;
        };
        *count -= 1;
        if *count == 0 {
            state.presence.remove(participant);
            let now = self.ctx.clock.now_ms();
            let _ = state.rotation.set_presence(participant, false, now);
            self.timer_wake.notify_one();
            true
        } else {
            false
        }
    }

    /// Sends an event to every events socket.
    pub fn emit(&self, event: RoomEvent) {
        let _ = self.events.send(Arc::from(event.to_frame()));
    }

    /// Sends the full public room state to every events socket.
    pub fn publish_room(&self) {
        self.emit(RoomEvent::Room { room: self.view() });
    }

    /// Public state: never tokens.
    pub fn view(&self) -> RoomView {
        let now = self.ctx.clock.now_ms();
        let state = self.lock();
        let participants = state
            .participants
            .iter()
            .map(|p| ParticipantView {
                id: p.id.clone(),
                name: p.name.clone(),
                online: state.presence.contains_key(&p.id),
            })
            .collect();
        let rotation = state.rotation.view(now);
        let timer = &rotation.settings;
        RoomView {
            id: self.info.id.clone(),
            kata: self.info.kata.clone(),
            kata_title: state.settings.kata_title.clone(),
            language: self.info.language.clone(),
            created_at_ms: self.info.created_at_ms,
            settings: RoomSettingsView {
                mode: state.settings.mode,
                turn_seconds: timer.turn_seconds,
                time_up: timer.time_up,
                break_every: timer.break_every,
                break_seconds: timer.break_seconds,
                warning_seconds: timer.warning_seconds,
                hand_on_when_away: timer.hand_on_when_away,
                test_at_turn_end: timer.test_at_turn_end,
            },
            participants,
            rotation,
            server_time_ms: now,
        }
    }
}
