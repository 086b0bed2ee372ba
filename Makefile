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

test: vet
	$(GO) test -race -count=1 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchtime 10x ./engine/runner/

clean:
	rm -rf bin
