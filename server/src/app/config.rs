//! Server configuration: every flag of `randori serve`, each also settable by an
//! environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;

use randori_core::kata::language::Language;

#[derive(clap::Args, Debug, Clone)]
pub struct ServeConfig {
    /// Address to listen on (use 0.0.0.0:8080 to accept other machines, port 0 for any free port).
    #[arg(long, env = "RANDORI_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,

    /// Directory for all state: the SQLite database and the compiled-sandbox cache.
    #[arg(long, env = "RANDORI_DATA_DIR", default_value = "./data")]
    pub data_dir: PathBuf,

    /// Directory of katas (one folder per kata; see docs/kata-format.md).
    #[arg(long, env = "RANDORI_KATAS_DIR", default_value = "./katas")]
    pub katas_dir: PathBuf,

    /// Built web client to serve (the output of `npm run build` in web/).
    #[arg(long, env = "RANDORI_WEB_DIR", default_value = "./web/dist")]
    pub web_dir: PathBuf,

    /// The Python sandbox component (built by scripts/build-guest.sh).
    #[arg(
        long,
        env = "RANDORI_GUEST_WASM",
        default_value = "./build/runner.wasm"
    )]
    pub guest_wasm: PathBuf,

    /// The JavaScript sandbox component (built by scripts/build-js-guest.sh); when it
    /// is missing, JavaScript rooms are refused and everything else works.
    #[arg(
        long,
        env = "RANDORI_JS_GUEST_WASM",
        default_value = "./build/runner-js.wasm"
    )]
    pub js_guest_wasm: PathBuf,

    /// Directory for the compiled-sandbox cache (default: <data-dir>/cache). Sharing one
    /// between servers on a machine saves compiling the component for each.
    #[arg(long, env = "RANDORI_CACHE_DIR")]
    pub cache_dir: Option<PathBuf>,

    /// Base URL used in join links (default: http://<addr>).
    #[arg(long, env = "RANDORI_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Origins allowed to open websockets, comma-separated (e.g. https://dojo.example.org).
    /// Empty: any origin. Requests without an Origin header (scripts) are always allowed.
    #[arg(long, env = "RANDORI_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,

    /// Sustained websocket messages per second one connection may send before it is closed.
    #[arg(long, env = "RANDORI_MAX_MESSAGES_PER_SECOND", default_value_t = 200)]
    pub max_messages_per_second: u32,

    /// Rooms one client address may create per minute.
    #[arg(long, env = "RANDORI_ROOMS_PER_MINUTE", default_value_t = 30)]
    pub rooms_per_minute: u32,

    /// Runs one room may request per minute, sustained (8 at once); beyond it a run
    /// request is refused with 429.
    #[arg(long, env = "RANDORI_RUNS_PER_MINUTE", default_value_t = crate::runs::RUNS_PER_MINUTE)]
    pub runs_per_minute: u32,

    /// Joins (of any room) one client address may make per minute.
    #[arg(long, env = "RANDORI_JOINS_PER_MINUTE", default_value_t = 60)]
    pub joins_per_minute: u32,

    /// Addresses of reverse proxies whose `X-Forwarded-For` names the real client
    /// (comma-separated). The per-address limits key on that client; from any other
    /// peer the header is ignored, so nobody can pick their own address.
    #[arg(long, env = "RANDORI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,

    /// Seconds a room without connections stays in memory.
    #[arg(long, env = "RANDORI_ROOM_IDLE_SECONDS", default_value_t = 30)]
    pub room_idle_seconds: u64,

    /// Sandbox workers (default: one per core).
    #[arg(long, env = "RANDORI_WORKERS")]
    pub workers: Option<usize>,

    /// Runs that may wait for a worker; beyond this a run is refused as "busy".
    #[arg(long, env = "RANDORI_QUEUE_CAPACITY", default_value_t = 64)]
    pub queue_capacity: usize,

    /// Katas whose generator and reference each worker keeps loaded between
    /// submissions (~15 MiB each); 0 loads them afresh for every submission.
    #[arg(long, env = "RANDORI_WARM_ORACLES", default_value_t = crate::runs::oracle::WARM_ORACLES_PER_WORKER)]
    pub warm_oracles: usize,
}

impl ServeConfig {
    /// Where the compiled-sandbox cache lives.
    pub fn cache_dir(&self) -> PathBuf {
        self.cache_dir
            .clone()
            .unwrap_or_else(|| self.data_dir.join("cache"))
    }

    /// Every guest component, by language.
    pub fn guests(&self) -> Vec<(Language, PathBuf)> {
        vec![
            (Language::Python, self.guest_wasm.clone()),
            (Language::Javascript, self.js_guest_wasm.clone()),
        ]
    }

    /// Defaults for tests and tools: everything under `data_dir`, ephemeral port.
    pub fn for_tests(data_dir: PathBuf) -> Self {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        ServeConfig {
            addr: "127.0.0.1:0".parse().expect("addr"),
            data_dir,
            katas_dir: root.join("katas"),
            web_dir: root.join("web/dist"),
            guest_wasm: root.join("build/runner.wasm"),
            js_guest_wasm: root.join("build/runner-js.wasm"),
            cache_dir: Some(root.join("target/randori-cache")),
            public_url: None,
            allowed_origins: Vec::new(),
            max_messages_per_second: 200,
            rooms_per_minute: 10_000,
            runs_per_minute: 10_000,
            joins_per_minute: 10_000,
            trusted_proxies: Vec::new(),
            room_idle_seconds: 30,
            workers: None,
            queue_capacity: 64,
            warm_oracles: crate::runs::oracle::WARM_ORACLES_PER_WORKER,
        }
    }
}
