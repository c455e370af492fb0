//! Wall-clock milliseconds that follow tokio's clock.
//!
//! Deadlines are absolute wall-clock times (they are shown on every screen and must
//! survive a restart), but tests need to move time by hand. Reading wall-clock time
//! as "start time + tokio elapsed time" gives both: in production it is the real
//! clock, under `tokio::time::pause()` it advances only with `advance()`.

use std::time::{SystemTime, UNIX_EPOCH};
use tokio::time::Instant;

#[derive(Clone, Copy, Debug)]
pub struct Clock {
    /// Unix milliseconds when the clock was created.
    base_ms: u64,
    /// tokio's instant at that moment.
    base: Instant,
}

impl Default for Clock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock {
    pub fn new() -> Self {
        let base_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        Clock {
            base_ms,
            base: Instant::now(),
        }
    }

    /// Current unix time in milliseconds.
    pub fn now_ms(&self) -> u64 {
        self.base_ms + self.base.elapsed().as_millis() as u64
    }

    /// The tokio instant at which `now_ms()` will read `ms` (now, if already past).
    pub fn instant_at(&self, ms: u64) -> Instant {
        let now = self.now_ms();
        Instant::now() + std::time::Duration::from_millis(ms.saturating_sub(now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn follows_tokio_time() {
        let clock = Clock::new();
        let t0 = clock.now_ms();
        tokio::time::advance(std::time::Duration::from_secs(90)).await;
        assert_eq!(clock.now_ms() - t0, 90_000);
    }
}
