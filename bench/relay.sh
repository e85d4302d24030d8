#!/bin/sh
# The signaling relay, side by side: Parley and the PeerJS server, each started fresh on a free
# loopback port, driven by the same load generator (peers in rooms of two signalling their
# partner). For every peer count: saturation (--rate max) against each server; then, at the
# paced size (1,000 peers if measured, else the first count), a fixed rate of half Parley's
# saturation rate against each. Appends one JSON line per run to bench/results/relay-*.jsonl.
#
#   bench/relay.sh [peer counts...]            default: 100 1000 10000
#   BENCH_WARMUP=30s BENCH_DURATION=20s bench/relay.sh 1000
#
# Environment: BENCH_PACED_RATES (the paced rates, signals/s, instead of half Parley's
# saturation rate, e.g. "50000 100000"), BENCH_WARMUP (5s), BENCH_DURATION (10s), BENCH_DRAIN (how long the last signals
# may take before they count as lost, 15s: on a busy machine queues run seconds deep), BENCH_WINDOW (signals in flight per
# peer at saturation, 64), BENCH_PACED_PEERS (peer count of the paced runs), BENCH_SERVERS
# ("parley peerjs"); and those of bench/lib.sh.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

sizes=${*:-100 1000 10000}
warmup=${BENCH_WARMUP:-5s}
duration=${BENCH_DURATION:-10s}
drain=${BENCH_DRAIN:-15s}
window=${BENCH_WINDOW:-64}
servers=${BENCH_SERVERS:-parley peerjs}
paced_peers=${BENCH_PACED_PEERS:-}
if [ -z "$paced_peers" ]; then
  paced_peers=$(echo "$sizes" | tr ' ' '\n' | grep -x 1000 || echo "$sizes" | cut -d' ' -f1)
fi

build_jars
begin_results relay

# One run against a fresh server: $1 is parley or peerjs, the rest load generator options.
relay_run() {
  which_server=$1
  shift
  "start_$which_server"
  echo "== relay: $which_server on port $port, $*" >&2
  run_bench --scenario relay --protocol "$which_server" --url "ws://127.0.0.1:$port/ws" \
    --warmup "$warmup" --duration "$duration" --drain "$drain" "$@" || echo "relay.sh: the run failed" >&2
  stop_server
}

last_delivered() {
  tail -n 1 "$results" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    const r=JSON.parse(s); console.log(r.scenario==="relay" && r.protocol==="parley" ? Math.round(r.deliveredPerSecond) : 0)})'
}

half=0
for peers in $sizes; do
  for which in $servers; do
    relay_run "$which" --peers "$peers" --rate max --window "$window"
    if [ "$which" = parley ] && [ "$peers" = "$paced_peers" ]; then
      half=$(( $(last_delivered) / 2 ))
    fi
  done
done

paced_rates=${BENCH_PACED_RATES:-}
[ -n "$paced_rates" ] || [ "$half" -eq 0 ] || paced_rates=$half
for rate in $paced_rates; do
  for which in $servers; do
    relay_run "$which" --peers "$paced_peers" --rate "$rate"
  done
done
end_results relay
echo "Results: $results" >&2
