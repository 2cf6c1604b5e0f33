// Package calendar writes iCalendar (RFC 5545) feeds and invitations: a person's shifts, the
// programme of a direction or an organization, and the .ics sent with a confirmed signup. Times are
// written in the Asia/Almaty zone, which each calendar describes.
package calendar

import (
	"fmt"
	"io"
	"time"

	ics "github.com/arran4/golang-ical"
)

// Zone is the time zone erikti's calendars are written in.
const Zone = "Asia/Almaty"

// Entry is one event of a calendar.
type Entry struct {
	UID         string // stable across feeds and changes: shift-12@erikti, event-7@erikti
	Summary     string
	Description string
	Location    string
	URL         string
	Start, End  time.Time
	Modified    time.Time // when it last changed, if known
	Cancelled   bool
	Tentative   bool // a place not yet confirmed: the waitlist
}

// Calendar is a calendar being written.
type Calendar struct {
	cal *ics.Calendar
	now time.Time
	loc *time.Location
}

// New starts a calendar named name (X-WR-CALNAME and NAME) at now. method is "PUBLISH" for feeds
// and attachments alike: erikti's calendars inform, they ask no answer.
func New(name string, now time.Time, loc *time.Location) *Calendar {
	cal := ics.NewCalendar()
	cal.SetProductId("-//erikti//erikti//EN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetCalscale("GREGORIAN")
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetXWRTimezone(Zone)
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	tz := cal.AddTimezone(Zone)
	// Almaty has kept UTC+05:00 without daylight saving since 1 March 2024 (before: +06:00)
	std := tz.AddStandard()
	std.AddProperty(ics.ComponentPropertyDtStart, "20240301T000000")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0600")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0500")
	std.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "+05")
	return &Calendar{cal: cal, now: now, loc: loc}
}

// Add puts an entry in the calendar.
func (c *Calendar) Add(e Entry) {
	ev := c.cal.AddEvent(e.UID)
	ev.SetDtStampTime(c.now)
	if !e.Modified.IsZero() {
		ev.SetModifiedAt(e.Modified)
	}
	tzid := ics.WithTZID(Zone)
	ev.SetProperty(ics.ComponentPropertyDtStart, e.Start.In(c.loc).Format("20060102T150405"), tzid)
	ev.SetProperty(ics.ComponentPropertyDtEnd, e.End.In(c.loc).Format("20060102T150405"), tzid)
	ev.SetSummary(e.Summary)
	if e.Description != "" {
		ev.SetDescription(e.Description)
	}
	if e.Location != "" {
		ev.SetLocation(e.Location)
	}
	if e.URL != "" {
		ev.SetURL(e.URL)
	}
	switch {
	case e.Cancelled:
		ev.SetStatus(ics.ObjectStatusCancelled)
	case e.Tentative:
		ev.SetStatus(ics.ObjectStatusTentative)
	default:
		ev.SetStatus(ics.ObjectStatusConfirmed)
	}
}

// Write writes the calendar, lines folded at 75 octets and ended with CRLF.
func (c *Calendar) Write(w io.Writer) error {
	if err := c.cal.SerializeTo(w, ics.WithNewLine("\r\n")); err != nil {
		return fmt.Errorf("calendar: %w", err)
	}
	return nil
}
