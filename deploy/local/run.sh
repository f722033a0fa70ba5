#!/usr/bin/env bash
# `make run`: the whole platform on the embedded engines, each service its own process on one shared data directory.
# Starts the command service, the view and search projectors, the integration publisher and the query service from
# their built dlls, waits until each answers its health check, prints the addresses, and stops them all on Ctrl-C.
# If one dies, the others are stopped and the script exits non-zero.
#
# Environment: CONFIG (Release), DATA_DIR (<repo>/.data), LEADS_ARTIFACTS (look for builds there too).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
config=${CONFIG:-Release}
data_dir=${DATA_DIR:-$root/.data}
mkdir -p "$data_dir"
data_dir=$(cd "$data_dir" && pwd)
health_deadline=${HEALTH_DEADLINE_SECONDS:-60}
# The query service also serves the search page (HTTP/1.1) on this port.
page_port=5103

# name port (one per line); the query service last: it reads what the others write.
services=(
  "Leads.CommandService 5101"
  "Leads.ViewProjector 5104"
  "Leads.SearchProjector 5105"
  "Leads.IntegrationPublisher 5106"
  "Leads.QueryService 5102"
)

dll_of() {
  local name=$1 lower
  lower=$(tr '[:upper:]' '[:lower:]' <<<"$config")
  local candidates=("$root/services/$name/bin/$config/net10.0/$name.dll")
  if [[ -n ${LEADS_ARTIFACTS:-} ]]; then
    candidates+=("$LEADS_ARTIFACTS/bin/$name/$lower/$name.dll")
  fi
  for c in "${candidates[@]}"; do
    if [[ -f $c ]]; then
      echo "$c"
      return 0
    fi
  done
  echo "run.sh: $name is not built (looked for ${candidates[*]}); run 'make build' first" >&2
  return 1
}

healthy() {
  local port=$1
  if command -v curl >/dev/null; then
    curl --silent --fail --max-time 2 --http2-prior-knowledge "http://127.0.0.1:$port/health" >/dev/null 2>&1
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
  fi
}

pids=()
names=()
stopping=0

stop_all() {
  ((stopping)) && return
  stopping=1
  trap - INT TERM
  echo
  echo "Stopping ${#pids[@]} service(s)..."
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM -- "-$pid" 2>/dev/null || true
  done
  local deadline=$((SECONDS + 15))
  for pid in "${pids[@]}"; do
    while kill -0 -- "-$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.2
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  echo "Stopped."
}

trap 'stop_all; exit 130' INT TERM
trap 'stop_all' EXIT

# Resolve every dll before starting anything, so a missing build fails fast.
dlls=()
for entry in "${services[@]}"; do
  read -r name _ <<<"$entry"
  dlls+=("$(dll_of "$name")")
done

for i in "${!services[@]}"; do
  read -r name port <<<"${services[$i]}"
  if healthy "$port"; then
    echo "run.sh: port $port (for $name) is already in use; stop what runs there first" >&2
    exit 1
  fi
  extra=()
  if [[ $name == Leads.QueryService ]]; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$page_port") 2>/dev/null; then
      echo "run.sh: port $page_port (for the search page) is already in use; stop what runs there first" >&2
      exit 1
    fi
    extra=(--Leads:SearchPage:Url="http://127.0.0.1:$page_port")
  fi
  # Each service leads its own process group (setsid), so stopping it also stops its log prefixer.
  SERVICE_NAME=$name setsid bash -c 'dotnet "$@" 2>&1 | sed -u "s/^/[$SERVICE_NAME] /"; exit "${PIPESTATUS[0]}"' run-service \
    "${dlls[$i]}" --urls "http://127.0.0.1:$port" --Leads:DataDirectory="$data_dir" --Kestrel:EndpointDefaults:Protocols=Http2 \
    "${extra[@]}" </dev/null &
  pids+=("$!")
  names+=("$name")
done

# Wait for every health check, with a deadline; a service that exits meanwhile fails the start.
for i in "${!services[@]}"; do
  read -r name port <<<"${services[$i]}"
  deadline=$((SECONDS + health_deadline))
  until healthy "$port"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      echo "run.sh: $name exited before it became healthy" >&2
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      echo "run.sh: $name did not answer its health check on port $port within ${health_deadline}s" >&2
      exit 1
    fi
    sleep 0.2
  done
done

cli="dotnet $(dll_of Leads.Cli 2>/dev/null || echo "services/Leads.Cli/bin/$config/net10.0/Leads.Cli.dll") --data-dir $data_dir"
# A ready link for the search page: an agent's token (leads.read, 8 h) from the development key the services created.
page_token=$($cli token --role leads.read --subject agent --ttl 8h 2>/dev/null || true)
cat <<INFO

The lead platform is running on the embedded engines. Data directory: $data_dir
  search page       (open in a browser)                      http://127.0.0.1:$page_port/#token=$page_token
  command service   (leads.v1.LeadCommands)                  http://127.0.0.1:5101
  query service     (leads.v1.LeadQueries, ProjectionAdmin)  http://127.0.0.1:5102
  view projector    (health)                                 http://127.0.0.1:5104
  search projector  (health)                                 http://127.0.0.1:5105
  integration publisher (in-memory bus unless ConnectionStrings:rabbitmq)  http://127.0.0.1:5106
Callers need a bearer token (roles leads.write, leads.read, leads.admin), signed with the development key the services
created in $data_dir/auth-signing.key. The CLI mints one from it by itself; for other clients (grpcurl, your code):
  export LEADS_TOKEN=\$($cli token --role leads.read --role leads.admin --ttl 8h)
  grpcurl -plaintext -H "authorization: Bearer \$LEADS_TOKEN" 127.0.0.1:5102 list
Try:
  $cli seed --count 1000
  $cli search 03-27243457
  $cli lead history 1410
  $cli projections list
Press Ctrl-C to stop everything.

INFO

# Until Ctrl-C, or until one of them dies.
set +e
wait -n "${pids[@]}"
status=$?
set -e
for i in "${!pids[@]}"; do
  if ! kill -0 "${pids[$i]}" 2>/dev/null; then
    echo "run.sh: ${names[$i]} stopped (exit status $status); stopping the others" >&2
  fi
done
exit 1
