#!/bin/sh
# Fan-out: rooms of 8 with a join storm. A fresh Parley on a free loopback port; the load
# generator connects every peer first, then all of them send `join` at the same instant, and it
# measures the time to each `welcome` (join latency) and to each `peer-joined` at the other
# members (presence delivery), and counts presence never delivered (must be 0). A first storm of
# the same size warms the server up and is not recorded. The PeerJS
# server has no rooms or presence, so there is nothing to run it against here.
# Appends one JSON line per run to bench/results/fanout-*.jsonl.
#
#   bench/fanout.sh [peer counts...]           default: 800 8000
#
# Environment: BENCH_ROOM_SIZE (8; Parley's default max-peers-per-room is 8),
# BENCH_DURATION (time limit for a storm to settle, 30s); and those of bench/lib.sh.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

sizes=${*:-800 8000}
room_size=${BENCH_ROOM_SIZE:-8}
duration=${BENCH_DURATION:-30s}

build_jars
begin_results fanout
for peers in $sizes; do
  start_parley --max-peers-per-room "$room_size"
  echo "== fanout: parley on port $port, $peers peers in rooms of $room_size" >&2
  # One storm first, not recorded: the measured storm should not pay for compiling the join path.
  warm_bench --scenario fanout --url "ws://127.0.0.1:$port/ws" --peers "$peers" --room-size "$room_size" \
    --duration "$duration"
  run_bench --scenario fanout --url "ws://127.0.0.1:$port/ws" --peers "$peers" --room-size "$room_size" \
    --duration "$duration" || echo "fanout.sh: the run failed" >&2
  stop_server
done
end_results fanout
echo "Results: $results" >&2
