#!/usr/bin/env bash
# Search by place under load: 100,000 services, POST /api/resources/search by ZIP, 40 km, two filters, with wrk in
# its own process at 1-32 connections. Prints the plan, req/s, latency (wrk's and inside the service) and CPU per
# search, and leaves the table in resources-service/target/bench/search.txt. Installs wrk from Debian if missing.
#   resources-service/bench/search.sh [-Dbenchmark.seconds=20]
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
fi
./mvnw -B -q -pl resources-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=SearchBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dbenchmark=true "$@"
grep -E "^plan for|Execution Time|Index Scan|Heap Blocks" \
  resources-service/target/failsafe-reports/org.chorus.resources.directory.SearchBenchmarkIT-output.txt || true
cat resources-service/target/bench/search.txt
