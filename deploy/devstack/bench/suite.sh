#!/usr/bin/env bash
# The benchmark suite: each scenario against a devstack of its own, one after the other, into one report with the
# machine and the ratios (deploy/devstack/target/bench/results/results.json and results.md). Needs wrk, nginx and
# Chromium; installs them from Debian if missing. A report from a quiet machine is committed in deploy/devstack/bench/results.
#   deploy/devstack/bench/suite.sh                  every scenario (~30 min)
#   deploy/devstack/bench/suite.sh read-path        GET /api/stories direct, through the gateway and through nginx,
#                                                   with and without micro-caches, observed and not; the directory
#                                                   search; a fresh gateway's first minute; start-up and memory
#   deploy/devstack/bench/suite.sh story-intake -Dchorus.benchmark.rate=1400 -Dchorus.benchmark.duration=300
#                                                   open-model submissions, lag, the CPU split, the cost of observing
#   deploy/devstack/bench/suite.sh campaign         a campaign to 100,000 subscribers over real SMTP: mails/s with the
#                                                   cap off, and the cap's accuracy at 200/s (notifications-service)
#   deploy/devstack/bench/suite.sh proof-of-work    the site's proof-of-work solver in Chromium, unthrottled and with
#                                                   CPU throttling at 4x and 6x (phones): solving time per difficulty
#   --jfr   also record every service JVM with JFR (deploy/devstack/target/bench/jfr/<service>-<port>.jfr); read one
#           with e.g. `jfr view hot-methods <file>` (JDK 21+) or `jfr print --events jdk.ExecutionSample <file>`
set -euo pipefail
cd "$(dirname "$0")/../../.."
declare -A tests=([read-path]=GatewayReadPathBenchmarkIT [story-intake]=StoryIntakeBenchmarkIT
                  [campaign]=CampaignBenchmarkIT [proof-of-work]=ProofOfWorkSolvingBenchmarkIT)
chosen=()
options=()
for argument in "$@"; do
  if [[ -n "${tests[$argument]:-}" ]]; then chosen+=("${tests[$argument]}")
  elif [[ "$argument" == --jfr ]]; then options+=("-Dchorus.devstack.jfr=$PWD/deploy/devstack/target/bench/jfr")
  else options+=("$argument"); fi
done
((${#chosen[@]})) || chosen=(GatewayReadPathBenchmarkIT StoryIntakeBenchmarkIT CampaignBenchmarkIT
                             ProofOfWorkSolvingBenchmarkIT)
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx-light)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
[[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
if ((${#missing[@]})); then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi
# wrk comes from one address: lift the per-client read limit so the run measures the path (the limiter still
# counts every request) rather than the limiter's refusals
export CHORUS_RATELIMIT_READSPERWINDOW=1000000000
rm -rf deploy/devstack/target/bench/{results,logs,jfr}
tests_csv=$(IFS=,; echo "${chosen[*]}")
# the benchmarks run in the module of what they measure (-am brings notifications-service along); every one adds its
# scenario to the one report
./mvnw -B -q -pl deploy/devstack -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test="$tests_csv" -Dfailsafe.failIfNoSpecifiedTests=false -Dchorus.benchmark=true \
  -Dchorus.benchmark.results="$PWD/deploy/devstack/target/bench/results" \
  "-Dchorus.devstack.service-jvm=-Xms256m -Xmx512m -XX:+UseParallelGC" ${options[@]+"${options[@]}"}
cat deploy/devstack/target/bench/results/results.md
