# The two commands a new developer needs: `make run` (the whole system on the embedded engines) and `make test`.
SHELL := /bin/bash
DOTNET ?= dotnet
CONFIG ?= Release
DATA_DIR ?= $(CURDIR)/.data
TEST_RESULTS ?= $(CURDIR)/.test-results

.PHONY: all build run test bench clean

all: build

build:
	$(DOTNET) build Microservices.sln -c $(CONFIG) -nologo -clp:ErrorsOnly

## Starts every service as its own process on one embedded data directory; Ctrl-C stops them all.
run: build
	CONFIG=$(CONFIG) DATA_DIR=$(DATA_DIR) bash deploy/local/run.sh

## Builds and runs every test project; prints one summary line and lists every skipped test with its reason.
test:
	$(DOTNET) build Microservices.sln -c $(CONFIG) -nologo -clp:ErrorsOnly
	CONFIG=$(CONFIG) TEST_RESULTS=$(TEST_RESULTS) bash tests/run-tests.sh

## Measures throughput, latency, catch-up and memory; one JSON object on stdout. QUICK=1 for a short run.
## The bench and the services it starts are built first, unless no source file changed since the last build for it
## (a no-change `dotnet build` alone takes about ten seconds, a sixth of the quick run).
BENCH_OUT := tests/Benchmarks/bin/Release/net10.0
BENCH_STAMP := $(BENCH_OUT)/.built-for-bench
BENCH_SOURCES := shared services tests/Benchmarks tests/Leads.Testing Directory.Build.props Directory.Build.targets Directory.Packages.props global.json
bench:
	@if [[ ! -f $(BENCH_STAMP) || -n "$$(find $(BENCH_SOURCES) \( -name bin -o -name obj -o -name node_modules \) -prune -o -type f -newer $(BENCH_STAMP) -print -quit)" ]]; then \
	  $(DOTNET) build tests/Benchmarks/Benchmarks.csproj -c Release -nologo -clp:ErrorsOnly 1>&2 && touch $(BENCH_STAMP); \
	else echo "bench: no source changed since the last build for it; not building" 1>&2; fi
	@$(DOTNET) $(BENCH_OUT)/Benchmarks.dll $(if $(QUICK),--quick,)

clean:
	rm -rf $(TEST_RESULTS)
	$(DOTNET) clean Microservices.sln -nologo -v q

.PHONY: images signing-key up down
ENV_FILE ?= .env

## Builds every service image docker-compose.yml builds (its image names, e.g. leads/command-service:dev); the images
## share one restore and one compile layer. DOCKER_BUILD_NETWORK=host on machines whose engine has only the host network.
images:
	DOCKER_BUILD_NETWORK=$(DOCKER_BUILD_NETWORK) bash deploy/docker/images.sh

## The whole system on EventStoreDB, MongoDB, Elasticsearch and RabbitMQ in Docker (docker-compose.yml); needs Docker.
## The signing key comes from LEADS_AUTH_SIGNING_KEY or the git-ignored .env; with neither, a fresh random one goes to .env.
signing-key:
	@if [[ -z "$${LEADS_AUTH_SIGNING_KEY:-}" ]] && ! grep -qs '^LEADS_AUTH_SIGNING_KEY=.' $(ENV_FILE); then \
	  umask 077; echo "LEADS_AUTH_SIGNING_KEY=$$(head -c 48 /dev/urandom | base64 -w0)" >> $(ENV_FILE); \
	  echo "wrote a new random signing key to $(ENV_FILE) (git-ignored)"; \
	fi

up: signing-key
	docker compose --env-file $(ENV_FILE) up --build --detach --wait

## Stops it; `make down VOLUMES=1` also deletes the engines' data.
down:
	docker compose down --remove-orphans $(if $(VOLUMES),--volumes,)
