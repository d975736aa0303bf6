#!/usr/bin/env bash
# Measures how long `covey ls` takes, as docs/BENCHMARKS.md reports it ("The covey command").
#   scripts/cli-bench.sh [--nice] [RUNS]      (default 21; the median of them is the figure)
# Builds covey-cli with the reactor (nothing is installed into ~/.m2), starts a host with
# covey-host's test workers on a free port, declares 3 groups of 12 in-process workers, warms the
# host up with a few calls, then times RUNS calls of each variant, one after the other, round by
# round: with the class-data archive (the default), without it (COVEY_CDS=off), and --version
# (no host call). Stops the host at the end, also on Ctrl-C.
# --nice runs the host and the timed commands at nice -20 (needs root): on a machine shared with
# other builds this approximates an idle machine; the user+sys CPU time is printed as well.
set -euo pipefail
cd "$(dirname "$0")/.."
nice=()
if [ "${1:-}" = --nice ]; then
    nice=(nice -n -20)
    shift
fi
runs=${1:-21}

# package compiles the test classes too (the host's configuration); the class path is written per module, covey-cli's last.
mvn -q -B -pl covey-cli -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$PWD/covey-cli/target/test-classpath.txt" >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"${nice[@]}" java -cp "covey-cli/target/test-classes:$(cat covey-cli/target/test-classpath.txt)" \
    io.covey.cli.CliHostConfiguration "$port" >covey-cli/target/cli-bench-host.log 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null || true' EXIT
export COVEY_HOST=http://127.0.0.1:$port
covey=covey-cli/target/covey
for _ in $(seq 60); do
    curl -fs "$COVEY_HOST/api/v1/manifest" >/dev/null 2>&1 && break
    sleep 1
done

groups=covey-cli/target/cli-bench-groups.yaml
{
    echo "groups:"
    for g in web jobs edge; do
        echo "  $g:"
        echo "    workers:"
        for i in $(seq 12); do
            echo "      - {type: ServiceWorker, id: $g-$i, params: {name: $g-$i}}"
        done
    done
} >"$groups"
"$covey" apply -f "$groups" >/dev/null
for _ in 1 2 3 4 5; do "$covey" ls >/dev/null; done

# Wall time in ms, and user+sys CPU time in ms into the file $cpu_file.
cpu_file=covey-cli/target/cli-bench-cpu.txt
ms() {
    local s e
    s=$(date +%s%N)
    "${nice[@]}" /usr/bin/time -o "$cpu_file" -f "%U %S" "$@" >/dev/null 2>&1
    e=$(date +%s%N)
    echo $(((e - s) / 1000000))
}
cpu() { awk '{printf "%d", ($1 + $2) * 1000}' "$cpu_file"; }
declare -a cds nocds version cds_cpu nocds_cpu
for _ in $(seq "$runs"); do
    cds+=("$(ms "$covey" ls)")
    cds_cpu+=("$(cpu)")
    nocds+=("$(COVEY_CDS=off ms "$covey" ls)")
    nocds_cpu+=("$(cpu)")
    version+=("$(ms "$covey" --version)")
done
stats() {
    printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "median %d ms, min %d, max %d (n=%d)", v[int((NR+1)/2)], v[1], v[NR], NR}'
}
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)${nice:+, at nice -20}"
echo "covey ls (36 workers), class-data archive:        wall $(stats "${cds[@]}"); cpu $(stats "${cds_cpu[@]}")"
echo "covey ls (36 workers), no archive (COVEY_CDS=off): wall $(stats "${nocds[@]}"); cpu $(stats "${nocds_cpu[@]}")"
echo "covey --version, class-data archive:              wall $(stats "${version[@]}")"
