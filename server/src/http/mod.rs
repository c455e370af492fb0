//! The HTTP edge: JSON in and out, errors as `{"error": "..."}` with a fitting status.
//! Handlers parse, check tokens, call into rooms/runs/katas, and shape the answer:
//! [`rooms`], [`runs`], [`katas`], and [`sockets`] (the upgrades to the two
//! websockets of `crate::ws`). Unknown paths under `/api` answer 404 in JSON.

mod katas;
mod rooms;
mod runs;
mod sockets;

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use randori_core::api::ErrorBody;

use crate::app::state::AppState;
use crate::room::{Participant, Room, RoomError};
use crate::runs::RunError;

/// Largest JSON body accepted by the API.
const MAX_BODY_BYTES: usize = 64 * 1024;

/// An error answer: status and a message for people.
#[derive(Debug)]
pub struct ApiError(pub StatusCode, pub String);

impl ApiError {
    pub fn bad_request(m: impl Into<String>) -> Self {
        ApiError(StatusCode::BAD_REQUEST, m.into())
    }
    pub fn not_found(m: impl Into<String>) -> Self {
        ApiError(StatusCode::NOT_FOUND, m.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(ErrorBody { error: self.1 })).into_response()
    }
}

impl From<RoomError> for ApiError {
    fn from(e: RoomError) -> Self {
        match e {
            RoomError::Invalid(m) => ApiError::bad_request(m),
            RoomError::Rotation(e) => ApiError(StatusCode::CONFLICT, e.to_string()),
            RoomError::Closed => ApiError(StatusCode::SERVICE_UNAVAILABLE, e.to_string()),
            other => {
                tracing::error!(error = %other, "room error");
                ApiError(StatusCode::INTERNAL_SERVER_ERROR, other.to_string())
            }
        }
    }
}

impl From<RunError> for ApiError {
    fn from(e: RunError) -> Self {
        let status = match &e {
            RunError::Busy { .. } => StatusCode::TOO_MANY_REQUESTS,
            RunError::NoKata | RunError::UnknownKata(_) => StatusCode::CONFLICT,
            RunError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            RunError::UnknownRun => StatusCode::NOT_FOUND,
            RunError::Store(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, e.to_string())
    }
}

type ApiResult<T> = Result<T, ApiError>;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/metrics", get(metrics))
        .route("/api/rooms", post(rooms::create))
        .route("/api/rooms/{id}", get(rooms::get))
        .route("/api/rooms/{id}/join", post(rooms::join))
        .route("/api/rooms/{id}/runs", post(runs::create).get(runs::list))
        .route("/api/rooms/{id}/runs/{run_id}", get(runs::get))
        .route("/api/rooms/{id}/rotation", post(rooms::rotation))
        .route("/api/katas", get(katas::list))
        .route("/api/katas/{slug}", get(katas::get))
        .route("/rooms/{id}/sync", get(sockets::sync))
        .route("/rooms/{id}/events", get(sockets::events))
        // Any other path under /api is an API client's mistake, not a page of the
        // web client: answer it in JSON rather than with index.html.
        .route("/api", any(unknown_api_path))
        .route("/api/{*rest}", any(unknown_api_path))
}

async fn unknown_api_path(uri: Uri) -> ApiError {
    ApiError::not_found(format!("no API endpoint {}; see docs/protocol.md", uri.path()))
}

pub fn parse_json<T: DeserializeOwned>(body: &Bytes) -> ApiResult<T> {
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("body larger than {MAX_BODY_BYTES} bytes"),
        ));
    }
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("invalid JSON body: {e}")))
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

pub async fn room(app: &AppState, id: &str) -> ApiResult<Arc<Room>> {
    let room = app
        .rooms
        .get(id)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no room with id {id}")))?;
    // A room loaded for an HTTP request has no connection whose end would unload it:
    // schedule the idle check now (a websocket attached by then keeps it loaded).
    app.rooms.release(&room);
    Ok(room)
}

async fn metrics(State(app): State<Arc<AppState>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.metrics.render(app.store.bytes_written()),
    )
}

pub fn participant(room: &Room, headers: &HeaderMap) -> ApiResult<Participant> {
    let token = bearer(headers).ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "send the participant token as Authorization: Bearer <token>".into(),
        )
    })?;
    room.participant_by_token(token).ok_or_else(|| {
        ApiError(
            StatusCode::FORBIDDEN,
            "not a participant token of this room".into(),
        )
    })
}

