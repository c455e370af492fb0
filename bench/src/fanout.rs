//! Part 1, sync fan-out: R rooms x C clients, each client typing at a fixed rate
//! into a real yrs document; every other client in the room applies each edit.
//!
//! Latency is measured per (edit, receiving client): each client's edits insert one
//! character at a time under a client id chosen here, so a receiver learns which
//! edits an update carried from its document's state vector (the sender's clock
//! after edit k is k + 1) and looks up their send times, recorded by the sender in
//! a shared table just before sending. Send and receive times come from one clock
//! in one process.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use anyhow::{Result, bail};
use futures_util::{SinkExt, StreamExt};
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use tokio::sync::{mpsc, watch};
use tokio::time::Instant;
use tokio_tungstenite::tungstenite::Message;
use yrs::{ClientID, ReadTxn, Text, Transact};

use crate::Config;
use crate::client::{self, Api, Incoming, TEXT};
use crate::server::{self, Kind, RandoriOptions, Server};
use crate::sys::{self, now_us, round1, round3};

#[derive(Debug, Clone)]
pub struct Params {
    pub rooms: usize,
    pub clients: usize,
    pub rate: f64,
    pub seconds: f64,
    pub warmup: f64,
    /// After the window: time for in-flight edits to arrive.
    pub drain: f64,
}

#[derive(Clone, Copy)]
struct Timing {
    go_us: u64,
    window_start_us: u64,
    window_end_us: u64,
    close_us: u64,
}

impl Timing {
    fn in_window(&self, t: u64) -> bool {
        t >= self.window_start_us && t < self.window_end_us
    }
}

struct Shared {
    /// Per client (global index), per edit sequence: send time in us (0: not sent).
    sent: Vec<Box<[AtomicU64]>>,
    /// yrs client id per client.
    ids: Vec<u64>,
}

#[derive(Default)]
struct ClientOut {
    latencies_us: Vec<u64>,
    deliveries_in_window: u64,
    edits_in_window: u64,
    edits_total: u64,
    error: Option<String>,
}

fn instant_at(us: u64) -> Instant {
    Instant::from_std(sys::origin() + Duration::from_micros(us))
}

/// Runs the fan-out load against one server kind and returns its measurements.
pub async fn run(cfg: &Config, kind: Kind, p: &Params) -> Result<Value> {
    let server = match kind {
        Kind::Randori => {
            let data_dir = server::scratch_dir(cfg, "fanout-data");
            server::start_randori(
                cfg,
                RandoriOptions {
                    data_dir: &data_dir,
                    cpus: Some(&cfg.server_cpus),
                    extra: vec![
                "--rooms-per-minute".into(), "1000000".into(),
                "--runs-per-minute".into(), "1000000".into(),
                "--joins-per-minute".into(), "1000000".into(),
            ],
                    log_name: "fanout-randori",
                },
            )
            .await?
        }
        Kind::Node => server::start_node(cfg, Some(&cfg.server_cpus), "fanout-node").await?,
    };
    let result = measure(&server, p).await;
    let rss_end = server.rss_mib();
    let peak = server.peak_rss_mib();
    server.stop().await?;
    let mut v = result?;
    v["server_rss_end_mib"] = json!(round1(rss_end));
    // Lifetime peak: start-up's or the load's, whichever was higher.
    let before = v["server_peak_rss_before_load_mib"].as_f64().unwrap_or(0.0);
    v["server_peak_rss_mib"] = json!(round1(peak.max(before)));
    Ok(v)
}

async fn urls(server: &Server, p: &Params) -> Result<Vec<Vec<String>>> {
    let tag: u32 = rand::rng().random();
    match server.kind {
        Kind::Node => Ok((0..p.rooms)
            .map(|r| {
                (0..p.clients)
                    .map(|_| format!("{}/bench-{tag:08x}-{r}", server.ws()))
                    .collect()
            })
            .collect()),
        Kind::Randori => {
            let api = Api::new(server.http());
            let mut rooms = Vec::with_capacity(p.rooms);
            for _ in 0..p.rooms {
                let room = api.create_room(None).await?;
                let mut urls = Vec::with_capacity(p.clients);
                for c in 0..p.clients {
                    let joined = api.join(&room, &format!("client {c}")).await?;
                    urls.push(api.sync_url(&joined));
                }
                rooms.push(urls);
            }
            Ok(rooms)
        }
    }
}

async fn measure(server: &Server, p: &Params) -> Result<Value> {
    if p.clients < 2 {
        bail!("fan-out needs at least 2 clients per room");
    }
    // The lifetime peak includes start-up; the peak under load is taken from here on.
    let rss_idle = sys::settle_rss(server.pid, Duration::from_secs(10)).await;
    let peak_startup = server.peak_rss_mib();
    let reset = sys::reset_peak_rss(server.pid);
    let rooms = urls(server, p).await?;
    let n = p.rooms * p.clients;
    let capacity = (p.rate * (p.warmup + p.seconds + 2.0)).ceil() as usize + 16;
    let base: u64 = rand::rng().random_range(1_000_000..1_000_000_000);
    let shared = Arc::new(Shared {
        sent: (0..n)
            .map(|_| (0..capacity).map(|_| AtomicU64::new(0)).collect())
            .collect(),
        ids: (0..n as u64).map(|i| base + i).collect(),
    });
    let (timing_tx, timing_rx) = watch::channel::<Option<Timing>>(None);
    let (ready_tx, mut ready_rx) = mpsc::channel::<Result<(), String>>(n);
    let mut tasks = Vec::with_capacity(n);
    for (r, urls) in rooms.iter().enumerate() {
        for (c, url) in urls.iter().enumerate() {
            let g = r * p.clients + c;
            let peers: Vec<usize> = (0..p.clients)
                .filter(|&o| o != c)
                .map(|o| r * p.clients + o)
                .collect();
            tasks.push(tokio::spawn(client_task(
                g,
                peers,
                url.clone(),
                shared.clone(),
                p.rate,
                timing_rx.clone(),
                ready_tx.clone(),
            )));
        }
    }
    drop(ready_tx);
    for _ in 0..n {
        match tokio::time::timeout(Duration::from_secs(120), ready_rx.recv()).await {
            Ok(Some(Ok(()))) => {}
            Ok(Some(Err(e))) => bail!("a client could not connect: {e}"),
            Ok(None) => bail!("clients ended before connecting"),
            Err(_) => bail!("clients did not all connect within 120 s"),
        }
    }
    let rss_connected = server.rss_mib();
    let go_us = now_us() + 300_000;
    let window_start_us = go_us + (p.warmup * 1e6) as u64;
    let window_end_us = window_start_us + (p.seconds * 1e6) as u64;
    let timing = Timing {
        go_us,
        window_start_us,
        window_end_us,
        close_us: window_end_us + (p.drain * 1e6) as u64,
    };
    timing_tx.send(Some(timing)).ok();

    let api = (server.kind == Kind::Randori).then(|| Api::new(server.http()));
    tokio::time::sleep_until(instant_at(window_start_us)).await;
    let interference = sys::Interference::start(server.pid);
    let cpu0 = server.cpu_seconds();
    let split0 = sys::cpu_split(server.pid).unwrap_or((0.0, 0.0));
    let threads0 = sys::threads_cpu(server.pid);
    let delivered0 = match &api {
        Some(a) => a.metric("randori_updates_delivered_total").await.ok(),
        None => None,
    };
    tokio::time::sleep_until(instant_at(window_end_us)).await;
    let cpu1 = server.cpu_seconds();
    let other_cpu = interference.other_cpu_seconds();
    let split1 = sys::cpu_split(server.pid).unwrap_or((0.0, 0.0));
    let threads = sys::threads_cpu_delta(&threads0, &sys::threads_cpu(server.pid));
    let delivered1 = match &api {
        Some(a) => a.metric("randori_updates_delivered_total").await.ok(),
        None => None,
    };

    let mut latencies = Vec::new();
    let (mut deliveries, mut edits_window, mut edits_total, mut errors) =
        (0u64, 0u64, 0u64, Vec::new());
    for t in tasks {
        let out = t.await?;
        latencies.extend(out.latencies_us);
        deliveries += out.deliveries_in_window;
        edits_window += out.edits_in_window;
        edits_total += out.edits_total;
        if let Some(e) = out.error {
            errors.push(e);
        }
    }
    let expected = edits_window * (p.clients as u64 - 1);
    let received = latencies.len() as u64;
    let summary = sys::summarize(&mut latencies);
    let cpu = cpu1 - cpu0;
    let per_sec = deliveries as f64 / p.seconds;
    if !errors.is_empty() {
        eprintln!("  {} client errors, first: {}", errors.len(), errors[0]);
    }
    Ok(json!({
        "server": server.kind.name(),
        "rooms": p.rooms,
        "clients_per_room": p.clients,
        "edits_per_second_per_client": p.rate,
        "seconds": p.seconds,
        "warmup_seconds": p.warmup,
        "edits_sent": edits_total,
        "edits_in_window": edits_window,
        "deliveries_expected": expected,
        "deliveries_received": received,
        "deliveries_lost": expected.saturating_sub(received),
        "deliveries_per_second": round1(per_sec),
        "server_deliveries_counted": match (delivered0, delivered1) { (Some(a), Some(b)) => json!(b - a), _ => Value::Null },
        "latency_ms": summary,
        "server_cpu_seconds": round3(cpu),
        "server_cpu_seconds_per_1000_deliveries": round3(cpu / deliveries.max(1) as f64 * 1000.0),
        "server_cpu_utilisation": round3(cpu / p.seconds),
        "other_processes_cpu_seconds": other_cpu,
        "server_cpu_kernel_fraction": round3((split1.1 - split0.1) / cpu.max(1e-9)),
        "server_cpu_seconds_by_thread": threads,
        "server_rss_idle_mib": round1(rss_idle),
        "server_peak_rss_before_load_mib": round1(peak_startup),
        "server_rss_connected_mib": round1(rss_connected),
        "server_peak_rss_during_load_mib": if reset { json!(round1(server.peak_rss_mib())) } else { Value::Null },
        "client_errors": errors.len(),
        "first_error": errors.first(),
    }))
}

async fn client_task(
    g: usize,
    peers: Vec<usize>,
    url: String,
    shared: Arc<Shared>,
    rate: f64,
    mut timing_rx: watch::Receiver<Option<Timing>>,
    ready: mpsc::Sender<Result<(), String>>,
) -> ClientOut {
    let mut out = ClientOut::default();
    let doc = client::new_doc(shared.ids[g]);
    let text = doc.get_or_insert_text(TEXT);
    let (mut sink, mut stream) = match client::connect_synced(&url, &doc).await {
        Ok(s) => s,
        Err(e) => {
            let _ = ready.send(Err(format!("{e:#}"))).await;
            out.error = Some(format!("{e:#}"));
            return out;
        }
    };
    let _ = ready.send(Ok(())).await;
    let peer_ids: Vec<ClientID> = peers
        .iter()
        .map(|&p| ClientID::new(shared.ids[p]))
        .collect();
    let mut known: Vec<u32> = {
        let sv = doc.transact().state_vector();
        peer_ids.iter().map(|id| sv.get(id)).collect()
    };
    // Wait for the start signal, answering whatever arrives meanwhile.
    let timing = loop {
        if let Some(t) = *timing_rx.borrow_and_update() {
            break t;
        }
        tokio::select! {
            changed = timing_rx.changed() => if changed.is_err() { return out; },
            frame = stream.next() => match frame {
                Some(Ok(Message::Binary(b))) => {
                    if let Err(e) = client::handle_frame(&doc, &mut sink, &b).await {
                        out.error = Some(format!("{e:#}"));
                        return out;
                    }
                }
                Some(Ok(_)) => {}
                _ => { out.error = Some("connection closed before the start".into()); return out; }
            },
        }
    };
    let mut rng = rand::rngs::SmallRng::seed_from_u64(shared.ids[g]);
    let period = Duration::from_secs_f64(1.0 / rate);
    let phase = Duration::from_secs_f64(rng.random_range(0.0..1.0 / rate));
    let mut tick = tokio::time::interval_at(instant_at(timing.go_us) + phase, period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let close = tokio::time::sleep_until(instant_at(timing.close_us));
    tokio::pin!(close);
    let sent = &shared.sent[g];
    let mut seq = 0usize;
    let mut cursor: u32 = 0;
    let alphabet = b"abcdefghijklmnopqrstuvwxyz ";
    loop {
        tokio::select! {
            biased;
            frame = stream.next() => {
                let bytes = match frame {
                    Some(Ok(Message::Binary(b))) => b,
                    Some(Ok(Message::Close(c))) => { out.error = Some(format!("closed by the server: {c:?}")); break; }
                    Some(Ok(_)) => continue,
                    Some(Err(e)) => { out.error = Some(format!("read: {e}")); break; }
                    None => { out.error = Some("connection ended".into()); break; }
                };
                let update = match client::decode(&bytes) {
                    Ok(Incoming::Update(u)) | Ok(Incoming::Step2(u)) => u,
                    Ok(Incoming::Step1(sv)) => {
                        let _ = sink.send(Message::Binary(client::step2_for(&doc, &sv).into())).await;
                        continue;
                    }
                    Ok(Incoming::Denied(r)) => { out.error = Some(format!("edit refused: {r}")); break; }
                    Ok(Incoming::Other) => continue,
                    Err(e) => { out.error = Some(format!("decode: {e}")); break; }
                };
                if let Err(e) = client::apply(&doc, &update) {
                    out.error = Some(format!("apply: {e}"));
                    break;
                }
                let now = now_us();
                let sv = doc.transact().state_vector();
                for (k, (id, &p)) in peer_ids.iter().zip(&peers).enumerate() {
                    let clock = sv.get(id);
                    for s in known[k] as usize..clock as usize {
                        let t = shared.sent[p].get(s).map(|a| a.load(Ordering::Acquire)).unwrap_or(0);
                        if t != 0 && timing.in_window(t) {
                            out.latencies_us.push(now.saturating_sub(t));
                        }
                        if timing.in_window(now) {
                            out.deliveries_in_window += 1;
                        }
                    }
                    known[k] = known[k].max(clock);
                }
            }
            _ = tick.tick() => {
                let now = now_us();
                if now >= timing.window_end_us || seq >= sent.len() {
                    continue;
                }
                // One keystroke: type at the cursor, now and then jump elsewhere.
                let frame = {
                    let mut txn = doc.transact_mut();
                    let len = text.len(&txn);
                    if cursor > len || rng.random_bool(0.05) {
                        cursor = rng.random_range(0..=len);
                    }
                    let ch = alphabet[rng.random_range(0..alphabet.len())] as char;
                    text.insert(&mut txn, cursor, ch.encode_utf8(&mut [0u8; 4]));
                    cursor += 1;
                    client::update_frame(txn.encode_update_v1())
                };
                // One timestamp decides both the latency samples and the expected count.
                let t = now_us();
                sent[seq].store(t, Ordering::Release);
                seq += 1;
                out.edits_total += 1;
                if timing.in_window(t) {
                    out.edits_in_window += 1;
                }
                if let Err(e) = sink.send(Message::Binary(frame.into())).await {
                    out.error = Some(format!("send: {e}"));
                    break;
                }
            }
            _ = &mut close => break,
        }
    }
    let _ = sink.close().await;
    out
}

/// Ratios of Randori's figures to the Node server's (lower is better for Randori).
pub fn ratios(randori: &Value, node: &Value) -> Value {
    let r = |v: &Value, path: &[&str]| {
        path.iter()
            .fold(v, |v, k| &v[*k])
            .as_f64()
            .unwrap_or(f64::NAN)
    };
    let ratio = |path: &[&str]| round3(r(randori, path) / r(node, path));
    json!({
        "cpu_per_delivery": ratio(&["server_cpu_seconds_per_1000_deliveries"]),
        "peak_rss": ratio(&["server_peak_rss_mib"]),
        "peak_rss_during_load": ratio(&["server_peak_rss_during_load_mib"]),
        "latency_p50": ratio(&["latency_ms", "p50_ms"]),
        "latency_p99": ratio(&["latency_ms", "p99_ms"]),
        "deliveries_per_second": ratio(&["deliveries_per_second"]),
    })
}
