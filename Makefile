# Randori: the two commands a fresh machine needs are `make run` and `make test`.
# Both install what they need (npm packages, a Python venv for the guest build,
# Debian's chromium for browser tests) and are idempotent.

SHELL := /bin/bash
CARGO ?= cargo
# Compiled-sandbox cache shared by every test server (compiling it takes seconds).
export RANDORI_CACHE_DIR ?= $(CURDIR)/target/randori-cache

.PHONY: run test build guest web release guest-tests web-tests kata-check chromium browser-tests interop-tests bench clean

## run: build everything (release) and serve on http://127.0.0.1:8080
run: guest web release
	./target/release/randori serve

## build: everything, release profile
build: guest web release

## guest: the sandbox guests (Python: componentize-py; JavaScript: QuickJS + Wizer)
guest:
	./scripts/build-guest.sh
	./scripts/build-js-guest.sh

web: web/node_modules/.installed
	cd web && npm run build

web/node_modules/.installed: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $@

release:
	$(CARGO) build --release --bin randori

## test: the whole suite (Rust unit + integration, guest, web units, katas, JS interop, browser)
test: guest web
	$(CARGO) build --bin randori
	$(CARGO) test --workspace -- --test-threads 2
	$(MAKE) guest-tests web-tests kata-check interop-tests browser-tests
	@echo "make test: all suites passed"

guest-tests:
	python3 -m unittest server/guest/python/test_runner_native.py
	node --experimental-vm-modules --test server/guest/javascript/test_runner_native.mjs
	node --test server/guest/javascript/test_component_smoke.mjs

## web-tests: the web client's type check (generated protocol types included) and
## the unit tests of its pure functions (node --test).
web-tests: web/node_modules/.installed
	cd web && npm run typecheck && npm test

kata-check:
	./target/debug/randori kata check --guest-wasm build/runner.wasm --js-guest-wasm build/runner-js.wasm --cache-dir $(RANDORI_CACHE_DIR)

tests/node_modules/.installed: tests/package.json tests/package-lock.json
	cd tests && npm ci --no-audit --no-fund
	touch $@

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

interop-tests: tests/node_modules/.installed
	cd tests && node --test interop/

browser-tests: chromium tests/node_modules/.installed
	cd tests && node --test --test-concurrency=1 browser/

bench: guest release tests/node_modules/.installed
	./bench/run.sh

## fuzz: each fuzz target for FUZZ_SECONDS (default 60) seconds; fails on a crash.
## The targets depend on randori-core alone (no wasmtime, tokio or SQLite); see fuzz/
## and docs/reliability.md. FUZZ_FLAGS=-O fuzzes release semantics (no overflow checks).
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= sync_decode room_messages
FUZZ_FLAGS ?=
# Flag single allocations above this (the default never fires: yrs reserves huge,
# untouched ranges for a declared count; server/tests/load.rs measures what it touches).
FUZZ_MALLOC_LIMIT_MB ?= 65536
.PHONY: fuzz
fuzz:
	@command -v cargo-fuzz >/dev/null || $(CARGO) install cargo-fuzz --locked
	@set -e; for t in $(FUZZ_TARGETS); do \
	  mkdir -p fuzz/corpus-work/$$t; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
	  ASAN_OPTIONS=allocator_may_return_null=1 RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $(FUZZ_FLAGS) $$t \
	    fuzz/corpus-work/$$t fuzz/corpus/$$t -- \
	    -max_total_time=$(FUZZ_SECONDS) -malloc_limit_mb=$(FUZZ_MALLOC_LIMIT_MB) -print_final_stats=1; \
	done; echo "make fuzz: no crash"

## reliability: load and abuse at full scale, 20 SIGKILL cycles, the hostile suite.
.PHONY: reliability
reliability: guest
	RANDORI_LOAD_SCALE=1 $(CARGO) test --test load -- --nocapture
	RANDORI_CRASH_CYCLES=20 $(CARGO) test --test crash -- --nocapture
	$(CARGO) test --test hostile -- --nocapture
	@echo "make reliability: all passed"

clean:
	rm -rf target web/dist build
