//! Wiring: builds the services and the state, the router, listens, and shuts down
//! cleanly. The one module that knows every layer.
//!
//! On SIGINT/SIGTERM: stop accepting, close every websocket with a close frame,
//! compact loaded rooms, and wait for storage to commit everything queued.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use axum::Router;
use axum::serve::ListenerExt;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;
use tower_http::services::{ServeDir, ServeFile};

use crate::app::clock::Clock;
use crate::app::config::ServeConfig;
use crate::katas::KataLibrary;
use crate::app::metrics::Metrics;
use crate::ratelimit::PerAddress;
use crate::room::{RoomContext, TURN_END_TESTS_QUEUED, TurnEndTest};
use crate::room::registry::Rooms;
use crate::runs::RunService;
use crate::store::Store;
use crate::app::state::AppState;

/// How long shutdown waits for websocket tasks to send their close frames.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

/// A started server.
pub struct Server {
    pub app: Arc<AppState>,
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    /// Opens storage, loads katas, starts the sandbox and binds the listener.
    pub async fn start(config: ServeConfig) -> anyhow::Result<Server> {
        let store = Store::open(&config.data_dir)
            .with_context(|| format!("opening storage in {}", config.data_dir.display()))?;
        let metrics = Arc::new(Metrics::default());
        metrics.latency.register(
            "store_commit_seconds",
            "Time per storage group commit (every update is committed before its broadcast)",
            store.commit_histogram(),
        );
        let clock = Clock::new();
        let katas = Arc::new(KataLibrary::load(&config.katas_dir));
        let runs = RunService::start(&config, katas.clone(), store.clone(), clock, metrics.clone())
            .await
            .context("starting the sandbox")?;
        let listener = listen(config.addr).with_context(|| format!("binding {}", config.addr))?;
        let addr = listener.local_addr()?;
        let (turn_end_tests, turn_end_rx) = tokio::sync::mpsc::channel(TURN_END_TESTS_QUEUED);
        let ctx = RoomContext {
            store: store.clone(),
            metrics: metrics.clone(),
            clock,
            turn_end_tests: Some(turn_end_tests),
        };
        let rooms = Arc::new(Rooms::new(
            ctx,
            Duration::from_secs(config.room_idle_seconds),
        ));
        let app = Arc::new(AppState {
            room_creation: Mutex::new(PerAddress::new(config.rooms_per_minute)),
            joins: Mutex::new(PerAddress::new(config.joins_per_minute)),
            config,
            store,
            rooms,
            metrics,
            clock,
            katas,
            runs,
            shutdown: CancellationToken::new(),
            local_addr: addr,
        });
        tokio::spawn(run_turn_end_tests(app.clone(), turn_end_rx));
        let router = router(app.clone());
        let shutdown = app.shutdown.clone();
        // Small frames must leave at once: without TCP_NODELAY, Nagle plus delayed
        // ACKs add ~40 ms to fan-out.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let task = tokio::spawn(async move {
            let served = axum::serve(
                listener,
                router.into_make_service_with_connect_info::<SocketAddr>(),
            )
            .with_graceful_shutdown(async move { shutdown.cancelled().await })
            .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "server stopped");
            }
        });
        tracing::info!(%addr, "randori listening");
        Ok(Server { app, addr, task })
    }

    /// Stops accepting, closes websockets, flushes storage.
    pub async fn shutdown(self) {
        self.app.shutdown.cancel();
        let _ = tokio::time::timeout(SHUTDOWN_GRACE, self.task).await;
        for room in self.app.rooms.loaded() {
            room.flush();
        }
        let store = self.app.store.clone();
        let _ = tokio::task::spawn_blocking(move || store.close()).await;
        tracing::info!("randori stopped; storage flushed");
    }
}

/// Connections the kernel queues before the server accepts them. `TcpListener::bind`
/// asks for 128: a burst of reconnecting clients (a server restart with a few hundred
/// open editors) overflows it, and every dropped SYN costs its client a second.
const LISTEN_BACKLOG: u32 = 4096;

fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = if addr.is_ipv4() {
        tokio::net::TcpSocket::new_v4()?
    } else {
        tokio::net::TcpSocket::new_v6()?
    };
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(LISTEN_BACKLOG)
}

fn router(app: Arc<AppState>) -> Router {
    let web = app.config.web_dir.clone();
    let index = web.join("index.html");
    let static_files = ServeDir::new(&web).fallback(ServeFile::new(index));
    crate::http::routes()
        .fallback_service(static_files)
        .with_state(app)
}

/// Resolves on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("install SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Hands the test runs that rotations ask for at a turn's end to the run service.
/// Ends with the server.
async fn run_turn_end_tests(
    app: Arc<AppState>,
    mut requests: tokio::sync::mpsc::Receiver<TurnEndTest>,
) {
    loop {
        let request = tokio::select! {
            r = requests.recv() => r,
            _ = app.shutdown.cancelled() => None,
        };
        let Some(request) = request else { return };
        let Ok(Some(room)) = app.rooms.get(&request.room_id).await else {
            continue;
        };
        if let Err(e) = app.runs.request_at_turn_end(&room, request.driver, request.turn) {
            tracing::warn!(room = %request.room_id, turn = request.turn, error = %e, "turn-end test run not queued");
        }
    }
}
