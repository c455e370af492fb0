//! Randori's pure core: every rule of the dojo, with no I/O.
//!
//! Nothing in this crate opens a socket, a file or a database, reads a clock or draws
//! a random number: time comes in as unix milliseconds, randomness as a seed from the
//! caller, bytes as slices. Each input returns what it decided (an effect, a list of
//! events, a verdict) and the `randori` server crate does the I/O. `cargo metadata`
//! checks (server/tests/architecture.rs) that no tokio, axum, rusqlite, wasmtime or
//! networking crate ever becomes a dependency.
//!
//! Layout (one folder or file per concept):
//! - [`sync`]: the live document.
//!   - [`sync::protocol`]: the y-websocket wire format, decoded and validated;
//!   - [`sync::update_bounds`]: what decoding an update may cost, checked first;
//!   - [`sync::docsync`]: a room's document and presence, and what each message does.
//! - [`rotation`]: the driver/navigator state machine (settings, actions and events,
//!   state, the inputs that change it).
//! - [`kata`]: the kata format ([`kata::spec`]: `kata.toml` and case files;
//!   [`kata::types`]: the neutral value types; [`kata::view`]: what clients may see)
//!   and [`kata::compare`]: value comparison.
//! - [`verdict`]: the run model; how sandbox outcomes become verdicts and lights.
//! - [`events`]: every message on a room's events socket, as typed enums, and the
//!   room view they carry; [`api`]: the HTTP answers' bodies. The web client's
//!   TypeScript types (web/src/generated/protocol.ts) are generated from both.

pub mod api;
pub mod events;
pub mod kata;
pub mod rotation;
pub mod sync;
pub mod verdict;
