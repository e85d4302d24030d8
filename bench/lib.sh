# Shared by the bench scripts (sourced, not run): builds what is missing, starts Parley and the
# servers it is compared with on free loopback ports, pins processes to CPUs, writes results,
# and stops everything it started when the script exits.
#
# Environment: BENCH_SERVER_JAR (server jar to use; not PARLEY_*, which the server would take
# for a setting), SERVER_JAVA_OPTS and BENCH_JAVA_OPTS (extra JVM options for the server and
# the load generator, e.g. a flight recording), BENCH_RESULTS (results directory, default
# bench/results), BENCH_CONNECT_RATE (new connections per second while peers connect, 2000; lower
# it on a crowded machine, where a server that cannot accept fast enough overflows its listen
# backlog and resets connections).

bench_dir=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$bench_dir")
. "$root/.mvn/jdk.sh"
java=$JAVA_HOME/bin/java
server_jar=${BENCH_SERVER_JAR:-$root/server/target/parley.jar}
bench_jar=$bench_dir/target/parley-bench.jar
results_dir=${BENCH_RESULTS:-$bench_dir/results}
connect_rate=${BENCH_CONNECT_RATE:-2000}
started_pids=""
logs=""

stop_started() {
  for pid in $started_pids; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $started_pids; do
    wait "$pid" 2>/dev/null || true
  done
  started_pids=""
  # shellcheck disable=SC2086
  [ -z "$logs" ] || rm -f $logs
}
trap stop_started EXIT
trap 'exit 130' INT TERM

build_jars() {
  if [ ! -f "$server_jar" ] || [ ! -f "$bench_jar" ]; then
    echo "Building the server and load generator jars..." >&2
    (cd "$root" && ./mvnw -q -B package -DskipTests -Dfuzz.skip -pl server,bench -am)
  fi
}

# The PeerJS server, from npm at the version in bench/peerjs/package-lock.json.
install_peerjs() {
  if [ ! -f "$bench_dir/peerjs/node_modules/peer/dist/bin/peerjs.js" ]; then
    echo "Installing the PeerJS server (npm ci in bench/peerjs)..." >&2
    (cd "$bench_dir/peerjs" && npm ci --no-audit --no-fund --loglevel=error >&2)
  fi
}

# Two processes on a small machine: give the server CPU 0 and the load generator CPU 1 when
# there are two CPUs or more, so that neither steals the other's time and the CPU figures say
# who needs what. The placement goes into every result.
cpus=$(nproc)
if command -v taskset >/dev/null 2>&1 && [ "$cpus" -ge 2 ]; then
  server_pin="taskset -c 0"
  client_pin="taskset -c 1"
  placement="$cpus CPUs; server pinned to CPU 0, load generator to CPU 1 (taskset)"
else
  server_pin=""
  client_pin=""
  placement="$cpus CPUs; server and load generator share them (no taskset or a single CPU)"
fi

new_log() {
  log=$(mktemp "${TMPDIR:-/tmp}/parley-bench.XXXXXX")
  logs="$logs $log"
}

# A free TCP (or, with "udp", UDP) port on 127.0.0.1, as the kernel hands them out.
free_port() {
  node -e '
    const udp = process.argv[1] === "udp";
    const s = udp ? require("node:dgram").createSocket("udp4") : require("node:net").createServer();
    const done = () => { console.log(s.address().port); s.close(); };
    udp ? s.bind(0, "127.0.0.1", done) : s.listen(0, "127.0.0.1", done);' "${1:-tcp}"
}

# Waits until the log of process $1 matches the sed expression $2 (which prints the port);
# sets $port. Gives up after 120 s: a loaded machine can take long to start a JVM.
await_port() {
  port=""
  tries=0
  while [ -z "$port" ]; do
    port=$(sed -n "$2" "$log" | head -n 1)
    if [ -z "$port" ]; then
      tries=$((tries + 1))
      if ! kill -0 "$1" 2>/dev/null || [ "$tries" -gt 1200 ]; then
        cat "$log" >&2
        echo "$(basename "$0"): the server did not start" >&2
        exit 1
      fi
      sleep 0.1
    fi
  done
}

# Starts Parley with its abuse limits out of the way (the benchmarks measure relaying, not the
# protections) and with $parley_turn (TURN off, unless a script sets it empty and passes its
# own TURN settings); sets server_pid and port.
parley_turn="--turn false"
start_parley() {
  new_log
  # shellcheck disable=SC2086 # the pin and the JVM options are word lists
  $server_pin "$java" --enable-native-access=ALL-UNNAMED ${SERVER_JAVA_OPTS:-} -jar "$server_jar" \
    --bind 127.0.0.1 --port 0 $parley_turn \
    --messages-per-second 1000000 --message-burst 1000000 --max-connections-per-ip 100000 \
    --joins-per-minute-per-ip 1000000 --max-rooms 100000 --outbound-buffer-bytes 16MiB --drain-timeout 2s --media-port 0 "$@" >"$log" 2>&1 &
  server_pid=$!
  started_pids="$started_pids $server_pid"
  await_port "$server_pid" 's|^Parley is running: open http://localhost:\([0-9][0-9]*\)/.*|\1|p'
}

# Starts the PeerJS server 1.0.2 with its concurrent-client limit (5,000 by default) out of the
# way; sets server_pid and port.
start_peerjs() {
  install_peerjs
  new_log
  port=$(free_port)
  # shellcheck disable=SC2086
  $server_pin node "$bench_dir/peerjs/node_modules/peer/dist/bin/peerjs.js" --host 127.0.0.1 --port "$port" \
    --concurrent_limit 1000000 >"$log" 2>&1 &
  server_pid=$!
  started_pids="$started_pids $server_pid"
  wanted=$port
  await_port "$server_pid" "s|^Started PeerServer on .*, port: \\($wanted\\),.*|\\1|p"
}

# Starts a redis-server of its own (nothing saved to disk) on a free port, on the server's CPU;
# sets redis_port.
start_redis() {
  command -v redis-server >/dev/null || { echo "$(basename "$0"): needs redis-server (apt-get install redis-server)" >&2; exit 1; }
  new_log
  redis_port=$(free_port)
  $server_pin redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$log" 2>&1 &
  started_pids="$started_pids $!"
  tries=0
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      cat "$log" >&2
      echo "$(basename "$0"): redis-server did not start" >&2
      exit 1
    fi
    sleep 0.1
  done
}

# Stops the server started last.
stop_server() {
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  started_pids=$(echo "$started_pids" | tr ' ' '\n' | grep -vx "$server_pid" | tr '\n' ' ')
}

# Starts a results file for scenario $1 and records the machine and how busy it was: figures
# taken on a shared machine must say so. Sets $results.
begin_results() {
  mkdir -p "$results_dir"
  results="$results_dir/$1-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
  machine_line "$1" start >"$results"
  echo "Results: $results" >&2
}

end_results() {
  machine_line "$1" end >>"$results"
}

machine_line() {
  commit=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
  model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  printf '{"scenario":"%s","phase":"%s","when":"%s","loadAverage":"%s","cpus":%s,"cpuModel":"%s","memTotalKiB":%s,"commit":"%s","placement":"%s","serverJar":"%s","serverJavaOpts":"%s"}\n' \
    "$1" "$2" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$cpus" "$model" \
    "$(sed -n 's/^MemTotal: *\([0-9]*\) kB/\1/p' /proc/meminfo)" "$commit" "$placement" "$server_jar" \
    "$(printf '%s' "${SERVER_JAVA_OPTS:-}" | sed 's/["\\]/\\&/g')"
}

# Runs the load generator with the given options (the URL and server pid are added) and
# appends its JSON line to the results.
run_bench() {
  json=$(mktemp "${TMPDIR:-/tmp}/parley-bench-json.XXXXXX")
  logs="$logs $json"
  # shellcheck disable=SC2086
  $client_pin "$java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" \
    --server-pid "$server_pid" --label "$placement" --json "$json" --connect-rate "$connect_rate" "$@" >&2
  cat "$json" >>"$results"
}

# Runs the load generator like run_bench, but keeps nothing: a warm-up for a fresh server, so
# that the measured run does not pay for its just-in-time compilation.
warm_bench() {
  # shellcheck disable=SC2086
  $client_pin "$java" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:-} -jar "$bench_jar" \
    --server-pid "$server_pid" --connect-rate "$connect_rate" "$@" >/dev/null 2>&1 || echo "$(basename "$0"): the warm-up run failed" >&2
}
