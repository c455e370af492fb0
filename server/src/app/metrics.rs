//! Counters and gauges exported at `GET /metrics` in the Prometheus text format, then
//! the latency histograms (`latency.rs`, prometheus-client).
//!
//! The counters are a handful of relaxed atomics: cheaper on the hot path than a
//! registry, and the text format is four lines per metric.

use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

#[derive(Default)]
pub struct Metrics {
    /// Rooms currently in memory (loaded, not yet unloaded after going idle).
    pub rooms_loaded: AtomicI64,
    /// Open sync and events websockets.
    pub connections: AtomicI64,
    /// Document updates that changed a room and were stored.
    pub updates_applied: AtomicU64,
    /// Update frames sent to peers (fan-out deliveries).
    pub updates_delivered: AtomicU64,
    /// Connections closed because of bad input, limits or slowness.
    pub sync_errors: AtomicU64,
    /// Edits refused because the sender was not driving.
    pub edits_refused: AtomicU64,
    /// Awareness states refused: another participant's client id, too many per
    /// connection.
    pub awareness_refused: AtomicU64,
    /// Sandbox runs finished, and runs refused because the queue was full.
    pub runs_finished: AtomicU64,
    pub runs_rejected_busy: AtomicU64,
    /// Latency histograms (`latency.rs`), rendered after the counters.
    pub latency: super::latency::Latency,
}

impl Metrics {
    pub fn inc(counter: &AtomicU64) {
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// Renders the Prometheus text format; `bytes_stored` comes from the store.
    pub fn render(&self, bytes_stored: u64) -> String {
        let mut out = String::new();
        let mut gauge = |name: &str, help: &str, value: i64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        };
        gauge(
            "randori_rooms_loaded",
            "Rooms in memory.",
            self.rooms_loaded.load(Ordering::Relaxed),
        );
        gauge(
            "randori_connections",
            "Open websockets.",
            self.connections.load(Ordering::Relaxed),
        );
        let mut counter = |name: &str, help: &str, value: u64| {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {value}"
            );
        };
        counter(
            "randori_updates_applied_total",
            "Document updates applied and stored.",
            self.updates_applied.load(Ordering::Relaxed),
        );
        counter(
            "randori_updates_delivered_total",
            "Update frames sent to peers.",
            self.updates_delivered.load(Ordering::Relaxed),
        );
        counter(
            "randori_bytes_stored_total",
            "Payload bytes written to storage.",
            bytes_stored,
        );
        counter(
            "randori_sync_errors_total",
            "Connections closed for bad input, limits or slowness.",
            self.sync_errors.load(Ordering::Relaxed),
        );
        counter(
            "randori_edits_refused_total",
            "Edits refused from participants who were not driving.",
            self.edits_refused.load(Ordering::Relaxed),
        );
        counter(
            "randori_awareness_refused_total",
            "Awareness states refused: another participant's client id, or too many per connection.",
            self.awareness_refused.load(Ordering::Relaxed),
        );
        counter(
            "randori_runs_finished_total",
            "Sandbox runs finished.",
            self.runs_finished.load(Ordering::Relaxed),
        );
        counter(
            "randori_runs_rejected_busy_total",
            "Runs refused because the queue was full.",
            self.runs_rejected_busy.load(Ordering::Relaxed),
        );
        out.push_str(&self.latency.render());
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        Metrics::inc(&m.updates_applied);
        m.rooms_loaded.fetch_add(2, Ordering::Relaxed);
        let text = m.render(99);
        assert!(text.contains("# TYPE randori_rooms_loaded gauge\nrandori_rooms_loaded 2\n"));
        assert!(text.contains("randori_updates_applied_total 1\n"));
        assert!(text.contains("randori_bytes_stored_total 99\n"));
        assert!(text.contains("# TYPE randori_update_to_broadcast_seconds histogram"), "{text}");
    }
}
