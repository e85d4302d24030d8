#!/bin/sh
# The signaling relay across a cluster, side by side with one node in the same run: first one
# Parley node alone, then a redis-server of its own and two nodes sharing it, with the two peers
# of every room on different nodes, so every signal goes node -> Redis pub/sub -> node. The
# cluster (both nodes and Redis) gets the server's CPU alone, the one-core budget the single node
# gets. Prints the ratio, cluster / single node, of delivered signals per second. Appends one JSON
# line per run to bench/results/relay-cluster-*.jsonl (the single node's label says "one node").
#
#   bench/relay-cluster.sh [peers] [rate|max] [more parley-bench options]
#
# Environment: BENCH_WARMUP (20s: three JVMs compiling on one core need longer than relay.sh's
# 5 s before their code is compiled; a shorter warm-up measures the compiler), BENCH_DURATION
# (10s), BENCH_SINGLE (1; 0 leaves the single-node run out); and those of bench/lib.sh. Server
# CPU is that of the single node, and of node 1 for the cluster; Redis's PUBLISH count and CPU
# are printed after the cluster run.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

peers=${1:-100}
rate=${2:-max}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
timing="--warmup ${BENCH_WARMUP:-20s} --duration ${BENCH_DURATION:-10s}"
one_core=$placement

delivered() {
  tail -n 1 "$results" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{
    console.log(Math.round(JSON.parse(s).deliveredPerSecond || 0))})'
}

build_jars
begin_results relay-cluster

single=0
if [ "${BENCH_SINGLE:-1}" != 0 ]; then
  start_parley
  placement="$one_core; one node"
  echo "== relay-cluster: one node on port $port; $peers peers, rate $rate" >&2
  # shellcheck disable=SC2086 # the timing options and their values
  run_bench --scenario relay --url "ws://127.0.0.1:$port/ws" --peers "$peers" --rate "$rate" $timing "$@"
  single=$(delivered)
  stop_server
fi

start_redis
cluster="--redis redis://127.0.0.1:$redis_port --secret relay-cluster-benchmark-secret-000000000"
# shellcheck disable=SC2086 # two options and their values
start_parley $cluster
node1_pid=$server_pid
node1_port=$port
# shellcheck disable=SC2086
start_parley $cluster
node2_port=$port
server_pid=$node1_pid
placement="$one_core; two nodes and redis-server share the server's CPU"

echo "== relay-cluster: nodes on ports $node1_port and $node2_port, redis on $redis_port; $peers peers, rate $rate" >&2
# shellcheck disable=SC2086
run_bench --scenario relay --url "ws://127.0.0.1:$node1_port/ws" --partner-url "ws://127.0.0.1:$node2_port/ws" \
  --peers "$peers" --rate "$rate" $timing "$@"
two=$(delivered)
# What node 1 routed through Redis, and whether a Redis command failed.
curl -s "http://127.0.0.1:$node1_port/metrics" | grep -E '^parley_cluster_(signals|redis_errors)' >&2 || true
# What Redis did for it: PUBLISH commands (one per batch of signals) and its own CPU seconds.
redis-cli -p "$redis_port" info commandstats | grep -E '^cmdstat_publish:' >&2 || true
redis-cli -p "$redis_port" info cpu | grep -E '^used_cpu_(user|sys):' >&2 || true
end_results relay-cluster
if [ "$single" -gt 0 ]; then
  echo "== delivered/s: one node $single, two nodes $two: two / one = $(node -e "console.log(($two / $single).toFixed(2))")" >&2
fi
echo "Results: $results" >&2
