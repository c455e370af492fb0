//! Kept offline edits: list a room's proposals, apply or discard one. Participants
//! and the facilitator see them; the driver or the facilitator decides (the author
//! may discard their own).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use randori_core::events::ProposalView;

use crate::app::state::AppState;
use crate::http::{ApiError, ApiResult, bearer, room};
use crate::room::Room;
use crate::room::proposals::Asker;

/// The asker behind the bearer token: the facilitator or a participant's id.
enum Who {
    Facilitator,
    Participant(String),
}

fn who(room: &Room, headers: &HeaderMap) -> ApiResult<Who> {
    let token = bearer(headers).ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "send a participant or facilitator token as Authorization: Bearer <token>".into(),
        )
    })?;
    if room.verify_facilitator(token) {
        return Ok(Who::Facilitator);
    }
    room.participant_by_token(token)
        .map(|p| Who::Participant(p.id))
        .ok_or_else(|| ApiError(StatusCode::FORBIDDEN, "not a token of this room".into()))
}

fn asker(who: &Who) -> Asker<'_> {
    match who {
        Who::Facilitator => Asker::Facilitator,
        Who::Participant(id) => Asker::Participant(id),
    }
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Json<Vec<ProposalView>>> {
    let room = room(&app, &id).await?;
    who(&room, &headers)?;
    Ok(Json(room.proposals()))
}

/// `POST .../proposals/{proposal}/apply` and `.../discard`.
pub async fn decide(
    State(app): State<Arc<AppState>>,
    Path((id, proposal, decision)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
    let room = room(&app, &id).await?;
    let who = who(&room, &headers)?;
    match decision.as_str() {
        "apply" => room.apply_proposal(&proposal, asker(&who)).await?,
        "discard" => room.discard_proposal(&proposal, asker(&who)).await?,
        other => return Err(ApiError::not_found(format!("{other:?}: a proposal is applied or discarded"))),
    }
    Ok(StatusCode::NO_CONTENT)
}
