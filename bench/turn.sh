#!/bin/sh
# The TURN relay, side by side: Parley's embedded TURN server and coturn's turnserver, both on
# loopback with the same shared secret (REST credentials), each driven by the same command of
# coturn's own client, turnutils_uclient, relaying to a turnutils_peer that echoes every
# datagram. Measures messages per second, loss, and the server's CPU seconds (from
# /proc/PID/stat before and after) per GiB relayed and per datagram. Appends one JSON line
# per server to bench/results/turn-*.jsonl.
#
#   bench/turn.sh [clients] [messages per client] [message bytes] [interval ms]
#                                              default: 64 2000 1000 1
#
# Each client sends one message every interval (uclient's -z), so the offered load is
# clients x 1000 / interval messages per second: 64,000/s by default, for about two seconds.
# uclient's channel mode picks channel numbers RFC 8656 no longer allows (Parley answers 400),
# so both servers are driven with Send/Data indications (-s), the same for both.
# Needs coturn (apt-get install coturn). Environment: BENCH_TURN_SERVERS ("parley coturn"; add
# "parley-webport" for Parley's TURN on its web port, turn-on-web-port, beside its own TURN
# port: needs BENCH_TURN_TCP=1), BENCH_TURN_TCP (1: TCP between client and server instead of
# UDP); and those of bench/lib.sh.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

clients=${1:-64}
messages=${2:-2000}
bytes=${3:-1000}
interval=${4:-1}
servers=${BENCH_TURN_SERVERS:-parley coturn}
secret=bench-turn-secret-shared-by-both-servers
transport_flag=""
transport=udp
if [ "${BENCH_TURN_TCP:-0}" = 1 ]; then
  transport_flag="-t"
  transport=tcp
fi

for tool in turnserver turnutils_uclient turnutils_peer turnutils_stunclient; do
  command -v "$tool" >/dev/null 2>&1 || { echo "turn.sh: $tool is missing (apt-get install coturn)" >&2; exit 1; }
done

build_jars
begin_results turn

# User plus system CPU seconds of a process, from /proc/PID/stat (fields 14 and 15, in ticks).
cpu_seconds() {
  sed 's/.*) //' "/proc/$1/stat" | awk '{ printf "%.2f", ($12 + $13) / 100 }'
}

start_parley_turn() {
  turn_port=$(free_port udp)
  client_port=$turn_port
  parley_turn=""
  start_parley --turn true --turn-bind 127.0.0.1 --turn-port "$turn_port" --secret "$secret" \
    --turn-allow-private-peers true --turn-max-allocations-per-user 100000 --turn-max-allocations 100000 "$@"
}

# The same Parley, driven through its web port, which tells TURN from HTTP by the first bytes;
# its own TURN port stays for await_turn.
start_parley_webport_turn() {
  if [ "$transport" != tcp ]; then
    echo "turn.sh: parley-webport is TURN over TCP on the web port: set BENCH_TURN_TCP=1" >&2
    exit 1
  fi
  start_parley_turn --turn-on-web-port true
  client_port=$port
}

start_coturn_turn() {
  turn_port=$(free_port udp)
  client_port=$turn_port
  new_log
  # turnserver leaves its pid file behind; removed with the logs on exit.
  pidfile="${TMPDIR:-/tmp}/parley-bench-turnserver-$$.pid"
  logs="$logs $pidfile"
  # shellcheck disable=SC2086
  $server_pin turnserver -n --listening-ip 127.0.0.1 --relay-ip 127.0.0.1 --listening-port "$turn_port" \
    --use-auth-secret --static-auth-secret "$secret" --realm parley --allow-loopback-peers --no-cli \
    --no-tls --no-dtls --no-multicast-peers --log-file stdout --simple-log \
    --pidfile "$pidfile" >"$log" 2>&1 &
  server_pid=$!
  started_pids="$started_pids $server_pid"
}

# Waits until the TURN server started last answers a STUN binding request on $turn_port.
await_turn() {
  tries=0
  # A request sent before the server listens is lost, and stunclient would wait for ever.
  until timeout 2 turnutils_stunclient -p "$turn_port" 127.0.0.1 2>/dev/null | grep -q "UDP reflexive addr"; do
    tries=$((tries + 1))
    if ! kill -0 "$server_pid" 2>/dev/null || [ "$tries" -gt 120 ]; then
      cat "$log" >&2
      echo "turn.sh: the TURN server did not answer on port $turn_port" >&2
      exit 1
    fi
    sleep 0.5
  done
}

peer_port=$(free_port udp)
# shellcheck disable=SC2086
$client_pin turnutils_peer -L 127.0.0.1 -p "$peer_port" >/dev/null 2>&1 &
started_pids="$started_pids $!"

# The same turnutils_uclient command for every server; $1 is messages per client.
uclient() {
  # shellcheck disable=SC2086
  $client_pin turnutils_uclient $transport_flag -s -c -z "$interval" -p "$client_port" -e 127.0.0.1 \
    -r "$peer_port" -L 127.0.0.1 -m "$clients" -n "$1" -l "$bytes" -u bench -W "$secret" 127.0.0.1
}

for which in $servers; do
  "start_$(echo "$which" | tr - _)_turn"
  await_turn
  echo "== turn: $which on $transport port $client_port: $clients clients x $messages messages of $bytes bytes" >&2
  out=$(mktemp "${TMPDIR:-/tmp}/parley-turn.XXXXXX")
  logs="$logs $out"
  # A warm-up pass first, not measured: a JVM compiles its hot paths during the first seconds of
  # load, and that compiler time would otherwise count as relaying CPU.
  uclient "$((messages / 2 + 1))" >/dev/null 2>&1 || true
  cpu_before=$(cpu_seconds "$server_pid")
  uclient "$messages" >"$out" 2>&1 || true
  cpu_after=$(cpu_seconds "$server_pid")
  if ! grep -q "tot_send_msgs=[1-9]" "$out"; then
    tail -n 20 "$out" >&2
    echo "turn.sh: uclient sent nothing through $which" >&2
  fi
  node "$bench_dir/turn-summary.js" "$out" "$which" "$clients" "$messages" "$bytes" "$interval" \
    "$cpu_before" "$cpu_after" "$placement" "$transport" | tee -a "$results" >&2
  stop_server
done
end_results turn
echo "Results: $results" >&2
