//! Starting and stopping the servers under test: Randori itself and the reference
//! Node y-websocket server, each pinned to CPUs (what `taskset -c` does).

use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, Command};

use crate::Config;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Randori,
    Node,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Randori => "randori",
            Kind::Node => "node",
        }
    }
}

pub struct Server {
    pub kind: Kind,
    child: Child,
    pub pid: u32,
    pub addr: SocketAddr,
    pub data_dir: Option<PathBuf>,
}

impl Server {
    pub fn http(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn ws(&self) -> String {
        format!("ws://{}", self.addr)
    }

    pub fn cpu_seconds(&self) -> f64 {
        crate::sys::cpu_seconds(self.pid).unwrap_or(f64::NAN)
    }

    pub fn peak_rss_mib(&self) -> f64 {
        crate::sys::peak_rss_mib(self.pid)
    }

    pub fn rss_mib(&self) -> f64 {
        crate::sys::rss_mib(self.pid)
    }

    /// Asks the server to stop (SIGTERM: Randori flushes its storage) and waits; kills
    /// it if it takes longer than 10 s.
    pub async fn stop(mut self) -> Result<()> {
        unsafe {
            libc::kill(self.pid as i32, libc::SIGTERM);
        }
        match tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await {
            Ok(status) => {
                status?;
            }
            Err(_) => {
                eprintln!(
                    "  {} (pid {}) did not stop in 10 s; killing it",
                    self.kind.name(),
                    self.pid
                );
                self.child.kill().await?;
            }
        }
        Ok(())
    }
}

/// Options for one Randori server.
pub struct RandoriOptions<'a> {
    pub data_dir: &'a Path,
    /// `taskset -c` list; `None` runs unpinned.
    pub cpus: Option<&'a str>,
    pub extra: Vec<String>,
    pub log_name: &'a str,
}

/// A command whose process runs on the given CPUs (like `taskset -c`); the
/// affinity is set in the child between fork and exec, so the pid is the server's.
fn pinned(cpus: Option<&str>, program: &Path) -> Result<Command> {
    let mut cmd = Command::new(program);
    if let Some(c) = cpus.filter(|c| !c.is_empty()) {
        set_affinity(&mut cmd, &crate::sys::parse_cpu_list(c)?);
    }
    Ok(cmd)
}

/// Sets the CPUs a child process may run on (children otherwise inherit the load
/// generator's own pinning).
pub fn set_affinity(cmd: &mut Command, cpus: &[usize]) {
    let mut set: libc::cpu_set_t = unsafe { std::mem::zeroed() };
    for &c in cpus {
        unsafe { libc::CPU_SET(c, &mut set) };
    }
    // SAFETY: sched_setaffinity is a plain system call, safe between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

fn log_file(cfg: &Config, name: &str) -> Result<std::fs::File> {
    std::fs::create_dir_all(cfg.work_dir.join("logs"))?;
    let path = cfg.work_dir.join("logs").join(format!("{name}.log"));
    Ok(std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)?)
}

/// Starts `randori serve` on a free port and waits for its "listening" line.
/// `name` under the work directory, emptied: every part starts its servers on fresh
/// data.
pub fn scratch_dir(cfg: &Config, name: &str) -> std::path::PathBuf {
    let dir = cfg.work_dir.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub async fn start_randori(cfg: &Config, opts: RandoriOptions<'_>) -> Result<Server> {
    std::fs::create_dir_all(opts.data_dir)?;
    let mut cmd = pinned(opts.cpus, &cfg.randori_bin)?;
    cmd.arg("serve")
        .arg("--addr")
        .arg("127.0.0.1:0")
        .arg("--data-dir")
        .arg(opts.data_dir)
        .arg("--katas-dir")
        .arg(&cfg.katas)
        .arg("--guest-wasm")
        .arg(&cfg.guest_wasm)
        .arg("--js-guest-wasm")
        .arg(cfg.guest_wasm.with_file_name("runner-js.wasm"))
        .arg("--cache-dir")
        .arg(&cfg.cache_dir)
        .arg("--web-dir")
        .arg(&cfg.web_dir)
        .args(&opts.extra)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log_file(cfg, opts.log_name)?)
        .kill_on_drop(true);
    let mut child = cmd
        .spawn()
        .with_context(|| format!("starting {}", cfg.randori_bin.display()))?;
    let pid = child.id().context("no pid")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(Duration::from_secs(120), lines.next_line())
        .await
        .context("randori did not say it was listening within 120 s")??
        .context("randori exited before listening (see its log under the work dir)")?;
    let addr: SocketAddr = first
        .strip_prefix("randori listening on http://")
        .with_context(|| format!("unexpected first line from randori: {first:?}"))?
        .trim()
        .parse()?;
    // Keep draining stdout so the server never blocks on a full pipe.
    let mut log = tokio::fs::File::from_std(log_file(cfg, opts.log_name)?);
    tokio::spawn(async move {
        while let Ok(Some(line)) = lines.next_line().await {
            let _ = log.write_all(format!("{line}\n").as_bytes()).await;
        }
    });
    Ok(Server {
        kind: Kind::Randori,
        child,
        pid,
        addr,
        data_dir: Some(opts.data_dir.to_path_buf()),
    })
}

fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts the reference server (`@y/websocket-server`'s bin script) on a free port.
pub async fn start_node(cfg: &Config, cpus: Option<&str>, log_name: &str) -> Result<Server> {
    let script = cfg
        .node_dir
        .join("node_modules/@y/websocket-server/src/server.js");
    if !script.exists() {
        bail!(
            "{} is missing: run `npm ci` in {}",
            script.display(),
            cfg.node_dir.display()
        );
    }
    let node = which("node").context("node is not on PATH")?;
    let port = free_port()?;
    let mut cmd = pinned(cpus, &node)?;
    cmd.arg(&script)
        .env("HOST", "127.0.0.1")
        .env("PORT", port.to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log_file(cfg, log_name)?)
        .kill_on_drop(true);
    let mut child = cmd.spawn().context("starting node")?;
    let pid = child.id().context("no pid")?;
    let stdout = child.stdout.take().context("no stdout")?;
    let mut lines = BufReader::new(stdout).lines();
    let first = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .context("the node server did not start within 30 s")??
        .context("the node server exited at start (see its log)")?;
    if !first.contains("running at") {
        bail!("unexpected first line from the node server: {first:?}");
    }
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok(Server {
        kind: Kind::Node,
        child,
        pid,
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        data_dir: None,
    })
}

/// The full path of a program on PATH (pinning through taskset needs one).
pub fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}
