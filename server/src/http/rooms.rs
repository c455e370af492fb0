//! Rooms: create, read, join, and the facilitator's rotation actions.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use bytes::Bytes;
use serde::Deserialize;
use randori_core::api::{CreatedRoom, Joined};
use randori_core::events::RoomView;
use randori_core::rotation::RotationView;

use crate::app::state::AppState;
use crate::http::{ApiError, ApiResult, bearer, client_address, parse_json, room};
use crate::room::registry::NewRoom;
use randori_core::kata::language::Language;
use randori_core::rotation::{Action as RotationAction, EditMode, RotationSettings, TimeUpRule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreateRoom {
    kata: Option<String>,
    language: Option<String>,
    turn_seconds: Option<u32>,
    mode: Option<EditMode>,
    time_up: Option<TimeUpRule>,
    break_every: Option<u32>,
    break_seconds: Option<u32>,
    warning_seconds: Option<u32>,
    hand_on_when_away: Option<bool>,
    test_at_turn_end: Option<bool>,
}

pub async fn create(
    State(app): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let req: CreateRoom = parse_json(&body)?;
    let client = client_address(peer, &headers, &app.config.trusted_proxies);
    if !app.allow_room_creation(client) {
        return Err(ApiError(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "at most {} rooms per minute from one address",
                app.config.rooms_per_minute
            ),
        ));
    }
    let language = match req.language.as_deref() {
        None => Language::Python,
        Some(name) => Language::parse(name).ok_or_else(|| {
            let known: Vec<&str> = Language::ALL.iter().map(|l| l.name()).collect();
            ApiError::bad_request(format!(
                "language {name:?} is not supported; use one of {}",
                known.join(", ")
            ))
        })?,
    };
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
    if let Some(s) = req.warning_seconds {
        rotation.warning_seconds = s;
    }
    if let Some(b) = req.hand_on_when_away {
        rotation.hand_on_when_away = b;
    }
    if let Some(b) = req.test_at_turn_end {
        rotation.test_at_turn_end = b;
    }
    rotation
        .validate()
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let mut new = NewRoom {
        language: language.name().to_string(),
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
            ApiError::bad_request(format!("kata {slug:?} has no {} version", language.title()))
        })?;
        new.starter_solution = starter.solution.clone();
        new.starter_tests = starter.tests.clone();
        new.kata_title = Some(kata.spec.title.clone());
        new.kata = Some(slug);
    } else {
        let (solution, tests) = free_practice(language);
        new.starter_solution = solution.into();
        new.starter_tests = tests.into();
    }
    let (id, facilitator_token) = app.rooms.create(new).await?;
    let join_url = format!("{}/r/{id}", app.public_url());
    Ok((
        StatusCode::CREATED,
        Json(CreatedRoom {
            id,
            facilitator_token,
            join_url,
        }),
    ))
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> ApiResult<Json<RoomView>> {
    Ok(Json(room(&app, &id).await?.view()))
}

#[derive(Deserialize)]
pub struct Join {
    name: String,
}

pub async fn join(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Joined>> {
    let req: Join = parse_json(&body)?;
    let client = client_address(peer, &headers, &app.config.trusted_proxies);
    if !app.allow_join(client) {
        return Err(ApiError(
            StatusCode::TOO_MANY_REQUESTS,
            format!(
                "at most {} joins per minute from one address",
                app.config.joins_per_minute
            ),
        ));
    }
    let room = room(&app, &id).await?;
    let (participant_id, token) = room.join(&req.name).await?;
    Ok(Json(
        Joined {
            participant_id,
            token,
        },
    ))
}

pub async fn rotation(
    State(app): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<RotationView>> {
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
    let action: serde_json::Value = parse_json(&body)?;
    let action = RotationAction::from_json(action).map_err(ApiError::bad_request)?;
    Ok(Json(room.rotation_action(action).await?))
}


/// What a room without a kata starts with.
fn free_practice(language: Language) -> (&'static str, &'static str) {
    match language {
        Language::Python => (
            "# Free practice: write your solution here.\n",
            "from solution import *\n\n\ndef test_example():\n    assert True\n",
        ),
        Language::Javascript => (
            "// Free practice: write your solution here.\n",
            "import * as solution from './solution.js'\n\ntest('example', () => {\n  expect(true).toBe(true)\n})\n",
        ),
    }
}
