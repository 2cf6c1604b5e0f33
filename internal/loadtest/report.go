package loadtest

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Report is a run's figures, the check's findings and the targets of issue 7.
type Report struct {
	Scenario       string  `json:"scenario"`
	Database       string  `json:"database"`
	Date           string  `json:"date"`
	N              int     `json:"n"`
	Capacity       int     `json:"capacity"`
	Clients        int     `json:"clients"`
	Shifts         int     `json:"shifts"`
	Readers        int     `json:"readers,omitempty"`
	PrepareSeconds float64 `json:"prepare_seconds"`

	Bare    Stats   `json:"bare"`    // the same client against a bare net/http handler
	Signups Stats   `json:"signups"` // against erikti
	Ratio   float64 `json:"ratio"`   // signups' rate over the bare handler's
	// flash: the same signups made through the store straight, without HTTP (the same SQL), and
	// the HTTP run's rate over theirs
	Direct      *Stats  `json:"direct,omitempty"`
	DirectRatio float64 `json:"direct_ratio,omitempty"`

	BareReads          *Stats           `json:"bare_reads,omitempty"`
	Reads              *Stats           `json:"reads,omitempty"`
	ReadsDuringSignups *Stats           `json:"reads_during_signups,omitempty"`
	ReadPaths          map[string]Stats `json:"read_paths,omitempty"`
	ReadRatio          float64          `json:"read_ratio,omitempty"`

	Lives     []Life `json:"lives,omitempty"`     // crash: each life of the server
	Integrity string `json:"integrity,omitempty"` // crash: SQLite's integrity check afterwards

	Memory  Memory  `json:"server_memory"`
	Outcome Outcome `json:"outcome"`
	Probes  []Probe `json:"probes,omitempty"`

	Violations []string `json:"violations"` // the broken invariants (the first 20)
	Targets    []Target `json:"targets"`
	OK         bool     `json:"ok"` // no invariant broken, every probe as wanted
}

// Target is one of issue 7's targets and whether the run met it.
type Target struct {
	What string `json:"what"`
	Got  string `json:"got"`
	Met  bool   `json:"met"`
}

// judge sets OK and the targets.
func (r *Report) judge() {
	r.OK = len(r.Violations) == 0
	for _, p := range r.Probes {
		r.OK = r.OK && p.OK
	}
	t := func(what string, met bool, format string, args ...any) {
		r.Targets = append(r.Targets, Target{What: what, Got: fmt.Sprintf(format, args...), Met: met})
	}
	if r.Scenario == Flash || r.Scenario == Browse {
		t("signups ≥ 20,000/s end to end", r.Signups.Rate >= 20000, "%.0f/s", r.Signups.Rate)
		t("≥ 0.25× the bare handler's rate", r.Ratio >= 0.25, "%.3f×", r.Ratio)
		t("p99 ≤ 50 ms", r.Signups.P99 <= 50, "%.1f ms", r.Signups.P99)
	}
	if r.Scenario == Crash {
		t("every acknowledged signup kept, the invariants hold", len(r.Violations) == 0, "%d violations", r.Outcome.MaxViolations)
		t("integrity check clean", r.Integrity == "ok" || r.Database != "sqlite", "%s", r.Integrity)
		return
	}
	t("zero errors", r.Signups.Errors == 0, "%d", r.Signups.Errors)
	t("zero overbooking", r.Outcome.Overbooked == 0, "%d shifts", r.Outcome.Overbooked)
	if r.Memory.Known {
		t("server memory ≤ 150 MB", r.Memory.PeakRSSMB <= 150, "%.1f MB peak RSS", r.Memory.PeakRSSMB)
	}
	if r.Reads != nil {
		t("reads ≥ 0.3× the bare handler's rate", r.ReadRatio >= 0.3, "%.3f×", r.ReadRatio)
		t("reads p99 ≤ 20 ms", r.Reads.P99 <= 20, "%.1f ms", r.Reads.P99)
	}
}

// Print writes the report for a person.
func (r *Report) Print(w io.Writer) {
	fmt.Fprintf(w, "erikti-loadtest %s on %s, %s: N=%d C=%d K=%d", r.Scenario, r.Database, r.Date, r.N, r.Capacity, r.Clients)
	if r.Scenario == Spread {
		fmt.Fprintf(w, " over %d shifts", r.Shifts)
	}
	if r.Readers > 0 {
		fmt.Fprintf(w, ", %d readers", r.Readers)
	}
	if r.Scenario == Crash {
		fmt.Fprintf(w, ", %d kills", len(r.Lives)-1)
	}
	fmt.Fprintf(w, "\nprepared in %.1f s\n", r.PrepareSeconds)
	if r.Scenario == Crash {
		r.printLives(w)
		return
	}
	fmt.Fprintf(w, "bare net/http  %s\n", r.Bare.line())
	fmt.Fprintf(w, "erikti signups %s\n", r.Signups.line())
	fmt.Fprintf(w, "ratio          %.3f× the bare handler\n", r.Ratio)
	if r.Direct != nil {
		fmt.Fprintf(w, "store, no HTTP %s\n", r.Direct.line())
		fmt.Fprintf(w, "               (the same signups and SQL, K goroutines on the database straight; HTTP run at %.3f× it)\n", r.DirectRatio)
	}
	if len(r.Signups.FirstErrs) > 0 {
		fmt.Fprintf(w, "first errors   %s\n", strings.Join(r.Signups.FirstErrs, " | "))
	}
	if r.Reads != nil {
		fmt.Fprintf(w, "bare reads     %s\n", r.BareReads.line())
		fmt.Fprintf(w, "erikti reads   %s\n", r.Reads.line())
		fmt.Fprintf(w, "  while the signups ran: %s\n", r.ReadsDuringSignups.line())
		paths := make([]string, 0, len(r.ReadPaths))
		for p := range r.ReadPaths {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			fmt.Fprintf(w, "  %-22s %s\n", p, r.ReadPaths[p].line())
		}
		fmt.Fprintf(w, "read ratio     %.3f× the bare handler\n", r.ReadRatio)
	}
	if r.Memory.Known {
		fmt.Fprintf(w, "server memory  peak RSS (VmHWM) %.1f MB; highest VmRSS sampled %.1f MB\n", r.Memory.PeakRSSMB, r.Memory.MaxSampledMB)
	} else {
		fmt.Fprintln(w, "server memory  not known (the server is not this run's child)")
	}
	o := r.Outcome
	fmt.Fprintf(w, "outcome        %d shift(s), %d full: %d confirmed, %d waitlisted; %d answered 2xx, %d refused, %d without an answer (%d of them stored)\n",
		o.Shifts, o.Full, o.Confirmed, o.Waitlisted, o.Answered, o.Refused, o.InFlight, o.InFlightKept)
	for _, p := range r.Probes {
		mark := "ok  "
		if !p.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(w, "bad input %s %s: want %s, got %s", mark, p.Name, p.Want, p.Got)
		if p.Detail != "" {
			fmt.Fprintf(w, " (%s)", p.Detail)
		}
		fmt.Fprintln(w)
	}
	for _, v := range r.Violations {
		fmt.Fprintf(w, "VIOLATION      %s\n", v)
	}
	if o.MaxViolations > len(r.Violations) {
		fmt.Fprintf(w, "VIOLATION      … %d in all\n", o.MaxViolations)
	}
	for _, t := range r.Targets {
		mark := "met   "
		if !t.Met {
			mark = "missed"
		}
		fmt.Fprintf(w, "target %s %s: %s\n", mark, t.What, t.Got)
	}
	if r.OK {
		fmt.Fprintln(w, "invariants     hold: no shift overbooked, every waitlist 1..n once, every answer its row, nothing refused stored")
	} else {
		fmt.Fprintln(w, "invariants     BROKEN")
	}
}

// printLives is the crash scenario's report: each life of the server, then the check.
func (r *Report) printLives(w io.Writer) {
	for i, l := range r.Lives {
		end := "stopped"
		if l.Killed {
			end = "SIGKILL"
		}
		fmt.Fprintf(w, "life %-2d        up in %.2f s; %d sent, %d answered (%d replayed), %d without an answer; %s\n",
			i+1, l.StartSeconds, l.Sent, l.Answered, l.Replayed, l.NoAnswer, end)
	}
	o := r.Outcome
	fmt.Fprintf(w, "outcome        %d confirmed, %d waitlisted; %d answered 2xx, %d refused\n", o.Confirmed, o.Waitlisted, o.Answered, o.Refused)
	fmt.Fprintf(w, "integrity      %s\n", r.Integrity)
	if r.Memory.Known {
		fmt.Fprintf(w, "server memory  last life: peak RSS (VmHWM) %.1f MB\n", r.Memory.PeakRSSMB)
	}
	for _, v := range r.Violations {
		fmt.Fprintf(w, "VIOLATION      %s\n", v)
	}
	if o.MaxViolations > len(r.Violations) {
		fmt.Fprintf(w, "VIOLATION      … %d in all\n", o.MaxViolations)
	}
	if r.OK {
		fmt.Fprintln(w, "invariants     hold: every signup answered before a kill is stored with its status and place, no shift overbooked, the waitlist 1..n once, nothing refused stored")
	} else {
		fmt.Fprintln(w, "invariants     BROKEN")
	}
}
