#!/usr/bin/env bash
# Submissions, the public list and search under load: stories-service on a real port with its database and broker,
# wrk in its own process with 64 connections, 20 s per phase. Prints req/s, p50/p99 and CPU per request (the
# service's JVM with the embedded broker, and PostgreSQL) and leaves them in stories-service/target/benchmark.txt.
# Installs wrk from Debian if missing.   stories-service/bench/stories.sh [-Dchorus.benchmark.seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi
./mvnw -B -q -pl stories-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=StoriesBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchorus.benchmark=true "$@"
cat stories-service/target/benchmark.txt
