#!/usr/bin/env bash
# The public read path (GET /api/stories) in one run: straight at stories-service, through the gateway, and
# through nginx proxying the same service; wrk is the load. Prints req/s, p50/p99 and the ratios, and leaves them
# in deploy/devstack/target/bench/gateway-read-path.txt. Needs wrk and nginx; installs them from Debian if missing.
#   deploy/devstack/bench/gateway-read-path.sh [-Dchorus.benchmark.duration=20 -Dchorus.benchmark.connections=32 ...]
set -euo pipefail
cd "$(dirname "$0")/../../.."
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
if ((${#missing[@]})); then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
# wrk comes from one address: lift the per-client read limit so the run measures the path (the limiter still
# counts every request) rather than the limiter's refusals
export CHORUS_RATELIMIT_READSPERWINDOW=1000000000
./mvnw -B -q -pl deploy/devstack -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=GatewayReadPathBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchorus.benchmark=true \
  "-Dchorus.devstack.service-jvm=-Xms256m -Xmx512m -XX:+UseParallelGC" "$@"
cat deploy/devstack/target/bench/gateway-read-path.txt
