module github.com/asynclings/asynclings

go 1.26

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/mattn/go-isatty v0.0.20
	github.com/mattn/go-sqlite3 v1.14.53
)

require golang.org/x/sys v0.33.0 // indirect
