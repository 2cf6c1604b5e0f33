package store

import (
	"encoding/base64"
	"math"
	"testing"
	"time"

	"erikti/internal/domain"
)

// FuzzParseCursor: parseCursor never panics on a cursor a client gives back; what it accepts names
// an event id above 0, and makeCursor writes it again as a cursor that reads back the same; and any
// cursor makeCursor writes reads back as its event's start and id.
func FuzzParseCursor(f *testing.F) {
	enc := base64.RawURLEncoding.EncodeToString
	for _, c := range []string{
		makeCursor(domain.Event{ID: 42, StartsAt: time.Date(2026, 3, 5, 5, 0, 0, 0, time.UTC)}),
		enc([]byte("1772686800:1")), enc([]byte("0:1")), enc([]byte("-1:9223372036854775807")),
		enc([]byte("1772686800:0")), enc([]byte("1772686800:-3")), enc([]byte("1772686800")), enc([]byte(":")),
		enc([]byte("+12:+07")), enc([]byte("12:7:9")), enc([]byte("9223372036854775808:1")),
		"", "!!!!", "MTc3MjY4NjgwMDox=", "MTc3MjY4NjgwMDox\n",
	} {
		f.Add(c, int64(1772686800), int64(7))
	}
	f.Add("", int64(0), int64(0))
	f.Add("", int64(math.MinInt64), int64(math.MaxInt64))
	f.Add("", int64(-62135596800), int64(1))
	f.Fuzz(func(t *testing.T, c string, at, id int64) {
		gotAt, gotID, ok := parseCursor(c)
		if ok {
			if gotID <= 0 {
				t.Fatalf("parseCursor(%q) = %d, %d, true", c, gotAt, gotID)
			}
			checkCursor(t, gotAt, gotID)
		}
		if id > 0 {
			checkCursor(t, at, id)
		} else if _, _, ok := parseCursor(makeCursor(domain.Event{ID: id, StartsAt: time.Unix(at, 0)})); ok {
			t.Fatalf("the cursor of event %d is accepted", id)
		}
	})
}

// checkCursor fails unless the cursor of an event id starting at the Unix second at reads back as at
// and id. The instant -62135596800 is time.Time's zero, which the store keeps as 0.
func checkCursor(t *testing.T, at, id int64) {
	t.Helper()
	start := time.Unix(at, 0).UTC()
	if start.IsZero() {
		at = 0
	}
	c := makeCursor(domain.Event{ID: id, StartsAt: start})
	backAt, backID, ok := parseCursor(c)
	if !ok || backAt != at || backID != id {
		t.Fatalf("the cursor %q of event %d at %d reads back as %d, %d, %v", c, id, at, backAt, backID, ok)
	}
}
