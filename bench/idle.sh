#!/bin/sh
# Idle capacity, side by side: how much memory a connected, quiet peer costs Parley and the
# PeerJS server. For every peer count and server: a fresh server on a free loopback port, its
# resident memory (and, for Parley, heap in use after a GC) measured, the peers connected two
# to a room (PeerJS: registered ids), held for BENCH_HOLD while they exchange only their
# keep-alives, and measured again. Appends one JSON line per run to bench/results/idle-*.jsonl.
#
#   bench/idle.sh [peer counts...]             default: 10000 50000
#
# Each peer is one socket in the load generator and one in the server, so each process needs
# the peer count plus some hundred open files; the script raises `ulimit -n` and stops with a
# message when the hard limit is lower. Above 10,000 peers connections come from several
# loopback source addresses (127.0.0.1 to 127.0.0.5 for 50,000) so ephemeral ports suffice.
# BENCH_IDLE_STEPS=N connects each count's peers in N equal batches to the same server, each held
# and measured: how one server's memory grows with its peers, and what each further peer costs.
# Environment: BENCH_HOLD (30s, per step), BENCH_IDLE_STEPS (1), BENCH_SERVERS ("parley peerjs");
# and those of bench/lib.sh.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

sizes=${*:-10000 50000}
hold=${BENCH_HOLD:-30s}
servers=${BENCH_SERVERS:-parley peerjs}

largest=$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -n 1)
need=$((largest + 1024))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt "$need" ]; then
  if ! ulimit -n "$need" 2>/dev/null; then
    echo "idle.sh: $largest peers need $need open files per process, and the hard limit here is $(ulimit -Hn);" >&2
    echo "raise it (e.g. ulimit -Hn $need as root, or LimitNOFILE) or measure fewer peers" >&2
    exit 1
  fi
fi

build_jars
begin_results idle
for peers in $sizes; do
  for which in $servers; do
    "start_$which"
    echo "== idle: $which on port $port, $peers peers, hold $hold" >&2
    # Heap sizes are left to the JVM's defaults, as an operator would; -Xmx would cap both.
    run_bench --scenario idle --protocol "$which" --url "ws://127.0.0.1:$port/ws" --peers "$peers" \
      --hold "$hold" --steps "${BENCH_IDLE_STEPS:-1}" || echo "idle.sh: the run failed" >&2
    stop_server
  done
done
end_results idle
echo "Results: $results" >&2
