//! The one home of the websockets' limits: close codes, timeouts, queue and frame
//! sizes. Both sockets ([`super::sync_socket`], [`super::events_socket`]) read them
//! from here, so a limit is changed (and documented, docs/protocol.md) in one place.

use std::time::Duration;

// ------------------------------------------------------------------ both sockets

/// Websocket close codes (RFC 6455).
pub mod close_code {
    pub const GOING_AWAY: u16 = 1001;
    pub const UNSUPPORTED: u16 = 1003;
    pub const POLICY: u16 = 1008;
    pub const TOO_BIG: u16 = 1009;
    pub const INTERNAL: u16 = 1011;
    pub const TRY_AGAIN: u16 = 1013;
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

/// Read and write buffer of each websocket. tungstenite's default read buffer is
/// 128 KiB per connection; 8 KiB cut a 200-client server's peak memory from 36 to
/// 12 MiB (shared/NOTES.md), and frames larger than it are still read whole.
pub const SOCKET_BUFFER_BYTES: usize = 8 * 1024;

// ------------------------------------------------------------------ sync socket

/// Largest sync frame (checked by the codec before anything is decoded).
pub use randori_core::sync::protocol::MAX_FRAME_BYTES as SYNC_MAX_FRAME_BYTES;

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
pub const RATE_BURST_FACTOR: f64 = 5.0;


// ------------------------------------------------------------------ events socket

/// Largest frame a client may send on the events socket (commands are small; a
/// larger frame is closed with 1009 before it is buffered whole).
pub const EVENTS_MAX_FRAME_BYTES: usize = 64 * 1024;

/// A send that takes longer than this means the client stopped reading: it is dropped
/// (its events are a full room state away once it reconnects).
pub const EVENTS_SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Largest command a client may send.
pub const MAX_COMMAND_BYTES: usize = 16 * 1024;

/// Commands per second an events socket may send.
pub const COMMANDS_PER_SECOND: f64 = 20.0;

