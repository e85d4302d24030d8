#!/bin/sh
# The signaling relay across a cluster: a redis-server of its own and two Parley nodes sharing
# it, with the two peers of every room on different nodes, so every signal goes node -> Redis
# pub/sub -> node. Both nodes and Redis share the server's CPU (the one-core budget relay.sh
# gives one server). For the single-node figure, run bench/relay.sh with the same peer count.
# Appends one JSON line per run to bench/results/relay-cluster-*.jsonl.
#
#   bench/relay-cluster.sh [peers] [rate|max] [more parley-bench options]
#
# Environment: those of bench/lib.sh. Server CPU is measured for node 1 only.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

peers=${1:-100}
rate=${2:-max}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift

build_jars
begin_results relay-cluster
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
placement="$placement; two nodes and redis-server share the server's CPU"

echo "== relay-cluster: nodes on ports $node1_port and $node2_port, redis on $redis_port; $peers peers, rate $rate" >&2
run_bench --scenario relay --url "ws://127.0.0.1:$node1_port/ws" --partner-url "ws://127.0.0.1:$node2_port/ws" \
  --peers "$peers" --rate "$rate" "$@"
# What node 1 routed through Redis, and whether a Redis command failed.
curl -s "http://127.0.0.1:$node1_port/metrics" | grep -E '^parley_cluster_(signals|redis_errors)' >&2 || true
end_results relay-cluster
echo "Results: $results" >&2
