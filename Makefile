# asynclings: `make run` starts the course, `make test` runs every test.
GO ?= go
BIN := bin/asynclings

.PHONY: all build run test vet bench warm clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/asynclings

# The interactive course: the built-in course and the default database.
run: build
	./$(BIN)

vet:
	$(GO) vet ./...

# Compile Go's standard library for checks once (the course also does it in
# the background when it starts).
warm: build
	./$(BIN) warm

test: vet warm
	$(GO) test -race -count=1 ./...
	./$(BIN) validate

bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./engine/runner/
	$(GO) test -run '^$$' -bench . -benchtime 3x ./cmd/asynclings/
	$(GO) test -run '^$$' -bench . -benchtime 1x ./engine/grader/

clean:
	rm -rf bin
