//! The review server: the page and the JSON API it uses, on 127.0.0.1 by default.
//!
//! One session behind a mutex: every change is applied and saved (atomically, to
//! review.json) before the next one starts, so two tabs saving at once lose nothing.
//! Each change answers with the whole bead list, which the page renders again.

use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path as UrlPath, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

use super::session::{BeadSide, Session};
use crate::decision::Status;
use crate::error::{Error, Result};

const PAGE: &str = include_str!("page.html");

type Shared = Arc<Mutex<Session>>;

/// Serves the run in `dir` until interrupted; `ready` gets the URL once listening.
pub fn serve(dir: &Path, host: &str, port: u16, ready: impl FnOnce(&str)) -> Result<()> {
    let session = Session::open(dir)?;
    session.refresh_report()?;
    let state: Shared = Arc::new(Mutex::new(session));
    let app = Router::new()
        .route("/", get(page))
        .route("/api/beads", get(beads))
        .route("/api/beads/{index}/decision", post(decision))
        .route("/api/beads/{index}/edit", post(edit))
        .route("/api/beads/{index}/merge", post(merge))
        .route("/api/beads/{index}/split", post(split))
        .route("/api/beads/{index}/move", post(move_sentence))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such page or endpoint") })
        .with_state(state);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Usage(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind((host, port))
            .await
            .map_err(|e| Error::Usage(format!("cannot listen on {host}:{port}: {e}")))?;
        let address = listener.local_addr().map_err(|e| Error::Usage(e.to_string()))?;
        ready(&format!("http://{address}/"));
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| Error::Usage(format!("the server stopped: {e}")))
    })
}

async fn page() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'",
            ),
        ],
        PAGE,
    )
        .into_response()
}

fn error(status: StatusCode, message: &str) -> Response {
    (status, Json(json!({ "error": message }))).into_response()
}

/// The bead list as the page and API clients see it.
fn listing(session: &Session) -> Value {
    let table = session.table();
    let beads: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            let review = row.review.clone().unwrap_or_default();
            json!({
                "index": row.index,
                "shape": row.bead.shape(),
                "src": row.bead.src.clone().collect::<Vec<_>>(),
                "tgt": row.bead.tgt.clone().collect::<Vec<_>>(),
                "src_text": row.source,
                "mt_text": row.mt,
                "tgt_text": row.target,
                "flags": row.findings,
                "decision": {
                    "status": review.status,
                    "comment": review.comment,
                    "edited": review.edited,
                    "stale": review.stale,
                },
            })
        })
        .collect();
    let reviewed = table.rows.iter().filter(|r| r.review.as_ref().is_some_and(|m| m.status.is_some())).count();
    json!({
        "title": table.title,
        "source_lang": table.source_lang,
        "target_lang": table.target_lang,
        "compared": table.compared_heading,
        "total": beads.len(),
        "reviewed": reviewed,
        "stale_alignment": session.stale_alignment,
        "beads": beads,
    })
}

async fn beads(State(state): State<Shared>) -> Response {
    Json(listing(&state.lock().expect("not poisoned"))).into_response()
}

/// Applies a change to bead `index` and answers with the new listing, or a 4xx.
fn change(state: &Shared, index: &str, apply: impl FnOnce(&mut Session, usize) -> Result<()>) -> Response {
    let Ok(index) = index.parse::<usize>() else {
        return error(StatusCode::BAD_REQUEST, "the bead index must be a number");
    };
    let mut session = state.lock().expect("not poisoned");
    if index >= session.len() {
        return error(StatusCode::NOT_FOUND, &format!("no bead {index}: there are {}", session.len()));
    }
    match apply(&mut session, index).and_then(|_| session.refresh_report()) {
        Ok(()) => Json(listing(&session)).into_response(),
        Err(Error::Usage(message)) => error(StatusCode::UNPROCESSABLE_ENTITY, &message),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
    }
}

/// A JSON body, or the 400 that says what is wrong with it.
fn body<T>(payload: std::result::Result<Json<T>, JsonRejection>) -> std::result::Result<T, Box<Response>> {
    payload.map(|Json(v)| v).map_err(|e| Box::new(error(StatusCode::BAD_REQUEST, &e.body_text())))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecisionBody {
    status: Option<Status>,
    comment: Option<String>,
}

async fn decision(
    State(state): State<Shared>,
    UrlPath(index): UrlPath<String>,
    payload: std::result::Result<Json<DecisionBody>, JsonRejection>,
) -> Response {
    match body(payload) {
        Ok(b) => change(&state, &index, |s, i| s.decide(i, b.status, b.comment)),
        Err(r) => *r,
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EditBody {
    text: String,
}

async fn edit(
    State(state): State<Shared>,
    UrlPath(index): UrlPath<String>,
    payload: std::result::Result<Json<EditBody>, JsonRejection>,
) -> Response {
    match body(payload) {
        Ok(b) => change(&state, &index, |s, i| s.edit(i, b.text)),
        Err(r) => *r,
    }
}

async fn merge(State(state): State<Shared>, UrlPath(index): UrlPath<String>) -> Response {
    change(&state, &index, |s, i| s.merge(i))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SplitBody {
    /// Source sentences that stay in the first part.
    source: usize,
    /// Target sentences that stay in the first part.
    target: usize,
}

async fn split(
    State(state): State<Shared>,
    UrlPath(index): UrlPath<String>,
    payload: std::result::Result<Json<SplitBody>, JsonRejection>,
) -> Response {
    match body(payload) {
        Ok(b) => change(&state, &index, |s, i| s.split(i, b.source, b.target)),
        Err(r) => *r,
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum Direction {
    Next,
    Previous,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveBody {
    side: BeadSide,
    direction: Direction,
}

async fn move_sentence(
    State(state): State<Shared>,
    UrlPath(index): UrlPath<String>,
    payload: std::result::Result<Json<MoveBody>, JsonRejection>,
) -> Response {
    match body(payload) {
        Ok(b) => change(&state, &index, |s, i| s.move_sentence(i, b.side, matches!(b.direction, Direction::Next))),
        Err(r) => *r,
    }
}
