#!/bin/sh
# Draws the PNG charts of docs/benchmarks.md from the newest results of each scenario:
#   bench/charts.sh [results dir] [images dir]       default: bench/results docs/images
set -eu
. "$(cd "$(dirname "$0")" && pwd)/lib.sh"
build_jars
"$java" -Djava.awt.headless=true -cp "$bench_jar" dev.parley.bench.Charts "${1:-$bench_dir/results}" \
  "${2:-$root/docs/images}"
