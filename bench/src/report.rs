//! Tables for people, and the targets of issue 7 (reported, never asserted).

use std::fmt::Write;

use serde_json::{Value, json};

fn at<'a>(v: &'a Value, path: &[&str]) -> &'a Value {
    path.iter().fold(v, |v, k| &v[*k])
}

fn num(v: &Value, path: &[&str]) -> Option<f64> {
    at(v, path).as_f64().filter(|x| x.is_finite())
}

fn fmt(x: Option<f64>, digits: usize) -> String {
    match x {
        Some(x) => format!("{x:.digits$}"),
        None => "-".into(),
    }
}

/// Each target: what, measured, target, met.
pub fn targets(r: &Value) -> Value {
    let mut out = Vec::new();
    let mut add = |what: &str, value: Option<f64>, unit: &str, target: &str, met: Option<bool>| {
        out.push(
            json!({"what": what, "value": value, "unit": unit, "target": target,
            "met": met}),
        );
    };
    let le = |x: Option<f64>, t: f64| x.map(|x| x <= t);
    let cpu = num(r, &["fanout", "ratios", "cpu_per_delivery"]);
    add(
        "sync: server CPU per delivered update, Randori / Node",
        cpu,
        "x",
        "<= 0.333",
        le(cpu, 1.0 / 3.0),
    );
    let rss = num(r, &["fanout", "ratios", "peak_rss"]);
    add(
        "sync: server peak RSS (lifetime), Randori / Node",
        rss,
        "x",
        "<= 0.2",
        le(rss, 0.2),
    );
    let rss_load = num(r, &["fanout", "ratios", "peak_rss_during_load"]);
    add(
        "sync: server peak RSS during the load only, Randori / Node",
        rss_load,
        "x",
        "<= 0.2",
        le(rss_load, 0.2),
    );
    let p99 = num(r, &["fanout", "randori", "latency_ms", "p99_ms"]);
    add(
        "sync: fan-out latency p99 at the default load",
        p99,
        "ms",
        "<= 5",
        le(p99, 5.0),
    );
    let s50 = num(r, &["sandbox", "randori", "latency_ms", "p50_ms"]);
    add(
        "sandbox, every kata: submission p50 (request to result event)",
        s50,
        "ms",
        "<= 10",
        le(s50, 10.0),
    );
    let s99 = num(r, &["sandbox", "randori", "latency_ms", "p99_ms"]);
    add(
        "sandbox, every kata: submission p99",
        s99,
        "ms",
        "<= 25",
        le(s99, 25.0),
    );
    let rps = num(r, &["sandbox", "randori", "runs_per_second"]);
    add(
        "sandbox, every kata: submissions per second, all cores",
        rps,
        "/s",
        ">= 300",
        rps.map(|x| x >= 300.0),
    );
    let h50 = num(r, &["run100", "randori", "latency_ms", "p50_ms"]);
    add(
        "sandbox, 100-case run: p50",
        h50,
        "ms",
        "<= 10",
        le(h50, 10.0),
    );
    let h99 = num(r, &["run100", "randori", "latency_ms", "p99_ms"]);
    add(
        "sandbox, 100-case run: p99",
        h99,
        "ms",
        "<= 25",
        le(h99, 25.0),
    );
    let hps = num(r, &["run100", "randori", "runs_per_second"]);
    add(
        "sandbox, 100-case run: runs per second, all cores",
        hps,
        "/s",
        ">= 300",
        hps.map(|x| x >= 300.0),
    );
    let room = num(r, &["scale", "randori", "kib_per_loaded_room"]);
    add(
        "rest: memory per loaded idle room",
        room,
        "KiB",
        "<= 50",
        le(room, 50.0),
    );
    let up = num(r, &["startup", "to_first_sync_answer_ms", "max_ms"]);
    add(
        "start-up to first sync answer (slowest run)",
        up,
        "ms",
        "<= 1000",
        le(up, 1000.0),
    );
    json!(out)
}

struct Table {
    rows: Vec<Vec<String>>,
}

impl Table {
    fn new(header: &[&str]) -> Self {
        Table {
            rows: vec![header.iter().map(|s| s.to_string()).collect()],
        }
    }

    fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// One row per server measured in `part` (Randori, then Node), named and followed
    /// by `cells`; a server that failed gets its error instead, one not run no row.
    fn server_rows(&mut self, part: &Value, cells: impl Fn(&Value) -> Vec<String>) {
        for k in ["randori", "node"] {
            let v = &part[k];
            if v.is_null() {
                continue;
            }
            if let Some(e) = v.get("error") {
                self.row(vec![k.into(), format!("error: {e}")]);
                continue;
            }
            let mut row = vec![k.to_string()];
            row.extend(cells(v));
            self.row(row);
        }
    }

    fn render(&self, out: &mut String) {
        let cols = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let width: Vec<usize> = (0..cols)
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| r.get(c).map(|s| s.chars().count()).unwrap_or(0))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (i, r) in self.rows.iter().enumerate() {
            let cells: Vec<String> = (0..cols)
                .map(|c| {
                    let s = r.get(c).cloned().unwrap_or_default();
                    let pad = width[c] - s.chars().count();
                    if c == 0 {
                        format!("{s}{}", " ".repeat(pad))
                    } else {
                        format!("{}{s}", " ".repeat(pad))
                    }
                })
                .collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
            if i == 0 {
                let rule: Vec<String> = width
                    .iter()
                    .enumerate()
                    .map(|(c, w)| {
                        if c == 0 {
                            "-".repeat(w + 2)
                        } else {
                            format!("{}:", "-".repeat(w + 1))
                        }
                    })
                    .collect();
                let _ = writeln!(out, "|{}|", rule.join("|"));
            }
        }
    }
}

/// Markdown tables of everything measured (the same text goes into docs/benchmarks.md).
pub fn tables(r: &Value) -> String {
    let mut out = String::new();
    let m = &r["machine"];
    let _ = writeln!(
        out,
        "\nMachine: {} CPUs ({}), {} GiB, {}, kernel {}; {}; commit {}; load average at start {}",
        m["cpus"],
        m["cpu_model"].as_str().unwrap_or("?"),
        m["memory_gib"],
        m["os"].as_str().unwrap_or("?"),
        m["kernel"].as_str().unwrap_or("?"),
        m["date"].as_str().unwrap_or("?"),
        m["commit"].as_str().unwrap_or("?"),
        m["loadavg_at_start"].as_str().unwrap_or("?")
    );

    if let Some(f) = r.get("fanout") {
        let c = &r["config"];
        let _ = writeln!(
            out,
            "\n1. Sync fan-out: {} rooms x {} clients x {} edits/s, {} s measured after {} s warm-up, {} rounds (server on CPU {}, load on CPU {})\n",
            c["rooms"],
            c["clients"],
            c["rate"],
            c["seconds"],
            c["warmup"],
            c["rounds"],
            c["server_cpus"].as_str().unwrap_or("-"),
            c["load_cpus"].as_str().unwrap_or("-")
        );
        let mut t = Table::new(&[
            "server",
            "p50 ms",
            "p99 ms",
            "max ms",
            "deliveries/s",
            "lost",
            "CPU s / 1000 deliveries",
            "CPU use",
            "kernel share",
            "peak RSS MiB",
            "peak RSS under load MiB",
        ]);
        t.server_rows(f, |v| {
            vec![
                fmt(num(v, &["latency_ms", "p50_ms"]), 2),
                fmt(num(v, &["latency_ms", "p99_ms"]), 2),
                fmt(num(v, &["latency_ms", "max_ms"]), 1),
                fmt(num(v, &["deliveries_per_second"]), 0),
                fmt(num(v, &["deliveries_lost"]), 0),
                fmt(num(v, &["server_cpu_seconds_per_1000_deliveries"]), 3),
                fmt(num(v, &["server_cpu_utilisation"]).map(|x| x * 100.0), 1) + " %",
                fmt(
                    num(v, &["server_cpu_kernel_fraction"]).map(|x| x * 100.0),
                    0,
                ) + " %",
                fmt(num(v, &["server_peak_rss_mib"]), 1),
                fmt(num(v, &["server_peak_rss_during_load_mib"]), 1),
            ]
        });
        if let Some(x) = f.get("ratios") {
            t.row(vec![
                "randori / node".into(),
                fmt(num(x, &["latency_p50"]), 2),
                fmt(num(x, &["latency_p99"]), 2),
                String::new(),
                fmt(num(x, &["deliveries_per_second"]), 2),
                String::new(),
                fmt(num(x, &["cpu_per_delivery"]), 2),
                String::new(),
                String::new(),
                fmt(num(x, &["peak_rss"]), 2),
                fmt(num(x, &["peak_rss_during_load"]), 2),
            ]);
        }
        t.render(&mut out);
        let other: Vec<String> = ["randori", "node"]
            .iter()
            .filter_map(|k| {
                num(&f[*k], &["other_processes_cpu_seconds"])
                    .map(|x| format!("{k} run {x:.2} CPU s"))
            })
            .collect();
        let _ = writeln!(
            out,
            "\nOther processes on the machine during the measured windows: {}",
            other.join(", ")
        );
        let spread: Vec<String> = ["randori", "node"]
            .iter()
            .filter_map(|k| {
                let r = f[*k]["rounds"].as_array()?;
                let xs: Vec<String> = r
                    .iter()
                    .map(|x| fmt(x["cpu_seconds_per_1000_deliveries"].as_f64(), 3))
                    .collect();
                let p99: Vec<String> = r
                    .iter()
                    .map(|x| fmt(x["latency_p99_ms"].as_f64(), 2))
                    .collect();
                Some(format!(
                    "{k}: CPU s / 1000 deliveries {}; p99 ms {}",
                    xs.join(", "),
                    p99.join(", ")
                ))
            })
            .collect();
        if !spread.is_empty() {
            let _ = writeln!(
                out,
                "Every round (the table shows each server's median round by CPU): {}",
                spread.join("; ")
            );
        }
    }

    if let Some(Value::Array(list)) = r.get("traces") {
        let _ = writeln!(
            out,
            "\n2. Editing traces, one update per keystroke, sent as fast as the server takes them\n"
        );
        let mut t = Table::new(&[
            "trace",
            "updates",
            "final chars",
            "converge s",
            "updates/s",
            "server CPU us/update",
            "stored bytes",
            "data dir bytes",
            "doc state bytes",
            "late join ms",
            "text matches",
        ]);
        for v in list {
            if let Some(e) = v.get("error") {
                t.row(vec!["?".into(), format!("error: {e}")]);
                continue;
            }
            t.row(vec![
                v["trace"].as_str().unwrap_or("?").into(),
                fmt(num(v, &["updates_sent"]), 0),
                fmt(num(v, &["final_chars"]), 0),
                fmt(num(v, &["converge_seconds"]), 2),
                fmt(num(v, &["updates_per_second"]), 0),
                fmt(num(v, &["server_cpu_us_per_update"]), 1),
                fmt(num(v, &["bytes_stored_total"]), 0),
                fmt(num(v, &["data_dir_bytes_after_stop"]), 0),
                fmt(num(v, &["document_state_bytes"]), 0),
                fmt(num(v, &["late_join_seconds"]).map(|x| x * 1000.0), 1),
                if v["final_text_matches"] == true {
                    "yes".into()
                } else {
                    "NO".into()
                },
            ]);
        }
        t.render(&mut out);
    }

    if let Some(s) = r.get("sandbox") {
        let _ = writeln!(
            out,
            "\n3. Sandbox: a kata submission, request to result event (one at a time), and runs/s with many rooms at once\n"
        );
        per_kata_submissions(&mut out, s, "native");
    }

    if let Some(s) = r.get("javascript") {
        let _ = writeln!(
            out,
            "\n3a. JavaScript: each kata's JavaScript reference through a room (expected values from the Python oracle), against a fresh `node` per submission that gets the cases with their expected values ready (so it does less work than Randori)\n"
        );
        per_kata_submissions(&mut out, s, "node");
    }

    if let Some(s) = r.get("run100") {
        let _ = writeln!(
            out,
            "\n3b. The 100-case run: FizzBuzz, 100 cases a submission (sample, hidden and random), the measure the sandbox targets are set for\n"
        );
        if let Some(e) = s.get("error") {
            let _ = writeln!(out, "error: {e}");
        } else {
            submissions_summary(&mut out, s);
        }
    }

    if let Some(sc) = r.get("scale") {
        let _ = writeln!(
            out,
            "\n4. Scale at rest: {} rooms x 2 idle synced clients\n",
            r["config"]["scale_rooms"]
        );
        let mut t = Table::new(&[
            "server",
            "RSS at start MiB",
            "rooms loaded MiB",
            "1 client/room MiB",
            "2 clients/room MiB",
            "KiB per loaded room",
            "KiB per idle client",
            "KiB per room with 2 clients",
        ]);
        t.server_rows(sc, |v| {
            vec![
                fmt(num(v, &["rss_start_mib"]), 1),
                fmt(num(v, &["rss_rooms_loaded_mib"]), 1),
                fmt(num(v, &["rss_one_client_per_room_mib"]), 1),
                fmt(num(v, &["rss_two_clients_per_room_mib"]), 1),
                fmt(num(v, &["kib_per_loaded_room"]), 1),
                fmt(num(v, &["kib_per_idle_client"]), 1),
                fmt(num(v, &["kib_per_room_with_two_clients"]), 1),
            ]
        });
        t.render(&mut out);
    }

    if let Some(s) = r.get("startup") {
        if let Some(e) = s.get("error") {
            let _ = writeln!(out, "\nStart-up: error: {e}");
        } else {
            let _ = writeln!(
                out,
                "\nStart-up with a warm component cache ({} restarts): listening p50 {} ms; first sync answer p50 {} ms, max {} ms; first submission result p50 {} ms, max {} ms",
                s["runs"],
                fmt(num(s, &["to_listening_ms", "p50_ms"]), 1),
                fmt(num(s, &["to_first_sync_answer_ms", "p50_ms"]), 1),
                fmt(num(s, &["to_first_sync_answer_ms", "max_ms"]), 1),
                fmt(num(s, &["to_first_submission_result_ms", "p50_ms"]), 1),
                fmt(num(s, &["to_first_submission_result_ms", "max_ms"]), 1),
            );
        }
    }

    let disturbed: Vec<&str> = [
        ("fan-out (randori)", &r["fanout"]["randori"]),
        ("fan-out (node)", &r["fanout"]["node"]),
        ("sandbox", &r["sandbox"]),
        ("javascript", &r["javascript"]),
        ("100-case run", &r["run100"]),
    ]
    .into_iter()
    .filter(|(_, v)| v["disturbed_by_other_processes"] == true)
    .map(|(n, _)| n)
    .collect();
    if !disturbed.is_empty() {
        let _ = writeln!(
            out,
            "\nWARNING: other processes were busy during every attempt of: {}. Those numbers are skewed.",
            disturbed.join(", ")
        );
    }

    if let Some(Value::Array(ts)) = r.get("targets") {
        let _ = writeln!(out, "\nTargets (reported, not asserted)\n");
        let mut t = Table::new(&["target", "measured", "wanted", "met"]);
        for x in ts {
            t.row(vec![
                x["what"].as_str().unwrap_or("?").into(),
                format!(
                    "{} {}",
                    fmt(x["value"].as_f64(), 3),
                    x["unit"].as_str().unwrap_or("")
                ),
                x["target"].as_str().unwrap_or("").into(),
                match x["met"].as_bool() {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => "not measured".into(),
                },
            ]);
        }
        t.render(&mut out);
    }
    out
}

/// The per-kata submission table of a sandbox part and its summary; `native` names
/// the process-per-run peer in the column headers.
fn per_kata_submissions(out: &mut String, s: &Value, native: &str) {
        if let Some(e) = s.get("error") {
            let _ = writeln!(out, "error: {e}");
        } else {
            let mut t = Table::new(&[
                "kata",
                "cases",
                "randori p50 ms",
                "randori p99 ms",
                &format!("{native} p50 ms"),
                &format!("{native} p99 ms"),
            ]);
            let natives = s["native"]["per_kata"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for k in s["randori"]["per_kata"]
                .as_array()
                .cloned()
                .unwrap_or_default()
            {
                let n = natives
                    .iter()
                    .find(|n| n["kata"] == k["kata"])
                    .cloned()
                    .unwrap_or(Value::Null);
                t.row(vec![
                    k["kata"].as_str().unwrap_or("?").into(),
                    fmt(num(&k, &["cases"]), 0),
                    fmt(num(&k, &["latency_ms", "p50_ms"]), 2),
                    fmt(num(&k, &["latency_ms", "p99_ms"]), 2),
                    fmt(num(&n, &["latency_ms", "p50_ms"]), 2),
                    fmt(num(&n, &["latency_ms", "p99_ms"]), 2),
                ]);
            }
            t.render(out);
            let _ = writeln!(out);
            submissions_summary(out, s);
        }
}

/// Randori against native processes for one set of submissions: latency one at a
/// time, throughput with every core busy, and the CPU each run cost.
fn submissions_summary(out: &mut String, s: &Value) {
    let mut t = Table::new(&[
        "",
        "p50 ms",
        "p99 ms",
        "runs/s",
        "concurrency",
        "p50 under load ms",
        "p99 under load ms",
        "not passed",
    ]);
    for k in ["randori", "native"] {
        let v = &s[k];
        t.row(vec![
            if k == "native" {
                // The native process's own command line says which one it was.
                let command = v["command"].as_str().unwrap_or("");
                let program = if command.starts_with("node") { "node" } else { "python3" };
                format!("native {program} per run")
            } else {
                "randori (through a room)".into()
            },
            fmt(num(v, &["latency_ms", "p50_ms"]), 2),
            fmt(num(v, &["latency_ms", "p99_ms"]), 2),
            fmt(num(v, &["runs_per_second"]), 1),
            fmt(num(v, &["concurrency"]), 0),
            fmt(num(v, &["latency_under_load_ms", "p50_ms"]), 1),
            fmt(num(v, &["latency_under_load_ms", "p99_ms"]), 1),
            fmt(
                num(v, &["not_passed"])
                    .zip(num(v, &["not_passed_under_load"]).or(Some(0.0)))
                    .map(|(a, b)| a + b),
                0,
            ),
        ]);
    }
    let x = &s["ratios"];
    t.row(vec![
        "native / randori".into(),
        fmt(num(x, &["latency_p50_native_over_randori"]), 1),
        fmt(num(x, &["latency_p99_native_over_randori"]), 1),
        fmt(
            num(x, &["runs_per_second_randori_over_native"]).map(|x| 1.0 / x),
            3,
        ),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    t.render(out);
    let _ = writeln!(
        out,
        "\nSandbox time per submission (inside the worker): p50 {} ms, p99 {} ms. CPU per run under load: randori server {} ms, native {} ms. Other processes during the throughput phases: {} / {} CPU s",
        fmt(num(s, &["randori", "sandbox_time_ms", "p50_ms"]), 1),
        fmt(num(s, &["randori", "sandbox_time_ms", "p99_ms"]), 1),
        fmt(num(s, &["randori", "server_cpu_ms_per_run"]), 2),
        fmt(num(s, &["native", "cpu_ms_per_run"]), 2),
        fmt(num(s, &["randori", "other_processes_cpu_seconds"]), 2),
        fmt(num(s, &["native", "other_processes_cpu_seconds"]), 2),
    );
}
