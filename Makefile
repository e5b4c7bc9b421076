# The two commands of the README: `make serve` (set up, build, serve the page) and
# `make test` (set up, run every test layer). Every target installs what it needs first.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
PORT ?= 8080

.PHONY: setup build serve test bench diffcheck lexicon clean package

setup:
	scripts/setup

build: setup
	scripts/build-wasm

# The npm package: target/npm/package/ and target/npm/release-annotator-VERSION.tgz.
package: setup
	scripts/package

serve: build
	@echo "serving www/ on http://127.0.0.1:$(PORT)  (Ctrl-C to stop)"
	python3 -m http.server --bind 127.0.0.1 $(PORT) --directory www

test: setup
	scripts/test

# The benchmark table (benches/results/latest.md): native, wasm in Node and Chromium, peers.
bench: setup
	scripts/bench

# Same output as main on every corpus and stress text (for behaviour-preserving changes).
diffcheck:
	scripts/diffcheck

lexicon:
	python3 scripts/build_lexicon.py

clean:
	cargo clean
	rm -rf www/pkg
