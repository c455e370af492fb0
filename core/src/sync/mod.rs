//! The live document: the y-websocket codec, its cost bounds, a room's document, and
//! who may set which awareness state.

pub mod awareness;
pub mod docsync;
pub mod proposals;
pub mod protocol;
pub mod update_bounds;
