package browsertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// Violation is one rule of axe-core that the page breaks, with the elements that break it.
type Violation struct {
	ID      string   `json:"id"`      // the rule, such as "image-alt"
	Impact  string   `json:"impact"`  // "minor", "moderate", "serious" or "critical"
	Help    string   `json:"help"`    // what the rule asks for, in a sentence
	HelpURL string   `json:"helpUrl"` // axe's page about the rule
	Nodes   []string `json:"nodes"`   // each element: its CSS selector, a space, and its HTML
}

// String describes the violation on several lines: the rule, and each element, with its HTML cut
// to about 300 bytes.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		b.WriteString("\n    - " + truncate(n, 300))
	}
	return b.String()
}

// axeRunJS runs axe with its default rules (WCAG 2.x A and AA, and best practices) on the
// document and returns its violations as []Violation.
const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => n.target.map(s => Array.isArray(s) ? s.join(' >>> ') : String(s)).join(' ') + ' ' + n.html),
})))`

// Axe checks the current page with axe-core and returns the rules that it breaks. axe-core is
// injected through the DevTools protocol, so the page's Content Security Policy does not stop it.
// Frames are not checked.
func (tb *Tab) Axe(t testing.TB) []Violation {
	t.Helper()
	if !eval[bool](tb, "looking for axe-core", `typeof window.axe === 'object' && typeof window.axe.run === 'function'`) {
		run(tb, "injecting axe-core", chromedp.Evaluate[chromedp.Void](tb.b.axe))
	}
	return eval[[]Violation](tb, "running axe-core", axeRunJS)
}

// AssertNoViolations checks the current page with Axe, and reports each violation with t.Errorf,
// naming the page by name.
func (tb *Tab) AssertNoViolations(t testing.TB, name string) {
	t.Helper()
	for _, v := range tb.Axe(t) {
		t.Errorf("%s: accessibility: %s", name, v)
	}
}
