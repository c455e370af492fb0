//! The live document: the y-websocket codec, its cost bounds, and a room's document.

pub mod docsync;
pub mod protocol;
pub mod update_bounds;
