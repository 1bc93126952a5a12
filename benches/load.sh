#!/usr/bin/env bash
# Load test of `newsgraph serve` on loopback: wrk with 50 concurrent connections for 20 s on
# a SPARQL SELECT and on /ask, over the seed store. Prints throughput and latency percentiles
# and fails if any request failed (socket error or non-2xx answer).
#
#   benches/load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
connections=${2:-50}
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph
[ -x "$bin" ] || cargo build --release --quiet
command -v wrk >/dev/null || { echo "load.sh needs wrk (apt-get install wrk)" >&2; exit 1; }
work=$(mktemp -d)
"$bin" --store "$work/store" build data/articles > /dev/null
"$bin" --store "$work/store" serve --bind 127.0.0.1:0 > "$work/out" 2> /dev/null &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q http "$work/out" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$work/out" | head -1)
status=0
load() { # label, path
  echo "== $1: $connections connections, ${seconds}s, GET $2"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency -H 'Accept: application/sparql-results+json' "$base$2" | tee "$work/wrk"
  if grep -qE 'Non-2xx|Socket errors' "$work/wrk"; then
    echo "FAILED requests in $1" >&2
    status=1
  fi
}
load "SPARQL SELECT (deportations with counts)" "/sparql?query=SELECT%20DISTINCT%20%3Fe%20%3Fn%20WHERE%20%7B%20%3Fe%20a%20ng%3ADeportation%20%3B%20ng%3Acount%20%3Fn%20%7D"
load "ask \"Who deported whom?\"" "/ask?q=Who%20deported%20whom%3F"
exit $status
