#!/usr/bin/env bash
# Determinism at corpus scale: builds the corpus twice into fresh stores and compares the sorted
# N-Quads exports byte for byte; then builds its two halves into two stores and checks that the
# union of their exports is the export of the whole (IRIs derive from content, so shards merge).
#
#   benches/determinism.sh [CORPUS.jsonl]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bbc/articles.jsonl}
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph
[ -x "$bin" ] || cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dump() { "$bin" --store "$1" export --format nquads | LC_ALL=C sort -u > "$2"; }

"$bin" --store "$work/a" build "$corpus" > /dev/null
"$bin" --store "$work/b" build "$corpus" > /dev/null
dump "$work/a" "$work/a.nq"
dump "$work/b" "$work/b.nq"
cmp "$work/a.nq" "$work/b.nq"
echo "two builds: identical ($(wc -l < "$work/a.nq") quads, sha256 $(sha256sum < "$work/a.nq" | cut -c1-16))"

lines=$(grep -c . "$corpus")
head -n $((lines / 2)) "$corpus" > "$work/first.jsonl"
tail -n +$((lines / 2 + 1)) "$corpus" > "$work/second.jsonl"
"$bin" --store "$work/h1" build "$work/first.jsonl" > /dev/null
"$bin" --store "$work/h2" build "$work/second.jsonl" > /dev/null
dump "$work/h1" "$work/h1.nq"
dump "$work/h2" "$work/h2.nq"
LC_ALL=C sort -u "$work/h1.nq" "$work/h2.nq" > "$work/halves.nq"
cmp "$work/a.nq" "$work/halves.nq"
echo "two halves in two stores: their union equals the whole ($(wc -l < "$work/halves.nq") quads)"
