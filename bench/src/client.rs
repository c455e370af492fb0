//! Clients: Randori's HTTP API, and a y-websocket sync client holding a real yrs
//! document (the same protocol as the stock `y-websocket` JavaScript client, minus
//! awareness, which the load does not need).

use std::time::Duration;

use anyhow::{Context, Result, bail};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::protocol::WebSocketConfig;
use yrs::sync::{Message as YMessage, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, OffsetKind, Options, ReadTxn, StateVector, Transact, Update};

pub type Ws = WebSocketStream<TcpStream>;
pub type WsSink = SplitSink<Ws, Message>;
pub type WsStream = SplitStream<Ws>;

/// The shared text the benchmarks edit (the room's editor text in Randori).
pub const TEXT: &str = "solution";

/// Randori's HTTP API.
#[derive(Clone)]
pub struct Api {
    pub base: String,
    http: reqwest::Client,
}

pub struct Joined {
    pub room: String,
    pub token: String,
}

impl Api {
    pub fn new(base: String) -> Self {
        let http = reqwest::Client::builder()
            .tcp_nodelay(true)
            .pool_max_idle_per_host(256)
            .timeout(Duration::from_secs(120))
            .build()
            .expect("http client");
        Api { base, http }
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> Result<Value> {
        let mut req = self.http.post(format!("{}{path}", self.base)).json(&body);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.with_context(|| format!("POST {path}"))?;
        let status = resp.status();
        let text = resp.text().await?;
        if !status.is_success() {
            bail!("POST {path}: {status}: {text}");
        }
        Ok(serde_json::from_str(&text)?)
    }

    pub async fn get_text(&self, path: &str) -> Result<String> {
        let resp = self.http.get(format!("{}{path}", self.base)).send().await?;
        let status = resp.status();
        let text = resp.text().await?;
        if !status.is_success() {
            bail!("GET {path}: {status}: {text}");
        }
        Ok(text)
    }

    /// Creates a room (`kata` none: free practice) in free mode (everyone may type).
    pub async fn create_room(&self, kata: Option<&str>) -> Result<String> {
        self.create_room_in(kata, "python").await
    }

    /// A free-mode room in `language`.
    pub async fn create_room_in(&self, kata: Option<&str>, language: &str) -> Result<String> {
        let mut body = json!({"mode": "free", "language": language});
        if let Some(k) = kata {
            body["kata"] = json!(k);
        }
        let v = self.post("/api/rooms", None, body).await?;
        Ok(v["id"].as_str().context("no room id")?.to_string())
    }

    pub async fn join(&self, room: &str, name: &str) -> Result<Joined> {
        let v = self
            .post(
                &format!("/api/rooms/{room}/join"),
                None,
                json!({"name": name}),
            )
            .await?;
        Ok(Joined {
            room: room.to_string(),
            token: v["token"].as_str().context("no token")?.to_string(),
        })
    }

    /// Queues a submission; returns its run id.
    pub async fn submit(&self, joined: &Joined) -> Result<String> {
        let v = self
            .post(
                &format!("/api/rooms/{}/runs", joined.room),
                Some(&joined.token),
                json!({"kind": "submit"}),
            )
            .await?;
        Ok(v["run_id"].as_str().context("no run_id")?.to_string())
    }

    /// Submits and waits for the result (`?wait=true`).
    pub async fn submit_wait(&self, joined: &Joined) -> Result<Value> {
        self.post(
            &format!("/api/rooms/{}/runs?wait=true", joined.room),
            Some(&joined.token),
            json!({"kind": "submit"}),
        )
        .await
    }

    /// A counter or gauge from GET /metrics.
    pub async fn metric(&self, name: &str) -> Result<f64> {
        let text = self.get_text("/metrics").await?;
        text.lines()
            .find_map(|l| {
                l.strip_prefix(name)
                    .and_then(|r| r.strip_prefix(' '))
                    .map(|v| v.trim().parse::<f64>())
            })
            .with_context(|| format!("no metric {name}"))?
            .map_err(Into::into)
    }

    pub fn sync_url(&self, joined: &Joined) -> String {
        format!(
            "{}/rooms/{}/sync?token={}",
            self.base.replacen("http://", "ws://", 1),
            joined.room,
            joined.token
        )
    }

    pub fn events_url(&self, joined: &Joined) -> String {
        format!(
            "{}/rooms/{}/events?token={}",
            self.base.replacen("http://", "ws://", 1),
            joined.room,
            joined.token
        )
    }
}

/// Opens a websocket with `TCP_NODELAY` and an 8 KiB read buffer (the default
/// 128 KiB per connection would make 2000 idle clients cost the load generator
/// 250 MiB for nothing).
pub async fn connect(url: &str) -> Result<Ws> {
    let rest = url.strip_prefix("ws://").context("ws:// URL expected")?;
    let host = rest.split('/').next().unwrap_or(rest);
    let tcp = TcpStream::connect(host)
        .await
        .with_context(|| format!("connecting to {host}"))?;
    tcp.set_nodelay(true)?;
    let config = WebSocketConfig::default()
        .read_buffer_size(8 * 1024)
        .max_message_size(Some(64 << 20))
        .max_frame_size(Some(64 << 20));
    let (ws, _) = tokio_tungstenite::client_async_with_config(url, tcp, Some(config))
        .await
        .with_context(|| format!("websocket handshake with {url}"))?;
    Ok(ws)
}

/// A new document with a chosen client id; offsets count UTF-16 units, which equal
/// Unicode code points for the traces' text (no characters outside the BMP).
pub fn new_doc(client_id: u64) -> Doc {
    let mut options = Options::with_client_id(ClientID::new(client_id));
    options.offset_kind = OffsetKind::Utf16;
    Doc::with_options(options)
}

pub fn step1_frame(doc: &Doc) -> Vec<u8> {
    YMessage::Sync(SyncMessage::SyncStep1(doc.transact().state_vector())).encode_v1()
}

pub fn update_frame(update: Vec<u8>) -> Vec<u8> {
    YMessage::Sync(SyncMessage::Update(update)).encode_v1()
}

/// A sync message that concerns the document; everything else (awareness, auth,
/// queries) is `Other`.
pub enum Incoming {
    Step1(StateVector),
    Step2(Vec<u8>),
    Update(Vec<u8>),
    Denied(String),
    Other,
}

pub fn decode(frame: &[u8]) -> Result<Incoming> {
    match frame.first() {
        Some(0) => match YMessage::decode_v1(frame)? {
            YMessage::Sync(SyncMessage::SyncStep1(sv)) => Ok(Incoming::Step1(sv)),
            YMessage::Sync(SyncMessage::SyncStep2(u)) => Ok(Incoming::Step2(u)),
            YMessage::Sync(SyncMessage::Update(u)) => Ok(Incoming::Update(u)),
            _ => Ok(Incoming::Other),
        },
        Some(2) => match YMessage::decode_v1(frame) {
            Ok(YMessage::Auth(Some(reason))) => Ok(Incoming::Denied(reason)),
            _ => Ok(Incoming::Other),
        },
        _ => Ok(Incoming::Other),
    }
}

pub fn apply(doc: &Doc, update: &[u8]) -> Result<()> {
    let update = Update::decode_v1(update)?;
    doc.transact_mut().apply_update(update)?;
    Ok(())
}

/// Answers a server's step 1 with what it misses from us.
pub fn step2_for(doc: &Doc, sv: &StateVector) -> Vec<u8> {
    let diff = doc.transact().encode_diff_v1(sv);
    YMessage::Sync(SyncMessage::SyncStep2(diff)).encode_v1()
}

/// Handles one incoming frame on a plain client: applies document changes, answers
/// the server's step 1. Returns whether it was the step 2 (the client is synced).
pub async fn handle_frame(doc: &Doc, sink: &mut WsSink, frame: &[u8]) -> Result<bool> {
    match decode(frame)? {
        Incoming::Step1(sv) => {
            sink.send(Message::Binary(step2_for(doc, &sv).into()))
                .await?;
            Ok(false)
        }
        Incoming::Step2(u) => {
            apply(doc, &u)?;
            Ok(true)
        }
        Incoming::Update(u) => {
            apply(doc, &u)?;
            Ok(false)
        }
        Incoming::Denied(reason) => bail!("the server refused an edit: {reason}"),
        Incoming::Other => Ok(false),
    }
}

/// Connects, sends step 1 and waits until the document is synced (step 2 applied).
pub async fn connect_synced(url: &str, doc: &Doc) -> Result<(WsSink, WsStream)> {
    let ws = connect(url).await?;
    let (mut sink, mut stream) = ws.split();
    sink.send(Message::Binary(step1_frame(doc).into())).await?;
    sync_until_step2(doc, &mut sink, &mut stream).await?;
    Ok((sink, stream))
}

/// Reads until a step 2 arrives (handling whatever comes before it).
pub async fn sync_until_step2(doc: &Doc, sink: &mut WsSink, stream: &mut WsStream) -> Result<()> {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(60), stream.next())
            .await
            .context("no step 2 within 60 s")?
            .context("connection closed before step 2")??;
        match frame {
            Message::Binary(b) if handle_frame(doc, sink, &b).await? => return Ok(()),
            Message::Close(c) => bail!("closed before step 2: {c:?}"),
            _ => {}
        }
    }
}

/// Replaces the `solution` text of a room through a sync client (client id
/// `client_id`, as participant `joined`), and returns once the server has stored it.
pub async fn replace_solution(
    api: &Api,
    joined: &Joined,
    client_id: u64,
    solution: &str,
) -> Result<()> {
    use yrs::Text;
    let doc = new_doc(client_id);
    let (mut sink, mut stream) = connect_synced(&api.sync_url(joined), &doc).await?;
    let update = {
        let text = doc.get_or_insert_text(TEXT);
        let mut txn = doc.transact_mut();
        let len = text.len(&txn);
        text.remove_range(&mut txn, 0, len);
        text.insert(&mut txn, 0, solution);
        txn.encode_update_v1()
    };
    sink.send(Message::Binary(update_frame(update).into()))
        .await?;
    // The server handles a connection's messages in order: once our next step 1 is
    // answered, the update has been applied and stored.
    sink.send(Message::Binary(step1_frame(&doc).into())).await?;
    sync_until_step2(&doc, &mut sink, &mut stream).await?;
    let _ = sink.close().await;
    Ok(())
}

/// The document's shared text.
pub fn text_of(doc: &Doc) -> String {
    use yrs::GetString;
    let text = doc.get_or_insert_text(TEXT);
    let txn = doc.transact();
    text.get_string(&txn)
}
