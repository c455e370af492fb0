//! Part 4, scale at rest: memory per loaded room and per idle connected client,
//! measured with N rooms x 2 synced clients that then say nothing; and the same
//! connections held by the Node server for context.
//!
//! Randori: resident set after start-up (sandbox loaded), after creating the rooms
//! (each joined twice, so each holds its roster; rooms stay loaded), after one client
//! per room, after the second. Node has no rooms until a client connects.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, bail};
use futures_util::StreamExt;
use serde_json::{Value, json};
use tokio::sync::{Semaphore, watch};

use crate::Config;
use crate::client::{self, Api};
use crate::server::{self, Kind, RandoriOptions, Server};
use crate::sys::{self, round1};

#[derive(Debug, Clone)]
pub struct Params {
    pub rooms: usize,
}

/// Connects one synced client per URL and keeps it open (answering pings) until
/// `stop` flips. Returns when all are synced.
async fn hold_clients(
    urls: Vec<String>,
    base_id: u64,
    stop: watch::Receiver<bool>,
) -> Result<Vec<tokio::task::JoinHandle<()>>> {
    let gate = Arc::new(Semaphore::new(32));
    let mut connecting = Vec::new();
    for (i, url) in urls.into_iter().enumerate() {
        let gate = gate.clone();
        let mut stop = stop.clone();
        connecting.push(tokio::spawn(async move {
            let permit = gate.acquire_owned().await.expect("semaphore");
            let doc = client::new_doc(base_id + i as u64);
            let (sink, mut stream) = client::connect_synced(&url, &doc).await?;
            drop(permit);
            anyhow::Ok(tokio::spawn(async move {
                let _sink = sink;
                loop {
                    tokio::select! {
                        _ = stop.changed() => break,
                        m = stream.next() => if m.is_none() || matches!(m, Some(Err(_))) { break },
                    }
                }
            }))
        }));
    }
    let mut held = Vec::new();
    for c in connecting {
        held.push(c.await??);
    }
    Ok(held)
}

async fn settle(server: &Server) -> f64 {
    tokio::time::sleep(Duration::from_millis(500)).await;
    sys::settle_rss(server.pid, Duration::from_secs(10)).await
}

pub async fn run(cfg: &Config, kind: Kind, p: &Params) -> Result<Value> {
    let server = match kind {
        Kind::Randori => {
            let data_dir = server::scratch_dir(cfg, "scale-data");
            server::start_randori(
                cfg,
                RandoriOptions {
                    data_dir: &data_dir,
                    cpus: Some(&cfg.server_cpus),
                    extra: vec![
                        "--rooms-per-minute".into(),
                        "1000000".into(),
                        "--joins-per-minute".into(),
                        "1000000".into(),
                        "--room-idle-seconds".into(),
                        "3600".into(),
                    ],
                    log_name: "scale-randori",
                },
            )
            .await?
        }
        Kind::Node => server::start_node(cfg, Some(&cfg.server_cpus), "scale-node").await?,
    };
    let result = measure(&server, p).await;
    server.stop().await?;
    result
}

async fn measure(server: &Server, p: &Params) -> Result<Value> {
    let n = p.rooms;
    let base = settle(server).await;
    let (first, second, after_rooms): (Vec<String>, Vec<String>, Option<f64>) = match server.kind {
        Kind::Node => {
            let urls: Vec<String> = (0..n)
                .map(|r| format!("{}/scale-{r}", server.ws()))
                .collect();
            (urls.clone(), urls, None)
        }
        Kind::Randori => {
            let api = Api::new(server.http());
            let gate = Arc::new(Semaphore::new(16));
            let mut tasks = Vec::new();
            for _ in 0..n {
                let (api, gate) = (api.clone(), gate.clone());
                tasks.push(tokio::spawn(async move {
                    let _p = gate.acquire_owned().await.expect("semaphore");
                    let room = api.create_room(None).await?;
                    let a = api.join(&room, "ada").await?;
                    let b = api.join(&room, "grace").await?;
                    anyhow::Ok((api.sync_url(&a), api.sync_url(&b)))
                }));
            }
            let (mut first, mut second) = (Vec::new(), Vec::new());
            for t in tasks {
                let (a, b) = t.await??;
                first.push(a);
                second.push(b);
            }
            let loaded = api.metric("randori_rooms_loaded").await.unwrap_or(f64::NAN);
            if loaded < n as f64 {
                bail!("only {loaded} of {n} rooms stayed loaded");
            }
            (first, second, Some(settle(server).await))
        }
    };
    let (stop_tx, stop_rx) = watch::channel(false);
    let held1 = hold_clients(first, 20_000_000, stop_rx.clone()).await?;
    let one = settle(server).await;
    let held2 = hold_clients(second, 30_000_000, stop_rx).await?;
    let two = settle(server).await;
    let peak = server.peak_rss_mib();
    let _ = stop_tx.send(true);
    for h in held1.into_iter().chain(held2) {
        let _ = h.await;
    }
    let kib = |mib: f64| (mib * 1024.0 / n as f64 * 10.0).round() / 10.0;
    let rooms_base = after_rooms.unwrap_or(base);
    // Randori: a loaded room is what creating (and joining) it added; Node has no room
    // before its first client, so its per-room figure includes that client.
    let per_client = match server.kind {
        Kind::Randori => kib((two - rooms_base) / 2.0),
        Kind::Node => kib(two - one),
    };
    Ok(json!({
        "server": server.kind.name(),
        "rooms": n,
        "clients": 2 * n,
        "rss_start_mib": round1(base),
        "rss_rooms_loaded_mib": after_rooms.map(round1),
        "rss_one_client_per_room_mib": round1(one),
        "rss_two_clients_per_room_mib": round1(two),
        "peak_rss_mib": round1(peak),
        "kib_per_loaded_room": after_rooms.map(|r| kib(r - base)),
        "kib_per_first_client": kib(one - rooms_base),
        "kib_per_second_client": kib(two - one),
        "kib_per_idle_client": per_client,
        "kib_per_room_with_two_clients": kib(two - base),
    }))
}
