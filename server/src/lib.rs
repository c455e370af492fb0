//! Randori: a coding-dojo server.
//!
//! Pairs and groups practise katas in one live, shared editor. The document is a
//! CRDT synced over the stock Yjs websocket protocol; a server-owned timer rotates
//! driver and navigator and moves the keyboard with the role; solutions run in a
//! wasmtime sandbox and are judged on the host.
//!
//! Every rule lives in the pure `randori-core` crate (sync codec and room document,
//! rotation, kata format, verdicts, events): it decides and returns an effect. This
//! crate is the shell that does the I/O, one folder per concern, and dependencies
//! point one way: `http` and `ws` (handlers) -> `app` (state) -> `room`, `runs`,
//! `store`, `katas` (services) -> `randori_core`.
//!
//! - [`http`]: the JSON API under `/api` (rooms, katas, runs); unknown paths 404.
//! - [`ws`]: the two websockets of a room (`sync`: y-websocket; `events`: JSON), and
//!   [`ws::limits`], the one home of their close codes, timeouts and frame limits.
//! - [`app`]: the server's state ([`app::state::AppState`]), flags
//!   ([`app::config`]), metrics (counters, and [`app::latency`] histograms) and the
//!   testable clock.
//! - [`server`]: the wiring: builds the services, the state and the router, listens,
//!   and shuts down cleanly (the one module that knows every layer).
//! - [`room`]: a loaded room (one lock, never held across `.await`) and its
//!   [`room::registry`], which loads and unloads rooms; [`room::proposals`] keeps
//!   refused edits for the driver to apply.
//! - [`runs`]: the run queue (rooms served round robin, [`runs::lanes`]) and the
//!   life of a run in a room; [`runs::judge`] runs a
//!   job in the [`runs::sandbox`] (wasmtime); [`runs::oracle`] keeps a kata's
//!   generator and reference warm.
//! - [`store`]: SQLite, one writer thread with group commit.
//! - [`katas`]: the kata library on disk (loading, reloading, what clients may see).
//! - [`cli`]: the `randori` commands (`serve`, `test`, `kata check/new/submit`).
//! - [`ratelimit`], [`tokens`]: token buckets per address, and secrets.

pub mod app;
pub mod cli;
pub mod http;
pub mod katas;
pub mod ratelimit;
pub mod room;
pub mod runs;
pub mod server;
pub mod store;
pub mod tokens;
pub mod ws;
