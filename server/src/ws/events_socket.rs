//! The events websocket: room events (roster, rotation, runs) as JSON text frames,
//! and the few commands a client sends back. Both directions are typed
//! ([`RoomEvent`], [`ClientCommand`]); see docs/protocol.md.

use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::Instant;

use crate::app::state::AppState;
use crate::ratelimit::TokenBucket;
use crate::room::{Participant, Room};
use crate::ws::limits::{
    CLOSE_GRACE, COMMANDS_PER_SECOND, DEAD_PEER_TIMEOUT, EVENTS_MAX_FRAME_BYTES,
    EVENTS_SEND_TIMEOUT, MAX_COMMAND_BYTES, PING_INTERVAL, close_code, read_error_close,
};
use randori_core::events::{ClientCommand, RoomEvent};
use randori_core::rotation::Action as RotationAction;

/// Why a connection ends: the close code and reason to send (none: just close).
type Closing = Option<(u16, String)>;

/// One events connection while it is open.
struct Connection {
    room: Arc<Room>,
    participant: Option<Participant>,
    app: Arc<AppState>,
    sink: SplitSink<WebSocket, Message>,
    /// Commands per second, with a burst of two seconds' worth.
    bucket: TokenBucket,
    /// When the client last sent anything (a pong counts): silence means it is gone.
    last_heard: Instant,
}

pub async fn serve(
    socket: WebSocket,
    room: Arc<Room>,
    participant: Option<Participant>,
    app: Arc<AppState>,
) {
    let Ok((events, hello)) = room.attach_events(participant.as_ref()) else {
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
    let (sink, stream) = socket.split();
    let now = Instant::now();
    let mut connection = Connection {
        room: room.clone(),
        participant: participant.clone(),
        app: app.clone(),
        sink,
        bucket: TokenBucket::new(COMMANDS_PER_SECOND, COMMANDS_PER_SECOND * 2.0, now),
        last_heard: now,
    };
    let closing = match connection.send(Message::Text(hello.into())).await {
        true => connection.run(events, stream).await,
        false => None,
    };
    connection.close(closing).await;
    room.detach_events(participant.as_ref().map(|p| p.id.as_str()));
    app.rooms.release(&room);
    app.metrics.connections.fetch_sub(1, Ordering::Relaxed);
}

impl Connection {
    /// Relays room events and answers commands until either side ends.
    async fn run(
        &mut self,
        mut events: broadcast::Receiver<Arc<str>>,
        mut stream: SplitStream<WebSocket>,
    ) -> Closing {
        let mut ping = tokio::time::interval_at(Instant::now() + PING_INTERVAL, PING_INTERVAL);
        let shutdown = self.app.shutdown.clone();
        loop {
            let step = tokio::select! {
                event = events.recv() => self.relay(event).await,
                incoming = stream.next() => self.receive(incoming).await,
                _ = ping.tick() => self.keep_alive().await,
                _ = shutdown.cancelled() => {
                    ControlFlow::Break(Some((close_code::GOING_AWAY, "server shutting down".into())))
                }
            };
            if let ControlFlow::Break(closing) = step {
                return closing;
            }
        }
    }

    /// Sends one room event on.
    async fn relay(&mut self, event: Result<Arc<str>, RecvError>) -> ControlFlow<Closing> {
        let text: String = match event {
            Ok(text) => text.to_string(),
            // Fell behind: the missed events are summed up by the full state.
            Err(RecvError::Lagged(_)) => RoomEvent::Room { room: self.room.view() }.to_frame(),
            Err(RecvError::Closed) => return ControlFlow::Break(None),
        };
        self.send_or_stop(Message::Text(text.into())).await
    }

    /// Handles one incoming frame: a command, a close, or a protocol violation.
    async fn receive(
        &mut self,
        incoming: Option<Result<Message, axum::Error>>,
    ) -> ControlFlow<Closing> {
        let message = match incoming {
            Some(Ok(m)) => m,
            Some(Err(e)) => return ControlFlow::Break(Some(read_error_close(e, EVENTS_MAX_FRAME_BYTES))),
            None => return ControlFlow::Break(None),
        };
        self.last_heard = Instant::now();
        let text = match message {
            Message::Text(t) => t,
            Message::Close(_) => return ControlFlow::Break(None),
            Message::Ping(_) | Message::Pong(_) => return ControlFlow::Continue(()),
            Message::Binary(_) => {
                let reason = "events take JSON text frames".into();
                return ControlFlow::Break(Some((close_code::UNSUPPORTED, reason)));
            }
        };
        if text.len() > MAX_COMMAND_BYTES || !self.bucket.take(Instant::now()) {
            let reason = "command too large or too frequent".into();
            return ControlFlow::Break(Some((close_code::POLICY, reason)));
        }
        match self.handle_command(&text).await {
            Some(reply) => self.send_or_stop(Message::Text(reply.to_frame().into())).await,
            None => ControlFlow::Continue(()),
        }
    }

    /// Pings, or gives up on a client that has been silent too long.
    async fn keep_alive(&mut self) -> ControlFlow<Closing> {
        if self.last_heard.elapsed() > DEAD_PEER_TIMEOUT {
            let reason = format!("no message or pong for {} s", DEAD_PEER_TIMEOUT.as_secs());
            return ControlFlow::Break(Some((close_code::GOING_AWAY, reason)));
        }
        self.send_or_stop(Message::Ping(Default::default())).await
    }

    /// Runs one command; returns the reply for this socket only, if any.
    async fn handle_command(&self, text: &str) -> Option<RoomEvent> {
        let command: ClientCommand = match serde_json::from_str(text) {
            Ok(c) => c,
            Err(e) => return Some(RoomEvent::error(format!("bad command: {e}"))),
        };
        let failed = match command {
            ClientCommand::Ping => {
                let server_time_ms = self.app.clock.now_ms();
                return Some(RoomEvent::Pong { server_time_ms });
            }
            ClientCommand::Rotation {
                facilitator_token,
                action,
            } => self.rotation(&facilitator_token, action).await,
            ClientCommand::Run { kind } => match &self.participant {
                None => Err("watchers cannot run tests; join the room first".to_string()),
                Some(who) => self.app.runs.request(&self.room, who, kind).map(drop).map_err(|e| e.to_string()),
            },
        };
        failed.err().map(RoomEvent::error)
    }

    async fn rotation(&self, facilitator_token: &str, action: RotationAction) -> Result<(), String> {
        if !self.room.verify_facilitator(facilitator_token) {
            return Err("rotation actions need the facilitator token".into());
        }
        self.room.rotation_action(action).await.map(drop).map_err(|e| e.to_string())
    }

    /// Sends one message, giving up on a client that does not read.
    async fn send(&mut self, message: Message) -> bool {
        matches!(
            tokio::time::timeout(EVENTS_SEND_TIMEOUT, self.sink.send(message)).await,
            Ok(Ok(()))
        )
    }

    async fn send_or_stop(&mut self, message: Message) -> ControlFlow<Closing> {
        match self.send(message).await {
            true => ControlFlow::Continue(()),
            false => ControlFlow::Break(None),
        }
    }

    /// Sends the close frame (if any) and closes, within [`CLOSE_GRACE`].
    async fn close(&mut self, closing: Closing) {
        let sink = &mut self.sink;
        let _ = tokio::time::timeout(CLOSE_GRACE, async {
            if let Some((code, reason)) = closing {
                let frame = CloseFrame {
                    code,
                    reason: reason.into(),
                };
                let _ = sink.send(Message::Close(Some(frame))).await;
            }
            let _ = sink.close().await;
        })
        .await;
    }
}
