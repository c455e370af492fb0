//! Token buckets: per-connection message rates, per-address room creation and joins,
//! per-room run requests.
//!
//! Pure: time is passed in, so the rules are tested without sleeping.

use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::time::Duration;
use tokio::time::Instant;

/// A bucket that refills at `rate` tokens per second up to `burst`.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl TokenBucket {
    pub fn new(rate_per_second: f64, burst: f64, now: Instant) -> Self {
        TokenBucket {
            rate: rate_per_second,
            burst,
            tokens: burst,
            last: now,
        }
    }

    /// Takes one token; false when the bucket is empty.
    pub fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.last).as_secs_f64();
        self.last = now;
        self.tokens = (self.tokens + elapsed * self.rate).min(self.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// How long a key's bucket is kept after its last use (a full bucket is forgotten:
/// the map stays as small as the set of recently active keys).
const ADDRESS_MEMORY: Duration = Duration::from_secs(600);

/// One bucket per key: `per_minute` sustained, `burst` at once.
#[derive(Debug)]
pub struct PerKey<K> {
    per_minute: u32,
    burst: u32,
    buckets: HashMap<K, TokenBucket>,
    last_sweep: Option<Instant>,
}

/// One bucket per client address (room creation, joins).
pub type PerAddress = PerKey<IpAddr>;

impl<K: Hash + Eq> PerKey<K> {
    /// `per_minute` sustained, and as many at once.
    pub fn new(per_minute: u32) -> Self {
        Self::with_burst(per_minute, per_minute)
    }

    pub fn with_burst(per_minute: u32, burst: u32) -> Self {
        PerKey {
            per_minute,
            burst,
            buckets: HashMap::new(),
            last_sweep: None,
        }
    }

    pub fn per_minute(&self) -> u32 {
        self.per_minute
    }

    pub fn allow(&mut self, addr: K, now: Instant) -> bool {
        if self
            .last_sweep
            .is_none_or(|t| now.saturating_duration_since(t) > ADDRESS_MEMORY)
        {
            self.buckets
                .retain(|_, b| now.saturating_duration_since(b.last) < ADDRESS_MEMORY);
            self.last_sweep = Some(now);
        }
        let (per_minute, burst) = (self.per_minute as f64, self.burst as f64);
        self.buckets
            .entry(addr)
            .or_insert_with(|| TokenBucket::new(per_minute / 60.0, burst, now))
            .take(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_rate() {
        let t0 = Instant::now();
        let mut b = TokenBucket::new(10.0, 5.0, t0);
        for _ in 0..5 {
            assert!(b.take(t0));
        }
        assert!(!b.take(t0));
        assert!(b.take(t0 + Duration::from_millis(100)));
        assert!(!b.take(t0 + Duration::from_millis(100)));
    }

    #[test]
    fn addresses_are_limited_separately() {
        let t0 = Instant::now();
        let mut limits = PerAddress::new(2);
        let a: IpAddr = "127.0.0.1".parse().unwrap();
        let b: IpAddr = "127.0.0.2".parse().unwrap();
        assert!(limits.allow(a, t0));
        assert!(limits.allow(a, t0));
        assert!(!limits.allow(a, t0));
        assert!(limits.allow(b, t0));
        assert!(limits.allow(a, t0 + Duration::from_secs(30)));
    }
}
