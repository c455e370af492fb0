//! The bodies of the HTTP API's answers (docs/protocol.md), typed so that the web
//! client's types are generated from them like the events' ([`crate::events`]).

use serde::Serialize;
use ts_rs::TS;

use crate::kata::view::KataSummary;
use crate::verdict::Run;

/// `201` to `POST /api/rooms`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct CreatedRoom {
    pub id: String,
    /// The facilitator's secret: rotation actions and settings need it.
    pub facilitator_token: String,
    /// The link to share with participants.
    pub join_url: String,
}

/// `200` to `POST /api/rooms/{id}/join`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Joined {
    pub participant_id: String,
    /// The participant's secret: runs and edits need it.
    pub token: String,
}

/// `202` to `POST /api/rooms/{id}/runs` (without `?wait=true`).
#[derive(Debug, Clone, Serialize, TS)]
pub struct RunAccepted {
    pub run_id: String,
    /// 1 = next.
    pub queue_position: usize,
}

/// `GET /api/rooms/{id}/runs?limit=&before=`: a page of the room's runs, oldest
/// first: the newest `limit` (default 50, at most 200) older than the run `before`.
#[derive(Debug, Clone, Serialize, TS)]
pub struct RunList {
    pub runs: Vec<Run>,
    /// Older runs exist: ask again with `before` = the first run's id.
    pub more: bool,
}

/// `GET /api/katas`: the catalogue, by difficulty then title.
#[derive(Debug, Clone, Serialize, TS)]
pub struct KataList {
    pub katas: Vec<KataSummary>,
}

/// Every error answer: a status and this body.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ErrorBody {
    /// What went wrong, for people.
    pub error: String,
}
