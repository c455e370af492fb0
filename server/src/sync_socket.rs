//! The sync websocket: a thin shell between a socket and a [`Room`].
//!
//! Two halves per connection: this task reads, decodes and hands messages to the
//! room; a writer task drains a bounded queue into the socket, batching whatever is
//! queued into one flush (most of a relay's CPU is socket writes). The writer also
//! pings; the reader drops a peer that has been silent too long.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, StreamExt};
use tokio::sync::oneshot::error::TryRecvError;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;

use crate::metrics::Metrics;
use crate::protocol::{self, ProtocolError};
use crate::ratelimit::TokenBucket;
use crate::room::{Participant, Room, RoomError};
use crate::server::AppState;
use crate::store::{self, StoreError};

/// Frames queued per connection before it counts as stalled and is dropped. More
/// than one sender's rate-limit burst, so a burst alone never drops a reader; cheap
/// at rest (the queue allocates as it fills, and a frame is shared by every queue
/// it sits in).
pub const SEND_QUEUE_FRAMES: usize = 1024;

/// How often the server pings. Browsers answer pings automatically.
pub const PING_INTERVAL: Duration = Duration::from_secs(15);

/// A peer that sent nothing (not even a pong) for this long is gone.
pub const DEAD_PEER_TIMEOUT: Duration = Duration::from_secs(45);

/// How long a closing connection may take to flush its queue and close frame. A
/// peer that stopped reading never lets the writer finish: after this the socket is
/// dropped instead of keeping a task (and the socket) for it forever.
pub const CLOSE_GRACE: Duration = Duration::from_secs(5);

/// Updates of one connection queued for storage and not yet committed. Beyond this
/// the connection waits for the oldest before reading on: it bounds what a fast (or
/// hostile) sender can pile up in the writer's queue, while a typist's keystrokes
/// still share one commit.
pub const MAX_UNSTORED_UPDATES: usize = 64;

/// Messages a connection may send in a burst above its sustained rate (a client
/// catching up after being offline sends a few at once).
const RATE_BURST_FACTOR: f64 = 5.0;

/// Websocket close codes (RFC 6455).
pub mod close_code {
    pub const GOING_AWAY: u16 = 1001;
    pub const UNSUPPORTED: u16 = 1003;
    pub const POLICY: u16 = 1008;
    pub const TOO_BIG: u16 = 1009;
    pub const INTERNAL: u16 = 1011;
    pub const TRY_AGAIN: u16 = 1013;
}

/// Why a connection ends, and what to tell the client.
struct Closing {
    code: u16,
    reason: String,
}

impl Closing {
    fn new(code: u16, reason: impl Into<String>) -> Self {
        let mut reason = reason.into();
        // A close reason must fit in a control frame (123 bytes).
        while reason.len() > 120 {
            reason.pop();
        }
        Closing { code, reason }
    }
}

pub async fn serve(
    socket: WebSocket,
    room: Arc<Room>,
    participant: Option<Participant>,
    app: Arc<AppState>,
) {
    let (tx, rx) = mpsc::channel(SEND_QUEUE_FRAMES);
    let attached = match room.attach_sync(participant.as_ref().map(|p| p.id.clone()), tx.clone()) {
        Ok(a) => a,
        Err(_) => {
            let mut socket = socket;
            let _ = socket
                .send(close_message(&Closing::new(
                    close_code::TRY_AGAIN,
                    "room is reloading",
                )))
                .await;
            return;
        }
    };
    app.metrics
        .connections
        .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let (sink, mut stream) = socket.split();
    let (close_tx, close_rx) = oneshot::channel::<Closing>();
    let writer = tokio::spawn(write_loop(sink, rx, close_rx));
    for frame in attached.greeting {
        let _ = tx.try_send(Message::Binary(frame.into()));
    }
    drop(tx);

    let mut bucket = TokenBucket::new(
        app.config.max_messages_per_second as f64,
        app.config.max_messages_per_second as f64 * RATE_BURST_FACTOR,
        Instant::now(),
    );
    let mut unstored: VecDeque<store::Pending> = VecDeque::new();
    let closing: Option<Closing> = loop {
        let next = tokio::select! {
            next = tokio::time::timeout(DEAD_PEER_TIMEOUT, stream.next()) => next,
            _ = attached.kick.cancelled() => break Some(Closing::new(
                close_code::TRY_AGAIN, "connection dropped: too slow to keep up, or the room reloaded")),
            _ = app.shutdown.cancelled() => break Some(Closing::new(close_code::GOING_AWAY, "server shutting down")),
        };
        let message = match next {
            Err(_) => {
                break Some(Closing::new(
                    close_code::GOING_AWAY,
                    "no message or pong for 45 s",
                ));
            }
            Ok(None) => break None,
            Ok(Some(Err(e))) => {
                let (code, reason) = read_error_close(e, protocol::MAX_FRAME_BYTES);
                break Some(Closing::new(code, reason));
            }
            Ok(Some(Ok(m))) => m,
        };
        let bytes = match message {
            Message::Binary(bytes) => bytes,
            Message::Text(_) => {
                break Some(Closing::new(
                    close_code::UNSUPPORTED,
                    "text frames are not part of the y-websocket protocol",
                ));
            }
            Message::Ping(_) | Message::Pong(_) => continue,
            Message::Close(_) => break None,
        };
        if !bucket.take(Instant::now()) {
            break Some(Closing::new(
                close_code::POLICY,
                format!(
                    "more than {} messages per second",
                    app.config.max_messages_per_second
                ),
            ));
        }
        let messages = match protocol::decode_frame(&bytes) {
            Ok(m) => m,
            Err(e) => {
                let code = match e {
                    ProtocolError::FrameTooLarge(_) => close_code::TOO_BIG,
                    _ => close_code::POLICY,
                };
                break Some(Closing::new(code, e.to_string()));
            }
        };
        let mut failure = None;
        let mut edited = false;
        for message in messages {
            match room.handle_sync(attached.peer_id, message).await {
                Ok(Some(stored)) => {
                    unstored.push_back(stored);
                    edited = true;
                }
                Ok(None) => {}
                Err(e) => {
                    failure = Some(match e {
                        RoomError::Doc(e) => Closing::new(close_code::POLICY, e.to_string()),
                        RoomError::Closed => {
                            Closing::new(close_code::TRY_AGAIN, "room is reloading")
                        }
                        other => Closing::new(close_code::INTERNAL, other.to_string()),
                    });
                    break;
                }
            }
        }
        // Forget the updates already stored; wait for the oldest while too many are not.
        loop {
            let too_many = unstored.len() > MAX_UNSTORED_UPDATES;
            let Some(oldest) = unstored.front_mut() else {
                break;
            };
            let outcome = match oldest.try_recv() {
                Ok(outcome) => outcome,
                Err(TryRecvError::Closed) => Err(StoreError::Closed),
                Err(TryRecvError::Empty) if !too_many => break,
                Err(TryRecvError::Empty) => oldest.await.unwrap_or(Err(StoreError::Closed)),
            };
            unstored.pop_front();
            if let Err(e) = outcome {
                // The room is already being reset (see `room::Delivery`).
                failure.get_or_insert(Closing::new(close_code::INTERNAL, e.to_string()));
                break;
            }
        }
        if failure.is_some() {
            break failure;
        }
        if edited {
            room.pace_sender(attached.peer_id).await;
        }
    };

    if let Some(closing) = &closing {
        if closing.code != close_code::GOING_AWAY || !app.shutdown.is_cancelled() {
            Metrics::inc(&app.metrics.sync_errors);
        }
        tracing::info!(room = %room.id(), code = closing.code, reason = %closing.reason, "closing sync connection");
    }
    // Ask the writer to close before detaching: detaching drops the room's sender,
    // and the writer must see the close request first to send the close frame.
    if let Some(closing) = closing {
        let _ = close_tx.send(closing);
    } else {
        drop(close_tx);
    }
    room.detach_sync(attached.peer_id);
    app.rooms.release(&room);
    app.metrics
        .connections
        .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    let mut writer = writer;
    if tokio::time::timeout(CLOSE_GRACE, &mut writer)
        .await
        .is_err()
    {
        // Blocked on a peer that does not read: drop the socket (both halves go).
        writer.abort();
    }
}

/// The close code and reason for a websocket read error: a message over `limit`
/// bytes is 1009, anything else a protocol violation (1008).
pub fn read_error_close(e: axum::Error, limit: usize) -> (u16, String) {
    match e.into_inner().downcast::<tungstenite::Error>() {
        Ok(inner) if matches!(*inner, tungstenite::Error::Capacity(_)) => (
            close_code::TOO_BIG,
            format!("frame too large (limit {limit} bytes)"),
        ),
        _ => (close_code::POLICY, "websocket protocol error".into()),
    }
}

fn close_message(closing: &Closing) -> Message {
    Message::Close(Some(CloseFrame {
        code: closing.code,
        reason: closing.reason.clone().into(),
    }))
}

/// Drains the queue into the socket, one flush per batch; pings on an interval; on
/// a close request sends the close frame and stops.
async fn write_loop(
    mut sink: futures_util::stream::SplitSink<WebSocket, Message>,
    mut rx: mpsc::Receiver<Message>,
    mut close_rx: oneshot::Receiver<Closing>,
) {
    let mut ping = tokio::time::interval_at(Instant::now() + PING_INTERVAL, PING_INTERVAL);
    loop {
        tokio::select! {
            biased;
            closing = &mut close_rx => {
                // Deliver what is already queued (e.g. the refusal that explains the close).
                while let Ok(m) = rx.try_recv() {
                    if sink.feed(m).await.is_err() { return; }
                }
                if let Ok(closing) = closing {
                    let _ = sink.send(close_message(&closing)).await;
                }
                let _ = sink.close().await;
                return;
            }
            message = rx.recv() => {
                let Some(message) = message else {
                    // Every sender is gone: the reader ended without a close reason.
                    let _ = sink.close().await;
                    return;
                };
                if sink.feed(message).await.is_err() { return; }
                while let Ok(m) = rx.try_recv() {
                    if sink.feed(m).await.is_err() { return; }
                }
                if sink.flush().await.is_err() { return; }
            }
            _ = ping.tick() => {
                if sink.send(Message::Ping(Default::default())).await.is_err() { return; }
            }
        }
    }
}
