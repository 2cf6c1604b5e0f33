package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"erikti/internal/demo"
	"erikti/internal/locale"
	"erikti/internal/store"
	"erikti/internal/web"
)

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("serve", getenv, stderr)
	addr := f.string("addr", "127.0.0.1:8080", "address to listen on")
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	withDemo := f.bool("demo", false, "load the demo programme into an empty database")
	logLevel := f.string("log-level", "info", "debug, info, warn or error")
	drain := f.duration("shutdown-timeout", 30*time.Second, "how long SIGTERM waits for requests in flight")
	if err := f.parse(args); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("--log-level: %w", err)
	}
	log := slog.New(slog.NewJSONHandler(stdout, &slog.HandlerOptions{Level: level}))

	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	if *withDemo {
		loaded, err := demo.LoadIfEmpty(ctx, st, time.Now())
		if err != nil {
			return err
		}
		if loaded {
			log.Info("demo programme loaded")
		}
	}
	msgs, err := locale.Load()
	if err != nil {
		return err
	}
	handler, err := web.New(st, msgs, log, web.Options{})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("erikti serving", "addr", ln.Addr().String(), "database", st.Dialect().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down: draining requests in flight")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), *drain)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("stopped")
	return nil
}

// openStore opens and migrates the database named by dsn.
func openStore(ctx context.Context, dsn string) (*store.Store, error) {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

func migrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("migrate", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "migrated %s database\n", st.Dialect())
	return st.Close()
}

func loadDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("demo", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	loaded, err := demo.LoadIfEmpty(ctx, st, time.Now())
	if err != nil {
		return err
	}
	if !loaded {
		return fmt.Errorf("the database already holds organizations; the demo loads only into an empty one")
	}
	fmt.Fprintln(stdout, "demo programme loaded")
	return nil
}
