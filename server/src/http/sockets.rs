//! The upgrades to a room's two websockets: origin, room and token checks, then the
//! socket is handed to `crate::ws`.

use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;

use crate::app::state::AppState;
use crate::http::{ApiError, ApiResult, room};
use crate::room::{Participant, Room};
use crate::ws::{events_socket, limits, sync_socket};

#[derive(Deserialize, Default)]
pub struct TokenQuery {
    token: Option<String>,
}

/// Checks `Origin` against the allow-list (if one is configured).
fn origin_allowed(app: &AppState, headers: &HeaderMap) -> bool {
    if app.config.allowed_origins.is_empty() {
        return true;
    }
    match headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        None => true,
        Some(origin) => app.config.allowed_origins.iter().any(|a| a == origin),
    }
}

/// Common checks for both websockets: origin, room, token.
async fn upgrade_target(
    app: &AppState,
    id: &str,
    headers: &HeaderMap,
    token: Option<&str>,
) -> ApiResult<(Arc<Room>, Option<Participant>)> {
    if !origin_allowed(app, headers) {
        return Err(ApiError(StatusCode::FORBIDDEN, "origin not allowed".into()));
    }
    let room = room(app, id).await?;
    let participant = match token.filter(|t| !t.is_empty()) {
        None => None,
        Some(token) => Some(room.participant_by_token(token).ok_or_else(|| {
            ApiError(
                StatusCode::FORBIDDEN,
                "not a participant token of this room".into(),
            )
        })?),
    };
    Ok((room, participant))
}

pub async fn sync(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> ApiResult<Response> {
    let (room, participant) = upgrade_target(&app, &id, &headers, q.token.as_deref()).await?;
    Ok(ws
        .max_message_size(limits::SYNC_MAX_FRAME_BYTES)
        .max_frame_size(limits::SYNC_MAX_FRAME_BYTES)
        .read_buffer_size(limits::SOCKET_BUFFER_BYTES)
        .write_buffer_size(limits::SOCKET_BUFFER_BYTES)
        .on_upgrade(move |socket| sync_socket::serve(socket, room, participant, app)))
}

pub async fn events(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> ApiResult<Response> {
    let (room, participant) = upgrade_target(&app, &id, &headers, q.token.as_deref()).await?;
    Ok(ws
        .max_message_size(limits::EVENTS_MAX_FRAME_BYTES)
        .read_buffer_size(limits::SOCKET_BUFFER_BYTES)
        .write_buffer_size(limits::SOCKET_BUFFER_BYTES)
        .on_upgrade(move |socket| events_socket::serve(socket, room, participant, app)))
}
