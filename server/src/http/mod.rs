//! The HTTP edge: JSON in and out, errors as `{"error": "..."}` with a fitting status.
//! Handlers parse, check tokens, call into rooms/runs/katas, and shape the answer:
//! [`rooms`], [`runs`], [`katas`], and [`sockets`] (the upgrades to the two
//! websockets of `crate::ws`). Unknown paths under `/api` answer 404 in JSON; a POST
//! under `/api` without `Content-Type: application/json` answers 415 (see
//! [`require_json`]).

mod katas;
mod proposals;
mod rooms;
mod runs;
mod sockets;

use std::sync::Arc;

use std::net::{IpAddr, SocketAddr};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::middleware::Next;
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
            RoomError::Full | RoomError::Conflict(_) => ApiError(StatusCode::CONFLICT, e.to_string()),
            RoomError::NoProposal => ApiError::not_found(e.to_string()),
            RoomError::NotAllowed(m) => ApiError(StatusCode::FORBIDDEN, m),
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
            RunError::Busy { .. } | RunError::RoomBusy { .. } | RunError::TooFrequent { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
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
        .route("/api/rooms/{id}/proposals", get(proposals::list))
        .route("/api/rooms/{id}/proposals/{proposal}/{decision}", post(proposals::decide))
        .route("/api/katas", get(katas::list))
        .route("/api/katas/{slug}", get(katas::get))
        .route("/rooms/{id}/sync", get(sockets::sync))
        .route("/rooms/{id}/events", get(sockets::events))
        // Any other path under /api is an API client's mistake, not a page of the
        // web client: answer it in JSON rather than with index.html.
        .route("/api", any(unknown_api_path))
        .route("/api/{*rest}", any(unknown_api_path))
        .layer(axum::middleware::from_fn(require_json))
}

/// Refuses a POST under `/api` whose body is not declared JSON. A web page on any
/// other site can make a browser send a `text/plain` (or form) POST without asking,
/// carrying the browser's address but no CORS preflight; `application/json` needs
/// the preflight, which this server never grants. So a cross-site page cannot create
/// rooms, join or run in a visitor's name.
async fn require_json(request: Request, next: Next) -> Response {
    if request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && !is_json(request.headers())
    {
        return ApiError(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as JSON with Content-Type: application/json".into(),
        )
        .into_response();
    }
    next.run(request).await
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
}

/// The client's address for per-address limits: the peer's, or when the peer is a
/// trusted proxy, the last address its `X-Forwarded-For` names that is not itself a
/// trusted proxy (earlier entries are whatever the client chose to send).
pub fn client_address(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let peer = peer.ip();
    if !trusted.contains(&peer) {
        return peer;
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>();
    forwarded
        .iter()
        .rev()
        .map(|a| a.parse::<IpAddr>())
        .take_while(Result::is_ok)
        .flatten()
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
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


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_counts_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let peer = SocketAddr::new(proxy, 4000);
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        // The proxy appended the real client (203.0.113.7); 6.6.6.6 is the client's own claim.
        assert_eq!(client_address(peer, &headers, &[proxy]), "203.0.113.7".parse::<IpAddr>().unwrap());
        // From anyone else the header is ignored.
        assert_eq!(client_address(peer, &headers, &[]), proxy);
        // Garbage or only proxies: the peer.
        headers.insert("x-forwarded-for", "not-an-ip".parse().unwrap());
        assert_eq!(client_address(peer, &headers, &[proxy]), proxy);
        headers.insert("x-forwarded-for", "10.0.0.1".parse().unwrap());
        assert_eq!(client_address(peer, &headers, &[proxy]), proxy);
    }

    #[test]
    fn json_content_type_with_parameters() {
        let mut headers = HeaderMap::new();
        assert!(!is_json(&headers));
        headers.insert(header::CONTENT_TYPE, "text/plain".parse().unwrap());
        assert!(!is_json(&headers));
        headers.insert(header::CONTENT_TYPE, "Application/JSON; charset=utf-8".parse().unwrap());
        assert!(is_json(&headers));
    }
}
