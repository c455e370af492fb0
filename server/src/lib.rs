//! Randori: a coding-dojo server.
//!
//! Pairs and groups practise katas in one live, shared editor. The document is a
//! CRDT synced over the stock Yjs websocket protocol; a server-owned timer rotates
//! driver and navigator and moves the keyboard with the role; solutions run in a
//! wasmtime sandbox and are judged on the host.
//!
//! Layout: a pure core (no I/O, unit-tested) under thin shells.
//!
//! Pure core:
//! - [`protocol`]: the y-websocket wire format, decoded and validated;
//!   [`update_bounds`]: what decoding an update may cost, checked first.
//! - [`docsync`]: a room's document and presence, and what each message does to them.
//! - [`rotation`]: the driver/navigator state machine (time passed in).
//! - [`kata::spec`], [`kata::compare`]: the kata format, and value comparison.
//! - [`verdict`]: the run model; how sandbox outcomes become verdicts and lights.
//! - [`ratelimit`], [`tokens`], [`clock`]: token buckets, secrets, testable time.
//!
//! Shells:
//! - [`store`]: SQLite, one writer thread with group commit.
//! - [`room`], [`rooms`]: a loaded room (one lock, never held across `.await`) and
//!   the registry that loads and unloads rooms.
//! - [`sync_socket`], [`events_socket`]: the two websockets of a room.
//! - [`sandbox`]: wasmtime; [`judge`]: runs a job in it; [`oracle`]: a kata's
//!   generator and reference, kept warm; [`runs`]: the queue and the life of a run
//!   in a room.
//! - [`api`], [`server`], [`config`], [`metrics`]: HTTP, wiring, flags, metrics.

pub mod api;
pub mod clock;
pub mod config;
pub mod docsync;
pub mod events_socket;
pub mod judge;
pub mod kata;
pub mod metrics;
pub mod oracle;
pub mod protocol;
pub mod ratelimit;
pub mod room;
pub mod rooms;
pub mod rotation;
pub mod runs;
pub mod sandbox;
pub mod server;
pub mod store;
pub mod sync_socket;
pub mod tokens;
pub mod update_bounds;
pub mod verdict;
