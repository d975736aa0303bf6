#!/usr/bin/env bash
# Same-run comparison of this tree's benchmark against another checkout's (for example the commit
# before a refactoring): the two harnesses run alternately, ROUNDS times each, on the same
# machine in the same minutes, so load drifts hit both alike. Prints, per scenario both report,
# the median over rounds of each round's median and the ratio this/other.
#   scripts/bench-interleaved.sh OTHER_TREE [ROUNDS] [bench args...]
#   e.g. git worktree add --detach ../before fbcb021
#        scripts/bench-interleaved.sh ../before 3 --only=engine,foreign --no-jmh --singleRounds=5 --groupRounds=1
set -euo pipefail
cd "$(dirname "$0")/.."
other="$(cd "$1" && pwd)"; shift
rounds="${1:-3}"; shift || true
root="$PWD"
out="$root/covey-bench/target/interleaved"
rm -rf "$out"; mkdir -p "$out"

classpath() { echo "$(ls "$1"/covey-bench/target/covey-bench-*.jar):$(cat "$1"/covey-bench/target/bench-classpath.txt)"; }
for tree in "$PWD" "$other"; do (cd "$tree" && mvn -q -B -ntp -pl covey-bench -am package -DskipTests); done

for round in $(seq 1 "$rounds"); do
  for side in this other; do
    tree="$root"; [ "$side" = other ] && tree="$other"
    echo "round $round: $side ($tree)" >&2
    # Each harness runs from its own tree (its relative work paths and its own child class path).
    (cd "$tree" && java -cp "$(classpath "$tree")" io.covey.bench.BenchMain "$@" \
        --out="$out/$side-$round" --work="$out/work-$side-$round" >"$out/$side-$round.log" 2>&1) \
      || { echo "the $side harness failed in round $round: see $out/$side-$round.log" >&2; exit 1; }
  done
done

python3 - "$out" "$rounds" <<'PY'
import csv, statistics, sys, pathlib
out, rounds = pathlib.Path(sys.argv[1]), int(sys.argv[2])
def medians(side):
    per = {}
    for r in range(1, rounds + 1):
        with open(out / f"{side}-{r}" / "results.csv") as f:
            for row in csv.DictReader(f):
                if row["scenario"].startswith("#") or not row["median"]:
                    continue
                per.setdefault((row["scenario"], row["unit"]), []).append(float(row["median"]))
    return per
this, other = medians("this"), medians("other")
print("| scenario | unit | this tree | other tree | this/other |")
print("|---|---|---|---|---|")
for key in this:
    if key in other:
        a, b = statistics.median(this[key]), statistics.median(other[key])
        print(f"| {key[0]} | {key[1]} | {a:.2f} | {b:.2f} | {a / b:.2f}x |" if b else f"| {key[0]} | {key[1]} | {a:.2f} | {b:.2f} | |")
PY
