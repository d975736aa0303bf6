#!/usr/bin/env bash
# Container smoke test: builds the host image, starts docker-compose, waits for health, runs a
# group through the API, checks the worker's result, and tears everything down.
# Needs a Docker engine (DOCKER_HOST) and docker-compose; in CI, ../shared/tools/container-env.sh provides both.
# Expects the jars from `mvn -B package` (or verify) to be in place.
set -euo pipefail
cd "$(dirname "$0")/.."

export COVEY_API_TOKEN=${COVEY_API_TOKEN:-smoke-$RANDOM$RANDOM}
export COVEY_PORT=${COVEY_SMOKE_PORT:-17700}
project=covey-smoke-$$
compose() { docker-compose -p "$project" -f docker-compose.yml "$@"; }
base=http://127.0.0.1:$COVEY_PORT
auth=(-H "Authorization: Bearer $COVEY_API_TOKEN")

cleanup() {
  status=$?
  if [ $status -ne 0 ]; then
    echo "--- host logs ---"; compose logs --no-color --tail=200 host || true
  fi
  compose down -v --remove-orphans >/dev/null 2>&1 || true
  exit $status
}
trap cleanup EXIT

ls covey-host/target/covey-host-*-exec.jar covey-demo/target/workers/*.jar covey-demo/target/covey-demo-*-client.jar >/dev/null \
  || { echo "smoke: build the jars first (mvn -B package -DskipTests)" >&2; exit 1; }

compose config -q
echo "smoke: building the images"
compose build -q host demo-client
echo "smoke: starting"
compose up -d host

for i in $(seq 1 90); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$(compose ps -q host)" 2>/dev/null || echo starting)
  [ "$health" = healthy ] && break
  sleep 2
done
[ "$health" = healthy ] || { echo "smoke: the host did not become healthy ($health)" >&2; exit 1; }
echo "smoke: healthy"

code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/groups")
[ "$code" = 401 ] || { echo "smoke: expected 401 without the token, got $code" >&2; exit 1; }

# The image runs the executable jar as it is (no extract step); the workers jar lists its own types.
manifest=$(curl -fsS "${auth[@]}" "$base/api/v1/manifest"); echo "$manifest"
for type in CountdownJob FlakyWorker StreamSerialPortToHttp; do
  echo "$manifest" | grep -q "\"$type\"" || { echo "smoke: the manifest does not list $type" >&2; exit 1; }
done
echo "$manifest" | grep -q '"unavailable":\[\]' || { echo "smoke: the manifest lists unavailable types" >&2; exit 1; }
curl -fsS "${auth[@]}" -X PUT -H 'Content-Type: application/json' "$base/api/v1/groups/smoke" \
  -d '{"workers":[{"type":"CountdownJob","id":"countdown","params":{"from":3,"intervalMs":100},"options":{"foreign":true}}]}'; echo

for i in $(seq 1 60); do
  state=$(curl -fsS "${auth[@]}" "$base/api/v1/workers/countdown" | sed -n 's/.*"state":"\([A-Z]*\)".*/\1/p')
  [ "$state" = COMPLETED ] && break
  sleep 1
done
[ "$state" = COMPLETED ] || { echo "smoke: the worker did not complete (state: $state)" >&2; curl -sS "${auth[@]}" "$base/api/v1/workers/countdown/logs?tail=50"; exit 1; }
worker=$(curl -fsS "${auth[@]}" "$base/api/v1/workers/countdown"); echo "$worker"
echo "$worker" | grep -q '"foreign":true' || { echo "smoke: the countdown did not run as a foreign worker" >&2; exit 1; }
echo "$worker" | grep -q '"result":{"counted":3,"message":"liftoff"}' || { echo "smoke: the countdown's result is not there" >&2; exit 1; }
echo "smoke: a foreign CountdownJob completed with its result"

curl -fsS "${auth[@]}" -X DELETE "$base/api/v1/groups/smoke"   # the demo client declares a 'countdown' of its own
echo "smoke: starting the demo client"
compose up -d demo-client
for i in $(seq 1 90); do
  curl -fsS "${auth[@]}" "$base/api/v1/groups/demo" 2>/dev/null | grep -q '"state":"RUNNING"' && break
  sleep 1
done
curl -fsS "${auth[@]}" "$base/api/v1/groups/demo" | grep -q '"state":"RUNNING"' \
  || { echo "smoke: the demo client's group has no RUNNING worker" >&2; compose logs --no-color --tail=50 demo-client; exit 1; }
echo "smoke: the demo client declared its group"
echo "smoke: passed"
