//! Part 4b, start-up: from spawning `randori serve` on an existing data directory
//! (with a warm compiled-component cache) to a sync client's first answer (step 2)
//! in an existing room, and on to the first submission's result.

use std::time::Instant;

use anyhow::{Result, bail};
use futures_util::SinkExt;
use serde_json::{Value, json};

use crate::Config;
use crate::client::{self, Api};
use crate::server::{self, RandoriOptions};
use crate::sys::{self, round3};

pub async fn run(cfg: &Config, runs: usize) -> Result<Value> {
    let data_dir = server::scratch_dir(cfg, "startup-data");
    let opts = || RandoriOptions {
        data_dir: &data_dir,
        cpus: Some(&cfg.all_cpus),
        extra: vec![],
        log_name: "startup",
    };
    let reference =
        std::fs::read_to_string(cfg.katas.join("fizzbuzz/reference/python/solution.py"))?;

    // Set up a room holding a correct solution, and warm the component cache.
    let server = server::start_randori(cfg, opts()).await?;
    let api = Api::new(server.http());
    let room = api.create_room(Some("fizzbuzz")).await?;
    let joined = api.join(&room, "bench").await?;
    client::replace_solution(&api, &joined, 5_000_001, &reference).await?;
    let warm = api.submit_wait(&joined).await?;
    if warm["verdict"] != "passed" {
        bail!(
            "the start-up room's submission did not pass: {}",
            warm["summary"]
        );
    }
    server.stop().await?;

    let (mut listening, mut synced, mut first_run) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..runs.max(1) {
        let t0 = Instant::now();
        let server = server::start_randori(cfg, opts()).await?;
        let t_listen = t0.elapsed();
        let api = Api::new(server.http());
        let doc = client::new_doc(5_100_000 + i as u64);
        let url = format!(
            "{}/rooms/{}/sync?token={}",
            server.ws(),
            joined.room,
            joined.token
        );
        let (mut sink, _stream) = client::connect_synced(&url, &doc).await?;
        let t_sync = t0.elapsed();
        let run = api.submit_wait(&joined).await?;
        let t_run = t0.elapsed();
        if run["verdict"] != "passed" || client::text_of(&doc) != reference {
            bail!(
                "after a restart the room lost its text or its submission failed: {}",
                run["summary"]
            );
        }
        let _ = sink.close().await;
        server.stop().await?;
        listening.push(t_listen.as_micros() as u64);
        synced.push(t_sync.as_micros() as u64);
        first_run.push(t_run.as_micros() as u64);
    }
    let cache_bytes = sys::dir_bytes(&cfg.cache_dir);
    Ok(json!({
        "runs": runs,
        "to_listening_ms": sys::summarize(&mut listening),
        "to_first_sync_answer_ms": sys::summarize(&mut synced),
        "to_first_submission_result_ms": sys::summarize(&mut first_run),
        "component_cache_mib": round3(cache_bytes as f64 / 1048576.0),
    }))
}
