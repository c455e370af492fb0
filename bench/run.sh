#!/usr/bin/env bash
# Randori's benchmarks (issue 7; what they measure: docs/benchmarks.md).
#
#   make bench              # or ./bench/run.sh
#   BENCH_SECONDS=5 BENCH_SCALE_ROOMS=200 ./bench/run.sh     # a quicker run
#   BENCH_PARTS=fanout,startup ./bench/run.sh                # some parts only
#
# Builds what it needs (the sandbox guest, the Node peer, release binaries),
# runs every part, prints tables and writes bench/results/latest.json. Every BENCH_*
# variable is an option of `target/release/randori-bench --help`. Numbers are
# reported, never asserted: this exits non-zero only if a part could not run.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO=${CARGO:-cargo}

# The sandbox guest (idempotent: rebuilds only when its sources changed).
./scripts/build-guest.sh
./scripts/build-js-guest.sh

# The reference Node server (@y/websocket-server 0.1.1 with yjs 13).
stamp=bench/node/node_modules/.installed
if [ ! -f "$stamp" ] || [ bench/node/package-lock.json -nt "$stamp" ]; then
    (cd bench/node && npm ci --no-audit --no-fund)
    touch "$stamp"
fi

$CARGO build --release -p randori -p randori-bench

# The numbers mean little on a busy machine: say so before they are taken.
busy=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 > 20 {printf "%s (%s%%) ", $2, $1}' | head -c 300)
if [ -n "$busy" ]; then
    echo "bench: warning: other processes are busy and will skew the numbers: $busy" >&2
fi
echo "bench: load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs" >&2

# The load generator pins itself to CPU ${BENCH_LOAD_CPUS:-1} and each server to CPU
# ${BENCH_SERVER_CPUS:-0} (what `taskset -c` does), except where a part needs every core.
exec target/release/randori-bench "$@"
