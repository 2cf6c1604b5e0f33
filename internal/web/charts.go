package web

import (
	"erikti/internal/domain"
	"erikti/internal/store"
)

// The home page's charts: bars drawn as inline SVG by templates/charts.html from the widths
// computed here, no chart script and nothing from another host. Each chart is aria-hidden: the
// table or text beside it, which holds the same numbers, is what a screen reader reads.

// chartTrack is the width, in the SVG's units, of a bar at 100%.
const chartTrack = 400

// chartRow is the height of one direction's row in the directions' chart.
const chartRow = 46

// dirBar is one direction's row of the plan chart: held events against its share of the plan,
// with the events of the programme behind them.
type dirBar struct {
	Direction               string
	Plan, Planned, Held     int
	HeldWidth, PlannedWidth int
	Y                       int // the row's top
}

// barWidth is n against of as a width of chartTrack: full at or beyond of, nothing when of is 0.
func barWidth(n, of int) int {
	if of <= 0 || n <= 0 {
		return 0
	}
	if n >= of {
		return chartTrack
	}
	return n * chartTrack / of
}

// directionBars lays out the plan chart: one row per direction, in the figures' order.
func directionBars(plan domain.Plan, f store.Figures) []dirBar {
	var out []dirBar
	for i, d := range f.ByDirection {
		p := plan.ByDirection[d.Direction]
		out = append(out, dirBar{Direction: d.Direction, Plan: p, Planned: d.Planned, Held: d.Held,
			HeldWidth: barWidth(d.Held, p), PlannedWidth: barWidth(d.Planned, p), Y: i * chartRow})
	}
	return out
}

// capacityBar is a shift's places drawn as a bar by the "capacity-bar" partial (templates/parts.html):
// the confirmed places against the capacity, with the same figures and the waitlist written beside
// it, so that no one needs the colour. Left writes them as the places left (what a volunteer asks),
// otherwise as the places taken (what an organizer asks).
type capacityBar struct {
	V                               *view
	Confirmed, Capacity, Waitlisted int
	PlacesLeft                      int
	Width                           int // of the confirmed part, of chartTrack
	Left                            bool
}

// newCapacityBar lays out sh's bar.
func newCapacityBar(v *view, sh domain.Shift, left bool) capacityBar {
	return capacityBar{V: v, Confirmed: sh.Confirmed, Capacity: sh.Capacity, Waitlisted: sh.Waitlisted,
		PlacesLeft: sh.PlacesLeft(), Width: barWidth(sh.Confirmed, sh.Capacity), Left: left}
}

// TakenBar is sh's capacity bar with the places taken, for its organizers.
func (v *view) TakenBar(sh domain.Shift) capacityBar { return newCapacityBar(v, sh, false) }

// LeftBar is sh's capacity bar with the places left, for volunteers.
func (v *view) LeftBar(sh domain.Shift) capacityBar { return newCapacityBar(v, sh, true) }
