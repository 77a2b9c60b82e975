#!/usr/bin/env bash
# Story intake at a fixed arrival rate through the gateway (open model, latencies from each request's due time,
# HdrHistogram): p50/p99, errors, stored = 2xx = consumed, and the lag from commit to consumption. Leaves the table in
# deploy/devstack/target/bench/story-intake.txt.
#   deploy/devstack/bench/story-intake.sh [-Dchorus.benchmark.rate=1400 -Dchorus.benchmark.duration=300 ...]
set -euo pipefail
cd "$(dirname "$0")/../../.."
./mvnw -B -q -pl deploy/devstack -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=StoryIntakeBenchmarkIT -Dfailsafe.failIfNoSpecifiedTests=false -Dchorus.benchmark=true \
  "-Dchorus.devstack.service-jvm=-Xms256m -Xmx512m -XX:+UseParallelGC" "$@"
cat deploy/devstack/target/bench/story-intake.txt
