//! Latency histograms at `GET /metrics` (prometheus-client): what the benchmarks
//! measure, watchable in production, so an operator sees a tail (a checkpoint stall,
//! a slow kata) without running a benchmark.
//!
//! Buckets double from 0.5 ms to about 16 s: one bucket per factor of two is enough to
//! tell a 1 ms commit from a 93 ms stall, and 16 buckets keep each histogram's text
//! under 1 KiB.

use std::sync::Mutex;

use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use randori_core::verdict::RunKind;

/// Lowest bucket bound (seconds), factor and count: 0.5 ms, 1 ms, ... 16.4 s.
const FIRST_BUCKET_S: f64 = 0.000_5;
const BUCKET_FACTOR: f64 = 2.0;
const BUCKETS: u16 = 16;

/// A histogram with Randori's buckets.
pub fn histogram() -> Histogram {
    Histogram::new(exponential_buckets(FIRST_BUCKET_S, BUCKET_FACTOR, BUCKETS))
}

/// Labels of a run's histograms: its kind (`test`, `submit`) and kata (`""` for free
/// practice). Katas are the server's own folders, so the label set is bounded.
pub type RunLabels = Vec<(&'static str, String)>;

type RunFamily = Family<RunLabels, Histogram, fn() -> Histogram>;

pub struct Latency {
    /// From a sync frame's arrival to its broadcast (after its commit).
    pub update_to_broadcast: Histogram,
    /// Time a run waited in the queue before a worker took it.
    pub run_queue_wait: RunFamily,
    /// Time a run spent in the sandbox, per kind and kata.
    pub run_duration: RunFamily,
    /// The registry that renders them (and the store's commit histogram).
    registry: Mutex<Registry>,
}

impl Default for Latency {
    fn default() -> Self {
        let update_to_broadcast = histogram();
        let run_queue_wait: RunFamily = Family::new_with_constructor(histogram);
        let run_duration: RunFamily = Family::new_with_constructor(histogram);
        let mut registry = Registry::with_prefix("randori");
        registry.register(
            "update_to_broadcast_seconds",
            "From a document update's arrival to its broadcast, its commit included",
            update_to_broadcast.clone(),
        );
        registry.register(
            "run_queue_wait_seconds",
            "Time a run waited for a sandbox worker",
            run_queue_wait.clone(),
        );
        registry.register(
            "run_duration_seconds",
            "Time a run spent in the sandbox, by kind and kata",
            run_duration.clone(),
        );
        Latency {
            update_to_broadcast,
            run_queue_wait,
            run_duration,
            registry: Mutex::new(registry),
        }
    }
}

impl Latency {
    /// Adds a histogram another part owns (the store's commit time).
    pub fn register(&self, name: &str, help: &str, histogram: Histogram) {
        self.registry.lock().expect("latency registry").register(name, help, histogram);
    }

    /// The histograms in the text format, without OpenMetrics' `# EOF` (the rest of
    /// `/metrics` follows the classic text format, which has no end marker).
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = encode(&mut out, &self.registry.lock().expect("latency registry"));
        out.trim_end().trim_end_matches("# EOF").to_string()
    }

    /// Labels for a run of `kind` on `kata`.
    pub fn run_labels(kind: RunKind, kata: Option<&str>) -> RunLabels {
        let kind = match kind {
            RunKind::Test => "test",
            RunKind::Submit => "submit",
        };
        vec![("kind", kind.to_string()), ("kata", kata.unwrap_or_default().to_string())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_render_buckets_and_counts() {
        let l = Latency::default();
        l.update_to_broadcast.observe(0.003);
        l.run_duration
            .get_or_create(&Latency::run_labels(RunKind::Submit, Some("fizzbuzz")))
            .observe(0.012);
        let commit = histogram();
        commit.observe(0.094);
        l.register("store_commit_seconds", "Commit time", commit);
        let text = l.render();
        assert!(text.contains("randori_update_to_broadcast_seconds_bucket{le=\"0.004\"} 1"), "{text}");
        assert!(text.contains("randori_update_to_broadcast_seconds_count 1"), "{text}");
        assert!(text.contains("randori_run_duration_seconds_count{kind=\"submit\",kata=\"fizzbuzz\"} 1"), "{text}");
        assert!(text.contains("randori_store_commit_seconds_bucket{le=\"0.128\"} 1"), "{text}");
        assert!(!text.contains("# EOF"));
    }
}
