#!/usr/bin/env bash
# Runs the whole benchmark (docs/BENCHMARKS.md) and writes results.md, results.csv and samples.csv.
#   scripts/bench.sh [--with-peers] [--smoke] [--out=DIR] [--no-jmh] [--groupRounds=N ...]
# --with-peers installs supervisord (apt-get) and PM2 (npm) when missing and measures them too.
# Builds with the reactor (nothing is installed into ~/.m2) and runs with the module's class path.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q -B -pl covey-bench -am package -DskipTests
# Jars only (no class directories), so the AppCDS experiment can archive the children's classes.
cp="$(ls covey-bench/target/covey-bench-*.jar):$(cat covey-bench/target/bench-classpath.txt)"
# The harness is the parent of every child it measures; the JVM flags are its own, not the children's.
exec java -cp "$cp" io.covey.bench.BenchMain "$@"
