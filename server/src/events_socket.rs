//! The events websocket: room events (roster, rotation, runs) as JSON text frames,
//! and the few commands a client sends back. See docs/protocol.md.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::json;
use tokio::sync::broadcast::error::RecvError;
use tokio::time::Instant;

use crate::ratelimit::TokenBucket;
use crate::room::{Participant, Room};
use crate::server::AppState;
use crate::sync_socket::{
    CLOSE_GRACE, DEAD_PEER_TIMEOUT, PING_INTERVAL, close_code, read_error_close,
};

/// Largest frame a client may send on the events socket (commands are small; a
/// larger frame is closed with 1009 before it is buffered whole).
pub const MAX_FRAME_BYTES: usize = 64 * 1024;

/// A send that takes longer than this means the client stopped reading: it is dropped
/// (its events are a full room state away once it reconnects).
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Sends one message, giving up on a client that does not read.
async fn send<S>(sink: &mut S, message: Message) -> bool
where
    S: futures_util::Sink<Message> + Unpin,
{
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, sink.send(message)).await,
        Ok(Ok(()))
    )
}

/// Largest command a client may send.
const MAX_COMMAND_BYTES: usize = 16 * 1024;

/// Commands per second an events socket may send.
const COMMANDS_PER_SECOND: f64 = 20.0;

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Command {
    Ping,
    Run {
        kind: crate::runs::RunKind,
    },
    Rotation {
        facilitator_token: String,
        /// The action and its fields, as for `POST /api/rooms/{id}/rotation`.
        #[serde(flatten)]
        action: serde_json::Map<String, serde_json::Value>,
    },
}

pub async fn serve(
    socket: WebSocket,
    room: Arc<Room>,
    participant: Option<Participant>,
    app: Arc<AppState>,
) {
    let Ok((mut events, hello)) = room.attach_events(participant.as_ref()) else {
        let mut socket = socket;
        let _ = socket
            .send(Message::Close(Some(CloseFrame {
                code: close_code::TRY_AGAIN,
                reason: "room is reloading".into(),
            })))
            .await;
        return;
    };
    app.metrics.connections.fetch_add(1, Ordering::Relaxed);
    let (mut sink, mut stream) = socket.split();
    let mut bucket = TokenBucket::new(
        COMMANDS_PER_SECOND,
        COMMANDS_PER_SECOND * 2.0,
        Instant::now(),
    );
    let mut ping = tokio::time::interval_at(Instant::now() + PING_INTERVAL, PING_INTERVAL);
    let mut last_heard = Instant::now();
    let mut closing: Option<(u16, String)> = None;
    if send(&mut sink, Message::Text(hello.into())).await {
        loop {
            tokio::select! {
                event = events.recv() => {
                    let text: String = match event {
                        Ok(text) => text.to_string(),
                        // Fell behind: the missed events are summed up by the full state.
                        Err(RecvError::Lagged(_)) => json!({"type": "room", "room": room.view()}).to_string(),
                        Err(RecvError::Closed) => break,
                    };
                    if !send(&mut sink, Message::Text(text.into())).await { break; }
                }
                incoming = stream.next() => {
                    let message = match incoming {
                        Some(Ok(m)) => m,
                        Some(Err(e)) => {
                            closing = Some(read_error_close(e, MAX_FRAME_BYTES));
                            break;
                        }
                        None => break,
                    };
                    last_heard = Instant::now();
                    let text = match message {
                        Message::Text(t) => t,
                        Message::Close(_) => break,
                        Message::Ping(_) | Message::Pong(_) => continue,
                        Message::Binary(_) => {
                            closing = Some((close_code::UNSUPPORTED, "events take JSON text frames".into()));
                            break;
                        }
                    };
                    if text.len() > MAX_COMMAND_BYTES || !bucket.take(Instant::now()) {
                        closing = Some((close_code::POLICY, "command too large or too frequent".into()));
                        break;
                    }
                    let reply = handle_command(&text, &room, participant.as_ref(), &app).await;
                    if let Some(reply) = reply
                        && !send(&mut sink, Message::Text(reply.to_string().into())).await { break; }
                }
                _ = ping.tick() => {
                    if last_heard.elapsed() > DEAD_PEER_TIMEOUT {
                        closing = Some((close_code::GOING_AWAY, "no message or pong for 45 s".into()));
                        break;
                    }
                    if !send(&mut sink, Message::Ping(Default::default())).await { break; }
                }
                _ = app.shutdown.cancelled() => {
                    closing = Some((close_code::GOING_AWAY, "server shutting down".into()));
                    break;
                }
            }
        }
    }
    let _ = tokio::time::timeout(CLOSE_GRACE, async {
        if let Some((code, reason)) = closing {
            let _ = sink
                .send(Message::Close(Some(CloseFrame {
                    code,
                    reason: reason.into(),
                })))
                .await;
        }
        let _ = sink.close().await;
    })
    .await;
    room.detach_events(participant.as_ref().map(|p| p.id.as_str()));
    app.rooms.release(&room);
    app.metrics.connections.fetch_sub(1, Ordering::Relaxed);
}

/// Runs one command; returns the reply for this socket only, if any.
async fn handle_command(
    text: &str,
    room: &Arc<Room>,
    participant: Option<&Participant>,
    app: &Arc<AppState>,
) -> Option<serde_json::Value> {
    let command: Command = match serde_json::from_str(text) {
        Ok(c) => c,
        Err(e) => return Some(json!({"type": "error", "message": format!("bad command: {e}")})),
    };
    match command {
        Command::Ping => Some(json!({"type": "pong", "server_time_ms": app.clock.now_ms()})),
        Command::Rotation {
            facilitator_token,
            action,
        } => {
            if !room.verify_facilitator(&facilitator_token) {
                return Some(
                    json!({"type": "error", "message": "rotation actions need the facilitator token"}),
                );
            }
            match crate::api::apply_rotation_value(room, serde_json::Value::Object(action)).await {
                Ok(_) => None,
                Err(e) => Some(json!({"type": "error", "message": e.1})),
            }
        }
        Command::Run { kind } => {
            let Some(participant) = participant else {
                return Some(
                    json!({"type": "error", "message": "watchers cannot run tests; join the room first"}),
                );
            };
            match crate::runs::request(app, room, participant, kind).await {
                Ok(_) => None,
                Err(e) => Some(json!({"type": "error", "message": e.to_string()})),
            }
        }
    }
}
