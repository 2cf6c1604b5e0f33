package loadtest

import (
	"bufio"
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
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// bare is the baseline: a net/http server on loopback answering a small JSON, in this process.
type bare struct {
	url string
	srv *http.Server
}

// bareSignup is about the size of erikti's answer to a signup.
var bareSignup = []byte(`{"id":1,"shift_id":1,"event_id":1,"status":"waitlisted","waitlist_position":1,"created_at":"2026-12-01T10:00:00+05:00"}` + "\n")

func startBare() (*bare, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("loadtest: bare handler: %w", err)
	}
	srv := &http.Server{ReadHeaderTimeout: 5 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		w.Write(bareSignup)
	})}
	go srv.Serve(ln)
	return &bare{url: "http://" + ln.Addr().String(), srv: srv}, nil
}

func (b *bare) stop() { b.srv.Close() }

// runBare sends the scenario's requests to the bare handler: as many signups from as many
// clients, and in browse as many reads as there are signups times the readers' share.
func runBare(ctx context.Context, cfg Config, base string, fx *fixture) (Stats, *Stats) {
	c := newClient(base, cfg.Clients)
	defer c.close()
	warm(ctx, c, cfg.Clients)
	p := hammer(ctx, c, cfg.Clients, counter(len(fx.load)), func(i int) (call, string) {
		return signupCall(fx.shiftOf(i), fx.load[i].token, "bare-"+strconv.Itoa(i)), ""
	}, true)
	signups := summarize(p.samples, p.seconds)
	if cfg.Scenario != Browse {
		return signups, nil
	}
	readers := newClient(base, cfg.Readers)
	defer readers.close()
	warm(ctx, readers, cfg.Readers)
	deadline := time.Now().Add(min(cfg.Duration, 5*time.Second))
	var n int
	var mu sync.Mutex
	r := hammer(ctx, readers, cfg.Readers, func() (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		n++
		return n - 1, time.Now().Before(deadline)
	}, readCall(readPaths(fx.hotEvent)), false)
	reads := summarize(r.samples, r.seconds)
	return signups, &reads
}

// child is `erikti serve` running as a process of its own, so that its memory is its own.
type child struct {
	cmd    *exec.Cmd
	base   string
	done   chan error
	stderr *tailBuffer

	mu           sync.Mutex
	maxRSS       int64 // the highest VmRSS sampled, in KiB
	stopSampling chan struct{}
	sampled      chan struct{}
}

// startChild starts cmd (erikti serve on 127.0.0.1:0), reads the address it listens on from its
// log, waits for /readyz and starts sampling its memory.
func startChild(ctx context.Context, cmd *exec.Cmd) (*child, error) {
	c := &child{cmd: cmd, done: make(chan error, 1), stderr: &tailBuffer{max: 8 << 10},
		stopSampling: make(chan struct{}), sampled: make(chan struct{})}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("loadtest: serve: %w", err)
	}
	cmd.Stderr = c.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("loadtest: start serve: %w", err)
	}
	addr := make(chan string, 1)
	go func() {
		rd := bufio.NewReader(out)
		for {
			line, err := rd.ReadBytes('\n')
			var entry struct{ Msg, Addr string }
			if json.Unmarshal(line, &entry) == nil && entry.Msg == "erikti serving" {
				addr <- entry.Addr
				break
			}
			if err != nil {
				close(addr)
				return
			}
		}
		io.Copy(io.Discard, rd) // the log goes on (the mails among it); it is read so that serve never blocks on it
	}()
	go func() { c.done <- cmd.Wait() }()
	select {
	case a, ok := <-addr:
		if !ok {
			err := <-c.done
			return nil, fmt.Errorf("loadtest: serve stopped before listening (%v): %s", err, c.stderr.String())
		}
		c.base = "http://" + a
	case <-time.After(2 * time.Minute):
		c.kill()
		return nil, fmt.Errorf("loadtest: serve did not listen within two minutes: %s", c.stderr.String())
	case <-ctx.Done():
		c.kill()
		return nil, ctx.Err()
	}
	if err := waitReady(ctx, c.base, c.done); err != nil {
		c.kill()
		return nil, fmt.Errorf("%w: %s", err, c.stderr.String())
	}
	go c.sample()
	return c, nil
}

func (c *child) pid() int { return c.cmd.Process.Pid }

// waitReady waits until base answers /readyz with 200.
func waitReady(ctx context.Context, base string, done <-chan error) error {
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, base+"/readyz", nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-done:
			return fmt.Errorf("loadtest: serve stopped: %v", err)
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return fmt.Errorf("loadtest: %s/readyz did not answer 200 within a minute", base)
}

// sample reads the child's resident set every 20 ms until told to stop.
func (c *child) sample() {
	defer close(c.sampled)
	t := time.NewTicker(20 * time.Millisecond)
	defer t.Stop()
	for {
		if rss, _, err := procMemory(c.pid()); err == nil {
			c.mu.Lock()
			c.maxRSS = max(c.maxRSS, rss)
			c.mu.Unlock()
		}
		select {
		case <-c.stopSampling:
			return
		case <-t.C:
		}
	}
}

// Memory is the server's memory over the run, from /proc/<pid>/status.
type Memory struct {
	PeakRSSMB    float64 `json:"peak_rss_mb"`    // VmHWM: the resident set's high-water mark since the server started
	MaxSampledMB float64 `json:"max_sampled_mb"` // the highest VmRSS sampled every 20 ms
	Known        bool    `json:"known"`
}

// memory stops the sampling and reads the high-water mark.
func (c *child) memory() Memory {
	close(c.stopSampling)
	<-c.sampled
	_, hwm, err := procMemory(c.pid())
	if err != nil {
		return Memory{}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return Memory{PeakRSSMB: float64(hwm) / 1024, MaxSampledMB: float64(c.maxRSS) / 1024, Known: true}
}

// procMemory reads VmRSS and VmHWM (KiB) of pid.
func procMemory(pid int) (rss, hwm int64, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		f := strings.Fields(val)
		if len(f) == 0 {
			continue
		}
		n, _ := strconv.ParseInt(f[0], 10, 64)
		switch name {
		case "VmRSS":
			rss = n
		case "VmHWM":
			hwm = n
		}
	}
	if hwm == 0 {
		return 0, 0, errors.New("no VmHWM")
	}
	return rss, hwm, nil
}

// stop asks the server to drain and stop (SIGTERM) and waits for it.
func (c *child) stop() error {
	if err := c.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-c.done:
		c.done <- err
		if err != nil {
			return fmt.Errorf("%v: %s", err, c.stderr.String())
		}
		return nil
	case <-time.After(time.Minute):
		c.kill()
		return errors.New("serve did not stop within a minute of SIGTERM")
	}
}

// kill ends the server at once, if it still runs.
func (c *child) kill() { c.cmd.Process.Kill() } // after the process ended, an error that says so

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf.Write(p)
	if over := t.buf.Len() - t.max; over > 0 {
		t.buf.Next(over)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.TrimSpace(t.buf.String())
}
