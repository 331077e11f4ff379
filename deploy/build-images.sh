#!/usr/bin/env bash
# Builds the five service images from the services' exec jars.
#   deploy/build-images.sh            package with ./mvnw -DskipTests package, then build every image
#   deploy/build-images.sh --no-package   build from the jars already in <module>/target
# Environment: TRAWL_IMAGE_PREFIX (default "trawl/"), TRAWL_IMAGE_TAG (default: the project version), DOCKER
# (default "docker"; e.g. "podman").
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

services=(capture-service dissector-service script-runner-service job-service integrations-service)
prefix="${TRAWL_IMAGE_PREFIX:-trawl/}"
tag="${TRAWL_IMAGE_TAG:-0.1.0-SNAPSHOT}"
docker="${DOCKER:-docker}"

if [ "${1:-}" != --no-package ]; then
  ./mvnw -B -q -DskipTests -pl "$(IFS=,; echo "${services[*]}")" -am package
fi

for service in "${services[@]}"; do
  if ! compgen -G "$service/target/trawl-$service-*-exec.jar" >/dev/null; then
    echo "build-images: no exec jar in $service/target; run ./mvnw -DskipTests package first" >&2
    exit 1
  fi
  echo "== $prefix$service:$tag"
  DOCKER_BUILDKIT=1 "$docker" build -f "deploy/docker/$service/Dockerfile" -t "$prefix$service:$tag" "$service/target"
done
