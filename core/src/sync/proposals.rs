//! Edits refused because their author was not driving, kept as proposals for the
//! driver to apply or discard, so that nothing a person typed vanishes.
//!
//! The case it exists for: the driver goes offline, types, the turn moves on, she
//! reconnects. Her edits arrive as updates from someone who may no longer edit; the
//! room refuses them (the document stays the driver's), and keeps them here, one
//! proposal per author, in the order they came. Applying replays those same updates:
//! Yjs merges them with everything typed since, as it would have had they arrived in
//! time. Pure: no I/O, no clock (times come in).

use serde::Serialize;
use ts_rs::TS;
use yrs::updates::decoder::Decode;
use yrs::{Doc, GetString, Transact, Update};

use super::docsync::{SOLUTION, TESTS};

/// Proposals a room keeps at once: one per author, and a randori group rarely has
/// more than a few people typing offline.
pub const MAX_PROPOSALS: usize = 8;

/// Bytes of updates one proposal may hold: a few thousand lines of typing, far more
/// than an offline stretch produces, and small enough that applying one is cheap.
pub const MAX_PROPOSAL_BYTES: usize = 64 * 1024;

/// Updates one proposal may hold (a stock client sends one per keystroke burst).
pub const MAX_PROPOSAL_UPDATES: usize = 512;

/// One author's refused edits, in arrival order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub id: String,
    /// The participant whose edits these are.
    pub author: String,
    pub created_ms: u64,
    /// The refused updates (Yjs v1), replayed in order when applied.
    pub updates: Vec<Vec<u8>>,
}

impl Proposal {
    pub fn bytes(&self) -> usize {
        self.updates.iter().map(Vec::len).sum()
    }

    /// The updates as one blob for storage: each one length-prefixed (u32, LE).
    pub fn encode_updates(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.bytes() + 4 * self.updates.len());
        for u in &self.updates {
            out.extend_from_slice(&(u.len() as u32).to_le_bytes());
            out.extend_from_slice(u);
        }
        out
    }

    /// The inverse of [`Proposal::encode_updates`]; `None` for a damaged blob.
    pub fn decode_updates(mut bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
        let mut updates = Vec::new();
        while !bytes.is_empty() {
            let (len, rest) = bytes.split_first_chunk::<4>()?;
            let len = u32::from_le_bytes(*len) as usize;
            if rest.len() < len {
                return None;
            }
            updates.push(rest[..len].to_vec());
            bytes = &rest[len..];
        }
        Some(updates)
    }
}

/// Why a refused edit could not be kept (the author is told; the room is unchanged).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotKept {
    #[error("the room already keeps {MAX_PROPOSALS} proposals; apply or discard some first")]
    TooMany,
    #[error("the proposal would exceed {} KiB; ask the driver to apply or discard it first", MAX_PROPOSAL_BYTES / 1024)]
    TooLarge,
}

/// The room's open proposals, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Proposals {
    list: Vec<Proposal>,
}

impl Proposals {
    pub fn restore(list: Vec<Proposal>) -> Proposals {
        Proposals { list }
    }

    pub fn list(&self) -> &[Proposal] {
        &self.list
    }

    /// Keeps a refused `update` of `author`'s: it joins their open proposal, or
    /// starts one with the id `new_id` gives. Returns the proposal as it now is.
    ///
    /// # Errors
    /// [`NotKept`] when a bound would be passed.
    pub fn keep(
        &mut self,
        author: &str,
        update: Vec<u8>,
        now_ms: u64,
        new_id: impl FnOnce() -> String,
    ) -> Result<&Proposal, NotKept> {
        let at = match self.list.iter().position(|p| p.author == author) {
            Some(i) => i,
            None if self.list.len() >= MAX_PROPOSALS => return Err(NotKept::TooMany),
            None => {
                self.list.push(Proposal {
                    id: new_id(),
                    author: author.to_string(),
                    created_ms: now_ms,
                    updates: Vec::new(),
                });
                self.list.len() - 1
            }
        };
        let p = &mut self.list[at];
        if p.bytes() + update.len() > MAX_PROPOSAL_BYTES || p.updates.len() >= MAX_PROPOSAL_UPDATES {
            if p.updates.is_empty() {
                self.list.remove(at);
            }
            return Err(NotKept::TooLarge);
        }
        p.updates.push(update);
        Ok(&self.list[at])
    }

    /// Removes and returns a proposal (to apply or discard it).
    pub fn take(&mut self, id: &str) -> Option<Proposal> {
        let i = self.list.iter().position(|p| p.id == id)?;
        Some(self.list.remove(i))
    }

    /// Puts back what could not be applied, first in the list (it is the oldest
    /// decision waiting).
    pub fn put_back(&mut self, proposal: Proposal) {
        self.list.insert(0, proposal);
    }

    pub fn get(&self, id: &str) -> Option<&Proposal> {
        self.list.iter().find(|p| p.id == id)
    }
}

/// What applying a proposal would change, for people: lines per file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ProposalSummary {
    /// Lines of the solution that would change (added, removed or edited).
    pub solution_lines: u32,
    /// Lines of the tests that would change.
    pub tests_lines: u32,
}

/// The lines each file would change if `updates` were applied to the document
/// `doc_state` (the room's, encoded as one update). Works on a scratch copy; costs
/// about one load of the document.
pub fn summarize(doc_state: &[u8], updates: &[Vec<u8>]) -> ProposalSummary {
    // The updates were refused, so never checked: yrs may panic on crafted ones.
    std::panic::catch_unwind(|| summarize_unchecked(doc_state, updates)).unwrap_or_default()
}

fn summarize_unchecked(doc_state: &[u8], updates: &[Vec<u8>]) -> ProposalSummary {
    let doc = Doc::new();
    // Root texts first: taking one opens a transaction of its own.
    let (solution, tests) = (doc.get_or_insert_text(SOLUTION), doc.get_or_insert_text(TESTS));
    let texts = |doc: &Doc| {
        let txn = doc.transact();
        (solution.get_string(&txn), tests.get_string(&txn))
    };
    let apply = |doc: &Doc, bytes: &[u8]| {
        if let Ok(u) = Update::decode_v1(bytes) {
            let _ = doc.transact_mut().apply_update(u);
        }
    };
    apply(&doc, doc_state);
    let before = texts(&doc);
    for bytes in updates {
        apply(&doc, bytes);
    }
    let after = texts(&doc);
    ProposalSummary {
        solution_lines: changed_lines(&before.0, &after.0),
        tests_lines: changed_lines(&before.1, &after.1),
    }
}

/// Lines that differ between `a` and `b`, outside their common first and last lines:
/// a count for people ("3 lines"), not a diff.
pub fn changed_lines(a: &str, b: &str) -> u32 {
    if a == b {
        return 0;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split('\n').collect(), b.split('\n').collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (a.len().max(b.len()) - prefix - suffix).max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use yrs::{ReadTxn, Text, Transact};

    fn ids() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("p{n}")
        }
    }

    #[test]
    fn one_proposal_per_author_in_arrival_order() {
        let mut p = Proposals::default();
        let mut id = ids();
        p.keep("ada", vec![1], 10, &mut id).unwrap();
        p.keep("bob", vec![2], 11, &mut id).unwrap();
        let ada = p.keep("ada", vec![3], 12, &mut id).unwrap();
        assert_eq!((ada.id.as_str(), ada.updates.clone()), ("p1", vec![vec![1], vec![3]]));
        assert_eq!(p.list().len(), 2);
        let taken = p.take("p1").unwrap();
        assert_eq!(taken.author, "ada");
        assert_eq!(p.list().len(), 1);
    }

    #[test]
    fn bounds_refuse_and_change_nothing() {
        let mut p = Proposals::default();
        for i in 0..MAX_PROPOSALS {
            p.keep(&format!("a{i}"), vec![0], 0, || format!("p{i}")).unwrap();
        }
        let before = p.clone();
        assert_eq!(p.keep("late", vec![0], 0, || "x".into()), Err(NotKept::TooMany));
        assert_eq!(p.keep("a0", vec![0; MAX_PROPOSAL_BYTES], 0, || "x".into()), Err(NotKept::TooLarge));
        assert_eq!(p, before);
    }

    #[test]
    fn stored_updates_round_trip_and_damage_is_caught() {
        let prop = Proposal { id: "p".into(), author: "a".into(), created_ms: 1, updates: vec![vec![1, 2], vec![], vec![3]] };
        let blob = prop.encode_updates();
        assert_eq!(Proposal::decode_updates(&blob), Some(prop.updates.clone()));
        assert_eq!(Proposal::decode_updates(&blob[..blob.len() - 1]), None);
    }

    #[test]
    fn the_summary_counts_the_lines_an_offline_edit_changes() {
        let room = Doc::new();
        let text = room.get_or_insert_text(SOLUTION);
        text.insert(&mut room.transact_mut(), 0, "def f():\n    return 1\n");
        let state = room.transact().encode_state_as_update_v1(&Default::default());
        // Ada's offline copy adds a line.
        let ada = Doc::new();
        ada.transact_mut().apply_update(Update::decode_v1(&state).unwrap()).unwrap();
        let sv = ada.transact().state_vector();
        let t = ada.get_or_insert_text(SOLUTION);
        t.insert(&mut ada.transact_mut(), 9, "    # why\n");
        let edit = ada.transact().encode_state_as_update_v1(&sv);
        let s = summarize(&state, &[edit]);
        assert_eq!(s, ProposalSummary { solution_lines: 1, tests_lines: 0 });
        assert_eq!(changed_lines("a\nb\nc", "a\nX\nY\nc"), 2);
        assert_eq!(changed_lines("same", "same"), 0);
    }
}
