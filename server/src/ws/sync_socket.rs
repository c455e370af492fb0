//! The sync websocket: a thin shell between a socket and a [`Room`].
//!
//! Two halves per connection: this task reads, decodes and hands messages to the
//! room; a writer task drains a bounded queue into the socket, batching whatever is
//! queued into one flush (most of a relay's CPU is socket writes). The writer also
//! pings; the reader drops a peer that has been silent too long.

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use axum::extract::ws::{CloseFrame, Message, WebSocket};
use bytes::Bytes;
use futures_util::stream::SplitStream;
use futures_util::{SinkExt, StreamExt};
use tokio::sync::oneshot::error::TryRecvError;
use tokio::sync::{mpsc, oneshot};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::app::metrics::Metrics;
use randori_core::sync::protocol::{self, ProtocolError};
use crate::ratelimit::TokenBucket;
use crate::room::{Participant, Room, RoomError};
use crate::app::state::AppState;
use crate::store::{self, StoreError};
use crate::ws::limits::{
    CLOSE_GRACE, DEAD_PEER_TIMEOUT, MAX_UNSTORED_UPDATES, PING_INTERVAL, RATE_BURST_FACTOR,
    SEND_QUEUE_FRAMES, SYNC_MAX_FRAME_BYTES, close_code, read_error_close,
};

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

/// The reading half of one sync connection.
struct Reader {
    room: Arc<Room>,
    app: Arc<AppState>,
    /// This connection's id in the room.
    peer_id: u64,
    /// The rate limit: `--max-messages-per-second`, with a burst above it.
    bucket: TokenBucket,
    /// Updates handed to storage and not yet committed, oldest first (bounded by
    /// [`MAX_UNSTORED_UPDATES`]).
    unstored: VecDeque<store::Pending>,
}

pub async fn serve(
    socket: WebSocket,
    room: Arc<Room>,
    participant: Option<Participant>,
    app: Arc<AppState>,
) {
    let (tx, rx) = mpsc::channel(SEND_QUEUE_FRAMES);
    let Ok(attached) = room.attach_sync(participant.as_ref().map(|p| p.id.clone()), tx.clone())
    else {
        let mut socket = socket;
        let closing = Closing::new(close_code::TRY_AGAIN, "room is reloading");
        let _ = socket.send(close_message(&closing)).await;
        return;
    };
    app.metrics.connections.fetch_add(1, Ordering::Relaxed);
    let (sink, mut stream) = socket.split();
    let (close_tx, close_rx) = oneshot::channel::<Closing>();
    let writer = tokio::spawn(write_loop(sink, rx, close_rx));
    for frame in attached.greeting {
        let _ = tx.try_send(Message::Binary(frame.into()));
    }
    drop(tx);
    let rate = f64::from(app.config.max_messages_per_second);
    let mut reader = Reader {
        room: room.clone(),
        app: app.clone(),
        peer_id: attached.peer_id,
        bucket: TokenBucket::new(rate, rate * RATE_BURST_FACTOR, Instant::now()),
        unstored: VecDeque::new(),
    };
    let closing = reader.run(&mut stream, &attached.kick).await;
    reader.report(closing.as_ref());
    // Ask the writer to close before detaching: detaching drops the room's sender,
    // and the writer must see the close request first to send the close frame.
    match closing {
        Some(closing) => drop(close_tx.send(closing)),
        None => drop(close_tx),
    }
    room.detach_sync(attached.peer_id);
    app.rooms.release(&room);
    app.metrics.connections.fetch_sub(1, Ordering::Relaxed);
    let mut writer = writer;
    if tokio::time::timeout(CLOSE_GRACE, &mut writer).await.is_err() {
        // Blocked on a peer that does not read: drop the socket (both halves go).
        writer.abort();
    }
}

impl Reader {
    /// Reads frames until the connection ends; returns why, if there is a reason to
    /// tell the client.
    async fn run(
        &mut self,
        stream: &mut SplitStream<WebSocket>,
        kick: &CancellationToken,
    ) -> Option<Closing> {
        loop {
            let next = tokio::select! {
                next = tokio::time::timeout(DEAD_PEER_TIMEOUT, stream.next()) => next,
                _ = kick.cancelled() => return Some(Closing::new(
                    close_code::TRY_AGAIN, "connection dropped: too slow to keep up, or the room reloaded")),
                _ = self.app.shutdown.cancelled() => {
                    return Some(Closing::new(close_code::GOING_AWAY, "server shutting down"));
                }
            };
            let bytes = match next {
                Err(_) => {
                    let reason = format!("no message or pong for {} s", DEAD_PEER_TIMEOUT.as_secs());
                    return Some(Closing::new(close_code::GOING_AWAY, reason));
                }
                Ok(None) => return None,
                Ok(Some(Err(e))) => {
                    let (code, reason) = read_error_close(e, SYNC_MAX_FRAME_BYTES);
                    return Some(Closing::new(code, reason));
                }
                Ok(Some(Ok(message))) => match frame_bytes(message) {
                    ControlFlow::Continue(Some(bytes)) => bytes,
                    ControlFlow::Continue(None) => continue,
                    ControlFlow::Break(closing) => return closing,
                },
            };
            if let Err(closing) = self.frame(&bytes).await {
                return Some(closing);
            }
        }
    }

    /// One binary frame: rate limit, decode, every message through the room, then
    /// the storage backlog and the pacing.
    async fn frame(&mut self, bytes: &[u8]) -> Result<(), Closing> {
        if !self.bucket.take(Instant::now()) {
            let limit = self.app.config.max_messages_per_second;
            let reason = format!("more than {limit} messages per second");
            return Err(Closing::new(close_code::POLICY, reason));
        }
        let messages = protocol::decode_frame(bytes).map_err(|e| {
            let code = match e {
                ProtocolError::FrameTooLarge(_) => close_code::TOO_BIG,
                _ => close_code::POLICY,
            };
            Closing::new(code, e.to_string())
        })?;
        let mut failure = None;
        let mut edited = false;
        for message in messages {
            match self.room.handle_sync(self.peer_id, message).await {
                Ok(Some(stored)) => {
                    self.unstored.push_back(stored);
                    edited = true;
                }
                Ok(None) => {}
                Err(e) => {
                    failure = Some(room_error_close(e));
                    break;
                }
            }
        }
        // A room error wins over a storage error, which the backlog may also report.
        let backlog = self.settle_backlog().await;
        if let Some(closing) = failure.or(backlog.err()) {
            return Err(closing);
        }
        if edited {
            self.room.pace_sender(self.peer_id).await;
        }
        Ok(())
    }

    /// Forgets the updates already stored; waits for the oldest while too many are
    /// not, so a fast sender cannot pile up the writer's queue.
    async fn settle_backlog(&mut self) -> Result<(), Closing> {
        loop {
            let too_many = self.unstored.len() > MAX_UNSTORED_UPDATES;
            let Some(oldest) = self.unstored.front_mut() else {
                return Ok(());
            };
            let outcome = match oldest.try_recv() {
                Ok(outcome) => outcome,
                Err(TryRecvError::Closed) => Err(StoreError::Closed),
                Err(TryRecvError::Empty) if !too_many => return Ok(()),
                Err(TryRecvError::Empty) => oldest.await.unwrap_or(Err(StoreError::Closed)),
            };
            self.unstored.pop_front();
            if let Err(e) = outcome {
                // The room is already being reset (see `room::sync::Delivery`).
                return Err(Closing::new(close_code::INTERNAL, e.to_string()));
            }
        }
    }

    /// Counts and logs why the connection ends (a shutdown is not an error).
    fn report(&self, closing: Option<&Closing>) {
        let Some(closing) = closing else { return };
        if closing.code != close_code::GOING_AWAY || !self.app.shutdown.is_cancelled() {
            Metrics::inc(&self.app.metrics.sync_errors);
        }
        tracing::info!(room = %self.room.id(), code = closing.code, reason = %closing.reason, "closing sync connection");
    }
}

/// The payload of a binary frame; `Continue(None)` for frames to skip (pings),
/// `Break` when the frame ends the connection.
fn frame_bytes(message: Message) -> ControlFlow<Option<Closing>, Option<Bytes>> {
    match message {
        Message::Binary(bytes) => ControlFlow::Continue(Some(bytes)),
        Message::Ping(_) | Message::Pong(_) => ControlFlow::Continue(None),
        Message::Close(_) => ControlFlow::Break(None),
        Message::Text(_) => ControlFlow::Break(Some(Closing::new(
            close_code::UNSUPPORTED,
            "text frames are not part of the y-websocket protocol",
        ))),
    }
}

/// How a room's refusal of a message closes the connection.
fn room_error_close(e: RoomError) -> Closing {
    match e {
        RoomError::Doc(e) => Closing::new(close_code::POLICY, e.to_string()),
        RoomError::Closed => Closing::new(close_code::TRY_AGAIN, "room is reloading"),
        other => Closing::new(close_code::INTERNAL, other.to_string()),
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
