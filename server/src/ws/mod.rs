//! The two websockets of a room: `sync` (the stock y-websocket protocol) and
//! `events` (JSON room events and commands), with their shared [`limits`].

pub mod events_socket;
pub mod limits;
pub mod sync_socket;
