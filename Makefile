# asynclings: `make run` starts the course, `make test` runs every test.
GO ?= go
BIN := bin/asynclings

.PHONY: all build run test vet bench warm clean browser

all: build

build:
	$(GO) build -o $(BIN) ./cmd/asynclings

# The interactive course: the built-in course and the default database.
# First, asynclings-warm starts compiling, in the background, the parts of
# Go's standard library that checks need: on a fresh machine building
# asynclings leaves a core idle for over a minute (one C compiler on
# SQLite), and the first check then answers at once instead of compiling
# for 15 s or more. It is quick and silent when the cache is ready.
run:
	@$(GO) build -o bin/asynclings-warm ./cmd/asynclings-warm && \
	  (nice -n 19 ./bin/asynclings-warm </dev/null >/dev/null 2>bin/asynclings-warm.log &)
	@$(MAKE) --no-print-directory build
	./$(BIN)

vet:
	$(GO) vet ./...

# Compile Go's standard library for checks once (the course also does it in
# the background when it starts).
warm: build
	./$(BIN) warm

# The tests share a build cache of their own (one per Go version, kept
# between runs), never the developer's: the Go tests choose the same one.
# The engine and the store run under the race detector; the command's
# tests, mostly programs started by scripts, run without it, beside them,
# and so does validate, which checks the built-in course (its solutions
# pass, its starters and wrong solutions fail).
# The tests' shared build cache (engine/runner/runnertest/testcache), named
# here once so that the warm-up, the tests and validate use the same one.
TESTCACHE = $(or $(TMPDIR),/tmp)/asynclings-test-cache-$(shell $(GO) env GOVERSION)

# Headless Chromium for the tests of the HTML pages (cmd/internal/browsertest),
# from Debian, installed when missing; with the Liberation fonts, which the
# charts are measured with (chromium only recommends them). One recipe for
# both (&:, GNU make 4.3), so that make -j never runs two apt-gets at once.
CHROMIUM = /usr/bin/chromium
LIBERATION = /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)

browser: $(CHROMIUM) $(LIBERATION)

$(CHROMIUM) $(LIBERATION) &:
	$(SUDO) apt-get update
	$(SUDO) apt-get install -y --no-install-recommends chromium fonts-liberation

test: export ASYNCLINGS_TEST_CACHE = $(TESTCACHE)
test: vet build browser
	ASYNCLINGS_CACHE=$(TESTCACHE) ./$(BIN) warm
	@log=$$(mktemp); vlog=$$(mktemp); \
	$(GO) test -count=1 ./cmd/... >$$log 2>&1 & cmd=$$!; \
	ASYNCLINGS_CACHE=$(TESTCACHE) ./$(BIN) validate >$$vlog 2>&1 & val=$$!; \
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/cmd/'); engine=$$?; \
	wait $$cmd; status=$$?; wait $$val; valid=$$?; cat $$log; \
	echo "ASYNCLINGS_CACHE=$(TESTCACHE) ./$(BIN) validate"; cat $$vlog; rm -f $$log $$vlog; \
	test $$engine = 0 && test $$status = 0 && test $$valid = 0

# The grader's line also measures grading a class of 120 bundles: the
# bundles/min/core that docs/homework.md quotes.
bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./engine/runner/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./cmd/asynclings/
	$(GO) test -run '^$$' -bench . -benchtime 1x ./engine/grader/

clean:
	rm -rf bin
