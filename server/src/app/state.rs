//! The server's state: everything a handler may need, one per server. Handlers
//! (`http`, `ws`) depend on it; it depends on the services (`room`, `runs`, `store`,
//! `katas`), never the other way round.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;

use crate::app::clock::Clock;
use crate::app::config::ServeConfig;
use crate::app::metrics::Metrics;
use crate::katas::KataLibrary;
use crate::ratelimit::PerAddress;
use crate::room::registry::Rooms;
use crate::runs::RunService;
use crate::store::Store;

/// Everything a handler may need. One per server.
pub struct AppState {
    pub config: ServeConfig,
    pub store: Store,
    pub rooms: Arc<Rooms>,
    pub metrics: Arc<Metrics>,
    pub clock: Clock,
    pub katas: Arc<KataLibrary>,
    pub runs: RunService,
    /// Cancelled on shutdown: every websocket task watches it.
    pub shutdown: CancellationToken,
    /// The address actually bound (port 0 resolves to a real port).
    pub local_addr: SocketAddr,
    /// Room creations per address per minute (`--rooms-per-minute`).
    pub(crate) room_creation: Mutex<PerAddress>,
    /// Joins per address per minute (`--joins-per-minute`).
    pub(crate) joins: Mutex<PerAddress>,
}

impl AppState {
    pub fn allow_room_creation(&self, addr: IpAddr) -> bool {
        self.room_creation
            .lock()
            .expect("rate limit lock")
            .allow(addr, tokio::time::Instant::now())
    }

    pub fn allow_join(&self, addr: IpAddr) -> bool {
        self.joins
            .lock()
            .expect("rate limit lock")
            .allow(addr, tokio::time::Instant::now())
    }

    /// Base URL for join links.
    pub fn public_url(&self) -> String {
        match &self.config.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => format!("http://{}", self.local_addr),
        }
    }
}

