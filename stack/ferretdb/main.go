// Command panhuo-ferretdb serves the MongoDB wire protocol for local development and tests by embedding
// FerretDB v1 on a PostgreSQL backend. It exists because no MongoDB server binary can be obtained from the
// package registries this project may use, and `go install .../cmd/ferretdb` panics at start (its version
// file is empty in the published module); embedding the library works.
//
// It runs until SIGTERM or SIGINT, then closes the listener and the PostgreSQL pool.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	postgresURL := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/ferretdb", "PostgreSQL URL of the backend database")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "panhuo-ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listen},
		Logger:        logger,
		Handler:       "postgresql",
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		// Typical causes: the port is taken, or PostgreSQL is not reachable yet.
		logger.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	// The stack scripts stop this process with SIGTERM; cancelling the context lets FerretDB close
	// client connections and the backend pool instead of dying mid-request.
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	logger.Info("FerretDB listening", "address", *listen)
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped with an error", "error", err)
		os.Exit(1)
	}
	logger.Info("FerretDB stopped")
}
