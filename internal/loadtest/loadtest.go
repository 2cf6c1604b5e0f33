// Package loadtest fires signups (and reads) at a real erikti over HTTP from many concurrent
// clients, measures them beside a bare net/http handler driven by the same client in the same run,
// and then checks from the database that the outcome is exactly what the rules promise: no shift
// overbooked, the waitlist 1..n each once, every answer the row stored, nothing stored that was
// refused.
package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"erikti/internal/store"
)

// The scenarios.
const (
	Flash  = "flash"  // one hot shift: N volunteers for C places at once
	Spread = "spread" // N signups spread over many shifts, some of which fill
	Browse = "browse" // the flash crowd, while other clients read the programme and the event
	Crash  = "crash"  // the flash crowd, while the server is killed (SIGKILL) and started again, Kills times
)

// Config is one load test. Zero fields take the scenario's defaults (see Defaults).
type Config struct {
	Scenario string
	N        int           // signups (and volunteers)
	Capacity int           // places on the hot shift (flash, browse) or the base capacity of each shift (spread)
	Clients  int           // concurrent signup clients
	Shifts   int           // spread: how many shifts
	Readers  int           // browse: concurrent reading clients
	Duration time.Duration // browse: the reads last at least this long
	Kills    int           // crash: how many times the server is killed during the crowd
	// DB is the database: an SQLite path or a postgres:// URL; a fresh SQLite file in a temporary
	// directory when empty (only without URL).
	DB string
	// URL is an erikti already serving DB; when empty the load test starts its own with Serve.
	URL string
	// Serve makes the command that runs `erikti serve --addr 127.0.0.1:0 --db db` as a child
	// process, whose standard output is erikti's JSON log.
	Serve func(db string) *exec.Cmd
	// NoProbes skips the bad requests sent after the load.
	NoProbes bool
	// Log receives progress lines; none when nil.
	Log io.Writer
}

// Defaults fills the zero fields of c with its scenario's defaults and checks them; it may be
// called more than once (Run calls it), so that a command can refuse bad flags before it looks for
// the server to start.
func (c *Config) Defaults() error {
	if c.Scenario == "" {
		c.Scenario = Flash
	}
	switch c.Scenario {
	case Flash, Browse:
		def(&c.N, 10000)
		def(&c.Capacity, 450)
		def(&c.Clients, 256)
		def(&c.Readers, 32)
		if c.Duration == 0 {
			c.Duration = 10 * time.Second
		}
		c.Shifts = 1
	case Crash:
		def(&c.N, 10000)
		def(&c.Capacity, 450)
		def(&c.Clients, 256)
		def(&c.Kills, 10)
		c.Shifts = 1
		c.NoProbes = true // the probes are the other scenarios'
	case Spread:
		def(&c.N, 100000)
		def(&c.Shifts, 1000)
		def(&c.Capacity, max(1, c.N/c.Shifts))
		def(&c.Clients, 256)
	default:
		return fmt.Errorf("--scenario %q: flash, spread, browse or crash", c.Scenario)
	}
	switch {
	case c.N < 1:
		return fmt.Errorf("-n %d: at least 1", c.N)
	case c.Capacity < 1:
		return fmt.Errorf("--capacity %d: at least 1", c.Capacity)
	case c.Clients < 1:
		return fmt.Errorf("-k %d: at least 1", c.Clients)
	case c.Shifts < 1 || c.Shifts > c.N:
		return fmt.Errorf("--shifts %d: from 1 to -n", c.Shifts)
	case c.Scenario == Browse && (c.Readers < 1 || c.Duration <= 0):
		return fmt.Errorf("browse needs --readers and --duration above 0")
	case c.URL != "" && c.DB == "":
		return fmt.Errorf("--url needs --db: the database of that server, to prepare the volunteers and check the outcome")
	case c.Scenario == Crash && c.URL != "":
		return fmt.Errorf("crash kills the server it starts: no --url")
	case c.Scenario == Crash && c.Kills < 0:
		return fmt.Errorf("--kills %d: at least 0", c.Kills)
	}
	return nil
}

func def(v *int, d int) {
	if *v == 0 {
		*v = d
	}
}

func (c *Config) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, format+"\n", args...)
	}
}

// Run prepares the database, measures the bare handler, runs the scenario against erikti, sends
// the bad requests, and checks the outcome. The report is returned even when an invariant broke
// (then Report.OK is false); err is for a run that could not be made.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if err := cfg.Defaults(); err != nil {
		return nil, err
	}
	if cfg.URL == "" && cfg.Serve == nil {
		return nil, errors.New("loadtest: no way to start erikti serve")
	}
	if cfg.DB == "" {
		dir, err := os.MkdirTemp("", "erikti-loadtest-")
		if err != nil {
			return nil, fmt.Errorf("loadtest: %w", err)
		}
		defer os.RemoveAll(dir)
		cfg.DB = filepath.Join(dir, "erikti.db")
	}
	rep := &Report{Scenario: cfg.Scenario, Database: "sqlite", N: cfg.N, Capacity: cfg.Capacity, Clients: cfg.Clients,
		Shifts: cfg.Shifts, Date: time.Now().UTC().Format(time.RFC3339)}
	if store.IsPostgres(cfg.DB) {
		rep.Database = "postgres"
	}
	if cfg.Scenario == Browse {
		rep.Readers = cfg.Readers
	}

	st, err := store.Open(ctx, cfg.DB, store.Options{})
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return nil, err
	}
	began := time.Now()
	fx, err := prepare(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	rep.PrepareSeconds = time.Since(began).Seconds()
	cfg.logf("prepared %d volunteers with tokens and %d shift(s) in %.1f s", len(fx.load), len(fx.shifts), rep.PrepareSeconds)

	if cfg.Scenario == Crash {
		answers, err := runCrash(ctx, cfg, fx, rep)
		if err != nil {
			return nil, err
		}
		if err := check(ctx, st, fx, answers, rep); err != nil {
			return nil, err
		}
		problems, err := st.IntegrityCheck(ctx)
		if err != nil {
			return nil, err
		}
		rep.Integrity = "ok"
		if st.Dialect() != store.SQLite {
			rep.Integrity = "not checked (PostgreSQL)"
		}
		for _, p := range problems {
			rep.Integrity = "BROKEN"
			rep.Violations = append(rep.Violations, "integrity check: "+p)
		}
		rep.judge()
		return rep, nil
	}

	// the baseline: the same client, the same concurrency and count, against a bare handler
	bare, err := startBare()
	if err != nil {
		return nil, err
	}
	rep.Bare, rep.BareReads = runBare(ctx, cfg, bare.url, fx)
	bare.stop()
	cfg.logf("bare net/http: %s", rep.Bare.line())

	base := cfg.URL
	var srv *child
	if base == "" {
		if srv, err = startChild(ctx, cfg.Serve(cfg.DB)); err != nil {
			return nil, err
		}
		defer srv.kill()
		base = srv.base
		cfg.logf("erikti serve: pid %d at %s", srv.pid(), base)
	}
	answers, reads := runLoad(ctx, cfg, base, fx)
	rep.Signups = summarize(answers.samples, answers.seconds)
	if reads != nil {
		all := summarize(reads.samples, reads.seconds)
		rep.Reads = &all
		rep.ReadsDuringSignups = summarizeWindow(reads.samples, answers.seconds)
		rep.ReadPaths = summarizePaths(reads.samples, reads.seconds)
		rep.ReadRatio = ratio(rep.Reads.Rate, rep.BareReads.Rate)
	}
	rep.Ratio = ratio(rep.Signups.Rate, rep.Bare.Rate)
	cfg.logf("erikti:        %s", rep.Signups.line())

	if !cfg.NoProbes {
		rep.Probes, err = runProbes(ctx, st, base, fx)
		if err != nil {
			return nil, err
		}
	}
	if srv != nil {
		rep.Memory = srv.memory()
		if err := srv.stop(); err != nil {
			rep.Violations = append(rep.Violations, "the server did not stop cleanly: "+err.Error())
		}
	}
	if cfg.Scenario == Flash && cfg.URL == "" {
		direct, problems := runDirect(ctx, cfg, st, fx)
		rep.Direct, rep.DirectRatio = &direct, ratio(rep.Signups.Rate, direct.Rate)
		rep.Violations = append(rep.Violations, problems...)
		cfg.logf("the same signups through the store, no HTTP: %s", direct.line())
	}
	if err := check(ctx, st, fx, answers.samples, rep); err != nil {
		return nil, err
	}
	rep.judge()
	return rep, nil
}

func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// ErrInvariant is returned by the command when a run's outcome breaks a rule.
var ErrInvariant = errors.New("loadtest: the outcome breaks an invariant")
