//! Test helpers: a real server on 127.0.0.1:0 and a real Yjs-protocol client (a yrs
//! document behind a tokio-tungstenite websocket), as a stock y-websocket client
//! behaves: step 1 on connect, answer the server's step 1, apply what arrives.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use yrs::sync::awareness::{AwarenessUpdate, AwarenessUpdateEntry};
use yrs::sync::{Message as YMessage, SyncMessage};
use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::{ClientID, Doc, GetString, ReadTxn, Text, Transact, Update};

use randori::app::config::ServeConfig;
use randori::server::Server;
use randori_core::kata::language::Language;

/// How long a test waits for something that should happen promptly.
pub const PATIENCE: Duration = Duration::from_secs(20);

pub async fn start(data_dir: &Path) -> Server {
    start_with(ServeConfig::for_tests(data_dir.to_path_buf())).await
}

pub async fn start_with(config: ServeConfig) -> Server {
    Server::start(config).await.expect("server starts")
}

pub fn http() -> reqwest::Client {
    reqwest::Client::new()
}

/// GETs `url` and parses the JSON body.
pub async fn get_json(url: impl reqwest::IntoUrl) -> Value {
    http().get(url).send().await.unwrap().json().await.unwrap()
}

/// GETs `url` and returns the body as text.
pub async fn get_text(url: impl reqwest::IntoUrl) -> String {
    http().get(url).send().await.unwrap().text().await.unwrap()
}

/// Creates a room; returns (id, facilitator token).
pub async fn create_room(base: &str, body: Value) -> (String, String) {
    let r = http()
        .post(format!("{base}/api/rooms"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    let v: Value = r.json().await.unwrap();
    (
        v["id"].as_str().unwrap().into(),
        v["facilitator_token"].as_str().unwrap().into(),
    )
}

/// Joins a room; returns (participant id, token).
pub async fn join(base: &str, room: &str, name: &str) -> (String, String) {
    let r = http()
        .post(format!("{base}/api/rooms/{room}/join"))
        .json(&json!({"name": name}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let v: Value = r.json().await.unwrap();
    (
        v["participant_id"].as_str().unwrap().into(),
        v["token"].as_str().unwrap().into(),
    )
}

pub async fn rotation(base: &str, room: &str, facilitator: &str, body: Value) -> reqwest::Response {
    http()
        .post(format!("{base}/api/rooms/{room}/rotation"))
        .bearer_auth(facilitator)
        .json(&body)
        .send()
        .await
        .unwrap()
}

/// Everything a client saw, shared with its reader task.
#[derive(Default)]
pub struct Seen {
    pub awareness: Vec<AwarenessUpdate>,
    pub refusals: Vec<String>,
    pub close: Option<(u16, String)>,
    pub closed: bool,
    pub synced: bool,
    pub frames: usize,
    /// Every byte received, for the secrecy test.
    pub raw: Vec<u8>,
}

pub struct SyncClient {
    pub doc: Doc,
    pub seen: Arc<Mutex<Seen>>,
    /// Signalled after every received frame, so waits end as soon as data arrives.
    changed: Arc<tokio::sync::Notify>,
    out: mpsc::UnboundedSender<Message>,
}

impl SyncClient {
    pub async fn connect(base: &str, room: &str, token: Option<&str>) -> SyncClient {
        Self::connect_with_doc(base, room, token, Doc::new()).await
    }

    /// Connects with an existing document (e.g. one edited while offline).
    pub async fn connect_with_doc(
        base: &str,
        room: &str,
        token: Option<&str>,
        doc: Doc,
    ) -> SyncClient {
        let ws = base.replacen("http", "ws", 1);
        let url = match token {
            Some(t) => format!("{ws}/rooms/{room}/sync?token={t}"),
            None => format!("{ws}/rooms/{room}/sync"),
        };
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("websocket connects");
        let (mut sink, mut stream) = socket.split();
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (out, mut out_rx) = mpsc::unbounded_channel::<Message>();
        // Writer.
        tokio::spawn(async move {
            while let Some(m) = out_rx.recv().await {
                if sink.send(m).await.is_err() {
                    break;
                }
            }
        });
        // Step 1 on connect, as the stock client does.
        let sv = doc.transact().state_vector();
        out.send(Message::Binary(
            YMessage::Sync(SyncMessage::SyncStep1(sv))
                .encode_v1()
                .into(),
        ))
        .unwrap();
        // Reader: apply what arrives, answer the server's step 1.
        let changed = Arc::new(tokio::sync::Notify::new());
        let (rdoc, rseen, rout, rchanged) =
            (doc.clone(), seen.clone(), out.clone(), changed.clone());
        tokio::spawn(async move {
            while let Some(frame) = stream.next().await {
                let Ok(frame) = frame else { break };
                match frame {
                    Message::Binary(bytes) => {
                        {
                            let mut s = rseen.lock().unwrap();
                            s.frames += 1;
                            s.raw.extend_from_slice(&bytes);
                        }
                        let Ok(msg) = YMessage::decode_v1(&bytes) else {
                            continue;
                        };
                        match msg {
                            YMessage::Sync(SyncMessage::SyncStep1(sv)) => {
                                let update = rdoc.transact().encode_diff_v1(&sv);
                                let reply =
                                    YMessage::Sync(SyncMessage::SyncStep2(update)).encode_v1();
                                let _ = rout.send(Message::Binary(reply.into()));
                            }
                            YMessage::Sync(SyncMessage::SyncStep2(u)) => {
                                rdoc.transact_mut()
                                    .apply_update(Update::decode_v1(&u).unwrap())
                                    .unwrap();
                                rseen.lock().unwrap().synced = true;
                                rchanged.notify_waiters();
                            }
                            YMessage::Sync(SyncMessage::Update(u)) => {
                                rdoc.transact_mut()
                                    .apply_update(Update::decode_v1(&u).unwrap())
                                    .unwrap();
                                rchanged.notify_waiters();
                            }
                            YMessage::Awareness(a) => {
                                rseen.lock().unwrap().awareness.push(a);
                                rchanged.notify_waiters();
                            }
                            YMessage::Auth(Some(reason)) => {
                                rseen.lock().unwrap().refusals.push(reason);
                                rchanged.notify_waiters();
                            }
                            _ => {}
                        }
                    }
                    Message::Close(frame) => {
                        let mut s = rseen.lock().unwrap();
                        s.close = frame.map(|f| (u16::from(f.code), f.reason.to_string()));
                        break;
                    }
                    _ => {}
                }
            }
            rseen.lock().unwrap().closed = true;
            rchanged.notify_waiters();
        });
        let client = SyncClient {
            doc,
            seen,
            changed,
            out,
        };
        client
            .wait_until("synced", |c| c.seen.lock().unwrap().synced)
            .await;
        client
    }

    /// Types `s` at `index` of the `solution` text and sends the update.
    pub fn type_at(&self, index: u32, s: &str) {
        let text = self.doc.get_or_insert_text("solution");
        let update = {
            let mut txn = self.doc.transact_mut();
            text.insert(&mut txn, index, s);
            txn.encode_update_v1()
        };
        self.send_update(update);
    }

    pub fn send_update(&self, update: Vec<u8>) {
        let frame = YMessage::Sync(SyncMessage::Update(update)).encode_v1();
        let _ = self.out.send(Message::Binary(frame.into()));
    }

    pub fn send_raw(&self, bytes: Vec<u8>) {
        let _ = self.out.send(Message::Binary(bytes.into()));
    }

    pub fn send_awareness(&self, client: u64, clock: u32, json: &str) {
        let mut update = AwarenessUpdate {
            clients: Default::default(),
        };
        update.clients.insert(
            ClientID::new(client),
            AwarenessUpdateEntry {
                clock,
                json: json.into(),
            },
        );
        let frame = YMessage::Awareness(update).encode_v1();
        let _ = self.out.send(Message::Binary(frame.into()));
    }

    pub fn close(&self) {
        let _ = self.out.send(Message::Close(None));
    }

    pub fn text(&self) -> String {
        self.text_of("solution")
    }

    pub fn text_of(&self, name: &str) -> String {
        let t = self.doc.get_or_insert_text(name);
        t.get_string(&self.doc.transact())
    }

    pub fn len(&self) -> u32 {
        self.text().chars().count() as u32
    }

    pub async fn wait_until(&self, what: &str, f: impl Fn(&SyncClient) -> bool) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            // Register interest before checking, so a frame in between is not missed.
            let changed = self.changed.notified();
            if f(self) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for: {what}"
            );
            tokio::select! {
                _ = changed => {}
                _ = tokio::time::sleep(Duration::from_millis(10)) => {}
            }
        }
    }

    pub async fn wait_for_text(&self, f: impl Fn(&str) -> bool) {
        let what = "text";
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            let changed = self.changed.notified();
            if f(&self.text()) {
                return;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for {what}; text is {:?}",
                self.text()
            );
            tokio::select! {
                _ = changed => {}
                _ = tokio::time::sleep(Duration::from_millis(10)) => {}
            }
        }
    }

    pub async fn wait_closed(&self) -> Option<(u16, String)> {
        self.wait_until("connection closed", |c| c.seen.lock().unwrap().closed)
            .await;
        self.seen.lock().unwrap().close.clone()
    }
}

/// An events-socket client collecting JSON events.
pub struct EventsClient {
    pub events: Arc<Mutex<Vec<Value>>>,
    out: mpsc::UnboundedSender<Message>,
}

impl EventsClient {
    pub async fn connect(base: &str, room: &str, token: Option<&str>) -> EventsClient {
        let ws = base.replacen("http", "ws", 1);
        let url = match token {
            Some(t) => format!("{ws}/rooms/{room}/events?token={t}"),
            None => format!("{ws}/rooms/{room}/events"),
        };
        let (socket, _) = tokio_tungstenite::connect_async(url)
            .await
            .expect("events socket connects");
        let (mut sink, mut stream) = socket.split();
        let events = Arc::new(Mutex::new(Vec::new()));
        let (out, mut out_rx) = mpsc::unbounded_channel::<Message>();
        tokio::spawn(async move {
            while let Some(m) = out_rx.recv().await {
                if sink.send(m).await.is_err() {
                    break;
                }
            }
        });
        let sink_events = events.clone();
        tokio::spawn(async move {
            while let Some(Ok(Message::Text(t))) = stream.next().await {
                if let Ok(v) = serde_json::from_str::<Value>(&t) {
                    sink_events.lock().unwrap().push(v);
                }
            }
        });
        let client = EventsClient { events, out };
        client.wait_for("hello", |e| e["type"] == "hello").await;
        client
    }

    pub fn send(&self, v: Value) {
        let _ = self.out.send(Message::Text(v.to_string().into()));
    }

    pub async fn wait_for(&self, what: &str, f: impl Fn(&Value) -> bool) -> Value {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        loop {
            if let Some(v) = self.events.lock().unwrap().iter().find(|e| f(e)) {
                return v.clone();
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "timed out waiting for event: {what}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `randori` binary cargo built for these tests.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_randori"))
}

/// The real sandbox, with the compiled-component cache the other tests share.
pub fn sandbox(slots: u32) -> randori::runs::sandbox::Sandbox {
    let root = repo_root();
    let guests = [
        (Language::Python, root.join("build/runner.wasm")),
        (Language::Javascript, root.join("build/runner-js.wasm")),
    ];
    randori::runs::sandbox::Sandbox::load(&guests, &root.join("target/randori-cache"), slots)
    .expect("sandbox loads (run scripts/build-guest.sh)")
}
