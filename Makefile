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
bench:
	@$(DOTNET) build tests/Benchmarks/Benchmarks.csproj -c Release -nologo -clp:ErrorsOnly 1>&2
	@$(DOTNET) run --project tests/Benchmarks/Benchmarks.csproj -c Release --no-build -- $(if $(QUICK),--quick,)

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
