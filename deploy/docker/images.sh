#!/usr/bin/env bash
# Builds every service image that docker-compose.yml builds, as compose would: its build context, its dockerfile, its
# SERVICE build argument and the image name it gives the service. Every image comes from the one Dockerfile whose build
# stages do not read SERVICE, so the first image pays for restore and compile and the others reuse those layers.
#
#   deploy/docker/images.sh          build them all (DOCKER_BUILD_NETWORK=host adds --network host)
#   deploy/docker/images.sh --list   print "<service> <image> <context> <dockerfile> <SERVICE>" per image, build nothing
set -euo pipefail
cd "$(dirname "$0")/../.."

# The compose file's services with a build section: the service name (two-space indent), its image:, and build's
# context:, dockerfile: and args: SERVICE:. Plain awk, so that no YAML library or compose plugin is needed.
list() {
  awk '
    /^services:/ { in_services = 1; next }
    /^[^ #]/ { in_services = 0 }
    !in_services { next }
    /^  [A-Za-z0-9_-]+:[[:space:]]*$/ { flush(); service = $1; sub(/:$/, "", service); next }
    /^    image:/ { image = $2 }
    /^      context:/ { context = $2 }
    /^      dockerfile:/ { dockerfile = $2 }
    /^        SERVICE:/ { target = $2 }
    function flush() {
      if (service != "" && dockerfile != "") print service, image, context, dockerfile, target
      service = ""; image = ""; context = ""; dockerfile = ""; target = ""
    }
    END { flush() }
  ' docker-compose.yml
}

if [[ ${1:-} == --list ]]; then list; exit 0; fi

network=()
[[ -n ${DOCKER_BUILD_NETWORK:-} ]] && network=(--network "$DOCKER_BUILD_NETWORK")
total_start=$SECONDS
while read -r service image context dockerfile target; do
  [[ -n $image ]] || { echo "images.sh: $service builds without an image: name in docker-compose.yml" >&2; exit 2; }
  [[ -n $target ]] || { echo "images.sh: $service builds without a SERVICE build argument in docker-compose.yml" >&2; exit 2; }
  start=$SECONDS
  echo "images.sh: $service -> $image" >&2
  if ! log=$(docker build "${network[@]}" -f "$context/$dockerfile" --build-arg "SERVICE=$target" -t "$image" "$context" 2>&1); then
    echo "$log" >&2
    echo "images.sh: building $image failed" >&2
    exit 1
  fi
  echo "images.sh: $image built in $((SECONDS - start)) s, $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1 / 1e6}')" >&2
done < <(list)
echo "images.sh: every image built in $((SECONDS - total_start)) s" >&2
