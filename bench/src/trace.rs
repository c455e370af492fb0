//! Part 2, editing traces: a real keystroke history replayed through the server
//! as a client types it (one update per transaction of the trace, i.e. per
//! keystroke), sent as fast as the connection takes them, while a second client
//! follows. Then a third client joins late and must receive the same text.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use yrs::{ClientID, ReadTxn, Text, Transact};

use crate::Config;
use crate::client::{self, Api, TEXT};
use crate::server::{self, RandoriOptions};
use crate::sys::{self, round1, round3};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Trace {
    pub start_content: String,
    pub end_content: String,
    pub txns: Vec<Txn>,
}

#[derive(Deserialize)]
pub struct Txn {
    /// `[position, deleted, inserted]`, positions in Unicode code points.
    pub patches: Vec<(u32, u32, String)>,
}

pub fn load(path: &Path) -> Result<Trace> {
    let file = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut json = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(file).read_to_string(&mut json)?;
    } else {
        std::io::BufReader::new(file).read_to_string(&mut json)?;
    }
    let trace: Trace =
        serde_json::from_str(&json).with_context(|| format!("parsing {}", path.display()))?;
    if trace.end_content.chars().any(|c| c as u32 > 0xFFFF) {
        // Offsets are UTF-16 units in the client documents; equal to code points only in the BMP.
        bail!(
            "{}: characters outside the BMP are not supported by this replay",
            path.display()
        );
    }
    Ok(trace)
}

pub async fn run(cfg: &Config, path: &Path) -> Result<Value> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("trace")
        .trim_end_matches(".json.gz")
        .to_string();
    let trace = load(path)?;
    let data_dir = server::scratch_dir(cfg, &format!("trace-{name}-data"));
    let server = server::start_randori(
        cfg,
        RandoriOptions {
            data_dir: &data_dir,
            cpus: Some(&cfg.server_cpus),
            extra: vec!["--max-messages-per-second".into(), "100000000".into()],
            log_name: &format!("trace-{name}"),
        },
    )
    .await?;
    let result = replay(cfg, &server, &trace, &name).await;
    let peak = server.peak_rss_mib();
    server.stop().await?;
    let mut v = result?;
    v["server_peak_rss_mib"] = json!(round1(peak));
    v["data_dir_bytes_after_stop"] = json!(sys::dir_bytes(&data_dir));
    Ok(v)
}

async fn replay(
    _cfg: &Config,
    server: &server::Server,
    trace: &Trace,
    name: &str,
) -> Result<Value> {
    let api = Api::new(server.http());
    let room = api.create_room(None).await?;
    let typist = api.join(&room, "typist").await?;
    let follower = api.join(&room, "follower").await?;
    let (typist_id, follower_id, late_id) = (7_000_001u64, 7_000_002u64, 7_000_003u64);

    // The typist syncs (the room holds its starter text), then turns the trace into
    // updates in its own document: first one that clears the starter, then one per
    // transaction of the trace.
    let tdoc = client::new_doc(typist_id);
    let (mut tsink, mut tstream) = client::connect_synced(&api.sync_url(&typist), &tdoc).await?;
    let building = Instant::now();
    let text = tdoc.get_or_insert_text(TEXT);
    let mut frames: Vec<Vec<u8>> = Vec::with_capacity(trace.txns.len() + 2);
    {
        let mut txn = tdoc.transact_mut();
        let len = text.len(&txn);
        if len > 0 {
            text.remove_range(&mut txn, 0, len);
            frames.push(client::update_frame(txn.encode_update_v1()));
        }
    }
    if !trace.start_content.is_empty() {
        let mut txn = tdoc.transact_mut();
        text.insert(&mut txn, 0, &trace.start_content);
        frames.push(client::update_frame(txn.encode_update_v1()));
    }
    for t in &trace.txns {
        let mut txn = tdoc.transact_mut();
        for (pos, del, ins) in &t.patches {
            if *del > 0 {
                text.remove_range(&mut txn, *pos, *del);
            }
            if !ins.is_empty() {
                text.insert(&mut txn, *pos, ins);
            }
        }
        let update = txn.encode_update_v1();
        if update != [0, 0] {
            frames.push(client::update_frame(update));
        }
    }
    let build_seconds = building.elapsed().as_secs_f64();
    if client::text_of(&tdoc) != trace.end_content {
        bail!("{name}: the typist's own document does not match endContent (replay bug)");
    }
    let final_clock = tdoc
        .transact()
        .state_vector()
        .get(&ClientID::new(typist_id));
    let wire_bytes: usize = frames.iter().map(Vec::len).sum();

    // The follower.
    let fdoc = client::new_doc(follower_id);
    let (mut fsink, mut fstream) = client::connect_synced(&api.sync_url(&follower), &fdoc).await?;
    // Drain whatever the server sends the typist (nothing much: it is not echoed).
    let typist_reader =
        tokio::spawn(async move { while let Some(Ok(_)) = tstream.next().await {} });

    let bytes0 = api
        .metric("randori_bytes_stored_total")
        .await
        .unwrap_or(f64::NAN);
    let interference = sys::Interference::start(server.pid);
    let cpu0 = server.cpu_seconds();
    let threads0 = sys::threads_cpu(server.pid);
    let started = Instant::now();
    let follower_task = tokio::spawn(async move {
        let target = ClientID::new(typist_id);
        let mut applied = 0u64;
        loop {
            let frame = tokio::time::timeout(Duration::from_secs(60), fstream.next())
                .await
                .context("the follower got nothing for 60 s")?
                .context("the follower's connection ended")??;
            match frame {
                Message::Binary(b) => {
                    client::handle_frame(&fdoc, &mut fsink, &b).await?;
                    applied += 1;
                    if fdoc.transact().state_vector().get(&target) >= final_clock {
                        return anyhow::Ok((Instant::now(), applied, fdoc));
                    }
                }
                Message::Close(c) => bail!("the follower was disconnected: {c:?}"),
                _ => {}
            }
        }
    });
    let n = frames.len();
    for (i, f) in frames.into_iter().enumerate() {
        tsink.feed(Message::Binary(f.into())).await?;
        if i % 64 == 63 {
            tsink.flush().await?;
        }
    }
    tsink.flush().await?;
    let sent_seconds = started.elapsed().as_secs_f64();
    let (converged_at, follower_frames, fdoc) = follower_task.await??;
    let converge_seconds = converged_at.duration_since(started).as_secs_f64();
    let cpu = server.cpu_seconds() - cpu0;
    let other_cpu = interference.other_cpu_seconds();
    let threads = sys::threads_cpu_delta(&threads0, &sys::threads_cpu(server.pid));
    let follower_ok = client::text_of(&fdoc) == trace.end_content;

    // A late joiner gets the whole document in one step 2 from the server's copy.
    let ldoc = client::new_doc(late_id);
    let joining = Instant::now();
    let late = api.join(&room, "late").await?;
    let (mut lsink, _lstream) = client::connect_synced(&api.sync_url(&late), &ldoc).await?;
    let late_seconds = joining.elapsed().as_secs_f64();
    let late_ok = client::text_of(&ldoc) == trace.end_content;
    let _ = lsink.close().await;
    let _ = tsink.close().await;
    typist_reader.abort();

    // Give the writer a moment to commit the last snapshot, then read the counters.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let bytes1 = api
        .metric("randori_bytes_stored_total")
        .await
        .unwrap_or(f64::NAN);
    let data_dir_bytes = server.data_dir.as_deref().map(sys::dir_bytes).unwrap_or(0);
    let snapshot_bytes = tdoc
        .transact()
        .encode_state_as_update_v1(&yrs::StateVector::default())
        .len();
    if !follower_ok || !late_ok {
        eprintln!(
            "  {name}: FINAL TEXT MISMATCH (follower ok: {follower_ok}, late joiner ok: {late_ok})"
        );
    }
    Ok(json!({
        "trace": name,
        "edits": trace.txns.iter().map(|t| t.patches.len()).sum::<usize>(),
        "updates_sent": n,
        "update_wire_bytes": wire_bytes,
        "final_chars": trace.end_content.chars().count(),
        "client_build_seconds": round3(build_seconds),
        "send_seconds": round3(sent_seconds),
        "converge_seconds": round3(converge_seconds),
        "updates_per_second": round1(n as f64 / converge_seconds),
        "follower_frames": follower_frames,
        "server_cpu_seconds": round3(cpu),
        "server_cpu_us_per_update": round1(cpu / n as f64 * 1e6),
        "server_cpu_seconds_by_thread": threads,
        "other_processes_cpu_seconds": other_cpu,
        "late_join_seconds": round3(late_seconds),
        "bytes_stored_total": bytes1 - bytes0,
        "data_dir_bytes_running": data_dir_bytes,
        "document_state_bytes": snapshot_bytes,
        "final_text_matches": follower_ok && late_ok,
        "follower_matches": follower_ok,
        "late_joiner_matches": late_ok,
    }))
}
