//! The rotation in a room: facilitator actions, the timer that drives deadlines,
//! and the events they publish.

use super::*;

impl Room {
    /// Applies a facilitator action; returns the new rotation view. A `settings`
    /// action may also carry the room's editing mode, which is set once the rotation
    /// has accepted the action.
    pub async fn rotation_action(
        &self,
        action: RotationAction,
    ) -> Result<RotationView, RoomError> {
        let now = self.ctx.clock.now_ms();
        let mode = action.edit_mode();
        let (events, ack) = {
            let mut state = self.lock();
            if state.closed {
                return Err(RoomError::Closed);
            }
            let events = state.rotation.apply(action, now)?;
            (events, self.save_rotation(&state))
        };
        store::wait(ack).await?;
        if let Some(mode) = mode {
            self.set_mode(mode).await?;
        }
        self.timer_wake.notify_one();
        self.publish_rotation_events(events);
        Ok(self.rotation_view())
    }

    /// Changes the room's edit mode (a facilitator setting).
    pub(super) async fn set_mode(&self, mode: EditMode) -> Result<(), RoomError> {
        let ack = {
            let mut state = self.lock();
            state.settings.mode = mode;
            let settings_json = serde_json::to_string(&state.settings).expect("settings serialize");
            self.ctx.store.enqueue(Write::UpdateRoomSettings {
                room_id: self.info.id.clone(),
                settings_json,
            })
        };
        store::wait(ack).await?;
        self.publish_room();
        Ok(())
    }

    /// Tells the rotation a test run ended (for "rotate at the next green run").
    pub async fn test_run_finished(&self, green: bool) {
        let now = self.ctx.clock.now_ms();
        let (events, ack) = {
            let mut state = self.lock();
            let events = state.rotation.test_run_finished(green, now);
            if events.is_empty() {
                return;
            }
            (events, self.save_rotation(&state))
        };
        let _ = store::wait(ack).await;
        self.timer_wake.notify_one();
        self.publish_rotation_events(events);
    }

    pub(super) fn save_rotation(
        &self,
        state: &RoomState,
    ) -> tokio::sync::oneshot::Receiver<Result<(), StoreError>> {
        let json = serde_json::to_string(&state.rotation).expect("rotation serializes");
        self.ctx.store.enqueue(Write::SaveRotation {
            room_id: self.info.id.clone(),
            json,
        })
    }

    pub(super) fn publish_rotation_events(&self, events: Vec<RotationEvent>) {
        if events.is_empty() {
            return;
        }
        let rotation = self.rotation_view();
        for event in events {
            if let RotationEvent::TestAtTurnEnd { turn, driver } = event {
                self.request_turn_end_test(turn, driver);
                continue;
            }
            let reason = event.reason().to_string();
            let rotation = rotation.clone();
            self.emit(match event {
                RotationEvent::Warning { remaining_ms } => RoomEvent::Warning {
                    reason,
                    remaining_ms,
                    rotation,
                },
                RotationEvent::TimeUp { turn, waiting } => RoomEvent::TimeUp {
                    reason,
                    turn,
                    waiting,
                    rotation,
                },
                _ => RoomEvent::Rotation { reason, rotation },
            });
        }
        self.publish_room();
    }

    fn request_turn_end_test(&self, turn: u32, driver: Option<String>) {
        let Some(tx) = &self.ctx.turn_end_tests else { return };
        let request = TurnEndTest { room_id: self.info.id.clone(), turn, driver };
        if let Err(e) = tx.try_send(request) {
            tracing::warn!(room = %self.info.id, turn, error = %e, "turn-end test run dropped");
        }
    }

    pub fn rotation_view(&self) -> RotationView {
        let now = self.ctx.clock.now_ms();
        self.lock().rotation.view(now)
    }

    pub(super) fn tick(&self) -> Option<u64> {
        let now = self.ctx.clock.now_ms();
        let (events, next) = {
            let mut state = self.lock();
            if state.closed {
                return None;
            }
            let events = state.rotation.tick(now);
            if !events.is_empty() {
                // Queued in order with everything else; nothing here waits on it.
                drop(self.save_rotation(&state));
            }
            (events, state.rotation.next_wakeup())
        };
        self.publish_rotation_events(events);
        next
    }
}

/// Drives the rotation's deadlines: sleeps until the next one (or until woken
/// because it moved), then ticks.
pub(super) async fn timer_task(room: Arc<Room>) {
    loop {
        let next = room.tick();
        let sleep = async {
            match next {
                Some(ms) => tokio::time::sleep_until(room.ctx.clock.instant_at(ms)).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            _ = sleep => {}
            _ = room.timer_wake.notified() => {}
            _ = room.stopped.cancelled() => return,
        }
    }
}
