package main

import (
	"fmt"
	"testing"

	"erikti/internal/browsertest"
)

// changeValue sets a field's value as a person would, firing its change event.
func changeValue(tab *browsertest.Tab, selector, value string) {
	tab.Eval(fmt.Sprintf(`(function(){var el=document.querySelector(%q); el.value=%q; el.dispatchEvent(new Event("change",{bubbles:true}));})()`, selector, value), nil)
}

// The new-event form's script proposes the event's times to empty shift rows and follows the
// event's as they change, never overwriting a time the coordinator typed (issue 17).
func TestBrowserEventFormProposesShiftTimes(t *testing.T) {
	b := browsertest.Start(t)
	s := startSite(t)
	tab := b.NewTab(t)
	s.signIn(t, tab, "coordinator@example.kz", nil)
	tab.Go(s.base + fmt.Sprintf("/manage/organizations/%d/events/new", s.orgID))
	value := func(sel string) string {
		var v string
		tab.Eval(fmt.Sprintf(`document.querySelector(%q).value`, sel), &v)
		return v
	}
	if got := value("#f-status"); got != "draft" {
		t.Fatalf("a new event's status is %q, not draft", got)
	}
	changeValue(tab, "#f-shift1_starts_at", "2026-12-20T10:00") // typed by the coordinator
	changeValue(tab, "#f-starts_at", "2026-12-20T09:00")
	changeValue(tab, "#f-ends_at", "2026-12-20T17:00")
	if got := value("#f-shift1_starts_at"); got != "2026-12-20T10:00" {
		t.Fatalf("the typed shift start was overwritten: %q", got)
	}
	if got := value("#f-shift1_ends_at"); got != "2026-12-20T17:00" {
		t.Fatalf("the empty shift end was not proposed: %q", got)
	}
	if got := value("#f-shift2_starts_at"); got != "2026-12-20T09:00" {
		t.Fatalf("the empty shift start was not proposed: %q", got)
	}
	// a proposed time follows the event's when it changes again
	changeValue(tab, "#f-starts_at", "2026-12-20T08:00")
	if got, typed := value("#f-shift3_starts_at"), value("#f-shift1_starts_at"); got != "2026-12-20T08:00" || typed != "2026-12-20T10:00" {
		t.Fatalf("after the event's start changed: proposed %q, typed %q", got, typed)
	}
	if errs := tab.Errors(); len(errs) > 0 {
		t.Fatalf("script errors: %v", errs)
	}
}
