//! Runs: request one (optionally waiting for it), list a room's runs, read one.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde::Deserialize;
use randori_core::api::{RunAccepted, RunList};
use randori_core::verdict::Run;

use crate::app::state::AppState;
use crate::http::{ApiError, ApiResult, parse_json, participant, room};
use crate::runs::RunKind;

#[derive(Deserialize)]
pub struct CreateRun {
    kind: RunKind,
}

#[derive(Deserialize, Default)]
pub struct WaitQuery {
    #[serde(default)]
    wait: bool,
}

pub async fn create(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<WaitQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Response> {
    let req: CreateRun = parse_json(&body)?;
    let room = room(&app, &id).await?;
    let who = participant(&room, &headers)?;
    let ticket = app.runs.request(&room, &who, req.kind)?;
    if q.wait {
        let run = ticket.finished().await?;
        return Ok(Json(run).into_response());
    }
    Ok((
        StatusCode::ACCEPTED,
        Json(RunAccepted {
            run_id: ticket.run_id,
            queue_position: ticket.queue_position,
        }),
    )
        .into_response())
}

/// Runs per page by default: the light strip shows the latest few dozen.
const DEFAULT_PAGE: u32 = 50;

/// Most runs per page: a page of capped results stays a few MiB at worst.
const MAX_PAGE: u32 = 200;

#[derive(Deserialize, Default)]
pub struct PageQuery {
    before: Option<String>,
    limit: Option<u32>,
}

pub async fn list(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> ApiResult<Json<RunList>> {
    let limit = q.limit.unwrap_or(DEFAULT_PAGE);
    if limit == 0 || limit > MAX_PAGE {
        return Err(ApiError::bad_request(format!(
            "limit must be between 1 and {MAX_PAGE}, not {limit}"
        )));
    }
    let room = room(&app, &id).await?;
    let (runs, more) = app.runs.history(room.id(), q.before, limit).await?;
    Ok(Json(RunList { runs, more }))
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path((id, run_id)): Path<(String, String)>,
) -> ApiResult<Json<Run>> {
    let room = room(&app, &id).await?;
    match app.runs.get(room.id(), &run_id).await {
        Err(crate::runs::RunError::UnknownRun) => {
            Err(ApiError::not_found(format!("no run {run_id} in this room")))
        }
        other => other.map(Json).map_err(Into::into),
    }
}

