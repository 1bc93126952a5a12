#!/usr/bin/env bash
# Makes pgo/newsgraph.profdata, the execution profile the opt-in optimised build (pgo/build.sh)
# is compiled with (see pgo/rustc-wrapper): builds an instrumented newsgraph, runs it on a news corpus the way
# analysts do — extraction on one thread, a store built from part of the corpus, questions and
# queries on it — and merges the counts. Re-run it after changing the pipeline's hot code: a
# function whose code changed since the profile was made is optimised without it.
#
#   pgo/train.sh [CORPUS.jsonl]
#
# The instrumented build is compiled for the same CPU level as the optimised one (the wrapper
# adds it to both); after changing the level, train in a fresh PGO_TARGET_DIR.
#
# Trains on the Reuters corpus by default, not the BBC one benches/bench.sh measures, so the
# benchmark is not run on its own training data. Needs llvm-profdata of rustc's own LLVM:
# `rustup component add llvm-tools`.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/reuters21578/articles.jsonl}
[ -f "$corpus" ] || { echo "train.sh: no corpus at $corpus" >&2; exit 1; }
profdata=$(find "$(rustc --print sysroot)" -name llvm-profdata -type f | head -n 1)
[ -n "$profdata" ] || { echo "train.sh: llvm-profdata not found; run: rustup component add llvm-tools" >&2; exit 1; }
target=${PGO_TARGET_DIR:-target/pgo-generate}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Its own target directory: the instrumented build must not replace the optimised one. The
# flags stay the same from run to run (the counts' file is named at run time), so a second
# training compiles only what changed.
# Build scripts and procedural macros are instrumented too: their counts, written while
# compiling, are not the pipeline's and go to a directory of their own.
RUSTC_WRAPPER="$PWD/pgo/rustc-wrapper" LLVM_PROFILE_FILE="$work/compile/%m-%p.profraw" RUSTFLAGS="-Cprofile-generate" CARGO_TARGET_DIR="$target" \
  cargo build --release --quiet --bin newsgraph
bin=$target/release/newsgraph
export RAYON_NUM_THREADS=1 LLVM_PROFILE_FILE="$work/raw/%m-%p.profraw"

"$bin" extract --format json "$corpus" > /dev/null
"$bin" extract --format json data/articles > /dev/null
head -n 2000 "$corpus" > "$work/part.jsonl"
"$bin" --store "$work/store" build "$work/part.jsonl" data/articles > /dev/null
for question in "Who deported whom?" "Who arrested whom?" "What happened in Cambodia?" \
  "Who met whom?" "When did Cambodia deport Thais?"; do
  "$bin" --store "$work/store" ask "$question" > /dev/null
done
for query in examples/queries/*.rq; do
  "$bin" --store "$work/store" query --file "$query" > /dev/null
done

# Sparse: functions never run are left out (a third of the size).
"$profdata" merge --sparse --output pgo/newsgraph.profdata "$work/raw"
# The LLVM major version that wrote it: pgo/rustc-wrapper uses the profile only with that one.
rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p' > pgo/newsgraph.llvm
echo "pgo/newsgraph.profdata: $(du -h pgo/newsgraph.profdata | cut -f1), from $corpus"
