#!/usr/bin/env bash
# Measures what a foreign child of the packaged host carries: its class path (entries, Spring or
# Tomcat jars among them), its cold start (PUT of the group -> RUNNING, as the API reports it) and its
# resident memory, with the lean class path (the default) and with the host's whole class path
# (covey.worker.inherit-class-path=true, what every child got before covey-child existed), both from
# the unpacked jar, and with the lean class path from the executable jar as it is (java -jar: the
# child runtime laid out in a runtime directory, fresh each round, at the host's first launch).
# Rounds alternate between the three so that all see the same machine. Each round's first launch
# is reported apart (*-first): for "exec" it includes laying the runtime out. Needs a build
# (mvn -B package -DskipTests), curl and python3.
#   scripts/child-classpath.sh [rounds]       (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-7}
jar=$(ls covey-host/target/covey-host-*-exec.jar)
work=covey-host/target/child-classpath
rm -rf "$work" && mkdir -p "$work"
java -Djarmode=tools -jar "$jar" extract --destination "$work/app" >/dev/null
app="$work/app/$(basename "$jar")"

port=$((20000 + RANDOM % 20000))
base="http://127.0.0.1:$port"
host_pid=
cleanup() { if [ -n "$host_pid" ]; then kill "$host_pid" 2>/dev/null || true; wait "$host_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT

start_host() { # $1: lean, inherit or exec
  local jar_to_run=$app inherit=false
  [ "$1" = inherit ] && inherit=true
  [ "$1" = exec ] && jar_to_run=$jar && rm -rf "$work/runtime"
  env -u COVEY_API_TOKEN java -jar "$jar_to_run" --server.port="$port" --server.address=127.0.0.1 --covey.host.api-token= \
    --covey.host.worker-path="$PWD/covey-demo/target/workers" --covey.worker.runtime-directory="$PWD/$work/runtime" \
    --covey.worker.warm-pool.size=0 --covey.worker.inherit-class-path="$inherit" >"$work/host-$1.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 240); do curl -fs "$base/actuator/health" >/dev/null 2>&1 && return; sleep 0.25; done
  echo "host did not come up: $work/host-$1.log" >&2; exit 1
}

one_round() { # $1: mode label; prints: mode entries spring_or_tomcat millis rss_kib
  local id="cp-$RANDOM" t0 t1 pid state
  t0=$(date +%s%N)
  curl -fs -X PUT -H 'Content-Type: application/json' "$base/api/v1/groups/cp" \
    -d "{\"workers\":[{\"type\":\"CountdownJob\",\"id\":\"$id\",\"params\":{\"from\":100000,\"intervalMs\":1000}}]}" >/dev/null
  while :; do
    state=$(curl -fs "$base/api/v1/workers/$id" | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["state"], s.get("pid") or 0)')
    case "$state" in RUNNING*) break;; CRASHED*|FAILED*) echo "worker $state" >&2; exit 1;; esac
    sleep 0.005
  done
  t1=$(date +%s%N)
  pid=${state#RUNNING }
  python3 - "$pid" "$1" $(( (t1 - t0) / 1000000 )) <<'PY'
import os, sys, zipfile
pid, mode, millis = sys.argv[1], sys.argv[2], sys.argv[3]
args = open(f"/proc/{pid}/cmdline", "rb").read().split(b"\0")
cwd = os.readlink(f"/proc/{pid}/cwd")

def expanded(entries):
    # A jar's manifest Class-Path adds entries too (the unpacked host jar names its lib/ that way).
    for entry in entries:
        path = os.path.join(cwd, entry)
        yield path
        if path.endswith(".jar") and os.path.isfile(path):
            with zipfile.ZipFile(path) as jar:
                try:
                    manifest = jar.read("META-INF/MANIFEST.MF").decode().replace("\r\n ", "").replace("\n ", "")
                except KeyError:
                    continue
            for line in manifest.splitlines():
                if line.startswith("Class-Path:"):
                    yield from expanded(os.path.join(os.path.dirname(path), e) for e in line[11:].split())

cp = list(expanded(args[args.index(b"-cp") + 1].decode().split(":")))
stack = [e for e in cp if "spring" in e or "tomcat" in e]
rss = next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS"))
print(mode, len(cp), len(stack), millis, rss)
PY
  curl -fs -X DELETE "$base/api/v1/groups/cp" >/dev/null
}

results="$work/rounds.txt"
: >"$results"
for round in $(seq "$rounds"); do
  for mode in lean inherit exec; do
    start_host "$mode"
    one_round "$mode-first" | tee -a "$results"   # the host's own first launch warms its side up
    one_round "$mode" | tee -a "$results"
    cleanup; host_pid=
  done
done
python3 - "$results" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for mode in ("lean", "inherit", "exec", "lean-first", "exec-first"):
    r = [x for x in rows if x[0] == mode]
    print(f"{mode:8} class path entries {r[0][1]:>3}, Spring/Tomcat jars {r[0][2]:>2}, "
          f"PUT -> RUNNING median {statistics.median(int(x[3]) for x in r)} ms "
          f"(min {min(int(x[3]) for x in r)}, max {max(int(x[3]) for x in r)}), "
          f"child RSS median {statistics.median(int(x[4]) for x in r) / 1024:.0f} MiB, rounds {len(r)}")
PY
