//! The architecture, checked: `randori-core` stays pure. Its dependency graph (as
//! `cargo tree` resolves it, build and normal dependencies, transitively) must
//! hold no runtime, web, database, sandbox or networking crate, so the core can
//! never start doing I/O behind the shells' backs.

use std::collections::BTreeSet;
use std::process::Command;


/// Crates whose presence would mean I/O in the core (matched by name prefix).
const FORBIDDEN: &[&str] = &[
    "tokio", "axum", "hyper", "tower", "rusqlite", "libsqlite3", "wasmtime", "cranelift",
    "tungstenite", "reqwest", "mio", "socket2", "rand",
];

/// Every crate `randori-core` depends on, transitively, as `cargo tree` resolves it
/// for this machine (normal and build dependencies; dev-dependencies never reach
/// a build of the server).
fn core_dependencies() -> BTreeSet<String> {
    let output = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "-p", "randori-core", "-e", "normal,build"])
        .args(["--prefix", "none", "--format", "{p}"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo tree");
    assert!(
        output.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "randori-core")
        .map(str::to_string)
        .collect()
}

#[test]
fn the_core_has_no_io_dependencies() {
    let deps = core_dependencies();
    assert!(deps.contains("yrs"), "the walk found the core's real dependencies: {deps:?}");
    let bad: Vec<&String> = deps
        .iter()
        .filter(|d| FORBIDDEN.iter().any(|f| d.starts_with(f)))
        .collect();
    assert!(bad.is_empty(), "randori-core must stay pure, but depends on {bad:?}");
}
