package web

import (
	"bytes"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"

	goical "github.com/emersion/go-ical"
)

// Cancelling asks first, on a page of its own that says what becomes of the place; someone else's
// signup has no such page, nor can it be cancelled: 404 both, as for one that does not exist.
func TestCancellingAsksFirstAndSaysWhatHappensToThePlace(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(1)
		first, second := a.browser("en"), a.browser("en")
		first.signUp(t, "Бірінші", "2000-01-01")
		second.signUp(t, "Екінші", "2000-01-01")
		signup := fmt.Sprintf("/shifts/%d/signup", w.shiftID)
		first.post(signup, url.Values{"key": {"a1"}}).must(t, 303)
		second.post(signup, url.Values{"key": {"b1"}}).must(t, 303) // the one place is taken: waitlisted
		cancelLink := regexp.MustCompile(`href="(/me/signups/(\d+)/cancel)"`)
		mine := cancelLink.FindStringSubmatch(first.get("/me/shifts").must(t, 200).lacks(t, `method="post" action="/me/signups/`).body)
		theirs := cancelLink.FindStringSubmatch(second.get("/me/shifts").must(t, 200).has(t, "Leave the waitlist").body)
		if mine == nil || theirs == nil {
			t.Fatal("no link to cancel on My shifts")
		}

		ask := first.get(mine[1]).must(t, 200)
		ask.has(t, "<h1>Cancel your place?</h1>", "Spring clean-up", "Көмекші", "Орталық саябақ",
			"your place goes to the first person waiting", `<form method="post" action="`+mine[1]+`">`,
			">Yes, cancel</button>", `href="/me/shifts">Keep my place</a>`)
		if ask.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("Cache-Control %q", ask.header.Get("Cache-Control"))
		}
		second.get(theirs[1]).must(t, 200).has(t, "<h1>Leave the waitlist?</h1>", "You leave the waitlist, where you are number 1 now.",
			"Yes, leave the waitlist", "Stay on the waitlist").lacks(t, "first person waiting")
		// the event page's Cancel asks on the same page
		first.get(fmt.Sprintf("/events/%d", w.eventID)).must(t, 200).has(t, `href="`+mine[1]+`"`).lacks(t, `action="`+mine[1]+`"`)
		// asking is not doing: the place is still mine
		first.get("/me/shifts").has(t, "Your place is confirmed")

		// someone else's signup: no page, no cancelling, the same 404 as for none at all
		second.get(mine[1]).must(t, 404)
		second.post(mine[1], url.Values{}).must(t, 404)
		for _, path := range []string{"/me/signups/999999/cancel", "/me/signups/x/cancel", "/me/signups/0/cancel"} {
			first.get(path).must(t, 404)
		}
		if p := a.browser("en").get(mine[1]); p.status != 303 || !strings.HasPrefix(p.location, "/login") {
			t.Fatalf("anonymous: %d %q", p.status, p.location)
		}
		first.get("/me/shifts").has(t, "Your place is confirmed")

		first.post(mine[1], url.Values{}).must(t, 303)
		second.get("/me/shifts").has(t, "Your place is confirmed")
		// the waitlist is empty now: a cancelled place would be free
		second.get(theirs[1]).must(t, 200).has(t, "Your place becomes free").lacks(t, "first person waiting")
		// nothing is left to ask about a cancelled signup
		if p := first.get(mine[1]); p.status != 303 || p.location != "/me/shifts" {
			t.Fatalf("a cancelled signup's page: %d %q", p.status, p.location)
		}
	})
}

// My shifts holds what a volunteer needs on the day: where (with a map), the shift in their
// calendar, and the check-in pass; the pass puts the code and its QR code first.
func TestMyShiftsForTheDayItself(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(2)
		me, other := a.browser("en"), a.browser("ru")
		me.signUp(t, "Менің атым", "2000-01-01")
		other.signUp(t, "Басқа", "2000-01-01")
		me.post(fmt.Sprintf("/shifts/%d/signup", w.shiftID), url.Values{"key": {"m1"}}).must(t, 303)
		shifts := me.get("/me/shifts").must(t, 200)
		// the same map as the event page's (html/template writes + as &#43;)
		shifts.has(t, "Орталық саябақ, Medeu district", `href="https://www.openstreetmap.org/search?query=`+
			strings.ReplaceAll(url.QueryEscape("Орталық саябақ, Medeu district, Almaty"), "+", "&#43;")+`"`)
		m := regexp.MustCompile(`href="(/me/signups/(\d+)/calendar\.ics)" download`).FindStringSubmatch(shifts.body)
		if m == nil {
			t.Fatalf("no add-to-calendar link: %s", shifts.body)

		}
		shifts.has(t, `class="button" href="/me/signups/`+m[2]+`/checkin"`)

		p := me.get(m[1]).must(t, 200)
		if p.header.Get("Content-Type") != "text/calendar; charset=utf-8" || p.header.Get("Cache-Control") != "no-store" {
			t.Fatalf("the shift's calendar: %v", p.header)
		}
		cal, err := goical.NewDecoder(bytes.NewReader([]byte(p.body))).Decode()
		if err != nil {
			t.Fatalf("%v\n%s", err, p.body)
		}
		events := cal.Events()
		if len(events) != 1 {
			t.Fatalf("%d entries", len(events))
		}
		e := events[0]
		summary, _ := e.Props.Text(goical.PropSummary)
		where, _ := e.Props.Text(goical.PropLocation)
		start, err := e.DateTimeStart(nil)
		if summary != "Spring clean-up: Көмекші" || where != "Орталық саябақ" || err != nil || !start.Equal(w.start) {
			t.Fatalf("the entry: %q %q %v %v", summary, where, start, err)
		}
		if st, _ := e.Status(); st != goical.EventConfirmed {
			t.Fatalf("status %v", st)
		}
		// only its owner has it
		other.get(m[1]).must(t, 404)
		me.get("/me/signups/999999/calendar.ics").must(t, 404)

		pass := me.get("/me/signups/"+m[2]+"/checkin").must(t, 200).body
		code, qr, details := strings.Index(pass, `<p class="pass-code">`), strings.Index(pass, `class="qr"`), strings.Index(pass, "Spring clean-up")
		if code < 0 || qr < code || details < qr {
			t.Fatalf("the pass page puts the code (%d) and the QR code (%d) before the shift (%d): %s", code, qr, details, pass)
		}
	})
}

// The calendar page: the volunteer's menu leads to it; the address in a read-only field with a
// copy button that JavaScript reveals; renewing is the secondary action and says it stops the old one.
func TestCalendarPageOffersCopyAndRenewal(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		b := a.browser("en")
		b.signUp(t, "Күнтізбе", "1990-05-05")
		b.get("/me/shifts").must(t, 200).has(t, `<a href="/me/calendar">My calendar</a>`)
		b.get("/me/calendar").must(t, 200).has(t, `aria-current="page">My calendar</a>`, `<button type="submit">Make my calendar address</button>`)
		b.post("/me/calendar", url.Values{}).must(t, 200)
		p := b.get("/me/calendar").must(t, 200)
		p.has(t, `<input id="f-calendar-url" class="feed-address" type="url" readonly value="`+a.srv.URL+`/calendar/me/`,
			`data-copy="f-calendar-url"`, "Copy the address", `role="status"`,
			`<button type="submit" class="secondary">Make a new address and stop this one</button>`)
		if !regexp.MustCompile(`<button type="button" class="secondary" data-copy="f-calendar-url" data-copied="Copied." hidden>`).MatchString(p.body) {
			t.Fatalf("the copy button is not hidden for a browser without JavaScript: %s", p.body)
		}
	})
}
