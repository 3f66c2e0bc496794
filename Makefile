# OpenPlay: the two commands a new user needs are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

GO ?= go
# How much `make fuzz` runs each fuzz target: a count of executions (Nx), not a duration, because a
# duration races Go's fuzz coordinator at its deadline (golang/go#75804) and fails with
# "context deadline exceeded" on a busy machine. `make fuzz FUZZTIME=1m` still works for a long local run.
FUZZTIME ?= 20000x
# The route fuzzer (functions/routefuzz) sends every input through the whole handler stack to the
# emulators, tens of times slower than a decoder alone: it runs ROUTE_FUZZTIME executions.
ROUTE_FUZZTIME ?= 4000x
# Flags for `make bench` (go run ./functions/cmd/bench -help lists them), e.g. BENCHFLAGS='-duration=20s -sweep=1,8,64'.
BENCHFLAGS ?=
GO_FILES = $(shell find . -name '*.go' -not -path './emulators/node_modules/*' -not -path './clients/*')

# The local TURN secret `make run` gives the dev server (production mounts it from Secret Manager).
OPENPLAY_TURN_SECRET ?= openplay-dev-turn-secret
export OPENPLAY_TURN_SECRET
# The client library and the sample games (docs/realtime.md), rebuilt when their sources change.
WEB_SOURCES = $(shell find clients/web/src -type f) clients/web/package.json clients/web/tsconfig.json clients/web/tsconfig.build.json
SAMPLE_SOURCES = $(shell find clients/samples/realtime clients/samples/turnbased clients/samples/common -type f) clients/samples/index.html clients/samples/style.css clients/samples/package.json

.PHONY: help run test check test-on-emulators fuzz fuzz-on-emulators bench chaos chaos-on-emulators clients test-clients chromium

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

run: clients ## start the emulators, load the sample settings, event definitions and session templates, serve every endpoint at http://127.0.0.1:8080 and the sample games at /play/
	emulators/run bash -c '$(GO) run ./functions/cmd/appsettings -file infra/application.json && $(GO) run ./functions/cmd/eventdefs -file infra/events.json && $(GO) run ./functions/cmd/sessiontemplates -dir infra/session-templates && exec $(GO) run ./functions/cmd/devserver'

test: check clients chromium ## every test against the real emulators (started and stopped here), with the race detector, and the browser tests
	emulators/run $(MAKE) --no-print-directory test-on-emulators
	@echo "browser test numbers (test-output/browser/numbers.txt):"; cat test-output/browser/numbers.txt

chaos: ## fault injection: Firestore and Pub/Sub outages, killed instances, a slow Firestore; prints what players saw and what was lost
	emulators/run $(MAKE) --no-print-directory chaos-on-emulators

bench: ## check every call's Firestore cost budget, run the launch-day crowd (auto-matching) and print its figures, time the relay draining a backlog and a lobby's members writing their session at once through two instances, then measure latency against its floor, scaling, the hot room, memory and cold start on the emulators; writes results.json and table.md to functions/cmd/bench/report/, then prints the cost per game those per-call costs come to (docs/capacity.md)
	emulators/run bash -c '$(GO) test -count=1 -run "^TestCostBudget$$" ./functions/cmd/bench && $(GO) test -count=1 -v -timeout 10m -run "^TestCrowd$$" ./functions/crowd -args -big && $(GO) test -count=1 -run "^$$" -bench "^BenchmarkRelayBacklog$$" -benchtime 1x ./shared/outbox && $(GO) test -count=1 -run "^$$" -bench "^BenchmarkHotSession$$" -benchtime 5x ./shared/store && exec $(GO) run ./functions/cmd/bench $(BENCHFLAGS)'
	$(GO) run ./functions/cmd/capacity -costs

check: ## gofmt and go vet, in both modules
	@unformatted=$$(gofmt -l $(GO_FILES)); if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...
	cd functions/e2e && $(GO) vet ./...

test-on-emulators: # the test suites; expects the emulators' addresses in the environment
	$(MAKE) --no-print-directory fuzz-on-emulators
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v /functions/faults$$)
	$(GO) test -count=1 ./functions/budget # the memory budget, measured without the race detector
	$(MAKE) --no-print-directory chaos-on-emulators
	$(MAKE) --no-print-directory test-clients
	rm -f test-output/browser/numbers.txt
	cd functions/e2e && $(GO) test -race -count=1 ./...

# The fault-injection tests run alone, after the others: they hold calls to deadlines, which a
# machine busy with every other package would blur. -v prints their figures.
chaos-on-emulators:
	$(GO) test -race -count=1 -v -timeout 4m ./functions/faults/

clients: clients/samples/dist/index.html ## build the client library (clients/web) and the sample games (clients/samples) when their sources changed

clients/web/node_modules/.package-lock.json: clients/web/package-lock.json
	npm ci --prefix clients/web --no-audit --no-fund --loglevel=error

clients/web/dist/openplay.js: clients/web/node_modules/.package-lock.json $(WEB_SOURCES)
	npm run --prefix clients/web --silent build

clients/samples/node_modules/.package-lock.json: clients/samples/package-lock.json
	npm ci --prefix clients/samples --no-audit --no-fund --loglevel=error

clients/samples/dist/index.html: clients/web/dist/openplay.js clients/samples/node_modules/.package-lock.json $(SAMPLE_SOURCES)
	npm run --prefix clients/samples --silent build

test-clients: clients ## type-check the client library and the samples, and run the library's unit tests
	npm run --prefix clients/web --silent typecheck
	npm run --prefix clients/samples --silent typecheck
	npm test --prefix clients/web --silent

chromium: ## install Debian's Chromium for the browser tests when it is missing
	@command -v chromium >/dev/null || { echo "installing Debian's chromium for the browser tests"; \
	  sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); $$sudo apt-get update -qq && $$sudo apt-get install -y -qq chromium >/dev/null; }

fuzz: ## run every fuzz target for FUZZTIME (default 20000 executions; the route fuzzer ROUTE_FUZZTIME, 4000), on the emulators
	emulators/run $(MAKE) --no-print-directory fuzz-on-emulators

fuzz-on-emulators:
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    fuzztime=$(FUZZTIME); [ "$$target" = FuzzRoutes ] && fuzztime=$(ROUTE_FUZZTIME); \
	    echo "fuzz $$pkg $$target ($$fuzztime)"; \
	    $(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $$fuzztime $$pkg > /tmp/openplay-fuzz.log 2>&1 || { cat /tmp/openplay-fuzz.log; exit 1; }; \
	  done; \
	done
