//! The HTTP edge: JSON in and out, errors as `{"error": "..."}` with a fitting status.
//! Handlers parse, check tokens, call into rooms/runs/katas, and shape the answer.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::room::{EditMode, Participant, Room, RoomError};
use crate::rooms::NewRoom;
use crate::rotation::{Action as RotationAction, RotationSettings, TimeUpRule};
use crate::runs::{RunError, RunKind};
use crate::server::AppState;
use crate::{events_socket, protocol, sync_socket};

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
        (self.0, Json(json!({"error": self.1}))).into_response()
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
        .route("/api/rooms", post(create_room))
        .route("/api/rooms/{id}", get(get_room))
        .route("/api/rooms/{id}/join", post(join_room))
        .route("/api/rooms/{id}/runs", post(create_run).get(list_runs))
        .route("/api/rooms/{id}/runs/{run_id}", get(get_run))
        .route("/api/rooms/{id}/rotation", post(rotation))
        .route("/api/katas", get(list_katas))
        .route("/api/katas/{slug}", get(get_kata))
        .route("/rooms/{id}/sync", get(sync_ws))
        .route("/rooms/{id}/events", get(events_ws))
}

fn parse_json<T: DeserializeOwned>(body: &Bytes) -> ApiResult<T> {
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

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

async fn room(app: &AppState, id: &str) -> ApiResult<Arc<Room>> {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateRoom {
    kata: Option<String>,
    language: Option<String>,
    turn_seconds: Option<u32>,
    mode: Option<EditMode>,
    time_up: Option<TimeUpRule>,
    break_every: Option<u32>,
    break_seconds: Option<u32>,
}

async fn create_room(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let req: CreateRoom = parse_json(&body)?;
    if !app.allow_room_creation(peer.ip()) {
        return Err(ApiError(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "at most {} rooms per minute from one address",
                app.config.rooms_per_minute
            ),
        ));
    }
    let language = req.language.unwrap_or_else(|| "python".into());
    if language != "python" {
        return Err(ApiError::bad_request(format!(
            "language {language:?} is not supported; use \"python\""
        )));
    }
    let mut rotation = RotationSettings::default();
    if let Some(s) = req.turn_seconds {
        rotation.turn_seconds = s;
    }
    if let Some(t) = req.time_up {
        rotation.time_up = t;
    }
    if let Some(n) = req.break_every {
        rotation.break_every = n;
    }
    if let Some(s) = req.break_seconds {
        rotation.break_seconds = s;
    }
    rotation
        .validate()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let mut new = NewRoom {
        language,
        mode: req.mode.unwrap_or_default(),
        rotation,
        ..Default::default()
    };
    if let Some(slug) = req.kata {
        let catalogue = app.katas.current();
        let kata = catalogue.get(&slug).ok_or_else(|| {
            ApiError::bad_request(format!("no kata named {slug:?}; see GET /api/katas"))
        })?;
        let starter = kata.starter(&new.language).ok_or_else(|| {
            ApiError::bad_request(format!("kata {slug:?} has no {} starter", new.language))
        })?;
        new.starter_solution = starter.solution.clone();
        new.starter_tests = starter.tests.clone();
        new.kata_title = Some(kata.spec.title.clone());
        new.kata = Some(slug);
    } else {
        new.starter_solution = "# Free practice: write your solution here.\n".into();
        new.starter_tests =
            "from solution import *\n\n\ndef test_example():\n    assert True\n".into();
    }
    let (id, facilitator_token) = app.rooms.create(new).await?;
    let join_url = format!("{}/r/{id}", app.public_url());
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": id, "facilitator_token": facilitator_token, "join_url": join_url})),
    ))
}

async fn get_room(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    Ok(Json(room(&app, &id).await?.view()))
}

#[derive(Deserialize)]
struct Join {
    name: String,
}

async fn join_room(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let req: Join = parse_json(&body)?;
    let room = room(&app, &id).await?;
    let (participant_id, token) = room.join(&req.name).await?;
    Ok(Json(
        json!({"participant_id": participant_id, "token": token}),
    ))
}

fn participant(room: &Room, headers: &HeaderMap) -> ApiResult<Participant> {
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

#[derive(Deserialize)]
struct CreateRun {
    kind: RunKind,
}

#[derive(Deserialize, Default)]
struct WaitQuery {
    #[serde(default)]
    wait: bool,
}

async fn create_run(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<WaitQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let req: CreateRun = parse_json(&body)?;
    let room = room(&app, &id).await?;
    let who = participant(&room, &headers)?;
    let ticket = crate::runs::request(&app, &room, &who, req.kind).await?;
    if q.wait {
        let run = ticket.finished().await?;
        return Ok(Json(run).into_response());
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(json!({"run_id": ticket.run_id, "queue_position": ticket.queue_position})),
    )
        .into_response())
}

async fn list_runs(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let room = room(&app, &id).await?;
    let runs = crate::runs::history(&app, room.id()).await?;
    Ok(Json(json!({"runs": runs})))
}

async fn get_run(
    State(app): State<Arc<AppState>>,
    Path((id, run_id)): Path<(String, String)>,
) -> ApiResult<Json<Value>> {
    let room = room(&app, &id).await?;
    let runs = crate::runs::history(&app, room.id()).await?;
    runs.into_iter()
        .find(|r| r.get("id").and_then(Value::as_str) == Some(run_id.as_str()))
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no run {run_id} in this room")))
}

async fn rotation(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let room = room(&app, &id).await?;
    let token = bearer(&headers).ok_or_else(|| {
        ApiError(
            StatusCode::UNAUTHORIZED,
            "send the facilitator token as Authorization: Bearer <token>".into(),
        )
    })?;
    if !room.verify_facilitator(token) {
        return Err(ApiError(
            StatusCode::FORBIDDEN,
            "not the facilitator token of this room".into(),
        ));
    }
    let action: Value = parse_json(&body)?;
    Ok(Json(apply_rotation_value(&room, action).await?))
}

/// Applies a rotation action given as JSON. The room-level `mode` setting rides
/// along with the rotation `settings` action, since clients see one settings object.
pub async fn apply_rotation_value(room: &Room, mut action: Value) -> ApiResult<Value> {
    if action.get("action").and_then(Value::as_str) == Some("settings")
        && let Some(mode) = action
            .get_mut("settings")
            .and_then(|s| s.as_object_mut())
            .and_then(|s| s.remove("mode"))
    {
        let mode: EditMode = serde_json::from_value(mode)
            .map_err(|e| ApiError::bad_request(format!("settings.mode: {e}")))?;
        room.set_mode(mode).await?;
    }
    let action: RotationAction = serde_json::from_value(action)
        .map_err(|e| ApiError::bad_request(format!("invalid rotation action: {e}")))?;
    Ok(room.rotation_action(action).await?)
}

async fn list_katas(State(app): State<Arc<AppState>>) -> Json<Value> {
    let catalogue = app.katas.current();
    Json(json!({"katas": catalogue.summaries()}))
}

async fn get_kata(
    State(app): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    let catalogue = app.katas.current();
    let kata = catalogue
        .get(&slug)
        .ok_or_else(|| ApiError::not_found(format!("no kata named {slug:?}")))?;
    Ok(Json(kata.public_view()))
}

#[derive(Deserialize, Default)]
struct TokenQuery {
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

async fn sync_ws(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> ApiResult<Response> {
    let (room, participant) = upgrade_target(&app, &id, &headers, q.token.as_deref()).await?;
    Ok(ws
        .max_message_size(protocol::MAX_FRAME_BYTES)
        .max_frame_size(protocol::MAX_FRAME_BYTES)
        .read_buffer_size(8 * 1024)
        .write_buffer_size(8 * 1024)
        .on_upgrade(move |socket| sync_socket::serve(socket, room, participant, app)))
}

async fn events_ws(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<TokenQuery>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> ApiResult<Response> {
    let (room, participant) = upgrade_target(&app, &id, &headers, q.token.as_deref()).await?;
    Ok(ws
        .max_message_size(events_socket::MAX_FRAME_BYTES)
        .read_buffer_size(8 * 1024)
        .write_buffer_size(8 * 1024)
        .on_upgrade(move |socket| events_socket::serve(socket, room, participant, app)))
}
