#!/bin/sh
# In the browser, side by side with the browser's own floor, in Debian's Chromium with a fake
# camera and microphone (the e2e harness, e2e/bench/browser.bench.ts), against a fresh Parley:
# - call setup: from the second person's join to the first decoded remote video frame on both
#   sides, through Parley (two browser contexts, the SDK), against two peer connections wired
#   to each other inside one page; the calls alternate, and the ratio of medians is reported;
# - file transfer: MiB/s of the SDK's file transfer (SHA-256 checked) between two rooms in one
#   page, against a bare data-channel send loop in the same page on the same bytes.
# Appends one JSON line to bench/results/browser-*.jsonl.
#
#   bench/browser.sh [calls] [file MiB]        default: 20 64
#
# Before the calls, the server is warmed up with BENCH_WARM_UP_CALLS (400) calls over the
# signaling protocol alone (e2e/pages/bench-warm.html), as a server that has been up a while
# (0 measures a server fresh from its start), and BENCH_UNCOUNTED_CALLS (3) calls of each kind
# are made and not counted.
# Chromium (both sides of every call) and the server share the machine's CPUs: nothing is
# pinned, as on a laptop running a call to itself. Environment: BENCH_FILE_RUNS (5),
# BENCH_WARM_UP_CALLS (400), BENCH_UNCOUNTED_CALLS (3); and BENCH_RESULTS, BENCH_SERVER_JAR of
# bench/lib.sh.
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"

calls=${1:-20}
mib=${2:-64}

if [ ! -f "$server_jar" ] || [ ! -f "$root/web/sdk/dist/parley-sdk.js" ]; then
  echo "Building the server jar and the SDK bundle..." >&2
  (cd "$root" && ./mvnw -q -B package -DskipTests -Dfuzz.skip -pl server -am)
fi
if [ ! -d "$root/e2e/node_modules/@playwright/test" ]; then
  echo "Installing Playwright (npm ci in e2e; it drives the system's Chromium)..." >&2
  (cd "$root/e2e" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
fi

begin_results browser
json=$(mktemp "${TMPDIR:-/tmp}/parley-bench-json.XXXXXX")
logs="$logs $json"
(cd "$root/e2e" && BENCH_CALLS=$calls BENCH_FILE_MIB=$mib BENCH_JSON=$json PARLEY_JAR=$server_jar \
  BENCH_PLACEMENT="$cpus CPUs shared by Chromium and the server, not pinned" \
  ./run-isolated.sh -c playwright.bench.config.ts) >&2
cat "$json" >>"$results"
end_results browser
