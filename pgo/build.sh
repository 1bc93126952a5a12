#!/usr/bin/env bash
# The optimised release build, opt-in: the same code as `cargo build --release`, compiled with
# the committed execution profile (profile-guided optimisation, pgo/newsgraph.profdata) and for
# the x86-64-v3 CPU level when this machine has it (pgo/rustc-wrapper adds both). The binary is
# target/optimised/release/newsgraph; it runs only on CPUs of the level it was compiled for
# (x86-64-v3: AVX2, Intel since 2013, AMD since 2015), so build it where it will run, or name a
# level: NEWSGRAPH_TARGET_CPU=x86-64 pgo/build.sh. Its own target directory, since Cargo cannot
# see the wrapper's flags and must not mix its objects with the plain build's (the first run
# compiles RocksDB again).
set -euo pipefail
cd "$(dirname "$0")/.."
export RUSTC_WRAPPER="$PWD/pgo/rustc-wrapper"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/optimised}
cargo build --release --bin newsgraph "$@"
echo "optimised binary: $CARGO_TARGET_DIR/release/newsgraph"
