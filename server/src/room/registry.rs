//! The registry of rooms: creates them, loads them on first use, unloads idle ones.
//!
//! A room is loaded at most once at a time: concurrent connections to a cold room
//! share one load (a `OnceCell` per id), and nobody is answered before the room is
//! fully loaded, so no client ever sees an empty document while it loads.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::OnceCell;

use randori_core::sync::docsync::SharedDoc;
use crate::room::{Room, RoomContext, RoomError, RoomSettings};
use randori_core::rotation::EditMode;
use randori_core::rotation::{Rotation, RotationSettings};
use crate::store::{self, RoomRecord, Write};
use crate::tokens;

/// How long a room with no connections stays in memory. Long enough to survive a
/// page reload or a brief network drop without reloading; short enough that a
/// server with thousands of finished dojos keeps only the live ones.
pub const IDLE_UNLOAD_DELAY: Duration = Duration::from_secs(30);

/// What a new room starts with.
#[derive(Debug, Clone, Default)]
pub struct NewRoom {
    pub kata: Option<String>,
    pub kata_title: Option<String>,
    pub language: String,
    pub mode: EditMode,
    pub rotation: RotationSettings,
    pub starter_solution: String,
    pub starter_tests: String,
}

type Slot = Arc<OnceCell<Arc<Room>>>;

pub struct Rooms {
    /// Loaded (or loading) rooms by id.
    slots: Mutex<HashMap<String, Slot>>,
    ctx: RoomContext,
    /// Overridable for tests that exercise unloading.
    idle_unload_delay: Duration,
}

enum LoadError {
    NotFound,
    Failed(RoomError),
}

impl Rooms {
    pub fn new(ctx: RoomContext, idle_unload_delay: Duration) -> Self {
        Rooms {
            slots: Mutex::new(HashMap::new()),
            ctx,
            idle_unload_delay,
        }
    }

    pub fn context(&self) -> &RoomContext {
        &self.ctx
    }

    /// Creates and stores a room; returns `(id, facilitator token)`.
    pub async fn create(&self, new: NewRoom) -> Result<(String, String), RoomError> {
        let id = tokens::new_id();
        let token = tokens::new_token();
        let settings = RoomSettings {
            mode: new.mode,
            kata_title: new.kata_title.clone(),
        };
        let (_, first_update) = SharedDoc::with_texts(&new.starter_solution, &new.starter_tests);
        let rotation = Rotation::new(new.rotation)?;
        let store = &self.ctx.store;
        let acks = [
            store.enqueue(Write::CreateRoom(RoomRecord {
                id: id.clone(),
                created_at_ms: self.ctx.clock.now_ms(),
                kata: new.kata,
                language: new.language,
                settings_json: serde_json::to_string(&settings).expect("settings serialize"),
                facilitator_token_hash: tokens::hash_token(&token),
            })),
            store.enqueue(Write::AppendUpdate {
                room_id: id.clone(),
                seq: 0,
                data: first_update,
            }),
            store.enqueue(Write::SaveRotation {
                room_id: id.clone(),
                json: serde_json::to_string(&rotation).expect("rotation serializes"),
            }),
        ];
        for ack in acks {
            store::wait(ack).await?;
        }
        Ok((id, token))
    }

    /// The room with this id, loading it if needed; `None` if no such room exists.
    pub async fn get(&self, id: &str) -> Result<Option<Arc<Room>>, RoomError> {
        if uuid::Uuid::parse_str(id).is_err() {
            return Ok(None);
        }
        loop {
            let slot = {
                let mut slots = self.slots.lock().expect("rooms lock");
                slots.entry(id.to_string()).or_default().clone()
            };
            let loaded = slot
                .get_or_try_init(|| async {
                    let loaded = self
                        .ctx
                        .store
                        .load_room(id)
                        .await
                        .map_err(|e| LoadError::Failed(e.into()))?
                        .ok_or(LoadError::NotFound)?;
                    let room =
                        Room::restore(loaded, self.ctx.clone()).map_err(LoadError::Failed)?;
                    self.ctx
                        .metrics
                        .rooms_loaded
                        .fetch_add(1, Ordering::Relaxed);
                    tracing::debug!(room = %id, "room loaded");
                    Ok::<_, LoadError>(room)
                })
                .await;
            match loaded {
                Ok(room) if room.is_open() => return Ok(Some(room.clone())),
                // Closed between lookup and use: drop the stale slot and load afresh.
                Ok(_) => self.forget(id, &slot),
                Err(LoadError::NotFound) => {
                    self.forget(id, &slot);
                    return Ok(None);
                }
                Err(LoadError::Failed(e)) => {
                    self.forget(id, &slot);
                    return Err(e);
                }
            }
        }
    }

    fn forget(&self, id: &str, slot: &Slot) {
        let mut slots = self.slots.lock().expect("rooms lock");
        if slots.get(id).is_some_and(|s| Arc::ptr_eq(s, slot)) {
            slots.remove(id);
        }
    }

    /// Called when a connection leaves: unloads the room after the idle delay if
    /// nobody came back.
    pub fn release(self: &Arc<Self>, room: &Arc<Room>) {
        if room.connection_count() > 0 {
            return;
        }
        let rooms = self.clone();
        let room = room.clone();
        tokio::spawn(async move {
            tokio::time::sleep(rooms.idle_unload_delay).await;
            rooms.unload_if_idle(&room);
        });
    }

    fn unload_if_idle(&self, room: &Arc<Room>) {
        let mut slots = self.slots.lock().expect("rooms lock");
        let Some(slot) = slots.get(room.id()) else {
            return;
        };
        if !slot.get().is_some_and(|r| Arc::ptr_eq(r, room)) {
            return;
        }
        if room.close_if_idle() {
            slots.remove(room.id());
            self.ctx
                .metrics
                .rooms_loaded
                .fetch_sub(1, Ordering::Relaxed);
            tracing::debug!(room = %room.id(), "room unloaded");
        }
    }

    /// Every loaded room (for shutdown).
    pub fn loaded(&self) -> Vec<Arc<Room>> {
        self.slots
            .lock()
            .expect("rooms lock")
            .values()
            .filter_map(|s| s.get().cloned())
            .collect()
    }

    pub fn loaded_count(&self) -> usize {
        self.slots.lock().expect("rooms lock").len()
    }
}
