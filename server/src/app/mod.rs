//! The server's state ([`state::AppState`]), flags, metrics and the testable clock.

pub mod clock;
pub mod config;
pub mod latency;
pub mod metrics;
pub mod state;
