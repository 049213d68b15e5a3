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
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to serve the MongoDB wire protocol on")
	postgresURL := flag.String("postgresql-url", "postgres://postgres@127.0.0.1:5432/ferretdb", "PostgreSQL URL of the backend database")
	logLevel := flag.String("log-level", "info", "log level: debug, info, warn or error")
	maxInFlight := flag.Int("max-in-flight", 32, "requests FerretDB works on at once; keep the PostgreSQL pool (pool_max_conns) above twice this (see more-to-come.go)")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "panhuo-ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// FerretDB itself listens on a private Unix socket; clients reach it through noReplyFront on the
	// public address (see more-to-come.go for why).
	socket := filepath.Join(os.TempDir(), fmt.Sprintf("panhuo-ferretdb-%d.sock", os.Getpid()))
	_ = os.Remove(socket)
	defer os.Remove(socket)
	listener, err := net.Listen("tcp", *listen)
	if err != nil {
		logger.Error("cannot listen", "address", *listen, "error", err)
		os.Exit(1)
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{Unix: socket},
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

	if *maxInFlight < 1 {
		fmt.Fprintf(os.Stderr, "panhuo-ferretdb: -max-in-flight must be at least 1\n")
		os.Exit(2)
	}
	front := &noReplyFront{
		backendNetwork: "unix", backendAddress: socket, logger: logger,
		slots: make(chan struct{}, *maxInFlight),
	}
	go func() {
		if err := front.serve(listener); err != nil {
			logger.Error("front listener stopped", "error", err)
			stop()
		}
	}()
	go func() {
		<-ctx.Done()
		listener.Close()
	}()

	logger.Info("FerretDB listening", "address", *listen)
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped with an error", "error", err)
		os.Exit(1)
	}
	logger.Info("FerretDB stopped")
}
