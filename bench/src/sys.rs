//! What the benchmarks read from the operating system: a process's CPU time and
//! memory from /proc, CPU pinning, the file-descriptor limit, the machine's
//! description; plus the clock and percentile helpers every part shares.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// One monotonic origin for every timestamp the load generator records, so a send
/// time recorded by one client task compares with a receive time of another.
pub fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// Microseconds since [`origin`].
pub fn now_us() -> u64 {
    origin().elapsed().as_micros() as u64
}

/// User + system CPU seconds a process has used (all its threads).
pub fn cpu_seconds(pid: u32) -> Result<f64> {
    let (user, system) = cpu_split(pid)?;
    Ok(user + system)
}

/// User and system (kernel) CPU seconds a process has used, separately.
pub fn cpu_split(pid: u32) -> Result<(f64, f64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .with_context(|| format!("reading /proc/{pid}/stat"))?;
    // The command name may contain spaces and parentheses: fields start after the last ')'.
    let rest = &stat[stat.rfind(')').context("malformed /proc stat")? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // rest starts at field 3 (state); utime is field 14, stime field 15.
    let utime: u64 = fields.get(11).context("no utime")?.parse()?;
    let stime: u64 = fields.get(12).context("no stime")?.parse()?;
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    Ok((utime as f64 / ticks, stime as f64 / ticks))
}

/// CPU seconds per thread name (threads sharing a name, like tokio's workers, add up).
pub fn threads_cpu(pid: u32) -> std::collections::BTreeMap<String, f64> {
    let mut out = std::collections::BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return out;
    };
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    for t in tasks.filter_map(|t| t.ok()) {
        let Ok(stat) = std::fs::read_to_string(t.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let name = stat[open + 1..close].to_string();
        let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
        let used = fields
            .get(11)
            .and_then(|u| u.parse::<u64>().ok())
            .unwrap_or(0)
            + fields
                .get(12)
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(0);
        *out.entry(name).or_insert(0.0) += used as f64 / ticks;
    }
    out
}

/// What each thread name used between two [`threads_cpu`] readings.
pub fn threads_cpu_delta(
    before: &std::collections::BTreeMap<String, f64>,
    after: &std::collections::BTreeMap<String, f64>,
) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    for (name, a) in after {
        let d = a - before.get(name).copied().unwrap_or(0.0);
        if d > 0.0 {
            out.insert(name.clone(), serde_json::json!(round3(d)));
        }
    }
    serde_json::Value::Object(out)
}

/// CPU seconds the whole machine spent busy (all CPUs, everything but idle and
/// iowait), from /proc/stat.
pub fn machine_busy_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let Some(line) = stat.lines().next() else {
        return f64::NAN;
    };
    let v: Vec<u64> = line
        .split_whitespace()
        .skip(1)
        .filter_map(|x| x.parse().ok())
        .collect();
    if v.len() < 8 {
        return f64::NAN;
    }
    // user nice system idle iowait irq softirq steal
    let busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];
    busy as f64 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

/// CPU seconds of this process plus its waited-for children (the native runs).
pub fn self_and_children_cpu() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    let Some(close) = stat.rfind(')') else {
        return f64::NAN;
    };
    let f: Vec<u64> = stat[close + 2..]
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0))
        .collect();
    // utime stime cutime cstime are fields 14-17 (indices 11-14 here).
    let ticks = f.get(11..15).map(|x| x.iter().sum::<u64>()).unwrap_or(0);
    ticks as f64 / unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64
}

/// Waits until other processes have used less than a tenth of a core for 3 s in a
/// row (nothing of ours runs between parts), at most `max`. Returns the seconds
/// waited. A shared machine's other work skews every number.
pub async fn wait_quiet(max: Duration) -> f64 {
    let began = Instant::now();
    loop {
        let (machine, me) = (machine_busy_seconds(), self_and_children_cpu());
        tokio::time::sleep(Duration::from_secs(3)).await;
        let other = (machine_busy_seconds() - machine) - (self_and_children_cpu() - me);
        if other < 0.3 || began.elapsed() >= max {
            return round1(began.elapsed().as_secs_f64());
        }
    }
}

/// Measures what other processes (not the server, not this load generator) used
/// meanwhile: other work on a shared machine skews every number.
pub struct Interference {
    machine: f64,
    server: f64,
    me: f64,
    pid: u32,
}

impl Interference {
    pub fn start(server_pid: u32) -> Self {
        Interference {
            machine: machine_busy_seconds(),
            server: cpu_seconds(server_pid).unwrap_or(0.0),
            me: cpu_seconds(std::process::id()).unwrap_or(0.0),
            pid: server_pid,
        }
    }

    /// CPU seconds used by other processes since `start`.
    pub fn other_cpu_seconds(&self) -> f64 {
        let machine = machine_busy_seconds() - self.machine;
        let server = cpu_seconds(self.pid).unwrap_or(0.0) - self.server;
        let me = cpu_seconds(std::process::id()).unwrap_or(0.0) - self.me;
        round3((machine - server - me).max(0.0))
    }
}

/// A `kB` field of /proc/<pid>/status (VmHWM: peak resident set; VmRSS: current).
pub fn status_kib(pid: u32, field: &str) -> Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    for line in status.lines() {
        if let Some(rest) = line.strip_prefix(field).and_then(|r| r.strip_prefix(':')) {
            let n = rest.trim().trim_end_matches("kB").trim();
            return Ok(n.parse()?);
        }
    }
    bail!("no {field} in /proc/{pid}/status")
}

pub fn rss_mib(pid: u32) -> f64 {
    status_kib(pid, "VmRSS")
        .map(|k| k as f64 / 1024.0)
        .unwrap_or(f64::NAN)
}

pub fn peak_rss_mib(pid: u32) -> f64 {
    status_kib(pid, "VmHWM")
        .map(|k| k as f64 / 1024.0)
        .unwrap_or(f64::NAN)
}

/// Resets a process's peak resident set (VmHWM) to its current one, so a later
/// reading is the peak since now (Linux >= 4.0: writing 5 to clear_refs).
pub fn reset_peak_rss(pid: u32) -> bool {
    std::fs::write(format!("/proc/{pid}/clear_refs"), "5").is_ok()
}

/// Waits until a process's resident set stops moving (the Randori server loads its
/// sandbox in the background after it starts listening), at most `limit`.
pub async fn settle_rss(pid: u32, limit: Duration) -> f64 {
    let deadline = Instant::now() + limit;
    let mut last = rss_mib(pid);
    let mut stable = 0;
    while Instant::now() < deadline && stable < 4 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let now = rss_mib(pid);
        if (now - last).abs() < 0.25 {
            stable += 1;
        } else {
            stable = 0;
        }
        last = now;
    }
    last
}

/// Pins the calling process (and the threads it starts afterwards) to a CPU list
/// such as "1" or "0-1". Children inherit it unless they are re-pinned.
pub fn pin_self(cpus: &str) -> Result<()> {
    let list = parse_cpu_list(cpus)?;
    unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        libc::CPU_ZERO(&mut set);
        for c in list {
            libc::CPU_SET(c, &mut set);
        }
        if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
            bail!(
                "sched_setaffinity({cpus}) failed: {}",
                std::io::Error::last_os_error()
            );
        }
    }
    Ok(())
}

pub fn parse_cpu_list(cpus: &str) -> Result<Vec<usize>> {
    let mut out = Vec::new();
    for part in cpus.split(',').filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => out.extend(a.trim().parse::<usize>()?..=b.trim().parse::<usize>()?),
            None => out.push(part.trim().parse()?),
        }
    }
    if out.is_empty() {
        bail!("empty CPU list {cpus:?}");
    }
    Ok(out)
}

/// Raises the soft open-file limit to the hard one (1000 rooms x 2 clients need
/// 2000+ descriptors here and in the server, which inherits the limit).
pub fn raise_nofile() {
    unsafe {
        let mut lim: libc::rlimit = std::mem::zeroed();
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut lim) == 0 && lim.rlim_cur < lim.rlim_max {
            lim.rlim_cur = lim.rlim_max;
            libc::setrlimit(libc::RLIMIT_NOFILE, &lim);
        }
    }
}

pub fn nproc() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// Cores of the machine, not only those this process may use (it may be pinned).
pub fn online_cpus() -> usize {
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    if n > 0 { n as usize } else { nproc() }
}

/// What the numbers were measured on.
pub fn machine() -> serde_json::Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name")
                .and_then(|r| r.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    let mem_kib = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse::<u64>().ok())
        })
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .unwrap_or_default()
        .trim()
        .to_string();
    let date = std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%dT%H:%M:%SZ"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_default();
    let commit = std::process::Command::new("git")
        .args(["describe", "--always", "--dirty"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    serde_json::json!({
        "date": date,
        "commit": commit,
        "cpus": online_cpus(),
        "cpu_model": model,
        "memory_gib": (mem_kib as f64 / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        "kernel": kernel,
        "os": os,
        "loadavg_at_start": std::fs::read_to_string("/proc/loadavg").unwrap_or_default().split_whitespace().take(3).collect::<Vec<_>>().join(" "),
    })
}

/// Latency summary of samples in microseconds, reported in milliseconds.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub n: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub mean_ms: f64,
}

pub fn summarize(samples: &mut [u64]) -> Summary {
    if samples.is_empty() {
        return Summary {
            n: 0,
            p50_ms: f64::NAN,
            p90_ms: f64::NAN,
            p99_ms: f64::NAN,
            max_ms: f64::NAN,
            mean_ms: f64::NAN,
        };
    }
    samples.sort_unstable();
    let pick = |q: f64| {
        // Nearest rank.
        let rank = ((q * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
        samples[rank - 1] as f64 / 1000.0
    };
    let mean = samples.iter().sum::<u64>() as f64 / samples.len() as f64 / 1000.0;
    Summary {
        n: samples.len(),
        p50_ms: round3(pick(0.50)),
        p90_ms: round3(pick(0.90)),
        p99_ms: round3(pick(0.99)),
        max_ms: round3(*samples.last().unwrap() as f64 / 1000.0),
        mean_ms: round3(mean),
    }
}

pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Size of every file under a directory, in bytes.
pub fn dir_bytes(path: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .filter_map(|e| e.ok())
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let mut v: Vec<u64> = (1..=100).map(|i| i * 1000).collect();
        let s = summarize(&mut v);
        assert_eq!(s.p50_ms, 50.0);
        assert_eq!(s.p99_ms, 99.0);
        assert_eq!(s.max_ms, 100.0);
    }

    #[test]
    fn cpu_lists() {
        assert_eq!(parse_cpu_list("1").unwrap(), vec![1]);
        assert_eq!(parse_cpu_list("0-2,5").unwrap(), vec![0, 1, 2, 5]);
        assert!(parse_cpu_list("").is_err());
    }

    #[test]
    fn reads_own_process() {
        let pid = std::process::id();
        assert!(cpu_seconds(pid).unwrap() >= 0.0);
        assert!(status_kib(pid, "VmRSS").unwrap() > 0);
    }
}
