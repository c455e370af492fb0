//! Load and abuse against a real server on 127.0.0.1:0 (in-process, so the test can
//! read the server's memory and sockets). See docs/reliability.md for the results.
//!
//! Every test asserts correctness only (edits arrive, connections are answered,
//! gauges return to their baseline, abusers are closed with the right code) and
//! prints latency and memory figures; nothing here asserts a duration.
//!
//! `RANDORI_LOAD_SCALE` scales the sizes: 1 is the full reliability run (2,000
//! concurrent websockets, 10,000 connects in a storm, 1,000 room creations); the
//! default, 0.2, keeps `cargo test` quick. `make reliability` runs with 1.
//!
//! The tests run one at a time (they measure the whole process), and raise the
//! file-descriptor limit for themselves.

mod common;

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::*;
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use randori::app::config::ServeConfig;
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{Doc, GetString, Text, Transact};

// ---------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------

/// Fraction of the full reliability run (1.0).
fn scale() -> f64 {
    std::env::var("RANDORI_LOAD_SCALE")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| *s > 0.0)
        .unwrap_or(0.2)
}

fn scaled(full: usize) -> usize {
    ((full as f64 * scale()).round() as usize).max(1)
}

/// Load tests measure the process (memory, sockets): one at a time. (A tokio mutex:
/// each test has its own runtime, and the guard is held across awaits.)
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn serial() -> tokio::sync::MutexGuard<'static, ()> {
    SERIAL.lock().await
}

/// Raises the soft RLIMIT_NOFILE (each websocket costs two descriptors here: the
/// client's and the server's).
fn raise_fd_limit(want: u64) {
    // SAFETY: plain libc calls on a stack value.
    unsafe {
        let mut lim = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) != 0 {
            return;
        }
        if lim.rlim_cur < want {
            lim.rlim_cur = want.min(lim.rlim_max);
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(field)?
                .trim()
                .strip_suffix("kB")?
                .trim()
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

/// Resident memory of this process (server and clients), in MiB.
fn rss_mib() -> f64 {
    proc_status_kb("VmRSS:") as f64 / 1024.0
}

/// Resets the peak-RSS mark (VmHWM) to the current RSS.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn peak_rss_mib() -> f64 {
    proc_status_kb("VmHWM:") as f64 / 1024.0
}

fn load_config(dir: &std::path::Path) -> ServeConfig {
    let mut config = ServeConfig::for_tests(dir.to_path_buf());
    // Rooms unload one second after their last connection, so gauges settle quickly.
    config.room_idle_seconds = 1;
    config
}

async fn metrics(base: &str) -> String {
    get_text(format!("{base}/metrics")).await
}

async fn gauge(base: &str, name: &str) -> i64 {
    let text = metrics(base).await;
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' ')?.parse().ok())
        .unwrap_or_else(|| panic!("no {name} in {text}"))
}

/// Waits until `name` equals `want`; returns how long it took.
async fn wait_gauge(base: &str, name: &str, want: i64, patience: Duration) -> Duration {
    let started = Instant::now();
    loop {
        let got = gauge(base, name).await;
        if got == want {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < patience,
            "{name} is {got}, expected {want} within {patience:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

struct Percentiles {
    n: usize,
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

fn percentiles(samples: &[Duration]) -> Percentiles {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| {
        if ms.is_empty() {
            f64::NAN
        } else {
            ms[((ms.len() as f64 - 1.0) * q).round() as usize]
        }
    };
    Percentiles {
        n: ms.len(),
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        max: at(1.0),
    }
}

fn report(what: &str, samples: &[Duration]) {
    let p = percentiles(samples);
    println!(
        "  {what:<44} n={:<5} p50={:>7.2} ms  p95={:>7.2} ms  p99={:>7.2} ms  max={:>7.2} ms",
        p.n, p.p50, p.p95, p.p99, p.max
    );
}

fn ws_base(base: &str) -> String {
    base.replacen("http", "ws", 1)
}

type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

/// `00 00 01 00`: sync step 1 with an empty state vector, what a fresh stock client sends.
const STEP1_EMPTY: [u8; 4] = [0, 0, 1, 0];

fn is_step2(frame: &[u8]) -> bool {
    frame.starts_with(&[0, 1])
}

fn is_update(frame: &[u8]) -> bool {
    frame.starts_with(&[0, 2])
}

fn update_frame(update: Vec<u8>) -> Vec<u8> {
    yrs::sync::Message::Sync(yrs::sync::SyncMessage::Update(update)).encode_v1()
}

/// A raw y-websocket peer: did the handshake (step 1, got step 2), then a task drains
/// and counts what the server sends until the connection ends.
/// Dropping it closes the connection (no close handshake).
struct RawPeer {
    sink: SplitSink<Ws, Message>,
    frames: Arc<AtomicU64>,
    closed: Arc<AtomicBool>,
    reader: tokio::task::JoinHandle<()>,
}

impl Drop for RawPeer {
    fn drop(&mut self) {
        // The reader task owns the other half of the socket.
        self.reader.abort();
    }
}

async fn raw_peer(base: &str, room: &str, token: Option<&str>) -> Result<RawPeer, String> {
    let url = match token {
        Some(t) => format!("{}/rooms/{room}/sync?token={t}", ws_base(base)),
        None => format!("{}/rooms/{room}/sync", ws_base(base)),
    };
    let (ws, _) = tokio_tungstenite::connect_async(url)
        .await
        .map_err(|e| format!("connect: {e}"))?;
    let (mut sink, mut stream) = ws.split();
    sink.send(Message::Binary(STEP1_EMPTY.to_vec().into()))
        .await
        .map_err(|e| format!("send: {e}"))?;
    step2(&mut stream).await?;
    let frames = Arc::new(AtomicU64::new(0));
    let closed = Arc::new(AtomicBool::new(false));
    let (f, c) = (frames.clone(), closed.clone());
    let reader = tokio::spawn(async move {
        while let Some(Ok(m)) = stream.next().await {
            if matches!(m, Message::Binary(_)) {
                f.fetch_add(1, Ordering::Relaxed);
            }
        }
        c.store(true, Ordering::Relaxed);
    });
    Ok(RawPeer {
        sink,
        frames,
        closed,
        reader,
    })
}

/// Reads until the server's step 2 (the answer to our step 1).
async fn step2<S>(stream: &mut S) -> Result<(), String>
where
    S: futures_util::Stream<Item = Result<Message, tokio_tungstenite::tungstenite::Error>> + Unpin,
{
    let wait = async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Binary(b))) if is_step2(&b) => return Ok(()),
                Some(Ok(Message::Close(f))) => return Err(format!("closed before step 2: {f:?}")),
                Some(Ok(_)) => continue,
                Some(Err(e)) => return Err(format!("read: {e}")),
                None => return Err("ended before step 2".to_string()),
            }
        }
    };
    tokio::time::timeout(PATIENCE, wait)
        .await
        .map_err(|_| "no step 2 in time".to_string())?
}

/// Connects `n` raw peers to `rooms` (id, participant token or none for a watcher)
/// round-robin, `concurrency` at a time. Returns the peers and each handshake's
/// duration (connect to step 2).
async fn connect_many(
    base: &str,
    rooms: &[(String, Option<String>)],
    n: usize,
    concurrency: usize,
) -> (Vec<RawPeer>, Vec<Duration>) {
    let results: Vec<(Result<RawPeer, String>, Duration)> = futures_util::stream::iter(0..n)
        .map(|i| {
            let base = base.to_string();
            let (room, token) = rooms[i % rooms.len()].clone();
            async move {
                let started = Instant::now();
                let peer = raw_peer(&base, &room, token.as_deref()).await;
                (peer, started.elapsed())
            }
        })
        .buffer_unordered(concurrency)
        .collect()
        .await;
    let mut peers = Vec::new();
    let mut times = Vec::new();
    let mut errors = Vec::new();
    for (peer, took) in results {
        match peer {
            Ok(p) => {
                peers.push(p);
                times.push(took);
            }
            Err(e) => errors.push(e),
        }
    }
    assert!(
        errors.is_empty(),
        "{} of {n} handshakes failed, e.g. {:?}",
        errors.len(),
        &errors[..errors.len().min(3)]
    );
    (peers, times)
}

async fn create_rooms(base: &str, n: usize, body: Value) -> Vec<String> {
    futures_util::stream::iter(0..n)
        .map(|_| {
            let (base, body) = (base.to_string(), body.clone());
            async move { create_room(&base, body).await.0 }
        })
        .buffer_unordered(16)
        .collect()
        .await
}

/// A room whose edit latency is measured: a writer sends one small update at a time
/// and a reader (another connection) times its arrival.
struct Probe {
    writer: SplitSink<Ws, Message>,
    doc: Doc,
    arrivals: mpsc::UnboundedReceiver<Instant>,
    _reader: SplitSink<Ws, Message>,
}

impl Probe {
    async fn start(base: &str) -> Probe {
        let (room, _) = create_room(base, json!({"mode": "free"})).await;
        let (_, token) = join(base, &room, "Probe").await;
        let url = format!("{}/rooms/{room}/sync?token={token}", ws_base(base));
        let (ws, _) = tokio_tungstenite::connect_async(url).await.unwrap();
        let (mut writer, mut wstream) = ws.split();
        writer
            .send(Message::Binary(STEP1_EMPTY.to_vec().into()))
            .await
            .unwrap();
        step2(&mut wstream).await.unwrap();
        // Keep draining the writer's socket (its peers' awareness, pings).
        tokio::spawn(async move { while let Some(Ok(_)) = wstream.next().await {} });
        let (ws, _) =
            tokio_tungstenite::connect_async(format!("{}/rooms/{room}/sync", ws_base(base)))
                .await
                .unwrap();
        let (mut reader, mut rstream) = ws.split();
        reader
            .send(Message::Binary(STEP1_EMPTY.to_vec().into()))
            .await
            .unwrap();
        step2(&mut rstream).await.unwrap();
        let (tx, arrivals) = mpsc::unbounded_channel();
        tokio::spawn(async move {
            while let Some(Ok(m)) = rstream.next().await {
                if let Message::Binary(b) = m
                    && is_update(&b)
                    && tx.send(Instant::now()).is_err()
                {
                    break;
                }
            }
        });
        Probe {
            writer,
            doc: Doc::with_client_id(4242),
            arrivals,
            _reader: reader,
        }
    }

    /// One edit; how long until the reader had it.
    async fn edit(&mut self) -> Duration {
        let text = self.doc.get_or_insert_text("solution");
        let update = {
            let mut txn = self.doc.transact_mut();
            text.insert(&mut txn, 0, "x");
            txn.encode_update_v1()
        };
        let sent = Instant::now();
        self.writer
            .send(Message::Binary(update_frame(update).into()))
            .await
            .expect("probe writer open");
        let arrived = tokio::time::timeout(PATIENCE, self.arrivals.recv())
            .await
            .expect("the probe's edit arrived in time")
            .expect("probe reader open");
        arrived - sent
    }

    /// `n` edits `gap` apart.
    async fn edits(&mut self, n: usize, gap: Duration) -> Vec<Duration> {
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.edit().await);
            tokio::time::sleep(gap).await;
        }
        out
    }

    /// Edits every `gap` until `stop` is set.
    async fn edits_until(&mut self, stop: &AtomicBool, gap: Duration) -> Vec<Duration> {
        let mut out = Vec::new();
        while !stop.load(Ordering::Relaxed) {
            out.push(self.edit().await);
            tokio::time::sleep(gap).await;
        }
        out
    }

    async fn close(mut self) {
        let _ = self.writer.send(Message::Close(None)).await;
        let _ = self._reader.send(Message::Close(None)).await;
    }
}

/// Whether some process still holds the server's end of the TCP connection between
/// `server_port` and `client_port` (an orphaned socket has inode 0 in /proc/net/tcp).
fn server_end_held(server_port: u16, client_port: u16) -> bool {
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap_or_default();
    let port = |s: &str| {
        s.rsplit(':')
            .next()
            .and_then(|p| u16::from_str_radix(p, 16).ok())
    };
    table.lines().skip(1).any(|line| {
        let f: Vec<&str> = line.split_whitespace().collect();
        f.len() > 9
            && port(f[1]) == Some(server_port)
            && port(f[2]) == Some(client_port)
            && f[9] != "0"
    })
}

/// A websocket whose socket has a 4 KiB receive buffer, so that a client that stops
/// reading fills the path quickly. Returns the socket and its local port.
async fn small_window_ws(addr: SocketAddr, url: String) -> (WebSocketStream<TcpStream>, u16) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(4096).unwrap();
    let tcp = socket.connect(addr).await.unwrap();
    let port = tcp.local_addr().unwrap().port();
    let (ws, _) = tokio_tungstenite::client_async(url, tcp).await.unwrap();
    (ws, port)
}

fn close_code(m: &Message) -> Option<u16> {
    match m {
        Message::Close(Some(f)) => Some(u16::from(f.code)),
        _ => None,
    }
}

/// Reads until the server closes; returns the close code (None: closed without a frame).
async fn read_until_closed(stream: &mut SplitStream<Ws>) -> Option<(u16, String)> {
    let wait = async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Close(Some(f)))) => {
                    return Some((u16::from(f.code), f.reason.to_string()));
                }
                Some(Ok(Message::Close(None))) | None | Some(Err(_)) => return None,
                Some(Ok(_)) => continue,
            }
        }
    };
    tokio::time::timeout(PATIENCE, wait)
        .await
        .expect("the server closed the connection in time")
}

// ---------------------------------------------------------------------------
// Load
// ---------------------------------------------------------------------------

/// 2,000 concurrent websockets (500 rooms x 4 raw y-websocket peers at full scale)
/// on one server, while a separate room keeps editing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn holds_2000_concurrent_connections_while_a_room_edits() {
    let _serial = serial().await;
    raise_fd_limit(8192);
    let connections = scaled(2000);
    let rooms_n = connections.div_ceil(4);
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    println!(
        "\n== {connections} concurrent connections in {rooms_n} rooms (scale {})",
        scale()
    );
    let rss_start = rss_mib();

    let mut probe = Probe::start(&base).await;
    let quiet = probe.edits(50, Duration::from_millis(5)).await;

    let started = Instant::now();
    let rooms = create_rooms(&base, rooms_n, json!({"mode": "free"})).await;
    // One participant per room; its four connections are like four tabs of theirs.
    let rooms: Vec<(String, Option<String>)> = futures_util::stream::iter(rooms)
        .map(|room| {
            let base = base.clone();
            async move {
                let token = join(&base, &room, "Tabs").await.1;
                (room, Some(token))
            }
        })
        .buffer_unordered(16)
        .collect()
        .await;
    println!(
        "  created and joined {rooms_n} rooms in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    // Connect everyone while the probe keeps editing.
    let stop = Arc::new(AtomicBool::new(false));
    let ramp = {
        let stop = stop.clone();
        tokio::spawn(async move {
            let lat = probe.edits_until(&stop, Duration::from_millis(20)).await;
            (probe, lat)
        })
    };
    let started = Instant::now();
    let (peers, handshakes) = connect_many(&base, &rooms, connections, 64).await;
    let ramp_secs = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let (mut probe, during_ramp) = ramp.await.unwrap();
    assert_eq!(peers.len(), connections, "every connection got its step 2");
    let open = gauge(&base, "randori_connections").await;
    assert_eq!(
        open,
        connections as i64 + 2,
        "the server counts every connection (and the probe's two)"
    );
    assert_eq!(
        gauge(&base, "randori_rooms_loaded").await,
        rooms_n as i64 + 1
    );

    // Holding them all: the probe room still edits.
    let holding = probe.edits(200, Duration::from_millis(10)).await;
    assert!(
        peers.iter().all(|p| !p.closed.load(Ordering::Relaxed)),
        "nobody was dropped"
    );
    let rss_peak = rss_mib();

    // A burst in every room at once: each peer's update reaches the other three.
    let started = Instant::now();
    let before: u64 = peers.iter().map(|p| p.frames.load(Ordering::Relaxed)).sum();
    let mut peers = peers;
    for (i, p) in peers.iter_mut().enumerate() {
        let doc = Doc::with_client_id(10_000 + i as u64);
        let text = doc.get_or_insert_text("tests");
        let update = {
            let mut txn = doc.transact_mut();
            text.insert(&mut txn, 0, "# hello\n");
            txn.encode_update_v1()
        };
        p.sink
            .send(Message::Binary(update_frame(update).into()))
            .await
            .unwrap();
    }
    // Peer i is in room i % rooms_n; each update reaches the other peers of its room.
    let mut per_room = vec![0u64; rooms_n];
    for i in 0..connections {
        per_room[i % rooms_n] += 1;
    }
    let deliveries: u64 = per_room.iter().map(|n| n * n.saturating_sub(1)).sum();
    let want = before + deliveries;
    let deadline = Instant::now() + PATIENCE * 3;
    loop {
        let got: u64 = peers.iter().map(|p| p.frames.load(Ordering::Relaxed)).sum();
        if got >= want {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "fan-out incomplete: {} of {} frames",
            got - before,
            want - before
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let fanout_secs = started.elapsed().as_secs_f64();

    println!(
        "  handshakes {connections} in {ramp_secs:.2} s ({:.0}/s)",
        connections as f64 / ramp_secs
    );
    report("handshake (connect to step 2), 64 at a time", &handshakes);
    report("probe edit latency, idle server", &quiet);
    report("probe edit latency, while connecting", &during_ramp);
    report(
        &format!("probe edit latency, holding {connections}"),
        &holding,
    );
    println!("  one edit from every peer: {deliveries} deliveries in {fanout_secs:.2} s");
    println!(
        "  RSS (server and clients): start {rss_start:.0} MiB, holding {rss_peak:.0} MiB ({:.1} KiB per connection incl. client side)",
        (rss_peak - rss_start) * 1024.0 / connections as f64
    );

    // Everyone leaves: the gauges return to the probe's baseline.
    drop(peers);
    probe.close().await;
    let took = wait_gauge(&base, "randori_connections", 0, PATIENCE).await;
    let unloaded = wait_gauge(&base, "randori_rooms_loaded", 0, PATIENCE).await;
    println!(
        "  after everyone left: connections 0 after {:.2} s, rooms unloaded after {:.2} s, RSS {:.0} MiB",
        took.as_secs_f64(),
        unloaded.as_secs_f64(),
        rss_mib()
    );
    server.shutdown().await;
}

/// Connects and disconnects in bursts (half with a close handshake, half by dropping
/// the TCP connection); the server stays up, a measured room keeps working, and the
/// gauges and memory return to baseline.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_disconnect_storm_returns_to_baseline() {
    let _serial = serial().await;
    raise_fd_limit(8192);
    let total = scaled(10_000);
    let burst = 200.min(total);
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    println!(
        "\n== connect/disconnect storm: {total} connections to 50 rooms in bursts of {burst} (scale {})",
        scale()
    );
    let rooms: Vec<(String, Option<String>)> = create_rooms(&base, 50, json!({"mode": "free"}))
        .await
        .into_iter()
        .map(|r| (r, None))
        .collect();
    let mut probe = Probe::start(&base).await;
    let _ = probe.edits(20, Duration::from_millis(5)).await;
    let baseline_conns = gauge(&base, "randori_connections").await;
    let baseline_rooms = gauge(&base, "randori_rooms_loaded").await;
    let rss_before = rss_mib();

    // Two rounds: memory that is kept for reuse shows after the first; a leak would
    // keep growing in the second.
    for round in 1..=2 {
        let stop = Arc::new(AtomicBool::new(false));
        let editing = {
            let stop = stop.clone();
            tokio::spawn(async move {
                let lat = probe.edits_until(&stop, Duration::from_millis(10)).await;
                (probe, lat)
            })
        };
        let started = Instant::now();
        let mut handshakes = Vec::new();
        let mut rss_peak: f64 = 0.0;
        let mut done = 0;
        while done < total {
            let n = burst.min(total - done);
            let (peers, times) = connect_many(&base, &rooms, n, burst).await;
            handshakes.extend(times);
            rss_peak = rss_peak.max(rss_mib());
            // Half leave politely, half vanish.
            let mut closes = Vec::new();
            for (i, mut p) in peers.into_iter().enumerate() {
                if i % 2 == 0 {
                    closes.push(tokio::spawn(async move {
                        let _ = p.sink.send(Message::Close(None)).await;
                        let _ = p.sink.close().await;
                    }));
                } else {
                    drop(p);
                }
            }
            for c in closes {
                let _ = c.await;
            }
            done += n;
        }
        let storm_secs = started.elapsed().as_secs_f64();
        stop.store(true, Ordering::Relaxed);
        let during;
        (probe, during) = editing.await.unwrap();
        assert!(!during.is_empty(), "the probe room kept editing");
        assert_eq!(
            http()
                .get(format!("{base}/healthz"))
                .send()
                .await
                .unwrap()
                .status(),
            200
        );

        let conns_after = wait_gauge(&base, "randori_connections", baseline_conns, PATIENCE).await;
        let rooms_after = wait_gauge(&base, "randori_rooms_loaded", baseline_rooms, PATIENCE).await;
        let rss_settled = rss_mib();
        println!(
            "  round {round}: {total} connects and closes in {storm_secs:.2} s ({:.0}/s)",
            total as f64 / storm_secs
        );
        report("handshake during the storm", &handshakes);
        report("probe edit latency during the storm", &during);
        println!(
            "  gauges back to baseline (connections {baseline_conns}, rooms {baseline_rooms}) after {:.2} s / {:.2} s",
            conns_after.as_secs_f64(),
            rooms_after.as_secs_f64()
        );
        println!(
            "  RSS (server and clients): before {rss_before:.0} MiB, peak {rss_peak:.0} MiB, after {rss_settled:.0} MiB"
        );
    }
    probe.close().await;
    wait_gauge(&base, "randori_connections", 0, PATIENCE).await;
    wait_gauge(&base, "randori_rooms_loaded", 0, PATIENCE).await;
    server.shutdown().await;
}

// ---------------------------------------------------------------------------
// Abuse
// ---------------------------------------------------------------------------

/// A client that never reads: it sends step 1 and keeps sending its own updates,
/// while the others in its room edit and move their cursors (big awareness states,
/// so that the socket buffers between the server and the client fill quickly). Its
/// send queue fills and the server drops it; the others keep receiving. Then the
/// server must also let go of the socket itself, not keep a task blocked on it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_reads_is_dropped_and_released() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    println!("\n== slow reader (sync socket)");
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let mut tokens = Vec::new();
    for name in ["Producer", "Cursor 1", "Cursor 2", "Slow"] {
        tokens.push(join(&base, &room, name).await.1);
    }
    let producer = SyncClient::connect(&base, &room, Some(&tokens[0])).await;
    let cursors = [
        SyncClient::connect(&base, &room, Some(&tokens[1])).await,
        SyncClient::connect(&base, &room, Some(&tokens[2])).await,
    ];
    let observer = SyncClient::connect(&base, &room, None).await;

    let url = format!("{}/rooms/{room}/sync?token={}", ws_base(&base), tokens[3]);
    let (ws, slow_port) = small_window_ws(server.addr, url).await;
    let (mut slow_sink, slow_stream) = ws.split();
    slow_sink
        .send(Message::Binary(STEP1_EMPTY.to_vec().into()))
        .await
        .unwrap();
    assert_eq!(gauge(&base, "randori_connections").await, 5);
    let errors_before = gauge(&base, "randori_sync_errors_total").await;

    // The slow client keeps talking (it is alive, just never reads).
    let slow_doc = Doc::with_client_id(777);
    let slow_talker = tokio::spawn(async move {
        let text = slow_doc.get_or_insert_text("tests");
        for _ in 0..400 {
            let update = {
                let mut txn = slow_doc.transact_mut();
                text.insert(&mut txn, 0, "s");
                txn.encode_update_v1()
            };
            if slow_sink
                .send(Message::Binary(update_frame(update).into()))
                .await
                .is_err()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        slow_sink
    });

    // ~150 messages per second from each of three clients (under the limit of 200):
    // the producer inserts and deletes ~4 KB chunks (the document stays under its
    // 1 MiB limit), the cursors send 7 KB awareness states.
    let chunk = "#".repeat(3900);
    let state = json!({"user": {"name": "Cursor", "note": "c".repeat(7000)}}).to_string();
    let started = Instant::now();
    let mut sent = 0u32;
    let mut dropped_after = None;
    while started.elapsed() < Duration::from_secs(60) {
        for _ in 0..15 {
            if sent.is_multiple_of(2) {
                producer.type_at(0, &chunk);
            } else {
                let text = producer.doc.get_or_insert_text("solution");
                let update = {
                    let mut txn = producer.doc.transact_mut();
                    text.remove_range(&mut txn, 0, chunk.len() as u32);
                    txn.encode_update_v1()
                };
                producer.send_update(update);
            }
            for (i, c) in cursors.iter().enumerate() {
                c.send_awareness(100 + i as u64, sent + 1, &state);
            }
            sent += 1;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if gauge(&base, "randori_connections").await == 4 {
            dropped_after = Some((sent, started.elapsed()));
            break;
        }
    }
    let (sent_at_drop, took) =
        dropped_after.expect("the server dropped the client that never reads");
    assert_eq!(
        gauge(&base, "randori_sync_errors_total").await,
        errors_before + 1
    );
    // The others were never held up: the observer has everything the producer wrote.
    producer.type_at(0, "after the drop\n");
    observer
        .wait_for_text(|t| t.starts_with("after the drop\n"))
        .await;
    observer
        .wait_until("observer converged", |o| o.text() == producer.text())
        .await;
    for c in [&producer, &observer, &cursors[0], &cursors[1]] {
        assert!(
            !c.seen.lock().unwrap().closed,
            "only the slow client was dropped"
        );
    }
    println!(
        "  dropped after {:.2} s ({sent_at_drop} rounds of an edit and two 7 KB cursor updates); the others unaffected",
        took.as_secs_f64()
    );

    // The server must not keep the dropped connection's socket (and a task) forever.
    let deadline = Instant::now() + PATIENCE;
    while server_end_held(server.addr.port(), slow_port) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let held = server_end_held(server.addr.port(), slow_port);
    println!("  server still holds the dropped socket {PATIENCE:?} later: {held}");
    let slow_sink = slow_talker.await.unwrap();
    drop((slow_sink, slow_stream));
    assert!(
        !held,
        "the server still holds the socket of the connection it dropped: its writer task is blocked \
         on a peer that never reads (see docs/reliability.md, sync_socket.rs write_loop)"
    );
    server.shutdown().await;
}

/// A sender faster than one of its room's readers is held back to that reader's pace
/// instead of overflowing the reader's queue: a burst of 6,000 edits (rate limit
/// lifted) reaches a reader on a 4 KiB TCP window that reads 4 frames a millisecond,
/// and nobody is
/// dropped.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fast_sender_is_paced_to_a_slow_reader() {
    const EDITS: usize = 6_000;
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = load_config(dir.path());
    config.max_messages_per_second = 10_000_000;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let typist_token = join(&base, &room, "Typist").await.1;
    let reader_token = join(&base, &room, "Reader").await.1;
    let url = format!("{}/rooms/{room}/sync?token={reader_token}", ws_base(&base));
    let (ws, _) = small_window_ws(server.addr, url).await;
    let (mut reader_sink, mut reader) = ws.split();
    reader_sink
        .send(Message::Binary(STEP1_EMPTY.to_vec().into()))
        .await
        .unwrap();
    step2(&mut reader).await.unwrap();

    let mut typist = raw_peer(&base, &room, Some(&typist_token)).await.unwrap();
    let doc = Doc::with_client_id(4242);
    let text = doc.get_or_insert_text("solution");
    // Pastes of 2,000 characters, each removed again (the document stays small): far
    // more than the kernel's socket buffers hold, so the server's queue is what fills.
    let paste = "0123456789".repeat(200);
    let frames: Vec<Vec<u8>> = (0..EDITS)
        .map(|i| {
            let mut txn = doc.transact_mut();
            if i % 2 == 0 {
                text.insert(&mut txn, 0, &paste);
            } else {
                text.remove_range(&mut txn, 0, paste.len() as u32);
            }
            update_frame(txn.encode_update_v1())
        })
        .collect();
    let burst = tokio::spawn(async move {
        for f in frames {
            typist.sink.feed(Message::Binary(f.into())).await.unwrap();
        }
        typist.sink.flush().await.unwrap();
        typist
    });
    let started = Instant::now();
    let mut updates = 0;
    while updates < EDITS {
        let next = tokio::time::timeout(PATIENCE, reader.next())
            .await
            .expect("the reader keeps receiving");
        match next {
            Some(Ok(Message::Binary(b))) if b.starts_with(&[0, 2]) => updates += 1,
            Some(Ok(Message::Close(c))) => {
                panic!("the slow reader was dropped after {updates} updates: {c:?}")
            }
            Some(Ok(_)) => {}
            other => {
                panic!("the slow reader's connection ended after {updates} updates: {other:?}")
            }
        }
        if updates % 4 == 0 {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
    }
    let typist = burst.await.unwrap();
    assert!(
        !typist.closed.load(Ordering::Relaxed),
        "the typist stays connected"
    );
    println!(
        "  {EDITS} edits reached a reader sipping 4 frames per ms in {:.2} s; nobody dropped",
        started.elapsed().as_secs_f64()
    );
    server.shutdown().await;
}

/// The same on the events socket: a watcher that never reads while the room emits
/// many events. The server must drop it rather than block on it forever.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_events_client_that_never_reads_is_dropped() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    println!("\n== slow reader (events socket)");
    let (room, facilitator) = create_room(&base, json!({"mode": "free"})).await;
    let live = EventsClient::connect(&base, &room, None).await;
    let url = format!("{}/rooms/{room}/events", ws_base(&base));
    let (ws, slow_port) = small_window_ws(server.addr, url).await;
    assert_eq!(gauge(&base, "randori_connections").await, 2);
    // Every join sends the whole room state (which grows with the roster, up to its 64
    // participants) to every events socket, and every turn the rotation.
    let joins = 64;
    for i in 0..joins {
        join(&base, &room, &format!("participant {i}")).await;
    }
    let turns = 400;
    assert_eq!(rotation(&base, &room, &facilitator, json!({"action": "start"})).await.status(), 200);
    for _ in 0..turns {
        assert_eq!(rotation(&base, &room, &facilitator, json!({"action": "next"})).await.status(), 200);
    }
    live.wait_for("the last turn", |e| {
        e["type"] == "rotation" && e["rotation"]["turn"].as_u64().is_some_and(|t| t >= turns)
    })
    .await;
    let deadline = Instant::now() + PATIENCE;
    while gauge(&base, "randori_connections").await != 1 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let conns = gauge(&base, "randori_connections").await;
    let held = server_end_held(server.addr.port(), slow_port);
    println!(
        "  after {joins} joins and {turns} turns: connections {conns} (1 = the slow reader was dropped); socket held: {held}"
    );
    drop(ws);
    assert_eq!(
        conns, 1,
        "the events socket of a client that never reads is still open: its task is blocked in \
         sink.send (see docs/reliability.md, events_socket.rs)"
    );
    server.shutdown().await;
}

/// Over-rate and oversize on the events socket: closed with 1008; the room goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_socket_over_rate_and_oversize_are_closed() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    println!("\n== events socket limits");
    let (room, _) = create_room(&base, json!({"mode": "free"})).await;
    let url = format!("{}/rooms/{room}/events", ws_base(&base));

    // 100 pings at once: 20 per second are allowed with a burst of 40.
    let (ws, _) = tokio_tungstenite::connect_async(url.clone()).await.unwrap();
    let (mut sink, mut stream) = ws.split();
    for _ in 0..100 {
        if sink
            .send(Message::Text(json!({"type": "ping"}).to_string().into()))
            .await
            .is_err()
        {
            break;
        }
    }
    let mut pongs = 0;
    let closed = tokio::time::timeout(PATIENCE, async {
        loop {
            match stream.next().await {
                Some(Ok(Message::Text(t))) if t.contains("\"pong\"") => pongs += 1,
                Some(Ok(m @ Message::Close(_))) => return close_code(&m),
                Some(Ok(_)) => {}
                _ => return None,
            }
        }
    })
    .await
    .expect("closed in time");
    println!("  100 pings at once: {pongs} answered, then closed with {closed:?}");
    assert_eq!(closed, Some(1008));
    assert!(
        (30..=45).contains(&pongs),
        "about the burst of 40 is answered, got {pongs}"
    );

    // Pings at 10 per second for two seconds are fine.
    let (ws, _) = tokio_tungstenite::connect_async(url.clone()).await.unwrap();
    let (mut sink, mut stream) = ws.split();
    for _ in 0..20 {
        sink.send(Message::Text(json!({"type": "ping"}).to_string().into()))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut pongs = 0;
    while pongs < 20 {
        match tokio::time::timeout(PATIENCE, stream.next())
            .await
            .expect("pong in time")
        {
            Some(Ok(Message::Text(t))) if t.contains("\"pong\"") => pongs += 1,
            Some(Ok(Message::Text(_) | Message::Ping(_) | Message::Pong(_))) => {}
            other => panic!("a client at half the rate was closed: {other:?}"),
        }
    }

    // A command over 16 KiB: 1008.
    let (ws, _) = tokio_tungstenite::connect_async(url.clone()).await.unwrap();
    let (mut sink, mut stream) = ws.split();
    let big = json!({"type": "ping", "pad": "x".repeat(20 * 1024)}).to_string();
    sink.send(Message::Text(big.into())).await.unwrap();
    let closed = read_until_closed(&mut stream).await;
    println!("  20 KiB command: closed with {closed:?}");
    assert_eq!(closed.map(|c| c.0), Some(1008));

    // A frame over the events socket's 64 KiB message limit.
    let (ws, _) = tokio_tungstenite::connect_async(url.clone()).await.unwrap();
    let (mut sink, mut stream) = ws.split();
    let huge = json!({"type": "ping", "pad": "x".repeat(100 * 1024)}).to_string();
    let _ = sink.send(Message::Text(huge.into())).await;
    let closed = read_until_closed(&mut stream).await;
    println!("  100 KiB frame: closed with {closed:?}");
    assert_eq!(
        closed.map(|c| c.0),
        Some(1009),
        "too big, said with a close frame"
    );

    // The sync socket's message-rate limit for comparison (sync.rs covers it at a
    // lower configured rate): 2,000 awareness messages at once at the default 200/s.
    let (_, token) = join(&base, &room, "Flooder").await;
    let flooder = SyncClient::connect(&base, &room, Some(&token)).await;
    for i in 0..2000 {
        flooder.send_awareness(9, i + 1, "{}");
    }
    let (code, reason) = flooder.wait_closed().await.expect("a close frame");
    println!("  2,000 sync messages at once: closed with {code} ({reason})");
    // 1008 for the rate, or 1013 when the echoes of its own awareness filled its send
    // queue first (the server answers awareness to the sender too).
    assert!(code == 1008 || code == 1013, "{code} {reason}");

    // The room is fine.
    let watcher = SyncClient::connect(&base, &room, None).await;
    assert!(watcher.text().contains("Free practice"));
    server.shutdown().await;
}

/// A script creating empty rooms is limited per client address by `rooms_per_minute`
/// (default 30): 429 after the limit, other addresses unaffected, nothing loaded.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn room_creation_script_is_rate_limited_per_address() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let mut config = load_config(dir.path());
    config.rooms_per_minute = 30;
    let server = start_with(config).await;
    let base = format!("http://{}", server.addr);
    let attempts = scaled(1000);
    println!(
        "\n== room-creation script: {attempts} attempts from one address, rooms_per_minute 30"
    );
    let client = http();
    let started = Instant::now();
    let statuses: Vec<u16> = futures_util::stream::iter(0..attempts)
        .map(|_| {
            let (client, base) = (client.clone(), base.clone());
            async move {
                let r = client
                    .post(format!("{base}/api/rooms"))
                    .json(&json!({}))
                    .send()
                    .await
                    .unwrap();
                let status = r.status().as_u16();
                if status == 429 {
                    let body: Value = r.json().await.unwrap();
                    assert!(
                        body["error"].as_str().unwrap().contains("rooms per minute"),
                        "{body}"
                    );
                }
                status
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    let elapsed = started.elapsed().as_secs_f64();
    let created = statuses.iter().filter(|s| **s == 201).count();
    let limited = statuses.iter().filter(|s| **s == 429).count();
    println!("  {created} created, {limited} refused with 429, in {elapsed:.2} s");
    assert_eq!(created + limited, attempts, "only 201 or 429: {statuses:?}");
    // A burst of 30, then one every 2 s.
    let allowed = 30 + (elapsed / 2.0).ceil() as usize + 1;
    assert!(
        created >= 30.min(attempts) && created <= allowed,
        "{created} created, at most {allowed} allowed"
    );

    // Another address has its own budget.
    let other = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().unwrap())
        .build()
        .unwrap();
    let r = other
        .post(format!("{base}/api/rooms"))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "127.0.0.2 is limited separately");
    // Creating does not load rooms.
    assert_eq!(gauge(&base, "randori_rooms_loaded").await, 0);
    server.shutdown().await;
}

// ---------------------------------------------------------------------------
// Regressions for bugs found by this suite and the fuzz targets
// (docs/reliability.md has each bug and its fix).
// ---------------------------------------------------------------------------

/// Rooms loaded only by HTTP requests (GET the room, join, a websocket upgrade that
/// is refused) must unload when idle like any other: a script reading thousands of
/// rooms must not keep them all in memory.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rooms_loaded_by_http_alone_unload_when_idle() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let server = start_with(load_config(dir.path())).await;
    let base = format!("http://{}", server.addr);
    let n = scaled(200);
    println!("\n== {n} rooms loaded by HTTP only");
    let rooms = create_rooms(&base, n, json!({})).await;
    assert_eq!(gauge(&base, "randori_rooms_loaded").await, 0);
    let rss_before = rss_mib();
    for (i, room) in rooms.iter().enumerate() {
        match i % 3 {
            0 => assert_eq!(
                http()
                    .get(format!("{base}/api/rooms/{room}"))
                    .send()
                    .await
                    .unwrap()
                    .status(),
                200
            ),
            1 => {
                join(&base, room, "Ada").await;
            }
            _ => {
                let url = format!("{}/rooms/{room}/sync?token=not-a-token", ws_base(&base));
                assert!(tokio_tungstenite::connect_async(url).await.is_err(), "403");
            }
        }
    }
    let loaded = gauge(&base, "randori_rooms_loaded").await;
    println!(
        "  loaded: {loaded}; RSS {rss_before:.0} -> {:.0} MiB",
        rss_mib()
    );
    assert_eq!(loaded, n as i64);
    // room_idle_seconds is 1: give them ten.
    let deadline = Instant::now() + Duration::from_secs(10);
    while gauge(&base, "randori_rooms_loaded").await > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let still = gauge(&base, "randori_rooms_loaded").await;
    println!("  still loaded 10 s later: {still}");
    assert_eq!(
        still, 0,
        "rooms loaded by HTTP requests alone are never unloaded (api.rs room())"
    );
    server.shutdown().await;
}

/// Strict mode with a stock client (it keeps its refused edit, as y-websocket does):
/// after the refusal it becomes the driver and types where its refused edit does not
/// matter. Whatever the server then holds must be what every peer holds and what
/// survives a restart.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_after_a_refused_edit_never_diverges_the_server_from_its_peers() {
    let _serial = serial().await;
    let dir = tempfile::tempdir().unwrap();
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let (room, facilitator) = create_room(&base, json!({"mode": "strict"})).await;
    let (_, ada_token) = join(&base, &room, "Ada").await;
    let (bob_id, bob_token) = join(&base, &room, "Bob").await;
    let _ada = SyncClient::connect(&base, &room, Some(&ada_token)).await;
    let bob = SyncClient::connect(&base, &room, Some(&bob_token)).await;
    let watcher = SyncClient::connect(&base, &room, None).await;
    assert_eq!(
        rotation(&base, &room, &facilitator, json!({"action": "start"}))
            .await
            .status(),
        200
    );

    bob.type_at(0, "REFUSED ");
    bob.wait_until("refusal", |c| !c.seen.lock().unwrap().refusals.is_empty())
        .await;
    let view: Value = rotation(&base, &room, &facilitator, json!({"action": "next"}))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(view["driver"], bob_id.as_str());
    // At the end of the text: its left neighbour is the server's, not the refused edit.
    let end = bob.len();
    bob.type_at(end, "# bob drives\n");
    tokio::time::sleep(Duration::from_millis(500)).await;

    let fresh = SyncClient::connect(&base, &room, None).await;
    let (seen_by_peer, served_now) = (watcher.text(), fresh.text());
    let bob_closed = bob.seen.lock().unwrap().close.clone();
    println!("\n== edit after a refused edit: bob closed {bob_closed:?}");
    println!(
        "  peer has the edit: {}",
        seen_by_peer.contains("# bob drives")
    );
    println!(
        "  a new client is served the edit: {}",
        served_now.contains("# bob drives")
    );
    server.shutdown().await;
    let server = start(dir.path()).await;
    let base = format!("http://{}", server.addr);
    let after_restart = SyncClient::connect(&base, &room, None).await.text();
    println!(
        "  after a restart: {}",
        after_restart.contains("# bob drives")
    );
    assert_eq!(
        served_now, seen_by_peer,
        "the server serves an edit its peers never received"
    );
    assert_eq!(
        after_restart, served_now,
        "the server served an edit it had not stored"
    );
    server.shutdown().await;
}

/// The fuzz target `room_messages` found this: in yrs 0.28.1 an update whose blocks
/// start after a gap in their client's clocks is integrated (behind a "skip") without
/// appearing in the transaction's update, so `SharedDoc::handle` changes the text and
/// reports `Effect::Nothing`: the change is neither stored nor broadcast.
#[test]
fn shared_doc_changes_only_with_an_applied_effect() {
    use randori_core::sync::docsync::{Effect, SOLUTION, SharedDoc};
    use randori_core::sync::protocol::decode_frame;
    let mut shared = SharedDoc::new();
    let one = |frame: Vec<u8>| decode_frame(&frame).unwrap().into_iter().next().unwrap();
    // A first client writes "hello"; the server and a second client have it.
    let alice = Doc::with_client_id(1);
    let text = alice.get_or_insert_text(SOLUTION);
    let first = {
        let mut txn = alice.transact_mut();
        text.insert(&mut txn, 0, "hello");
        txn.encode_update_v1()
    };
    assert!(matches!(
        shared
            .handle(one(update_frame(first.clone())), None)
            .unwrap(),
        Effect::Applied { .. }
    ));
    let bob = Doc::with_client_id(2);
    bob.transact_mut()
        .apply_update(yrs::Update::decode_v1(&first).unwrap())
        .unwrap();
    // Bob's first edit never reaches the server (refused, or lost); his second does.
    let bob_text = bob.get_or_insert_text(SOLUTION);
    let _lost = {
        let mut txn = bob.transact_mut();
        bob_text.insert(&mut txn, 0, "LOST ");
        txn.encode_update_v1()
    };
    let second = {
        let mut txn = bob.transact_mut();
        let end = bob_text.get_string(&txn).len() as u32;
        bob_text.insert(&mut txn, end, " world");
        txn.encode_update_v1()
    };
    let before = shared.text(SOLUTION);
    let effect = shared.handle(one(update_frame(second)), None);
    let after = shared.text(SOLUTION);
    println!("\n== update after a gap: {effect:?}; text {before:?} -> {after:?}");
    if !matches!(effect, Ok(Effect::Applied { .. })) {
        assert_eq!(
            after, before,
            "the document changed, but nothing is stored or broadcast"
        );
    }
}

/// Also found by `room_messages` (once the gap above is refused): a client may claim
/// any client id. If a hostile peer sends blocks under another client's id first, the
/// real client's next update overlaps them; yrs integrates the rest with the parent it
/// decoded, but the update it encodes for storage and peers only names a neighbour
/// that is a garbage-collected block, so everyone else (and the room after a reload)
/// drops the text the server shows and judges.
#[test]
fn an_update_overlapping_squatted_clocks_leaves_storage_and_live_document_equal() {
    use randori_core::sync::docsync::{Effect, SOLUTION, SharedDoc};
    use randori_core::sync::protocol::decode_frame;
    let mut shared = SharedDoc::new();
    let mut stored = Vec::new();
    // Client 1's clocks 0..5 as a GC block (1 client, 1 block, client 1, clock 0,
    // info 0 = GC, length 5, empty delete set).
    let squat = vec![1, 1, 1, 0, 0, 5, 0];
    let real = {
        let doc = Doc::with_client_id(1);
        let text = doc.get_or_insert_text(SOLUTION);
        let mut txn = doc.transact_mut();
        text.insert(&mut txn, 0, "hello world");
        txn.encode_update_v1()
    };
    let mut effects = Vec::new();
    for update in [squat, real] {
        let message = decode_frame(&update_frame(update))
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        let effect = shared.handle(message, None);
        if let Ok(Effect::Applied { update, .. }) = &effect {
            stored.push(update.clone());
        }
        effects.push(format!("{effect:?}"));
    }
    let restored = SharedDoc::restore(None, stored.iter().map(Vec::as_slice)).unwrap();
    println!(
        "\n== squatted clocks: live {:?}, restored {:?}; effects {effects:?}",
        shared.text(SOLUTION),
        restored.text(SOLUTION)
    );
    assert_eq!(
        restored.text(SOLUTION),
        shared.text(SOLUTION),
        "the live document holds text storage does not"
    );
}

/// Found by the fuzz target `sync_decode`: yrs reserves memory for the element count a
/// message declares before reading any element, and a hash map's control bytes are
/// written at once. A few bytes declaring 2^26 elements must not make the server touch
/// hundreds of MB (a cheap way to exhaust a small server's memory and CPU), at the top
/// level of a message or nested in a document value; nor may a deeply nested value
/// overflow the decoder's stack, nor subdocuments (which no text holds) make yrs build
/// a document each.
#[test]
fn tiny_frames_declaring_huge_counts_do_not_touch_memory() {
    use randori_core::sync::protocol::decode_frame;
    let _serial = SERIAL.blocking_lock();
    let varuint = |mut n: u64| {
        let mut out = Vec::new();
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return out;
            }
            out.push(b | 0x80);
        }
    };
    let framed = |prefix: &[u8], payload: Vec<u8>| {
        let mut f = prefix.to_vec();
        f.extend(varuint(payload.len() as u64));
        f.extend(payload);
        f
    };
    // An update with one item of `Any` content, in the root type named "x".
    let any_item = |value: Vec<u8>| [vec![1, 1, 7, 0, 8, 1, 1, b'x', 1], value, vec![0]].concat();
    let count = 1u64 << 26;
    let cases = [
        (
            "step 1, state vector of 2^26 clients",
            framed(&[0, 0], varuint(count)),
        ),
        (
            "update of 2^26 clients",
            framed(&[0, 2], [varuint(count), vec![0, 0]].concat()),
        ),
        ("awareness of 2^26 clients", framed(&[1], varuint(count))),
        (
            "update, a value declaring 2^26 map entries",
            framed(&[0, 2], any_item([vec![118], varuint(count)].concat())),
        ),
        (
            // yrs decodes nested values recursively: this would overflow the stack
            // and abort the process.
            "update, a value nesting 100,000 arrays",
            framed(
                &[0, 2],
                any_item([[117u8, 1].repeat(100_000), vec![126]].concat()),
            ),
        ),
        (
            // yrs builds a whole document per subdocument item: 104 MiB for this frame.
            "update, 140,000 subdocuments",
            framed(
                &[0, 2],
                [
                    vec![1],
                    varuint(140_000),
                    vec![7, 0],
                    [9u8, 1, 1, b'x', 0, 118, 0].repeat(140_000),
                    vec![0],
                ]
                .concat(),
            ),
        ),
    ];
    println!("\n== tiny frames declaring huge counts");
    let mut worst = 0.0f64;
    for (what, frame) in cases {
        reset_peak_rss();
        let base = rss_mib();
        let started = Instant::now();
        let result = decode_frame(&frame);
        let took = started.elapsed();
        let touched = peak_rss_mib() - base;
        worst = worst.max(touched);
        println!(
            "  {what:<40} {} bytes -> {:?} in {:.1} ms, peak RSS +{touched:.0} MiB",
            frame.len(),
            result.as_ref().map(|m| m.len()),
            took.as_secs_f64() * 1000.0
        );
        assert!(result.is_err());
    }
    assert!(
        worst < 32.0,
        "a frame of a few bytes made the decoder touch {worst:.0} MiB"
    );
}
