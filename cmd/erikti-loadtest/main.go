// Command erikti-loadtest is erikti's load generator: it fires signups (and reads) at a real
// `erikti serve` and checks the outcome from the database (see internal/loadtest). It is a command
// of its own so that the server binary carries nothing of it: no fasthttp, no compressors.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"erikti/internal/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "erikti-loadtest:", err)
		os.Exit(1)
	}
}

// run is the whole program: by default it starts `erikti serve` as a child process (the erikti
// binary --erikti names, else the one beside this executable, else the one on PATH), so that the
// server's memory is measured apart from the load's.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	// unlike erikti's flags these read no ERIKTI_* variable: a server's ERIKTI_DB is never filled
	// with test volunteers by accident
	f := flag.NewFlagSet("erikti-loadtest", flag.ContinueOnError)
	f.SetOutput(stderr)
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
	server := f.String("erikti", "", "the erikti server binary to start (default: the erikti beside this executable, else erikti on PATH)")
	noProbes := f.Bool("no-probes", false, "skip the bad requests sent after the load")
	asJSON := f.Bool("json", false, "print the report as JSON")
	if err := f.Parse(args); err != nil {
		return err
	}
	if f.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", f.Arg(0))
	}
	cfg.NoProbes = *noProbes
	// bad flags are refused before the server is looked for
	if err := cfg.Defaults(); err != nil {
		return err
	}
	if cfg.URL == "" {
		self, err := os.Executable()
		if err != nil {
			return fmt.Errorf("erikti-loadtest: %w", err)
		}
		exe, err := findServer(*server, self)
		if err != nil {
			return err
		}
		fmt.Fprintf(stderr, "the server: %s\n", exe)
		cfg.Serve = func(db string) *exec.Cmd {
			cmd := exec.Command(exe, "serve", "--addr", "127.0.0.1:0", "--db", db) // #nosec G204 -- exe is the erikti binary the operator named (or the one beside this one) and db a database the operator named or a temporary file
			// the server's settings are its flags, not the ERIKTI_* of the load test's environment
			cmd.Env = withoutEriktiSettings(os.Environ())
			return cmd
		}
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

// findServer finds the erikti binary to start: the one named (--erikti), else an erikti beside
// self (as `go build -o DIR/ ./cmd/erikti ./cmd/erikti-loadtest` and `go install ./cmd/...` put
// them, built from the same tree), else erikti on PATH. It never builds one: a load test measures
// the binary that is deployed, and names the one it found.
func findServer(named, self string) (string, error) {
	if named != "" {
		p, err := exec.LookPath(named)
		if err != nil {
			return "", fmt.Errorf("--erikti %s: %w", named, err)
		}
		return filepath.Abs(p)
	}
	beside := filepath.Join(filepath.Dir(self), "erikti")
	if p, err := exec.LookPath(beside); err == nil {
		return p, nil
	}
	if p, err := exec.LookPath("erikti"); err == nil {
		return filepath.Abs(p)
	}
	return "", errors.New("no erikti server binary beside this one or on PATH: build both with `go build -o DIR/ ./cmd/erikti ./cmd/erikti-loadtest`, or name one with --erikti, or give --url and --db of a running server")
}

// withoutEriktiSettings drops the ERIKTI_ variables, which are serve's settings, keeping the rest.
func withoutEriktiSettings(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "ERIKTI_") {
			out = append(out, kv)
		}
	}
	return out
}
