package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"erikti/internal/loadtest"
)

// loadTest runs `erikti loadtest`: by default against an `erikti serve` it starts as a child
// process (this same binary), so that the server's memory is measured apart from the load's.
func loadTest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// unlike the other commands' flags these read no ERIKTI_* variable: a server's ERIKTI_DB is
	// never filled with test volunteers by accident
	f := newFlags("loadtest", func(string) string { return "" }, stderr)
	var cfg loadtest.Config
	f.StringVar(&cfg.Scenario, "scenario", loadtest.Flash, "flash (one hot shift), spread (signups over many shifts), browse (reads beside the flash crowd) or crash (the flash crowd while the server is killed and started again)")
	f.IntVar(&cfg.N, "n", 0, "signups, one per volunteer (flash and browse 10000, spread 100000)")
	f.IntVar(&cfg.Capacity, "capacity", 0, "places on the hot shift (450); spread: each shift's base capacity, times 0.5, 1 or 1.5 (n/shifts)")
	f.IntVar(&cfg.Clients, "k", 0, "concurrent signup clients (256)")
	f.IntVar(&cfg.Shifts, "shifts", 0, "spread: how many shifts (1000)")
	f.IntVar(&cfg.Readers, "readers", 0, "browse: concurrent reading clients (32)")
	f.IntVar(&cfg.Kills, "kills", 0, "crash: how many times the server is killed with SIGKILL during the crowd (10)")
	f.DurationVar(&cfg.Duration, "duration", 0, "browse: the reads last at least this long, and until the signups end (10s)")
	f.StringVar(&cfg.DB, "db", "", "the database: an SQLite path or a postgres:// URL (a fresh temporary SQLite file when empty); with --url, that server's")
	f.StringVar(&cfg.URL, "url", "", "an erikti already serving --db; without it the load test starts its own")
	noProbes := f.Bool("no-probes", false, "skip the bad requests sent after the load")
	asJSON := f.Bool("json", false, "print the report as JSON")
	if err := f.parse(args); err != nil {
		return err
	}
	cfg.NoProbes = *noProbes
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("loadtest: %w", err)
	}
	cfg.Serve = func(db string) *exec.Cmd {
		cmd := exec.Command(exe, "serve", "--addr", "127.0.0.1:0", "--db", db) // #nosec G204 -- exe is erikti's own executable and db a temporary file it made
		// the server's settings are its flags, not the ERIKTI_* of the load test's environment
		cmd.Env = withoutEriktiSettings(os.Environ())
		return cmd
	}
	cfg.Log = stderr
	rep, err := loadtest.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		rep.Print(stdout)
	}
	if !rep.OK {
		return loadtest.ErrInvariant
	}
	return nil
}

// withoutEriktiSettings drops the ERIKTI_ variables that are serve's settings, keeping the rest
// (ERIKTI_TEST_CHILD among them, which the tests use to run this binary as erikti).
func withoutEriktiSettings(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "ERIKTI_") || strings.HasPrefix(kv, "ERIKTI_TEST") {
			out = append(out, kv)
		}
	}
	return out
}
