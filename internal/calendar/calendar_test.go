package calendar_test

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	goical "github.com/emersion/go-ical"

	"erikti/internal/calendar"
	"erikti/internal/domain"
)

// Parse reads a calendar with an iCalendar implementation erikti did not write, and holds it to
// RFC 5545's required properties by encoding it again (the encoder refuses a calendar without
// them).
func Parse(t *testing.T, raw []byte) *goical.Calendar {
	t.Helper()
	cal, err := goical.NewDecoder(bytes.NewReader(raw)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, raw)
	}
	if err := goical.NewEncoder(io.Discard).Encode(cal); err != nil {
		t.Fatalf("not a valid calendar: %v\n%s", err, raw)
	}
	return cal
}

func TestACalendarParsesWithItsZoneAndText(t *testing.T) {
	now := time.Date(2026, 3, 1, 5, 0, 0, 0, time.UTC)
	start := time.Date(2026, 3, 5, 10, 0, 0, 0, domain.Almaty())
	c := calendar.New("Менің ауысымдарым — erikti", now, domain.Almaty())
	c.Add(calendar.Entry{UID: "shift-1@erikti", Summary: "Ашылу салтанаты: Тіркеу, қонақтарды қарсы алу; 450 орын",
		Description: "Жиын орны — бас кіреберіс.\nКиім: ыңғайлы", Location: "Республика сарайы, Абай даңғылы 56",
		URL: "https://erikti.example.kz/events/1", Start: start, End: start.Add(3 * time.Hour), Modified: now})
	c.Add(calendar.Entry{UID: "shift-2@erikti", Summary: "Cancelled", Start: start, End: start.Add(time.Hour), Cancelled: true})
	c.Add(calendar.Entry{UID: "shift-3@erikti", Summary: "Waitlist", Start: start, End: start.Add(time.Hour), Tentative: true})
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if len(line) > 76 || strings.Contains(line, "\n") {
			t.Errorf("line %d is not folded or not ended by CRLF (%d octets): %q", i+1, len(line), line)
		}
	}
	cal := Parse(t, raw)
	if cal.Props.Get(goical.PropVersion).Value != "2.0" || cal.Props.Get(goical.PropProductID) == nil || cal.Props.Get(goical.PropMethod).Value != "PUBLISH" {
		t.Fatalf("calendar properties: %v", cal.Props)
	}
	var zones int
	for _, child := range cal.Children {
		if child.Name == goical.CompTimezone && child.Props.Get(goical.PropTimezoneID).Value == "Asia/Almaty" {
			zones++
		}
	}
	if zones != 1 {
		t.Fatalf("%d VTIMEZONE for Asia/Almaty", zones)
	}
	events := cal.Events()
	if len(events) != 3 {
		t.Fatalf("%d events", len(events))
	}
	e := events[0]
	got, err := e.DateTimeStart(nil)
	if err != nil || !got.Equal(start) || e.Props.Get(goical.PropDateTimeStart).Params.Get(goical.ParamTimezoneID) != "Asia/Almaty" {
		t.Fatalf("start %v (%v), want %v in Asia/Almaty", got, err, start)
	}
	end, _ := e.DateTimeEnd(nil)
	if !end.Equal(start.Add(3 * time.Hour)) {
		t.Fatalf("end %v", end)
	}
	for prop, want := range map[string]string{
		goical.PropUID:         "shift-1@erikti",
		goical.PropSummary:     "Ашылу салтанаты: Тіркеу, қонақтарды қарсы алу; 450 орын",
		goical.PropDescription: "Жиын орны — бас кіреберіс.\nКиім: ыңғайлы",
		goical.PropLocation:    "Республика сарайы, Абай даңғылы 56",
		goical.PropStatus:      "CONFIRMED",
	} {
		text, err := e.Props.Text(prop)
		if err != nil || text != want {
			t.Errorf("%s: %q (%v), want %q", prop, text, err, want)
		}
	}
	if e.Props.Get(goical.PropDateTimeStamp) == nil {
		t.Error("no DTSTAMP")
	}
	if st, _ := events[1].Status(); st != goical.EventCancelled {
		t.Errorf("cancelled: %v", st)
	}
	if st, _ := events[2].Status(); st != goical.EventTentative {
		t.Errorf("waitlist: %v", st)
	}
}
