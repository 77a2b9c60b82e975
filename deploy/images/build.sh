#!/usr/bin/env bash
# Builds the four service images from the Boot jars. Not run in CI (these machines have no Docker engine).
#   deploy/images/build.sh [tag]        e.g. deploy/images/build.sh 0.1.0
# Needs a Docker engine (or set DOCKER=podman). REGISTRY prefixes the image names (default: chorus).
# The tag defaults to the Maven project version, so the images keep step with the modules; the kustomize overlays
# and deploy/compose name the same chorus/<service>:<tag>.
set -euo pipefail
cd "$(dirname "$0")/../.."
DOCKER="${DOCKER:-docker}"
REGISTRY="${REGISTRY:-chorus}"
TAG="${1:-$(./mvnw -B -q help:evaluate -Dexpression=project.version -DforceStdout)}"

./mvnw -B -q -pl stories-service,resources-service,notifications-service,gateway -am package -DskipTests

build() { # image name, module
  local jar
  jar="$(ls "$2"/target/*-exec.jar)"
  "$DOCKER" build -f deploy/images/Dockerfile --build-arg JAR="$jar" -t "$REGISTRY/$1:$TAG" .
}
build gateway gateway
build stories stories-service
build resources resources-service
build notifications notifications-service
echo "built $REGISTRY/{gateway,stories,resources,notifications}:$TAG"
