package browsertest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DefaultTimeout is how long one action of a Tab may take before it fails the test.
const DefaultTimeout = 15 * time.Second

// Tab is one page in a browser context of its own: it shares no cookies, storage or cache with any
// other Tab. It belongs to the test given to NewTab: its methods fail that test (t.Fatal) with a
// clear message when an action goes wrong or takes longer than DefaultTimeout, so use a Tab from
// the goroutine of its own test only.
//
// A Tab records the URL of every request its pages make (Requests) and every console error,
// uncaught exception and browser error such as a failed load or a blocked script (Errors).
type Tab struct {
	t       testing.TB
	b       *Browser
	ctx     context.Context
	timeout time.Duration

	mu       sync.Mutex
	requests []string
	errors   []string
	status   int64
}

// NewTab opens a Tab in a fresh browser context, closed when t ends.
func (b *Browser) NewTab(t testing.TB) *Tab {
	t.Helper()
	tab := &Tab{t: t, b: b, timeout: DefaultTimeout}
	ctx, cancel := chromedp.NewContext(b.ctx,
		chromedp.WithNewBrowserContext(),
		// A listener given here sees every event of the tab, in order, before the reply to the
		// command that follows it: what a page did is recorded when the action that made it
		// do so returns.
		chromedp.WithListener(tab.record),
	)
	tab.ctx = ctx
	t.Cleanup(cancel)

	// The first action opens the tab, and its context must live as long as the tab.
	timer := time.AfterFunc(tab.timeout, cancel)
	err := chromedp.Do(ctx)
	if !timer.Stop() {
		err = fmt.Errorf("no answer in %v", tab.timeout)
	}
	if err != nil {
		t.Fatalf("browsertest: opening a tab: %v\n%s", err, b.out.tail())
	}
	return tab
}

// record keeps what Requests and Errors report. It runs in the loop that reads the tab's messages,
// so it only appends.
func (tb *Tab) record(ev any) {
	var req, msg string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		if ev.Request != nil {
			req = ev.Request.URL
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			msg = "console." + string(ev.Type) + ": " + consoleArgs(ev.Args) + stackPlace(ev.StackTrace)
		}
	case *runtime.EventExceptionThrown:
		msg = "exception: " + exceptionText(ev.ExceptionDetails)
	case *log.EventEntryAdded:
		if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
			msg = string(e.Source) + ": " + e.Text
			if e.URL != "" {
				msg += " (" + e.URL + ")"
			}
		}
	}
	if req == "" && msg == "" {
		return
	}
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if req != "" {
		tb.requests = append(tb.requests, req)
	}
	if msg != "" {
		tb.errors = append(tb.errors, msg)
	}
}

// consoleArgs formats the arguments of a console call roughly as the DevTools console does.
func consoleArgs(args []*runtime.RemoteObject) string {
	parts := make([]string, 0, len(args))
	for _, a := range args {
		var s string
		switch {
		case a.Type == runtime.RemoteObjectTypeString && len(a.Value) > 0:
			if err := json.Unmarshal(a.Value, &s); err != nil {
				s = string(a.Value)
			}
		case len(a.Value) > 0:
			s = string(a.Value)
		case a.Description != "":
			s = a.Description
		default:
			s = string(a.Type)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// exceptionText formats an uncaught exception with where it was thrown.
func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		// The description is the error and its stack; its first line is enough here.
		desc, _, _ := strings.Cut(d.Exception.Description, "\n")
		s += " " + desc
	}
	if d.URL != "" {
		s += fmt.Sprintf(" (%s:%d)", d.URL, d.LineNumber+1)
	}
	return s
}

// stackPlace returns " (url:line)" for the top of a stack trace, or "".
func stackPlace(st *runtime.StackTrace) string {
	if st == nil || len(st.CallFrames) == 0 || st.CallFrames[0].URL == "" {
		return ""
	}
	f := st.CallFrames[0]
	return fmt.Sprintf(" (%s:%d)", f.URL, f.LineNumber+1)
}

// run runs one action with the tab's time limit, failing the test on error.
func run[T any](tb *Tab, what string, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tb.timeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("%w (after %v)", err, tb.timeout)
		}
		tb.t.Fatalf("browsertest: %s: %v", what, err)
	}
	return v
}

// eval evaluates js in the page and decodes its JSON result into a T. A promise is awaited.
func eval[T any](tb *Tab, what, js string) T {
	tb.t.Helper()
	raw := run(tb, what, chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	var v T
	if len(raw) == 0 {
		return v
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.t.Fatalf("browsertest: %s: decoding %s: %v", what, truncate(string(raw), 200), err)
	}
	return v
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// navigate runs trigger and waits until the page that it navigates to has loaded, recording the
// HTTP status of its document.
func (tb *Tab) navigate(what string, trigger chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, tb.timeout)
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, trigger)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no page loaded in %v (did the action navigate at all?): %w", tb.timeout, err)
		}
		tb.t.Fatalf("browsertest: %s: %v", what, err)
	}
	tb.setStatus(resp)
}

// setStatus records the HTTP status of the document that a navigation loaded.
func (tb *Tab) setStatus(resp *network.Response) {
	var status int64
	if resp != nil {
		status = resp.Status
	}
	tb.mu.Lock()
	tb.status = status
	tb.mu.Unlock()
}

// Go navigates to url and waits until the page has loaded (its load event).
func (tb *Tab) Go(url string) {
	tb.t.Helper()
	resp := run(tb, "going to "+url, chromedp.NavigateResponse(url))
	tb.setStatus(resp)
}

// Status returns the HTTP status code of the document that the last navigation that the Tab waited
// for (Go, Submit, PressAndWait, WaitNav) loaded, or 0 if it had none (such as a fragment link).
func (tb *Tab) Status() int {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return int(tb.status)
}

// WaitNav runs fn, which must make the page navigate (click a link, press Enter on a submit
// button, ...), and waits until the new page has loaded. For example:
//
//	tab.WaitNav(func() { tab.Click("a.next") })
func (tb *Tab) WaitNav(fn func()) {
	tb.t.Helper()
	tb.navigate("waiting for a navigation", chromedp.Func(func(context.Context, *chromedp.Target) error {
		fn()
		return nil
	}))
}

// URL returns the address of the current page.
func (tb *Tab) URL() string {
	tb.t.Helper()
	return run(tb, "reading the URL", chromedp.Location())
}

// Title returns the title of the current page.
func (tb *Tab) Title() string {
	tb.t.Helper()
	return run(tb, "reading the title", chromedp.Title())
}

// HTML returns the outerHTML of the document element of the current page.
func (tb *Tab) HTML() string {
	tb.t.Helper()
	return eval[string](tb, "reading the HTML", `document.documentElement.outerHTML`)
}

// Exists reports whether an element matches the CSS selector now. It does not wait.
func (tb *Tab) Exists(selector string) bool {
	tb.t.Helper()
	return eval[bool](tb, fmt.Sprintf("looking for %q", selector),
		fmt.Sprintf(`document.querySelector(%s) !== null`, jsString(selector)))
}

// Text returns the innerText (the text as rendered) of the first element that matches the CSS
// selector, failing the test when none does.
func (tb *Tab) Text(selector string) string {
	tb.t.Helper()
	res := eval[*string](tb, fmt.Sprintf("reading the text of %q", selector),
		fmt.Sprintf(`(() => { const el = document.querySelector(%s); return el ? el.innerText : null })()`, jsString(selector)))
	if res == nil {
		tb.t.Fatalf("browsertest: reading the text of %q: no element matches it on %s", selector, tb.URL())
	}
	return *res
}

// mustExist fails the test at once when nothing matches selector, rather than after the time limit
// that a chromedp query would wait.
func (tb *Tab) mustExist(what, selector string) {
	tb.t.Helper()
	if !tb.Exists(selector) {
		tb.t.Fatalf("browsertest: %s: no element matches %q on %s", what, selector, tb.URL())
	}
}

// Click clicks the centre of the first element that matches the CSS selector with the mouse,
// scrolling it into view first. It does not wait for a navigation that the click starts: use
// Submit, or WaitNav(func() { tab.Click(...) }), for that.
func (tb *Tab) Click(selector string) {
	tb.t.Helper()
	what := fmt.Sprintf("clicking %q", selector)
	tb.mustExist(what, selector)
	run(tb, what+" (waiting for it to be visible)", chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// Fill focuses the input or textarea that matches the CSS selector, clears it, and types value
// into it with real key events. A "\n" in value presses Enter. Use Select for a <select>.
func (tb *Tab) Fill(selector, value string) {
	tb.t.Helper()
	what := fmt.Sprintf("filling %q", selector)
	problem := eval[string](tb, what, fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		if (!el) return 'no element matches it';
		const tag = el.tagName.toLowerCase();
		if (tag !== 'input' && tag !== 'textarea' && !el.isContentEditable) return 'it is a <' + tag + '>, not an input or textarea';
		if (el.disabled || el.readOnly) return 'it is disabled or read-only';
		el.scrollIntoView({block: 'center'});
		el.focus();
		if (document.activeElement !== el) return 'it cannot take the focus';
		if (el.isContentEditable) { el.textContent = '' } else { el.value = '' }
		el.dispatchEvent(new Event('input', {bubbles: true}));
		return '';
	})()`, jsString(selector)))
	if problem != "" {
		tb.t.Fatalf("browsertest: %s: %s", what, problem)
	}
	run(tb, what, chromedp.KeyEvent(value))
}

// Select chooses, in the <select> that matches the CSS selector, the option whose value (or, when
// none has that value, whose text) is value, and fires the input and change events.
func (tb *Tab) Select(selector, value string) {
	tb.t.Helper()
	what := fmt.Sprintf("selecting %q in %q", value, selector)
	problem := eval[string](tb, what, fmt.Sprintf(`(() => {
		const el = document.querySelector(%s), want = %s;
		if (!el) return 'no element matches it';
		if (el.tagName !== 'SELECT') return 'it is a <' + el.tagName.toLowerCase() + '>, not a <select>';
		const opts = Array.from(el.options);
		const opt = opts.find(o => o.value === want) || opts.find(o => o.text.trim() === want);
		if (!opt) return 'it has no such option (it has: ' + opts.map(o => JSON.stringify(o.value)).join(', ') + ')';
		el.focus();
		el.value = opt.value;
		el.dispatchEvent(new Event('input', {bubbles: true}));
		el.dispatchEvent(new Event('change', {bubbles: true}));
		return '';
	})()`, jsString(selector), jsString(value)))
	if problem != "" {
		tb.t.Fatalf("browsertest: %s: %s", what, problem)
	}
}

// Check makes sure that the checkbox or radio button that matches the CSS selector is checked,
// clicking it if it is not.
func (tb *Tab) Check(selector string) {
	tb.t.Helper()
	what := fmt.Sprintf("checking %q", selector)
	state := eval[string](tb, what, fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		if (!el) return 'no element matches it';
		if (el.tagName !== 'INPUT' || (el.type !== 'checkbox' && el.type !== 'radio')) return 'it is not a checkbox or radio button';
		return el.checked ? 'checked' : 'unchecked';
	})()`, jsString(selector)))
	switch state {
	case "checked":
		return
	case "unchecked":
	default:
		tb.t.Fatalf("browsertest: %s: %s", what, state)
	}
	tb.Click(selector)
	if !eval[bool](tb, what, fmt.Sprintf(`document.querySelector(%s).checked`, jsString(selector))) {
		tb.t.Fatalf("browsertest: %s: still unchecked after a click (is it hidden behind something?)", what)
	}
}

// Submit clicks the (submit) button that matches the CSS selector and waits until the page that
// the form leads to has loaded.
func (tb *Tab) Submit(selector string) {
	tb.t.Helper()
	what := fmt.Sprintf("submitting with %q", selector)
	tb.mustExist(what, selector)
	tb.navigate(what, chromedp.Click(chromedp.CSS(selector), chromedp.NodeVisible))
}

// SetViewport emulates a screen of width×height CSS pixels with the device scale factor scale,
// as a desktop browser (not a mobile one: the layout viewport is width wide, whatever the
// page's meta viewport says). Zooming a desktop browser to 200% halves its CSS viewport, so a
// 1280×800 window at 200% is SetViewport(640, 400, 2); a phone is SetViewport(360, 800, 1) or
// (360, 800, 3).
func (tb *Tab) SetViewport(width, height int, scale float64) {
	tb.t.Helper()
	run(tb, fmt.Sprintf("setting the viewport to %dx%d@%v", width, height, scale),
		chromedp.EmulateViewport(int64(width), int64(height), chromedp.EmulateScale(scale)))
}

// ScrollWidth returns document.documentElement.scrollWidth: the width of the page's content. A
// value above ClientWidth means that the page scrolls sideways.
func (tb *Tab) ScrollWidth() int {
	tb.t.Helper()
	return eval[int](tb, "reading the scroll width", `document.documentElement.scrollWidth`)
}

// ClientWidth returns document.documentElement.clientWidth: the width of the viewport without a
// vertical scroll bar.
func (tb *Tab) ClientWidth() int {
	tb.t.Helper()
	return eval[int](tb, "reading the client width", `document.documentElement.clientWidth`)
}

// Eval evaluates the JavaScript expression js in the page, awaits it if it is a promise, and
// decodes its value, as JSON, into out (a pointer; nil ignores the value). The page's Content
// Security Policy does not apply to js.
func (tb *Tab) Eval(js string, out any) {
	tb.t.Helper()
	raw := run(tb, "evaluating "+truncate(js, 80), chromedp.Evaluate[[]byte](js, chromedp.EvalAwaitPromise))
	if out == nil || len(raw) == 0 {
		return
	}
	if err := json.Unmarshal(raw, out); err != nil {
		tb.t.Fatalf("browsertest: evaluating %s: decoding %s: %v", truncate(js, 80), truncate(string(raw), 200), err)
	}
}

// Requests returns the URL of every request that the Tab's pages have made since the Tab opened,
// in order (across navigations), including the ones that failed, such as those to hosts other than
// 127.0.0.1 and localhost. Compare lengths before and after an action, or use a new Tab, to see
// the requests of one page.
func (tb *Tab) Requests() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.requests...)
}

// Errors returns, in order, the console errors (console.error, failed console.assert), the
// uncaught exceptions and unhandled rejections, and the browser's own errors (a resource that
// failed to load, a script or style that the Content Security Policy blocked, ...) of the Tab's
// pages since the Tab opened. Chromium asks for /favicon.ico after a page has loaded, at a moment
// of its own: a site without one gets a 404 error here now and then.
func (tb *Tab) Errors() []string {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	return append([]string(nil), tb.errors...)
}

// Screenshot writes a PNG of the whole page, beyond the viewport too, to path.
func (tb *Tab) Screenshot(path string) {
	tb.t.Helper()
	tb.writeShot(path, run(tb, "taking a screenshot", chromedp.FullScreenshot(100)))
}

// ScreenshotScreen writes a PNG of what the viewport shows (a phone's first screen), to path.
func (tb *Tab) ScreenshotScreen(path string) {
	tb.t.Helper()
	tb.writeShot(path, run(tb, "taking a screenshot", chromedp.CaptureScreenshot()))
}

func (tb *Tab) writeShot(path string, png []byte) {
	tb.t.Helper()
	if err := os.WriteFile(path, png, 0o644); err != nil { // #nosec G306 -- a screenshot for the developer to open, in a folder they named
		tb.t.Fatalf("browsertest: writing the screenshot: %v", err)
	}
}

// truncate shortens s to about n bytes, on a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
