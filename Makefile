# aisec build, test and release targets. `make help` lists them.
GO        ?= go
BIN       ?= bin/aisec
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS   := -s -w -X github.com/aisecops/aisec/internal/cli.Version=$(VERSION)
FUZZTIME  ?= 10s
export CGO_ENABLED = 0

.PHONY: help build test lint fmt-check vet tidy-check fuzz-short bench bench-guard bench-redteam docs ci examples

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-12s %s\n", $$1, $$2}'

build: ## build a static binary into bin/aisec
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/aisec

test: ## run every test (set AISEC_REQUIRE_SHARED=1 to fail when ../shared is missing)
	$(GO) test -count=1 ./...

STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2

lint: fmt-check vet ## gofmt, go vet and staticcheck
	$(GO) run $(STATICCHECK) ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

tidy-check: ## fail when go.mod/go.sum are not tidy
	@cp go.mod /tmp/aisec-go.mod.bak && cp go.sum /tmp/aisec-go.sum.bak
	@$(GO) mod tidy
	@if ! diff -q go.mod /tmp/aisec-go.mod.bak >/dev/null || ! diff -q go.sum /tmp/aisec-go.sum.bak >/dev/null; then \
		diff -u /tmp/aisec-go.mod.bak go.mod; cp /tmp/aisec-go.mod.bak go.mod; cp /tmp/aisec-go.sum.bak go.sum; \
		echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; fi

fuzz-short: ## run every fuzz target for FUZZTIME (default 10s)
	FUZZTIME=$(FUZZTIME) ./scripts/fuzz-short.sh

bench: ## run the benchmarks (see docs/performance.md)
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 3x ./internal/...

bench-guard: ## load-test aisec guard with wrk on loopback (needs wrk; see docs/performance.md)
	./scripts/guard-bench/run.sh

bench-redteam: ## time 10,000 red-team attempts against an instant local target (see docs/performance.md)
	./scripts/redteam-bench/run.sh

docs: ## regenerate docs/rules.md from the rule definitions
	$(GO) test ./internal/cli -run TestRulesDoc -update

examples: ## regenerate the demo models in examples/
	$(GO) run ./internal/testgen/cmd/gen-examples

ci: fmt-check vet tidy-check ## everything CI runs
	$(MAKE) fuzz-short
	AISEC_REQUIRE_SHARED=1 $(MAKE) test
