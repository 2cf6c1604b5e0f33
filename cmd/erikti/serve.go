package main

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/demo"
	"erikti/internal/domain"
	"erikti/internal/jobs"
	"erikti/internal/locale"
	"erikti/internal/mail"
	"erikti/internal/store"
	"erikti/internal/web"
)

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("serve", getenv, stderr)
	addr := f.string("addr", "127.0.0.1:8080", "address to listen on")
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	withDemo := f.bool("demo", false, "load the demo programme into an empty database")
	scaleName := f.string("scale", "demo", "with --demo, the size of the data set: demo, city (100,000 volunteers) or country (1,000,000)")
	logLevel := f.string("log-level", "info", "debug, info, warn or error")
	drain := f.duration("shutdown-timeout", 30*time.Second, "how long SIGTERM waits for requests in flight")
	publicURL := f.string("public-url", "", "erikti's address as people reach it, for the links in mails and certificates (http://ADDR when empty)")
	smtpHost := f.string("smtp-host", "", "SMTP server for mail; without one, mails are written to the log")
	smtpPort := f.int("smtp-port", 587, "SMTP server's port")
	smtpUser := f.string("smtp-user", "", "SMTP user name; no AUTH when empty")
	smtpPassword := f.string("smtp-password", "", "SMTP password")
	smtpTLS := f.string("smtp-tls", mail.TLSStartTLS, "none, starttls (required) or tls (implicit, as on port 465)")
	mailFrom := f.string("mail-from", "erikti <no-reply@localhost>", "the From of erikti's mails")
	jobLease := f.duration("job-lease", 5*time.Minute, "how long a job a worker claimed is its own: a node that dies leaves it to others after this")
	guardianAge := f.int("guardian-age", domain.DefaultGuardianAge, "under this age a volunteer signs up only with a parent's or guardian's consent")
	cacheMB := f.int("cache-mb", 128, "MiB of memory for the read cache of the programme and event pages and their API; 0 turns it off")
	hashMB := f.int("hash-memory-mb", web.DefaultHashMemory>>20, "MiB of memory for the password hashes running at once (19 MiB each); the rest wait their turn")
	hashWait := f.duration("hash-wait", web.DefaultHashWait, "how long a sign-in or registration waits for room to hash its password before it is answered 503")
	registrations := f.int("registrations-per-hour", 60, "registrations one address may make in an hour")
	tlsCert := f.string("tls-cert", "", "PEM certificate (chain) file: serve HTTPS on --addr, with --tls-key")
	tlsKey := f.string("tls-key", "", "PEM private key file of --tls-cert")
	proxies := f.string("trusted-proxies", "", "comma-separated CIDRs of the proxies in front of erikti whose X-Forwarded-For and X-Forwarded-Proto are believed; nobody's when empty")
	metricsAddr := f.string("metrics-addr", "", "serve /metrics on this address of its own (keep it private); without it and --metrics-token, /metrics is not served")
	metricsToken := f.string("metrics-token", "", "serve /metrics on --addr too, to requests with Authorization: Bearer TOKEN (at least 16 characters)")
	issuer := f.issuer()
	gcPercent := f.int("gc-percent", 200, "the Go garbage collector's target heap growth in percent (GOGC): higher collects less often and holds more memory")
	if err := f.parse(args); err != nil {
		return err
	}
	if *gcPercent < 50 || *gcPercent > 1000 {
		return fmt.Errorf("--gc-percent %d: must be from 50 to 1000", *gcPercent)
	}
	// a flash crowd allocates fast and keeps little: collecting at twice the live heap instead of
	// Go's default of once more costs about 20 MB and gives about 8% more signups a second
	debug.SetGCPercent(*gcPercent)
	if *cacheMB < 0 {
		return fmt.Errorf("--cache-mb %d: must be 0 or more", *cacheMB)
	}
	cacheBytes := int64(*cacheMB) << 20
	if cacheBytes == 0 {
		cacheBytes = -1 // off
	}
	if *hashMB < 19 || *hashWait <= 0 || *registrations < 1 {
		return fmt.Errorf("--hash-memory-mb %d, --hash-wait %s, --registrations-per-hour %d: need at least 19, more than 0 and at least 1", *hashMB, *hashWait, *registrations)
	}
	if *guardianAge < domain.MinAge || *guardianAge > domain.AdultAge {
		return fmt.Errorf("--guardian-age %d: must be from %d to %d", *guardianAge, domain.MinAge, domain.AdultAge)
	}
	scale, err := demo.ScaleByName(*scaleName)
	if err != nil {
		return err
	}
	trusted, err := parseCIDRs(*proxies)
	if err != nil {
		return fmt.Errorf("--trusted-proxies: %w", err)
	}
	if *metricsToken != "" && len(*metricsToken) < 16 {
		return fmt.Errorf("--metrics-token: at least 16 characters")
	}
	tlsConfig, err := loadTLS(*tlsCert, *tlsKey)
	if err != nil {
		return err
	}
	smtp := mail.SMTPConfig{Host: *smtpHost, Port: *smtpPort, Username: *smtpUser, Password: *smtpPassword, TLS: *smtpTLS, From: *mailFrom}
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
	if err := st.CheckWrite(ctx); err != nil {
		return notWritable(*dsn, err)
	}
	if *withDemo {
		loaded, err := demo.LoadIfEmpty(ctx, st, time.Now())
		if err != nil {
			return err
		}
		if loaded {
			log.Info("demo programme loaded")
			rep, err := demo.LoadScale(ctx, st, scale, time.Now())
			if err != nil {
				return err
			}
			if scale != demo.ScaleDemo {
				log.Info("big data set loaded", "scale", scale.Name, "volunteers", scale.Volunteers, "signups", scale.Signups,
					"took", rep.Took.Round(time.Millisecond).String())
			}
		}
	}
	msgs, err := locale.Load()
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	if *publicURL == "" {
		*publicURL = "http://" + ln.Addr().String()
		if tlsConfig != nil {
			*publicURL = "https://" + ln.Addr().String()
		}
	}
	handler, err := web.New(st, msgs, log, web.Options{GuardianAge: *guardianAge, PublicURL: *publicURL, Issuer: issuer(), CacheBytes: cacheBytes,
		Hasher: auth.NewHasher(auth.DefaultParams(), int64(*hashMB)<<20, *hashWait), RegistrationsPerHour: *registrations,
		TrustedProxies: trusted, MetricsToken: *metricsToken})
	if err != nil {
		ln.Close()
		return err
	}
	var metricsLn net.Listener
	if *metricsAddr != "" {
		if metricsLn, err = net.Listen("tcp", *metricsAddr); err != nil {
			ln.Close()
			return fmt.Errorf("listen on --metrics-addr: %w", err)
		}
	}
	worker, err := newWorker(st, msgs, log, *publicURL, smtp, jobs.Options{Lease: *jobLease})
	if err != nil {
		ln.Close()
		return err
	}
	wctx, stopWorker := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorker()
	workerDone := make(chan struct{})
	go func() {
		defer close(workerDone)
		worker.Run(wctx)
	}()
	srv := &http.Server{
		Handler:           handler,
		TLSConfig:         tlsConfig,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	watchServer(ctx, srv)
	log.Info("erikti serving", "addr", ln.Addr().String(), "database", st.Dialect().String(), "tls", tlsConfig != nil,
		"trusted_proxies", *proxies, "metrics_token", *metricsToken != "")
	errc := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			errc <- srv.ServeTLS(ln, "", "")
		} else {
			errc <- srv.Serve(ln)
		}
	}()
	if metricsLn != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", handler.MetricsHandler())
		msrv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ErrorLog: srv.ErrorLog}
		log.Info("metrics serving", "addr", metricsLn.Addr().String())
		go msrv.Serve(metricsLn)
		defer msrv.Close()
	}
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
	log.Info("stopping the worker: finishing the job in hand")
	stopWorker()
	<-workerDone
	log.Info("stopped")
	return nil
}

// serverWatch lets a test see what the HTTP server does, to wait for it instead of for the clock:
// ConnState is told of every connection's state (http.Server.ConnState), Draining is called when
// the server starts draining (http.Server.RegisterOnShutdown). A test puts one in serve's context
// with withServerWatch; erikti itself never does.
type serverWatch struct {
	ConnState func(net.Conn, http.ConnState)
	Draining  func()
}

type serverWatchKey struct{}

// withServerWatch is ctx carrying w to serve.
func withServerWatch(ctx context.Context, w serverWatch) context.Context {
	return context.WithValue(ctx, serverWatchKey{}, w)
}

// watchServer hooks srv to the serverWatch in ctx, if there is one.
func watchServer(ctx context.Context, srv *http.Server) {
	w, ok := ctx.Value(serverWatchKey{}).(serverWatch)
	if !ok {
		return
	}
	srv.ConnState = w.ConnState
	if w.Draining != nil {
		srv.RegisterOnShutdown(w.Draining)
	}
}

// parseCIDRs reads a comma-separated list of CIDRs; a bare address stands for itself alone.
func parseCIDRs(list string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for part := range strings.SplitSeq(list, ",") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		p, err := netip.ParsePrefix(part)
		if err != nil {
			a, aerr := netip.ParseAddr(part)
			if aerr != nil {
				return nil, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8 or an address", part)
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		out = append(out, p.Masked())
	}
	return out, nil
}

// loadTLS reads the certificate and key that serve HTTPS; none when both are empty.
func loadTLS(certFile, keyFile string) (*tls.Config, error) {
	if certFile == "" && keyFile == "" {
		return nil, nil
	}
	if certFile == "" || keyFile == "" {
		return nil, fmt.Errorf("--tls-cert and --tls-key go together")
	}
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("--tls-cert %s, --tls-key %s: %w", certFile, keyFile, err)
	}
	return &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}, nil
}

// notWritable explains a database that refuses writes, naming the file.
func notWritable(dsn string, err error) error {
	if !store.IsReadOnly(err) {
		return err
	}
	if store.IsPostgres(dsn) {
		return fmt.Errorf("the PostgreSQL database takes no writes (a standby, or default_transaction_read_only): erikti must write to it: %w", err)
	}
	return fmt.Errorf("the database file %s is read-only: erikti must write to it; give the user erikti runs as write access to the file: %w",
		strings.TrimPrefix(dsn, "file:"), err)
}

// newWorker makes the job worker: mail goes through the SMTP server of cfg, or into the log when
// it names none.
func newWorker(st *store.Store, msgs *locale.Bundle, log *slog.Logger, publicURL string, cfg mail.SMTPConfig, opt jobs.Options) (*jobs.Worker, error) {
	if opt.Lease < time.Second {
		return nil, fmt.Errorf("--job-lease %v: at least a second", opt.Lease)
	}
	u, err := url.Parse(publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("--public-url %q: not an http or https address", publicURL)
	}
	writer, err := mail.NewWriter(msgs, publicURL)
	if err != nil {
		return nil, err
	}
	var sender mail.Sender = mail.LogSender{Log: log}
	if cfg.Host != "" {
		if sender, err = mail.NewSMTP(cfg); err != nil {
			return nil, err
		}
	} else {
		log.Warn("no --smtp-host: mails are written to this log instead of being sent")
	}
	return jobs.New(st, writer, sender, log, opt), nil
}

// openStore opens and migrates the database named by dsn.
func openStore(ctx context.Context, dsn string) (*store.Store, error) {
	st, err := store.Open(ctx, dsn, store.Options{})
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, notWritable(dsn, err)
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
	scaleName := f.string("scale", "demo", "the size of the data set: demo (the hand-made programme), city (100,000 volunteers) or country (1,000,000)")
	if err := f.parse(args); err != nil {
		return err
	}
	scale, err := demo.ScaleByName(*scaleName)
	if err != nil {
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
	if scale == demo.ScaleDemo {
		return nil
	}
	rep, err := demo.LoadScale(ctx, st, scale, time.Now())
	if err != nil {
		return fmt.Errorf("%w (remove the database before loading again)", err)
	}
	fmt.Fprintf(stdout, "%s data set loaded in %s: %d organizations, %d events, %d shifts, %d volunteers (%d under 18, most with a guardian's consent), %d signups (%d waitlisted, %d cancelled); every signup rule holds\n(%s)\n",
		scale.Name, rep.Took.Round(time.Millisecond), scale.Organizations, scale.Events, scale.Shifts, scale.Volunteers, rep.Minors,
		scale.Signups, rep.Waitlisted, rep.Cancelled, rep.PhasesString())
	return nil
}
