//! The kata catalogue: summaries, and one kata's public face.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use randori_core::api::KataList;
use randori_core::kata::view::KataView;

use crate::app::state::AppState;
use crate::http::{ApiError, ApiResult};

pub async fn list(State(app): State<Arc<AppState>>) -> Json<KataList> {
    let catalogue = app.katas.current();
    Json(KataList {
        katas: catalogue.summaries(),
    })
}

pub async fn get(
    State(app): State<Arc<AppState>>,
    Path(slug): Path<String>,
) -> ApiResult<Json<KataView>> {
    let catalogue = app.katas.current();
    let kata = catalogue
        .get(&slug)
        .ok_or_else(|| ApiError::not_found(format!("no kata named {slug:?}")))?;
    Ok(Json(kata.public_view()))
}

