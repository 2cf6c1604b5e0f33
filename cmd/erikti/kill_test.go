package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"erikti/internal/mail/mailtest"
	"erikti/internal/store"
)

// TestMain lets a test run erikti as a process of its own: the test binary, started again with
// ERIKTI_TEST_CHILD=1, is erikti, its arguments erikti's. That process can then be killed for real.
func TestMain(m *testing.M) {
	if os.Getenv("ERIKTI_TEST_CHILD") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "erikti:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// A node killed (SIGKILL) while sending a mail loses nothing: the job it held is claimed by the
// next node once its lease runs out, and the mail arrives, once.
func TestAWorkerKilledMidJobLosesNothing(t *testing.T) {
	db := filepath.Join(t.TempDir(), "erikti.db")
	stalled := mailtest.Start(t, mailtest.Config{Stall: true}) // takes the mail's DATA and never answers
	good := mailtest.Start(t, mailtest.Config{})
	addr := freeAddr(t)
	child := exec.Command(os.Args[0], "serve", "--addr", addr, "--db", db, "--smtp-host", "127.0.0.1",
		"--smtp-port", strconv.Itoa(stalled.Port), "--smtp-tls", "none", "--job-lease", "2s")
	child.Env = append(os.Environ(), "ERIKTI_TEST_CHILD=1")
	out := newServingWatch()
	child.Stdout = out
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { child.Process.Kill(); child.Wait() })
	select {
	case <-out.serving:
	case <-time.After(time.Minute):
		t.Fatalf("erikti did not start serving within a minute:\n%s", out)
	}
	mustBeHealthy(t, "http://"+addr)
	body := `{"email":"killed@example.kz","password":"Ақ жол 2026!","name":"Ербол","birth_date":"2000-02-02","locale":"kk","accept_privacy_policy":true}`
	resp, err := http.Post("http://"+addr+"/api/v1/auth/register", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("register: %d", resp.StatusCode)
	}
	stalled.WaitStalled(t, 20*time.Second) // the worker is in the middle of sending
	if err := child.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	child.Wait()

	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	running, err := st.Jobs(context.Background(), store.JobRunning, 10)
	st.Close()
	if err != nil || len(running) != 1 || running[0].Attempts != 1 {
		t.Fatalf("after the kill, the job in hand: %+v %v", running, err)
	}

	_, stop := start(t, env(map[string]string{"ERIKTI_SMTP_HOST": "127.0.0.1", "ERIKTI_SMTP_PORT": strconv.Itoa(good.Port),
		"ERIKTI_SMTP_TLS": "none", "ERIKTI_JOB_LEASE": "2s"}), "--db", db)
	got := good.Wait(t, 1, 30*time.Second)
	// stopped, erikti has finished the job in hand and sends no more; and it left no job to send
	// again (one whose lease ran out before it was done, or that it handed back): a second mail
	// can come neither now nor later
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := len(good.Messages()); n != 1 || got[0].To[0] != "killed@example.kz" {
		t.Fatalf("%d messages after the restart: %+v", n, got)
	}
	if left := jobsNotDone(t, db); len(left) != 0 {
		t.Fatalf("jobs left to run after the restart: %+v", left)
	}
}

// jobsNotDone lists the jobs of the database at dsn that are not done.
func jobsNotDone(t *testing.T, dsn string) []store.Job {
	t.Helper()
	st, err := store.Open(context.Background(), dsn, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var left []store.Job
	for _, state := range []string{store.JobPending, store.JobRunning, store.JobParked} {
		jobs, err := st.Jobs(context.Background(), state, 10)
		if err != nil {
			t.Fatal(err)
		}
		left = append(left, jobs...)
	}
	return left
}
