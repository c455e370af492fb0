//! Fair sharing of the sandbox workers between rooms: one lane of queued jobs per
//! room, served round robin, so a room that queues many runs delays its own runs,
//! not everybody else's. Pure: no threads, no time.
//!
//! Before (one first-come queue of 64 slots), one participant posting 64 slow runs
//! made every other room wait behind all of them or be refused as busy.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// Why a job was not queued.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Every lane together holds `capacity` jobs.
    Full { capacity: usize },
    /// This lane holds `per_lane` jobs already.
    LaneFull { per_lane: usize },
}

/// Jobs waiting for a worker, per lane (room).
#[derive(Debug)]
pub struct Lanes<K, T> {
    /// Each lane's jobs, oldest first. A lane exists only while it holds a job, so
    /// idle rooms cost nothing.
    lanes: HashMap<K, VecDeque<T>>,
    /// Lanes in serving order: the front is served next, then goes to the back.
    order: VecDeque<K>,
    /// Jobs in every lane together.
    waiting: usize,
    /// Most jobs in all lanes together (`--queue-capacity`).
    capacity: usize,
    /// Most jobs one lane may hold.
    per_lane: usize,
}

impl<K: Hash + Eq + Clone, T> Lanes<K, T> {
    pub fn new(capacity: usize, per_lane: usize) -> Self {
        Lanes {
            lanes: HashMap::new(),
            order: VecDeque::new(),
            waiting: 0,
            capacity: capacity.max(1),
            per_lane: per_lane.max(1),
        }
    }

    /// Queues `job` in `lane`; returns its expected place (1 = next) under round robin.
    pub fn push(&mut self, lane: K, job: T) -> Result<usize, Refusal> {
        if self.waiting >= self.capacity {
            return Err(Refusal::Full {
                capacity: self.capacity,
            });
        }
        let own = self.lanes.get(&lane).map_or(0, VecDeque::len);
        if own >= self.per_lane {
            return Err(Refusal::LaneFull {
                per_lane: self.per_lane,
            });
        }
        // Every other lane serves up to one job per round before ours comes up.
        let ahead: usize = self
            .lanes
            .iter()
            .filter(|(k, _)| **k != lane)
            .map(|(_, q)| q.len().min(own + 1))
            .sum();
        if own == 0 {
            self.order.push_back(lane.clone());
        }
        self.lanes.entry(lane).or_default().push_back(job);
        self.waiting += 1;
        Ok(ahead + own + 1)
    }

    /// The next job: the oldest of the lane whose turn it is.
    pub fn pop(&mut self) -> Option<T> {
        let lane = self.order.pop_front()?;
        let queue = self.lanes.get_mut(&lane)?;
        let job = queue.pop_front();
        if queue.is_empty() {
            self.lanes.remove(&lane);
        } else {
            self.order.push_back(lane);
        }
        self.waiting -= usize::from(job.is_some());
        job
    }

    pub fn waiting(&self) -> usize {
        self.waiting
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_served_round_robin() {
        let mut lanes = Lanes::new(64, 8);
        for i in 0..5 {
            lanes.push("flood", format!("flood {i}")).unwrap();
        }
        assert_eq!(lanes.push("quiet", "quiet 0".to_string()), Ok(2));
        let order: Vec<String> = std::iter::from_fn(|| lanes.pop()).collect();
        assert_eq!(
            order,
            ["flood 0", "quiet 0", "flood 1", "flood 2", "flood 3", "flood 4"]
        );
        assert_eq!(lanes.waiting(), 0);
        assert!(lanes.lanes.is_empty() && lanes.order.is_empty());
    }

    #[test]
    fn places_count_what_round_robin_serves_first() {
        let mut lanes = Lanes::new(64, 8);
        assert_eq!(lanes.push('a', ()), Ok(1));
        assert_eq!(lanes.push('a', ()), Ok(2));
        assert_eq!(lanes.push('b', ()), Ok(2));
        assert_eq!(lanes.push('b', ()), Ok(4));
        assert_eq!(lanes.push('c', ()), Ok(3));
    }

    #[test]
    fn a_lane_and_the_whole_queue_are_bounded() {
        let mut lanes = Lanes::new(3, 2);
        lanes.push(1, ()).unwrap();
        lanes.push(1, ()).unwrap();
        assert_eq!(lanes.push(1, ()), Err(Refusal::LaneFull { per_lane: 2 }));
        lanes.push(2, ()).unwrap();
        assert_eq!(lanes.push(3, ()), Err(Refusal::Full { capacity: 3 }));
        lanes.pop();
        assert_eq!(lanes.push(3, ()), Ok(3));
    }
}
