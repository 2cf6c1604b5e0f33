// Package browsertest drives a real, headless Chromium from Go tests, so that the server-rendered
// pages of erikti can be checked as a person meets them: loaded, read, clicked, filled in and
// submitted, walked through with the keyboard alone, looked at on a narrow screen, and checked for
// accessibility with axe-core.
//
// It is used only from the tests of other packages:
//
//	func TestEventsPage(t *testing.T) {
//		srv := httptest.NewServer(handler) // on 127.0.0.1
//		defer srv.Close()
//		b := browsertest.Start(t) // skips when there is no Chromium, see Start
//		tab := b.NewTab(t)
//		tab.Go(srv.URL + "/events")
//		tab.AssertNoViolations(t, "events page")
//	}
//
// Start a Browser once in a top-level test and give each subtest a Tab of its own: starting
// Chromium takes about a second, a Tab a few milliseconds.
//
// The browser can reach 127.0.0.1 and localhost only: every other host name, and every other
// address, fails to resolve (net::ERR_NAME_NOT_RESOLVED), so no page under test can load anything
// from the internet or the local network. Requests records such attempts, so that a test can
// assert that a page asks for nothing from a third party.
//
// Run scripts/setup-browser.sh once to install Chromium (Debian's package) and axe-core (from
// package.json beside this file).
package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Environment variables that Start reads.
const (
	// EnvChromium names the Chromium (or Chrome) binary to use instead of the one Start looks for.
	EnvChromium = "ERIKTI_CHROMIUM"
	// EnvRequireBrowser, when set to anything but the empty string, makes Start fail a test that
	// finds no browser, where it would otherwise skip it. CI sets it.
	EnvRequireBrowser = "ERIKTI_REQUIRE_BROWSER"
)

const (
	// startTimeout bounds how long Start waits for Chromium to start and answer.
	startTimeout = 60 * time.Second
	// closeTimeout bounds how long the cleanup waits for Chromium to close gracefully.
	closeTimeout = 10 * time.Second
	// axePath is where npm puts axe-core, relative to this package's directory.
	axePath = "node_modules/axe-core/axe.min.js"
	// packageDir is this package's directory, relative to the module root.
	packageDir = "internal/browsertest"
)

// hostResolverRules makes every host name but 127.0.0.1 and localhost unresolvable, IP address
// literals included, so that no page can reach beyond loopback.
const hostResolverRules = "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"

// Browser is one headless Chromium process, started by Start and closed when the test that started
// it ends. Its tabs (NewTab) are independent of each other, and it may be shared by parallel
// subtests.
type Browser struct {
	ctx  context.Context // the chromedp context of the browser's first tab
	path string          // the Chromium binary
	axe  string          // the source of axe.min.js
	out  *logBuffer      // what Chromium and chromedp printed, for error messages
}

// Start starts a headless Chromium for the test t and closes it when t ends (t.Cleanup).
//
// It looks for the browser in $ERIKTI_CHROMIUM, then /usr/bin/chromium, then chromium,
// chromium-browser and google-chrome on PATH. With none there it skips t, or fails it when
// $ERIKTI_REQUIRE_BROWSER is set. A set $ERIKTI_CHROMIUM that names no executable fails t.
//
// Chromium runs with a fresh profile under t.TempDir(), without proxy settings from the
// environment, and with a host resolver that knows only 127.0.0.1 and localhost. Start also
// loads axe-core for Tab.Axe, and fails t if scripts/setup-browser.sh has not installed it.
func Start(t testing.TB) *Browser {
	t.Helper()
	path, err := findChromium(os.Getenv, exec.LookPath)
	if err != nil {
		if errors.Is(err, errExplicitChromium) || os.Getenv(EnvRequireBrowser) != "" {
			t.Fatalf("browsertest: no chromium: %v (run scripts/setup-browser.sh)", err)
		}
		t.Skipf("no chromium: %v (run scripts/setup-browser.sh, or set %s=1 to fail instead)", err, EnvRequireBrowser)
	}
	axe, err := loadAxe()
	if err != nil {
		t.Fatalf("browsertest: %v; run scripts/setup-browser.sh to install axe-core", err)
	}

	profile := t.TempDir()
	b := &Browser{path: path, axe: axe, out: &logBuffer{}}
	allocCtx, allocCancel := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("host-resolver-rules", hostResolverRules),
		chromedp.UserDataDir(profile),
		// Proxy variables would send requests to a proxy, past the host resolver rules.
		chromedp.NoInheritEnv,
		chromedp.Env(browserEnv(os.Environ())...),
		chromedp.CombinedOutput(b.out),
	)
	ctx, cancel := chromedp.NewContext(allocCtx,
		chromedp.WithLogf(b.out.printf),
		chromedp.WithErrorf(b.out.printf),
	)
	b.ctx = ctx
	t.Cleanup(func() {
		cctx, ccancel := context.WithTimeout(ctx, closeTimeout)
		defer ccancel()
		_ = chromedp.Cancel(cctx) // a browser that does not close gracefully is killed below
		cancel()
		allocCancel()
	})

	// The first action starts the browser. Its context must live as long as the browser, so the
	// time limit is a timer that cancels it.
	timer := time.AfterFunc(startTimeout, cancel)
	err = chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer in %v", startTimeout)
	}
	if err != nil {
		t.Fatalf("browsertest: starting %s: %v\n%s", path, err, b.out.tail())
	}
	return b
}

// errExplicitChromium is the error of findChromium when $ERIKTI_CHROMIUM names no executable.
var errExplicitChromium = errors.New(EnvChromium + " names no executable")

// findChromium returns the path of the browser to use: $ERIKTI_CHROMIUM, /usr/bin/chromium, or
// the first of chromium, chromium-browser and google-chrome on PATH.
func findChromium(getenv func(string) string, lookPath func(string) (string, error)) (string, error) {
	if p := getenv(EnvChromium); p != "" {
		found, err := lookPath(p)
		if err != nil {
			return "", fmt.Errorf("%w: %q: %w", errExplicitChromium, p, err)
		}
		return found, nil
	}
	names := []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"}
	for _, name := range names {
		if p, err := lookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("none of %s found", strings.Join(names, ", "))
}

// browserEnv returns env without the variables that configure a proxy.
func browserEnv(env []string) []string {
	out := make([]string, 0, len(env))
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch strings.ToLower(name) {
		case "http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy", "socks_proxy", "auto_proxy":
			continue
		}
		out = append(out, kv)
	}
	return out
}

// loadAxe reads axe.min.js from node_modules beside this package's source, found through the
// source file's own path or, failing that (a -trimpath build), by walking up from the working
// directory to the module root.
func loadAxe() (string, error) {
	var tried []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		p := filepath.Join(filepath.Dir(file), axePath)
		if src, err := os.ReadFile(p); err == nil { // #nosec G304 -- a test tool reading axe-core from node_modules paths it builds itself
			return string(src), nil
		}
		tried = append(tried, p)
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				p := filepath.Join(dir, filepath.FromSlash(packageDir), axePath)
				src, err := os.ReadFile(p) // #nosec G304 -- a test tool reading axe-core from node_modules paths it builds itself
				if err == nil {
					return string(src), nil
				}
				tried = append(tried, p)
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	return "", fmt.Errorf("axe-core not found (looked at %s)", strings.Join(tried, ", "))
}

// logBuffer keeps the last part of what Chromium and chromedp print, for error messages.
type logBuffer struct {
	mu  sync.Mutex
	buf []byte
}

// logLimit is how much of the output logBuffer keeps.
const logLimit = 16 << 10

// Write implements io.Writer.
func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf = append(l.buf, p...)
	if over := len(l.buf) - logLimit; over > 0 {
		l.buf = append(l.buf[:0], l.buf[over:]...)
	}
	return len(p), nil
}

// printf writes a formatted line, as chromedp's log funcs do.
func (l *logBuffer) printf(format string, args ...any) {
	_, _ = fmt.Fprintf(l, format+"\n", args...)
}

// tail returns what was kept, for an error message.
func (l *logBuffer) tail() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.buf) == 0 {
		return "(chromium printed nothing)"
	}
	return "chromium printed:\n" + string(l.buf)
}
