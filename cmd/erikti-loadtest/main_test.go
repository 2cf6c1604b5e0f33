package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"erikti/internal/loadtest"
	"erikti/internal/store/storetest"
)

// server is the erikti binary the tests start, built once by the first test that needs it.
var server struct {
	once sync.Once
	dir  string
	path string
	err  error
}

// TestMain removes the erikti binary built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if server.dir != "" {
		os.RemoveAll(server.dir)
	}
	os.Exit(code)
}

// serverBinary builds ./cmd/erikti (go test puts its own go first on PATH) into a temporary
// directory, once, and returns its path.
func serverBinary(t *testing.T) string {
	t.Helper()
	server.once.Do(func() {
		server.dir, server.err = os.MkdirTemp("", "erikti-loadtest-test-")
		if server.err != nil {
			return
		}
		server.path = filepath.Join(server.dir, "erikti")
		out, err := exec.Command("go", "build", "-o", server.path, "erikti/cmd/erikti").CombinedOutput()
		if err != nil {
			server.err = fmt.Errorf("go build erikti/cmd/erikti: %w\n%s", err, out)
		}
	})
	if server.err != nil {
		t.Fatal(server.err)
	}
	return server.path
}

// runLoadTest runs `erikti-loadtest --json args…`, starting the erikti built by serverBinary
// unless args hold --url, and returns its report.
func runLoadTest(t *testing.T, args ...string) *loadtest.Report {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(context.Background(), append([]string{"--json", "--erikti", serverBinary(t)}, args...), &out, &errs)
	var rep loadtest.Report
	if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
		t.Fatalf("loadtest %v: %v; its report is not JSON (%v):\n%s\n%s", args, err, jerr, out.String(), errs.String())
	}
	if err != nil || !rep.OK || len(rep.Violations) > 0 {
		t.Fatalf("loadtest %v: %v\nviolations: %v\nprobes: %+v\n%s", args, err, rep.Violations, rep.Probes, errs.String())
	}
	return &rep
}

// startServer runs the built erikti as `erikti serve --db db` on a free loopback port until the
// test ends, and returns its base URL once /healthz answers.
func startServer(t *testing.T, db string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var logs bytes.Buffer
	cmd := exec.Command(serverBinary(t), "serve", "--addr", addr, "--db", db)
	cmd.Env = withoutEriktiSettings(os.Environ())
	cmd.Stdout, cmd.Stderr = io.Discard, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); <-done })
	base := "http://" + addr
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return base
			}
		}
		select {
		case err := <-done:
			done <- err
			t.Fatalf("serve stopped: %v\n%s", err, logs.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not answer /healthz within a minute:\n%s", logs.String())
	return ""
}

// counts reads the signups of every shift by status, straight from the database.
func counts(t *testing.T, dsn string) map[string]int {
	t.Helper()
	rows, err := storetest.Raw(t, dsn).Query(`SELECT status, COUNT(*) FROM signups GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var status string
		var n int
		if err := rows.Scan(&status, &n); err != nil {
			t.Fatal(err)
		}
		out[status] = n
	}
	return out
}

// The flash crowd, small, against a real `erikti serve` (the erikti binary, a child process) on
// SQLite and on PostgreSQL: 600 volunteers for 450 places from 32 clients. Every request is
// answered 2xx; exactly 450 are confirmed and 150 wait in positions 1..150, each answer its row;
// the bad requests after it — a shift that does not exist, one that has started, one full and
// started, tokens that are not valid, clients gone mid-request — get their 4xx (or nothing) and
// change nothing, and no place is lost to them. Timings are printed, not asserted.
func TestLoadTestFlashCrowdKeepsEveryPromise(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			rep := runLoadTest(t, "--db", dsn, "-n", "600", "--capacity", "450", "-k", "32")
			t.Logf("bare %.0f/s, erikti %.0f/s (%.3f×), p99 %.1f ms, server peak RSS %.1f MB",
				rep.Bare.Rate, rep.Signups.Rate, rep.Ratio, rep.Signups.P99, rep.Memory.PeakRSSMB)
			if rep.Database != engine || rep.Signups.Requests != 600 || rep.Signups.Errors != 0 || rep.Bare.Requests != 600 || rep.Bare.Errors != 0 {
				t.Fatalf("requests: %+v, bare %+v", rep.Signups, rep.Bare)
			}
			o := rep.Outcome
			if o.Confirmed != 450 || o.Waitlisted != 150 || o.Answered != 600 || o.Refused != 0 || o.InFlight != 0 || o.Overbooked != 0 || o.Full != 1 {
				t.Fatalf("outcome: %+v", o)
			}
			if !rep.Memory.Known || rep.Memory.PeakRSSMB <= 0 {
				t.Fatalf("the server's memory is not known: %+v", rep.Memory)
			}
			want := map[string]string{
				"a shift that does not exist":              "404",
				"a shift that has started":                 "409",
				"a shift that is full and has started":     "409",
				"a token that is not valid (made up)":      "401",
				"a token that is not valid (never issued)": "401",
				"no token":                           "401",
				"a client that disconnects mid-body": "as wanted",
				"a client that disconnects before the answer, then retries": "as wanted",
				"no place lost to a refused request":                        "as wanted",
			}
			for _, p := range rep.Probes {
				if !p.OK || want[p.Name] != p.Got {
					t.Errorf("probe %q: got %s, want %s (%s)", p.Name, p.Got, want[p.Name], p.Detail)
				}
				delete(want, p.Name)
			}
			if len(want) > 0 {
				t.Errorf("probes not run: %v", want)
			}
			// the same 600 signups made through the store straight, for a shift of their own
			if d := rep.Direct; d == nil || d.Requests != 600 || d.Errors != 0 || rep.DirectRatio <= 0 {
				t.Fatalf("the direct baseline: %+v", d)
			}
			// the database itself: the crowd's 450 + 150, the direct baseline's 450 + 150, the full
			// shift's one place, and the shift of 8 places the probes filled (3 who retried, 5 after
			// them, 1 waiting)
			if c := counts(t, dsn); c["confirmed"] != 2*450+1+8 || c["waitlisted"] != 2*150+1 || c["cancelled"] != 0 {
				t.Fatalf("signups in the database: %v", c)
			}
		})
	}
}

// Signups spread over shifts of three sizes (some fill and wait, some fill exactly, some keep
// places), and reads of the programme and the event beside the flash crowd, hold the same
// invariants shift by shift.
func TestLoadTestSpreadAndBrowse(t *testing.T) {
	rep := runLoadTest(t, "--scenario", "spread", "-n", "600", "--shifts", "20", "--capacity", "30", "-k", "16", "--no-probes")
	// 30 volunteers a shift; places 15, 30 or 45 by turns: 7 shifts of 15 and 7 of 30 fill
	if o := rep.Outcome; o.Shifts != 20 || o.Full != 14 || o.Confirmed != 7*15+7*30+6*30 || o.Waitlisted != 7*15 || o.Answered != 600 || rep.Signups.Errors != 0 {
		t.Fatalf("spread outcome: %+v, errors %d", o, rep.Signups.Errors)
	}
	rep = runLoadTest(t, "--scenario", "browse", "-n", "300", "--capacity", "100", "-k", "8", "--readers", "4", "--duration", "1s", "--no-probes")
	if o := rep.Outcome; o.Confirmed != 100 || o.Waitlisted != 200 || rep.Signups.Errors != 0 {
		t.Fatalf("browse outcome: %+v", o)
	}
	if rep.Reads == nil || rep.Reads.Requests == 0 || rep.Reads.Errors != 0 || rep.BareReads == nil || rep.BareReads.Requests == 0 || len(rep.ReadPaths) != 4 {
		t.Fatalf("reads: %+v, bare %+v, paths %v", rep.Reads, rep.BareReads, rep.ReadPaths)
	}
	for p, st := range rep.ReadPaths {
		if st.Statuses["200"] != st.Requests {
			t.Fatalf("reads of %s: %v", p, st.Statuses)
		}
	}
}

// Flags that make no run are refused, naming the flag, before anything is written.
func TestLoadTestRefusesBadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--scenario", "stampede"}, "--scenario"},
		{[]string{"-n", "-5"}, "-n"},
		{[]string{"-k", "-1"}, "-k"},
		{[]string{"--url", "http://127.0.0.1:1"}, "--url needs --db"},
		{[]string{"--scenario", "spread", "-n", "10", "--shifts", "20"}, "--shifts"},
	} {
		err := run(context.Background(), c.args, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("loadtest %v: %v, want an error naming %s", c.args, err, c.want)
		}
	}
}

// With --url the load test measures a server already running and checks the outcome in the
// database --db names, the server's; the server's memory is not its to read.
func TestLoadTestAgainstARunningServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "erikti.db")
	base := startServer(t, db)
	rep := runLoadTest(t, "--url", base, "--db", db, "-n", "200", "--capacity", "50", "-k", "8")
	if o := rep.Outcome; o.Confirmed != 50 || o.Waitlisted != 150 || o.Answered != 200 || rep.Signups.Errors != 0 || rep.Memory.Known {
		t.Fatalf("outcome: %+v, errors %d, memory %+v", o, rep.Signups.Errors, rep.Memory)
	}
	for _, p := range rep.Probes {
		if !p.OK {
			t.Errorf("probe %q: %s (%s)", p.Name, p.Got, p.Detail)
		}
	}
}

// Crash safety, the short form of scripts/crash.sh: the flash crowd (1,500 volunteers for 450
// places, 64 clients) while the server — the erikti binary as `erikti serve`, a child process — is
// killed with SIGKILL three times in the middle of it and started again on the same database.
// A signup that got no answer is sent again with the same Idempotency-Key. Afterwards every
// signup answered before a kill is stored with the status and the place in line it was answered,
// a retried one that had been stored was answered from its key (never booked twice), the shift
// holds exactly 450 confirmed and 1,050 waiting, and SQLite's integrity check is clean.
func TestLoadTestCrashKeepsEveryAcknowledgedSignup(t *testing.T) {
	for _, engine := range storetest.Engines() {
		t.Run(engine, func(t *testing.T) {
			dsn := storetest.DSN(t, engine)
			rep := runLoadTest(t, "--scenario", "crash", "--db", dsn, "-n", "1500", "--capacity", "450", "-k", "64", "--kills", "3")
			if len(rep.Lives) != 4 {
				t.Fatalf("%d lives of the server, want 4: %+v", len(rep.Lives), rep.Lives)
			}
			answered := 0
			for i, l := range rep.Lives {
				t.Logf("life %d: up in %.2f s, %d sent, %d answered (%d replayed), %d without an answer, killed %v",
					i+1, l.StartSeconds, l.Sent, l.Answered, l.Replayed, l.NoAnswer, l.Killed)
				answered += l.Answered
				if killed := i < 3; l.Killed != killed || (killed && (l.Answered == 0 || l.NoAnswer == 0)) {
					t.Errorf("life %d: killed %v with %d answered and %d without an answer; want a kill in the middle of the crowd", i+1, l.Killed, l.Answered, l.NoAnswer)
				}
			}
			if last := rep.Lives[3]; last.NoAnswer != 0 || answered != 1500 {
				t.Fatalf("%d answered in all, %d left without an answer at the end", answered, last.NoAnswer)
			}
			if engine == "sqlite" && rep.Integrity != "ok" {
				t.Fatalf("integrity check: %s", rep.Integrity)
			}
			if got := counts(t, dsn); got["confirmed"] != 450 || got["waitlisted"] != 1050 || len(got) != 2 {
				t.Fatalf("stored: %v", got)
			}
		})
	}
}

// The server to start is the one --erikti names, else the erikti beside this executable (as
// `go build -o DIR/ ./cmd/erikti ./cmd/erikti-loadtest` puts it), else erikti on PATH; without any,
// the refusal says how to build one. Nothing is built behind the operator's back.
func TestLoadTestFindsTheServerBinary(t *testing.T) {
	dir, elsewhere, onPath := t.TempDir(), t.TempDir(), t.TempDir()
	self := filepath.Join(dir, "erikti-loadtest")
	exe := func(p string) string {
		t.Helper()
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o700); err != nil { // #nosec G306 -- an executable stand-in in a test directory
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("PATH", onPath)
	if _, err := findServer("", self); err == nil || !strings.Contains(err.Error(), "go build -o DIR/ ./cmd/erikti ./cmd/erikti-loadtest") {
		t.Fatalf("no server anywhere: %v, want the way to build one", err)
	}
	// the run refuses before it prepares anything
	if err := run(context.Background(), []string{"-n", "10"}, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), "--erikti") {
		t.Fatalf("a run without a server: %v, want a refusal naming --erikti", err)
	}
	exe(filepath.Join(onPath, "erikti"))
	if got, err := findServer("", self); err != nil || got != filepath.Join(onPath, "erikti") {
		t.Fatalf("on PATH: %q, %v", got, err)
	}
	beside := exe(filepath.Join(dir, "erikti"))
	if got, err := findServer("", self); err != nil || got != beside {
		t.Fatalf("beside: %q, %v; want %s before PATH", got, err, beside)
	}
	named := exe(filepath.Join(elsewhere, "my-erikti"))
	if got, err := findServer(named, self); err != nil || got != named {
		t.Fatalf("named: %q, %v; want %s first", got, err, named)
	}
	if _, err := findServer(filepath.Join(elsewhere, "missing"), self); err == nil || !strings.Contains(err.Error(), "--erikti") || !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a named binary that does not exist: %v, want an error naming --erikti", err)
	}
}
