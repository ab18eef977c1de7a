# Two commands: `make run` serves the app on http://127.0.0.1:3000 with demo data;
# `make test` runs every check and test. Both install what this machine lacks first.
#
# Tool versions are pinned here, and only here (README.md says why each pin exists).
CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.129
# Property-based tests of the open data API from its OpenAPI document (bench/api-contract.mjs),
# from PyPI into a virtual environment of its own.
SCHEMATHESIS_VERSION := 4.32.5
SCHEMATHESIS := target/schemathesis/bin/schemathesis
# The S3-compatible object store the file-store tests and the drills run against (bench/garage.sh).
GARAGE_VERSION := 2.5.0

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# npm's wasm-opt (binaryen 132) must come first on PATH: Debian's older one breaks hydration.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# cargo-leptos builds debug with this flag; using it for tests and clippy too avoids rebuilding
# every dependency when switching between them.
LEPTOS_RUSTFLAGS := --cfg erase_components
# Clippy without a build of its own: clippy-driver compiles our crates in the test and wasm
# builds (`RUSTC_WORKSPACE_WRAPPER`, as `cargo clippy` does for a check), so its lints come with
# the code that runs, and no dependency is compiled a second time just to be checked.
# `-D warnings` fails the build on any warning, rustc's or clippy's; dependencies are built with
# their lints capped, as always.
CLIPPY := RUSTC_WORKSPACE_WRAPPER=clippy-driver
TEST_BUILD := $(CLIPPY) RUSTFLAGS="$(LEPTOS_RUSTFLAGS) -D warnings"
WASM_BUILD := $(CLIPPY) RUSTFLAGS="$(LEPTOS_RUSTFLAGS) -D warnings"
# Leptos reads this one at compile time (`option_env!`): cargo-leptos sets it, and setting it for
# cargo test and clippy too keeps one build of leptos for all of them.
export LEPTOS_OUTPUT_NAME := ocop
SERVER_DEBUG := target/debug/server

.PHONY: run test release bench drill drill-short api-contract nginx tools garage check lint clippy client tests-and-client unit-test build-for-e2e wasm-size e2e clean-data demo-reset

# The trainers' command: the optimised client (what a phone downloads in a training room) with a
# debug server, which builds fast; the client is precompressed once here, not per request.
run: tools client
	@echo "==> debug build of the server"
	cargo leptos build --server-only
	@echo "==> migrating and loading demo data if the database is empty"
	$(SERVER_DEBUG) seed-demo
	@echo "==> serving on http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (demo mode: one-click demo accounts on /login)"
	DEMO_MODE=$${DEMO_MODE:-true} $(SERVER_DEBUG) serve

# The stages of `make test`, run in this order; the time each took is printed at the end.
TEST_STAGES := lint tests-and-client e2e api-contract drill-short

test: tools
	@summary=""; \
	for stage in $(TEST_STAGES); do \
	  started=$$SECONDS; \
	  $(MAKE) --no-print-directory $$stage; \
	  summary+="$$(printf '  %-14s %5d s' $$stage $$((SECONDS - started)))"$$'\n'; \
	done; \
	echo "==> time per stage"; printf '%s' "$$summary"; \
	echo "==> all checks and tests passed"

# What a deployment runs: the release server and the release wasm client.
release: tools
	cargo leptos build --release
	$(LIGHT_INTO_SITE)
	node bench/precompress.mjs target/site/pkg
	node bench/precompress.mjs target/site/pkg/light target/site/hash-light.txt

# The national-scale benchmark (README, "Performance"): seven ratios measured in one run against
# the release server, nginx and the sqlite3 shell (Debian's packages). Not part of `make test`.
bench: tools client
	@{ command -v nginx && command -v wrk && command -v sqlite3; } >/dev/null \
	  || { echo "installing Debian's nginx, wrk and sqlite3"; \
	       if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	       $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx wrk sqlite3; }
	cargo leptos build --release --server-only
	node bench/national.mjs
	node bench/import.mjs
	node bench/reset-demo.mjs

# The light client (Cargo.toml, project "light") is built into a site root of its own; it is
# served from the main one's pkg/light.
LIGHT_INTO_SITE := rm -rf target/site/pkg/light && mkdir -p target/site/pkg \
	&& cp -r target/site-light/pkg/light target/site/pkg/light && rm -f target/site/pkg/light/ocop.css

# ---- tools: each step is skipped when the right version is already there -------------------
# Garage from the package registries, built with only its SQLite metadata engine (about 10
# minutes, once per machine). Only the S3 leg of the tests needs it (.ci/run).
garage:
	@garage --version 2>/dev/null | grep -qF "$(GARAGE_VERSION)" \
	  || { echo "installing garage $(GARAGE_VERSION)"; \
	       cargo install --locked garage --version $(GARAGE_VERSION) --no-default-features --features bundled-libs,sqlite; }

tools: end2end/node_modules/.installed
	@echo "==> checking tools"
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || { echo "installing the wasm32 target"; rustup target add wasm32-unknown-unknown; }
	@cargo leptos --version 2>/dev/null | grep -qx "cargo-leptos $(CARGO_LEPTOS_VERSION)" \
	  || { echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 20 minutes, once per machine)"; \
	       cargo install --locked cargo-leptos --version $(CARGO_LEPTOS_VERSION); }
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || { echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	       cargo install --locked wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); }
	@command -v chromium >/dev/null \
	  || { echo "installing Debian's chromium"; \
	       if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	       $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }
	@$(SCHEMATHESIS) --version 2>/dev/null | grep -qF "$(SCHEMATHESIS_VERSION)" \
	  || { echo "installing Schemathesis $(SCHEMATHESIS_VERSION) from the package registries"; \
	       python3 -m venv target/schemathesis \
	       && target/schemathesis/bin/pip install -q schemathesis==$(SCHEMATHESIS_VERSION); }
	@# pdftoppm renders the printed stamp sheet in the browser tests, whose QR code is then scanned.
	@command -v pdftoppm >/dev/null \
	  || { echo "installing Debian's poppler-utils"; \
	       if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	       $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils; }

end2end/node_modules/.installed: end2end/package.json end2end/package-lock.json
	@echo "==> installing npm packages for end2end (Playwright, binaryen)"
	cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
	touch $@

# ---- checks --------------------------------------------------------------------------------
# Formatting only: clippy's lints run inside the builds of `unit-test` and `client`.
lint:
	@echo "==> rustfmt"
	cargo fmt --all --check

# Clippy on its own, both sides, for a quick look while working (not a stage of `make test`,
# whose builds lint the same code).
clippy:
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy --all-targets -- -D warnings
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy -p ocop-web -p app --target wasm32-unknown-unknown -- -D warnings

# Unit, property and database tests, built with clippy's lints (see CLIPPY). SQLite always;
# PostgreSQL too when TEST_DATABASE_URL is set.
unit-test:
	@echo "==> cargo test with clippy (SQLite$${TEST_DATABASE_URL:+ and PostgreSQL})"
	$(TEST_BUILD) cargo test --no-run
	@# Two binaries at a time (bench/rust-tests.mjs says why); the same flags, so no rebuild.
	$(TEST_BUILD) node bench/rust-tests.mjs

# The wasm client exactly as shipped (release, linted by clippy as it compiles), precompressed,
# and its size (what a phone downloads).
client:
	@echo "==> release build of the wasm client, with clippy"
	$(WASM_BUILD) cargo leptos build --release --frontend-only
	$(LIGHT_INTO_SITE)
	node bench/precompress.mjs target/site/pkg
	node bench/precompress.mjs target/site/pkg/light target/site/hash-light.txt
	@node bench/wasm-size.mjs target/site/pkg
	@node bench/wasm-size.mjs target/site/pkg/light

# What the browser tests run: the client, and the debug server that `cargo test` builds
# (`server/tests/command_line.rs` makes it build the binary, with the very features and flags of
# the tests, so nothing is compiled twice; a no-op after `unit-test`). A release server would
# compile every dependency again; `make release` builds that one.
build-for-e2e: client
	@echo "==> debug build of the server (as cargo test builds it)"
	$(TEST_BUILD) cargo test --no-run

# `unit-test` and `client` side by side: the client's build goes to its own folder
# (target/front), so they do not wait for each other's lock, and each leaves a core idle for
# stretches (one big crate type-checked, the client's single-unit LTO and wasm-opt, tests waiting
# on PostgreSQL). Measured cold: 751 s together against about 5.5 min + 3 min of tests + 6 min of
# client one after the other; the two compiles themselves mostly share the cores. The client's
# output is shown when it is done.
tests-and-client:
	@mkdir -p target; log=target/client-build.log; started=$$SECONDS; \
	( $(MAKE) --no-print-directory client > $$log 2>&1 ) & client=$$!; \
	if ! $(MAKE) --no-print-directory unit-test; then \
	  kill $$client 2>/dev/null || true; wait $$client || true; exit 1; \
	fi; \
	tests=$$((SECONDS - started)); \
	if ! wait $$client; then cat $$log; echo "the client's build failed (above)"; exit 1; fi; \
	echo "==> the client's build (run beside the tests)"; tail -n 8 $$log; \
	echo "  tests alone took $$tests s; the client was done $$((SECONDS - started)) s after the start"

wasm-size:
	@node bench/wasm-size.mjs target/site/pkg
	@node bench/wasm-size.mjs target/site/pkg/light

e2e:
	@echo "==> end-to-end tests in Chromium"
	SERVER_BIN=$(SERVER_DEBUG) node end2end/run.mjs

# The open data API against its OpenAPI document: Schemathesis generates requests from
# /open/v1/openapi.json of the debug server on demo data; no 5xx, every answer as documented.
api-contract:
	@echo "==> the open data API against its OpenAPI document (Schemathesis)"
	SERVER_BIN=$(SERVER_DEBUG) SCHEMATHESIS=$(SCHEMATHESIS) node bench/api-contract.mjs

# The crash and load drills (README, "Operating"). `drill-short` is what `make test` runs, on the
# debug server: seconds, not minutes. `drill` is the full form, on the release server: the crash
# drill with 100 clients for 20 s, and two servers on PostgreSQL with 20,000 more products under
# 200 connections for 60 s a phase (TEST_DATABASE_URL; TEST_S3_URL for files in an S3 store).
drill-short:
	@echo "==> crash and load drills (short)"
	SERVER_BIN=$(SERVER_DEBUG) node bench/drill-crash.mjs --short
	@if [ -n "$${TEST_DATABASE_URL:-}" ]; then $(MAKE) --no-print-directory nginx \
	    && SERVER_BIN=$(SERVER_DEBUG) node bench/drill-load.mjs --short; \
	  else echo "load drill skipped: it needs PostgreSQL (TEST_DATABASE_URL)"; fi

drill: tools nginx
	cargo leptos build --release --server-only
	SERVER_BIN=target/release/server node bench/drill-crash.mjs
	SERVER_BIN=target/release/server node bench/drill-load.mjs

nginx:
	@command -v nginx >/dev/null \
	  || { echo "installing Debian's nginx-light"; \
	       if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	       $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx-light; }

clean-data:
	rm -rf data

# Trainers, before a session: the demo database and its files made again (prints the seconds;
# refused on a database with real accounts).
demo-reset: tools
	cargo leptos build --server-only
	$(SERVER_DEBUG) reset-demo
