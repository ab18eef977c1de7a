# Two commands: `make run` serves the app on http://127.0.0.1:3000 with demo data;
# `make test` runs every check and test. Both install what this machine lacks first.
#
# Tool versions are pinned here, and only here (README.md says why each pin exists).
CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := 0.2.129

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
# npm's wasm-opt (binaryen 132) must come first on PATH: Debian's older one breaks hydration.
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# cargo-leptos builds debug with this flag; using it for tests and clippy too avoids rebuilding
# every dependency when switching between them.
LEPTOS_RUSTFLAGS := --cfg erase_components
# Leptos reads this one at compile time (`option_env!`): cargo-leptos sets it, and setting it for
# cargo test and clippy too keeps one build of leptos for all of them.
export LEPTOS_OUTPUT_NAME := ocop
SERVER_DEBUG := target/debug/server

.PHONY: run test release bench tools check lint unit-test build-for-e2e wasm-size e2e clean-data demo-reset

# The trainers' command: the optimised client (what a phone downloads in a training room) with a
# debug server, which builds fast; the client is precompressed once here, not per request.
run: tools
	@echo "==> release build of the wasm client"
	cargo leptos build --release --frontend-only
	node bench/precompress.mjs target/site/pkg
	@echo "==> debug build of the server"
	cargo leptos build --server-only
	@echo "==> migrating and loading demo data if the database is empty"
	$(SERVER_DEBUG) seed-demo
	@echo "==> serving on http://$${LEPTOS_SITE_ADDR:-127.0.0.1:3000} (demo mode: one-click demo accounts on /login)"
	DEMO_MODE=$${DEMO_MODE:-true} $(SERVER_DEBUG) serve

# The stages of `make test`, run in this order; the time each took is printed at the end.
TEST_STAGES := lint unit-test build-for-e2e wasm-size e2e

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
	node bench/precompress.mjs target/site/pkg

# The national-scale benchmark (README, "Performance"): five ratios measured in one run against
# the release server, nginx and the sqlite3 shell (Debian's packages). Not part of `make test`.
bench: tools
	@{ command -v nginx && command -v wrk && command -v sqlite3; } >/dev/null \
	  || { echo "installing Debian's nginx, wrk and sqlite3"; \
	       if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	       $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nginx wrk sqlite3; }
	cargo leptos build --release
	node bench/national.mjs
	node bench/import.mjs
	node bench/reset-demo.mjs

# ---- tools: each step is skipped when the right version is already there -------------------
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
lint:
	@echo "==> rustfmt"
	cargo fmt --all --check
	@echo "==> clippy (server side, feature ssr)"
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy --all-targets -- -D warnings
	@echo "==> clippy (browser side, feature hydrate, wasm32)"
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo clippy -p ocop-web -p app --target wasm32-unknown-unknown -- -D warnings

# Unit, property and database tests. SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
unit-test:
	@echo "==> cargo test (SQLite$${TEST_DATABASE_URL:+ and PostgreSQL})"
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo test

# The wasm client exactly as shipped (release), and the debug server that `cargo test` has just
# built (`server/tests/command_line.rs` makes it build the binary, with the very features and
# flags of the tests, so nothing is compiled twice; here it is a no-op after `unit-test`). A
# release server would compile every dependency again; `make release` builds that one.
build-for-e2e:
	@echo "==> release build of the wasm client"
	cargo leptos build --release --frontend-only
	node bench/precompress.mjs target/site/pkg
	@echo "==> debug build of the server (as cargo test builds it)"
	RUSTFLAGS="$(LEPTOS_RUSTFLAGS)" cargo test --no-run

wasm-size:
	@node bench/wasm-size.mjs target/site/pkg

e2e:
	@echo "==> end-to-end tests in Chromium"
	SERVER_BIN=$(SERVER_DEBUG) node end2end/run.mjs

clean-data:
	rm -rf data

# Trainers, before a session: the demo database and its files made again (prints the seconds;
# refused on a database with real accounts).
demo-reset: tools
	cargo leptos build --server-only
	$(SERVER_DEBUG) reset-demo
