#!/usr/bin/env bash
# Times the real CLI on a news corpus: extraction throughput on one core and on all cores,
# build throughput into a fresh store, peak memory, and `ask`/`query` latency on the built
# store; with a spaCy virtualenv (see ../shared/peers/README.md), spaCy's small pipeline on the
# same texts in the same run.
#
#   benches/bench.sh [CORPUS.jsonl] [SPACY_VENV]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpus/bbc/articles.jsonl}
venv=${2:-}
bin=${CARGO_TARGET_DIR:-target}/release/newsgraph
[ -x "$bin" ] || cargo build --release --quiet
[ -x /usr/bin/time ] || { echo "bench.sh needs GNU time (apt-get install time)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bytes=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].encode()) for l in open(sys.argv[1]) if l.strip()))" "$corpus")
words=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text'].split()) for l in open(sys.argv[1]) if l.strip()))" "$corpus")
docs=$(grep -c . "$corpus")
echo "corpus: $corpus ($docs articles, $bytes bytes of text, $words words)"

run() { # label, then the command; best of three runs: seconds, CPU seconds and peak RSS
  local label=$1; shift
  local best="" cpu="" peak=0
  for _ in 1 2 3; do
    [ -n "${CLEAN_BEFORE:-}" ] && rm -rf "$CLEAN_BEFORE"
    # Wall time to the millisecond (GNU time's %e has hundredths); CPU time (user + system, all
    # threads) and peak RSS from GNU time.
    python3 - "$work" "$@" <<'PY' || { cat "$work/err" >&2; exit 1; }
import subprocess, sys, time
work, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
with open(f"{work}/err", "w") as err:
    code = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", f"{work}/kb", *cmd],
                          stdout=subprocess.DEVNULL, stderr=err).returncode
secs = time.perf_counter() - t
kb, user, system = open(f"{work}/kb").read().split()[-3:]
open(f"{work}/t", "w").write(f"{secs:.4f} {kb} {float(user) + float(system):.2f}\n")
sys.exit(code)
PY
    read -r secs kb cpusecs < "$work/t"
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(not float(sys.argv[1]) < float(sys.argv[2]))" "$secs" "$best"; then best=$secs; cpu=$cpusecs; fi
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  python3 - "$label" "$best" "$peak" "$bytes" "$words" "$cpu" <<'PY'
import sys
label, secs, kb, b, w, cpu = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
secs = max(secs, 1e-3)
print(f"{label:<34} {secs:8.3f} s  {b/secs/1e6:7.2f} MB/s  {w/secs:11.0f} words/s  peak {kb/1024:7.1f} MiB  cpu {cpu:.2f} s")
PY
}

run "extract, 1 thread" env RAYON_NUM_THREADS=1 "$bin" extract --format json "$corpus" | tee "$work/one"
# The same with the fixed start-up taken out: loading the knowledge and compiling its patterns
# costs the same ~20 ms whether one article follows or a million. Start-up is timed on the
# corpus's first article alone; the rate is that of the rest of the corpus.
head -n 1 "$corpus" > "$work/first.jsonl"
run "start-up (first article alone)" env RAYON_NUM_THREADS=1 "$bin" extract --format json "$work/first.jsonl" > "$work/startup"
python3 - "$work/one" "$work/startup" "$bytes" "$words" "$work/first.jsonl" <<'PY'
import json, re, sys
secs = lambda f: float(re.search(r"([0-9.]+) s ", open(f).read()).group(1))
first = json.loads(open(sys.argv[5]).readline())["text"]
b = int(sys.argv[3]) - len(first.encode())
w = int(sys.argv[4]) - len(first.split())
net = max(secs(sys.argv[1]) - secs(sys.argv[2]), 1e-3)
print(f"{'start-up (first article alone)':<34} {secs(sys.argv[2]):8.3f} s")
print(f"{'extract, 1 thread, start-up excluded':<34} {net:8.3f} s  {b/net/1e6:7.2f} MB/s  {w/net:11.0f} words/s")
# Reading and writing run on threads of their own beside the one extraction thread: the rate
# per CPU-second (all threads, start-up included) is what one core alone would sustain.
cpu = float(re.search(r"cpu ([0-9.]+) s", open(sys.argv[1]).read()).group(1))
print(f"{'extract, 1 thread, per CPU-second':<34} {cpu:8.3f} s  {int(sys.argv[3])/cpu/1e6:7.2f} MB/s  {int(sys.argv[4])/cpu:11.0f} words/s")
PY
run "extract, all cores ($(nproc))" "$bin" extract --format json "$corpus"
# The whole corpus as one document: work that grows faster than the text (a pass over the
# document's mentions for each mention) shows here as a rate far below the one above.
python3 -c "import json,sys; open(sys.argv[2],'w').write('\n\n'.join(json.loads(l)['text'] for l in open(sys.argv[1]) if l.strip()))" "$corpus" "$work/one-document.txt"
run "extract, corpus as one document" env RAYON_NUM_THREADS=1 "$bin" extract --format json "$work/one-document.txt"
CLEAN_BEFORE="$work/store" run "build into a fresh store" "$bin" --store "$work/store" build "$corpus"
quads=$("$bin" --store "$work/store" stats | sed -n 's/^triples: //p')
echo "quads in store: $quads"

latency() { # label, then the command; median of 11 runs in ms
  local label=$1; shift
  python3 - "$label" "$@" <<'PY'
import subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
times = []
for _ in range(11):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
times.sort()
print(f"{label:<34} {times[5]:8.1f} ms median (whole process)")
PY
}
latency "ask 'Who deported whom?'" "$bin" --store "$work/store" ask "Who deported whom?"
latency "query: events by type" "$bin" --store "$work/store" query --file examples/queries/events-by-type.rq

if [ -n "$venv" ] && [ -x "$venv/bin/python" ]; then
  limit=${SPACY_LIMIT:-300}
  echo "spaCy en_core_web_sm (full pipeline, one process) on the first $limit articles:"
  "$venv/bin/python" ../shared/peers/spacy_throughput.py "$corpus" --limit "$limit" | tee "$work/spacy"
  python3 - "$work/one" "$work/spacy" <<'PY'
import re, sys
ours = float(re.search(r"([0-9.]+) words/s", open(sys.argv[1]).read()).group(1))
spacy = float(re.search(r"words/s: ([0-9,]+)", open(sys.argv[2]).read()).group(1).replace(",", ""))
print(f"ratio, newsgraph extract (1 thread) / spaCy: {ours / spacy:,.0f}x words/s")
PY
fi
