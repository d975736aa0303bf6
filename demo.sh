#!/usr/bin/env bash
# The Covey demo in one command: builds what is missing, starts a host with the demo workers on
# 127.0.0.1:7700, and runs the demo client in the foreground, which declares a CountdownJob, a
# FlakyWorker and (when socat is installed) a StreamSerialPortToHttp on a pseudo-terminal pair
# fed by a little writer, and prints what they do, live. Ctrl-C stops everything it started, also
# when its output goes to a pipe that has closed (./demo.sh | head, or | tee then Ctrl-C).
# Needs JDK 17+ and Maven 3.8+; socat is optional. See docs/DEMO.md.
# COVEY_DEMO_PORT, COVEY_DEMO_SERIAL_HTTP_PORT: other ports; COVEY_DEMO_NO_BUILD=1: use the jars as they are.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
demo=$root/target/demo
port=${COVEY_DEMO_PORT:-7700}
serial_http_port=${COVEY_DEMO_SERIAL_HTTP_PORT:-7770}
base=http://127.0.0.1:$port

# Every background job gets a process group of its own (job control): Ctrl-C reaches this script
# only, and the cleanup below stops each job in order. The host must stop its child JVMs itself.
set -m
client_pid='' writer_pid='' host_pid='' socat_pid=''

stop_job() { # pid signal-to-the-whole-group seconds
  local pid=$1 seconds=$3
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -"$2" -- "-$pid" 2>/dev/null || kill -"$2" "$pid" 2>/dev/null || true
  for _ in $(seq $((seconds * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# Output that may go nowhere: once the reader of a pipe has gone, a write fails (EPIPE) and must not
# end the script before its cleanup has stopped everything.
say() { printf '%s\n' "$*" 2>/dev/null || true; }

cleaned=''
cleanup() {
  [ -z "$cleaned" ] || return 0
  cleaned=yes
  set +e
  trap '' INT TERM PIPE
  say
  say "demo: stopping the client, the host (which stops its workers) and the serial stand-in"
  stop_job "$client_pid" TERM 10
  stop_job "$writer_pid" TERM 2
  if [ -n "$host_pid" ] && kill -0 "$host_pid" 2>/dev/null; then
    # SIGTERM to the host alone: it stops its workers' child JVMs in order (within its 20 s budget).
    kill -TERM "$host_pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$host_pid" 2>/dev/null || break; sleep 0.1; done
    stop_job "$host_pid" KILL 1
  fi
  stop_job "$socat_pid" TERM 2
  say "demo: stopped (host log: ${demo#"$root"/}/host.log)"
}
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM
# A write to a closed pipe: stop everything instead of dying on the spot (SIGPIPE's default).
trap 'cleanup; exit 141' PIPE
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1 || { echo "demo: $1 is needed: $2" >&2; exit 1; }; }
need java "install a JDK 17 or newer"
need mvn "install Maven 3.8 or newer"

host_jar() { ls covey-host/target/covey-host-*-exec.jar 2>/dev/null | head -1; }
client_jar() { ls covey-demo/target/covey-demo-*-client.jar 2>/dev/null | head -1; }

# Build only when an artifact is missing or a source or pom is newer than it.
stale() {
  local jar
  for jar in "$(host_jar)" "$(client_jar)" "$(ls covey-demo/target/workers/covey-demo-*-workers.jar 2>/dev/null | head -1)"; do
    [ -n "$jar" ] || return 0
    [ -z "$(find . -path '*/target' -prune -o \( -name pom.xml -o -path '*/src/main/*' \) -newer "$jar" -print -quit)" ] || return 0
  done
  return 1
}
if [ -z "${COVEY_DEMO_NO_BUILD:-}" ] && stale; then
  echo "demo: building (mvn -B -q package -DskipTests); the first time this downloads dependencies and takes a few minutes"
  mvn -B -q package -DskipTests
fi

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "demo: something already listens on 127.0.0.1:$port; stop it, or set COVEY_DEMO_PORT" >&2
  exit 1
fi

mkdir -p "$demo"
jar=$(host_jar)
rm -rf "$demo/state"   # each demo starts from an empty host

serial_args=()
if command -v socat >/dev/null 2>&1; then
  rm -f "$demo/ttyDEMO" "$demo/ttyFEED"
  socat pty,raw,echo=0,link="$demo/ttyDEMO" pty,raw,echo=0,link="$demo/ttyFEED" 2>"$demo/socat.log" &
  socat_pid=$!
  for _ in $(seq 50); do [ -e "$demo/ttyFEED" ] && break; sleep 0.1; done
  [ -e "$demo/ttyFEED" ] || { echo "demo: socat did not create its pty pair (see $demo/socat.log)" >&2; exit 1; }
  # The far end of the pair: a stand-in device that sends a line a second.
  (
    exec 3>"$demo/ttyFEED"
    i=0
    while :; do i=$((i + 1)); printf 'reading %d: %d.%d °C\n' "$i" $((20 + RANDOM % 5)) $((RANDOM % 10)) >&3; sleep 1; done
  ) &
  writer_pid=$!
  serial_args=(--covey.demo.serial-port="$demo/ttyDEMO" --covey.demo.serial-http-port="$serial_http_port")
  echo "demo: serial stand-in: $demo/ttyDEMO (socat pty pair, pid $socat_pid: kill it to unplug), streamed to http://127.0.0.1:$serial_http_port/"
else
  echo "demo: socat is not installed, so the StreamSerialPortToHttp worker is skipped (apt-get install socat to see it)"
fi

echo "demo: starting the host on $base (log: ${demo#"$root"/}/host.log)"
# The executable jar as it is: the host lays out what its child JVMs need itself. The workers jar
# lists its worker types in its index, so no package needs naming.
env -u COVEY_API_TOKEN java -jar "$jar" \
  --server.port="$port" --server.address=127.0.0.1 \
  --covey.host.api-token= \
  --covey.host.state-dir="$demo/state" \
  --covey.host.worker-path="$root/covey-demo/target/workers" \
  >"$demo/host.log" 2>&1 &
host_pid=$!
for _ in $(seq 120); do
  kill -0 "$host_pid" 2>/dev/null || { echo "demo: the host exited; its log:" >&2; tail -n 40 "$demo/host.log" >&2; exit 1; }
  if (exec 3<>"/dev/tcp/127.0.0.1/$port" && printf 'GET /actuator/health HTTP/1.0\r\n\r\n' >&3 && grep -q '"UP"' <&3) 2>/dev/null; then
    break
  fi
  sleep 0.5
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "demo: the host did not come up within 60 s" >&2; exit 1; }
echo "demo: host is up; dashboard at $base/ ; press Ctrl-C to stop everything"

java -jar "$(client_jar)" --covey.client.base-url="$base" ${serial_args[@]+"${serial_args[@]}"} &
client_pid=$!
wait "$client_pid" || true
