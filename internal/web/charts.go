package web

import (
	"strconv"
	"strings"
	"unicode/utf8"

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

// The Front Office's month grid: a row per direction, a column per month and one for the year,
// each cell a bar of the month's events against its share of the plan (domain.Plan.MonthShare):
// held, then coming, then the missing rest of the share. The bar's scale is the share, or the
// events when they are more than it (over plan: the bar is full and holds no missing part).
const (
	gridLabel = 200 // the width of the directions' names
	gridCell  = 72  // a month's column
	gridYear  = 96  // the year's column
	gridBar   = 60  // a month's bar at its scale
	gridHead  = 28  // the months' names
	gridRow   = 50  // a direction's row
)

// gridWidth is the grid's whole width.
const gridWidth = gridLabel + 12*gridCell + gridYear

// cellBar is one cell of the grid: the counts it shows and its bar's parts, from its left edge.
type cellBar struct {
	X                             int // the cell's left edge
	Share, Held, Coming, Missing  int
	Over                          int // events beyond the share
	HeldW, ComingX, ComingW       int
	MissingX, MissingW, BarW, Mid int // BarW the bar's whole width; Mid the cell's middle
	BarX                          int // the bar's left edge
	TextY, BarY                   int // the numbers' baseline and the bar's top
}

// Empty reports whether the cell has neither a share nor an event.
func (c cellBar) Empty() bool { return c.Share == 0 && c.Held == 0 && c.Coming == 0 }

// layCell lays out a cell of width w (bar width bar) at x, in the row whose top is y.
func layCell(x, y, w, bar, share, held, coming int) cellBar {
	c := cellBar{X: x, Share: share, Held: held, Coming: coming, BarW: bar, Mid: x + w/2, BarX: x + (w-bar)/2,
		TextY: y + 22, BarY: y + 30}
	c.Missing = max(0, share-held-coming)
	c.Over = max(0, held+coming-share)
	c.ComingX, c.MissingX = c.BarX, c.BarX
	scale := max(share, held+coming)
	if scale == 0 {
		return c
	}
	left := c.BarX
	c.HeldW = held * bar / scale
	c.ComingW = (held+coming)*bar/scale - c.HeldW
	c.ComingX = left + c.HeldW
	c.MissingX = c.ComingX + c.ComingW
	c.MissingW = left + bar - c.MissingX
	if c.Missing == 0 {
		c.MissingW = 0
	}
	return c
}

// gridRowBars is one direction's row of the grid.
type gridRowBars struct {
	Direction string
	Label     []labelLine // the direction's name in lines that fit gridLabel
	Y         int
	Cells     []cellBar // the twelve months, then the year
}

// labelLine is a line of text and its baseline.
type labelLine struct {
	Text string
	Y    int
}

// planGrid lays out the grid for the plan and each direction's counts by month, in the
// directions' order; names writes a direction's name in the reader's language.
func planGrid(plan domain.Plan, counts map[string]store.MonthCounts, name func(string) string) []gridRowBars {
	var out []gridRowBars
	for i, d := range domain.Directions() {
		c := counts[d.Code]
		y := gridHead + i*gridRow
		row := gridRowBars{Direction: d.Code, Y: y}
		for j, l := range wrapLabel(name(d.Code), 22) {
			row.Label = append(row.Label, labelLine{l, y + 21 + j*17})
		}
		held, coming := 0, 0
		for m := range 12 {
			row.Cells = append(row.Cells, layCell(gridLabel+m*gridCell, y, gridCell, gridBar, plan.MonthShare(d.Code, m+1), c.Held[m], c.Coming[m]))
			held += c.Held[m]
			coming += c.Coming[m]
		}
		row.Cells = append(row.Cells, layCell(gridLabel+12*gridCell, y, gridYear, gridYear-16, plan.ByDirection[d.Code], held, coming))
		out = append(out, row)
	}
	return out
}

// wrapLabel breaks s at spaces into lines of at most n letters (a longer word keeps its own
// line), for an SVG text that cannot wrap.
func wrapLabel(s string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// The volunteer's year by month: a row per month, its approved hours as a bar, its hours waiting
// for a decision as a lighter bar after it, against the busiest month.
const hoursRow = 30

// monthHours is one month's row of a volunteer's year.
type monthHours struct {
	Month             int // 1 to 12
	Approved, Pending int // minutes
	ApprovedW         int
	PendingX          int
	PendingW          int
	Y                 int
}

// hoursByMonth lays out a year's approved and pending minutes by month (index 0 is January).
func hoursByMonth(approved, pending [12]int) []monthHours {
	most := 0
	for m := range 12 {
		most = max(most, approved[m]+pending[m])
	}
	out := make([]monthHours, 12)
	for m := range 12 {
		a := barWidth(approved[m], most)
		out[m] = monthHours{Month: m + 1, Approved: approved[m], Pending: pending[m], ApprovedW: a,
			PendingX: a, PendingW: barWidth(approved[m]+pending[m], most) - a, Y: m * hoursRow}
	}
	return out
}

// HoursShort writes minutes as hours to a tenth, for a chart's label: "2.5 h", "2,5 ч", "3 сағ"
// (the decimal comma in Kazakh and Russian).
func (v *view) HoursShort(minutes int) string {
	tenths := (minutes*10 + 30) / 60
	h := v.Num(tenths / 10)
	if tenths%10 != 0 {
		sep := ","
		if v.Lang == "en" {
			sep = "."
		}
		h += sep + strconv.Itoa(tenths%10)
	}
	return v.T("hours.short", "h", h)
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
