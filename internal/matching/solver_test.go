package matching

import (
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// table is a Problem given by explicit matrices, for the small tests.
type table struct {
	capacity []int
	allowed  [][]bool // [mentee][mentor]
	fit      [][]int
	maxFit   int
}

func (t table) problem() Problem {
	return Problem{
		Capacity: t.capacity,
		Mentees:  len(t.allowed),
		MaxFit:   t.maxFit,
		Fit: func(e, m int) (int, bool) {
			return t.fit[e][m], t.allowed[e][m]
		},
	}
}

// randomTable draws a round: capacities 1..5 (some 0 when zeroCapacity),
// each pair allowed with probability density, fits uniform in 0..maxFit.
func randomTable(rng *rand.Rand, mentors, mentees int, density float64, maxFit int, zeroCapacity bool) table {
	t := table{capacity: make([]int, mentors), maxFit: maxFit}
	for m := range t.capacity {
		t.capacity[m] = 1 + rng.IntN(5)
		if zeroCapacity && rng.IntN(4) == 0 {
			t.capacity[m] = 0
		}
	}
	t.allowed = make([][]bool, mentees)
	t.fit = make([][]int, mentees)
	for e := range mentees {
		t.allowed[e] = make([]bool, mentors)
		t.fit[e] = make([]int, mentors)
		for m := range mentors {
			t.allowed[e][m] = rng.Float64() < density
			t.fit[e][m] = rng.IntN(maxFit + 1)
		}
	}
	return t
}

// checkValid fails unless sol pairs only allowed pairs, keeps every
// capacity, and reports its own count and total fit.
func checkValid(t *testing.T, p Problem, sol Solution) {
	t.Helper()
	if len(sol.Mentor) != p.Mentees {
		t.Fatalf("solution has %d mentees, want %d", len(sol.Mentor), p.Mentees)
	}
	used := make([]int, len(p.Capacity))
	matched, total := 0, int64(0)
	for e, m := range sol.Mentor {
		if m == -1 {
			continue
		}
		fit, ok := p.Fit(e, m)
		if !ok {
			t.Fatalf("mentee %d paired with mentor %d, which Fit does not allow", e, m)
		}
		used[m]++
		matched++
		total += int64(fit)
	}
	for m, u := range used {
		if u > p.Capacity[m] {
			t.Fatalf("mentor %d has %d mentees, capacity %d", m, u, p.Capacity[m])
		}
	}
	if matched != sol.Matched || total != sol.TotalFit {
		t.Fatalf("solution reports %d matched, fit %d; its pairs give %d, %d", sol.Matched, sol.TotalFit, matched, total)
	}
}

// exhaustive is the optimum by trying every assignment, with capacity and
// bound pruning.
func exhaustive(p Problem) (int, int64) {
	free := slices.Clone(p.Capacity)
	bestMatched, bestFit := -1, int64(-1)
	var try func(e, matched int, fit int64)
	try = func(e, matched int, fit int64) {
		left := p.Mentees - e
		if matched+left < bestMatched ||
			(matched+left == bestMatched && fit+int64(left*p.MaxFit) <= bestFit) {
			return
		}
		if e == p.Mentees {
			bestMatched, bestFit = matched, fit
			return
		}
		for m := range free {
			if free[m] == 0 {
				continue
			}
			if f, ok := p.Fit(e, m); ok {
				free[m]--
				try(e+1, matched+1, fit+int64(f))
				free[m]++
			}
		}
		try(e+1, matched, fit)
	}
	try(0, 0, 0)
	return bestMatched, bestFit
}

// lpOptimum solves the LP relaxation of the round with gonum's simplex:
// maximise Σ (B+fit)·x over allowed pairs, Σ_m x ≤ 1 per mentee,
// Σ_e x ≤ capacity per mentor, x ≥ 0. The bipartite b-matching polytope is
// integral, so this is B·matched + total fit of an optimal matching.
func lpOptimum(t *testing.T, p Problem) int64 {
	t.Helper()
	bonus := float64(p.MaxFit*(p.Mentees+1) + 1)
	type pair struct{ e, m, fit int }
	var pairs []pair
	for e := range p.Mentees {
		for m := range p.Capacity {
			if f, ok := p.Fit(e, m); ok {
				pairs = append(pairs, pair{e, m, f})
			}
		}
	}
	rows := p.Mentees + len(p.Capacity)
	cols := len(pairs) + rows
	c := make([]float64, cols)
	a := mat.NewDense(rows, cols, nil)
	b := make([]float64, rows)
	for j, pr := range pairs {
		c[j] = -(bonus + float64(pr.fit))
		a.Set(pr.e, j, 1)
		a.Set(p.Mentees+pr.m, j, 1)
	}
	basic := make([]int, rows)
	for r := range rows {
		a.Set(r, len(pairs)+r, 1) // slack
		basic[r] = len(pairs) + r
		if r < p.Mentees {
			b[r] = 1
		} else {
			b[r] = float64(p.Capacity[r-p.Mentees])
		}
	}
	opt, _, err := lp.Simplex(c, a, b, 1e-9, basic)
	if err != nil {
		t.Fatalf("simplex: %v", err)
	}
	return int64(math.Round(-opt))
}

func weight(p Problem, sol Solution) int64 {
	return int64(p.MaxFit*(p.Mentees+1)+1)*int64(sol.Matched) + sol.TotalFit
}

// better reports whether a beats b in the lexicographic objective.
func better(a, b Solution) bool {
	return a.Matched > b.Matched || (a.Matched == b.Matched && a.TotalFit > b.TotalFit)
}

// tunings are the candidate counts the tests solve with: tiny ones, so that
// pricing has work to do, and Solve's own.
var tunings = []struct{ perMentee, perPlace int }{
	{1, 0}, {2, 0}, {2, 1}, {candidatesPerMentee, mentorSidePerPlace},
}

func TestSolveMatchesExhaustiveSearch(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	densities := []float64{0, 0.15, 0.35, 0.6, 1}
	rounds, augmented, exchanged := 0, 0, 0
	for _, density := range densities {
		for range 300 {
			mentors, mentees := rng.IntN(9), rng.IntN(9)
			tb := randomTable(rng, mentors, mentees, density, 1+rng.IntN(12), rng.IntN(3) == 0)
			p := tb.problem()
			matched, fit := exhaustive(p)
			for _, tn := range tunings {
				sol, report, err := solve(p, tn.perMentee, tn.perPlace)
				if err != nil {
					t.Fatal(err)
				}
				checkValid(t, p, sol)
				if sol.Matched != matched || sol.TotalFit != fit {
					t.Fatalf("density %v, %d×%d, %+v: Solve gives %d matched, fit %d; exhaustive %d, %d",
						density, mentors, mentees, tn, sol.Matched, sol.TotalFit, matched, fit)
				}
				countPricingGains(report, sol, &augmented, &exchanged)
			}
			greedy := Greedy(p)
			checkValid(t, p, greedy)
			if sol, _ := Solve(p); better(greedy, sol) {
				t.Fatalf("Greedy (%d, %d) beats Solve (%d, %d)", greedy.Matched, greedy.TotalFit, sol.Matched, sol.TotalFit)
			}
			rounds++
		}
	}
	t.Logf("%d rounds; pricing matched more in %d solves, raised the fit alone in %d", rounds, augmented, exchanged)
	// With few candidates they miss pairs of both kinds: pairs that open an
	// augmenting path and pairs that only exchange for more fit.
	if augmented == 0 || exchanged == 0 {
		t.Fatal("the random rounds no longer exercise both kinds of pricing gain")
	}
}

// countPricingGains counts the solves where pricing improved on the first
// candidates: by matching more, or by the fit alone.
func countPricingGains(report solveReport, sol Solution, augmented, exchanged *int) {
	switch {
	case sol.Matched > report.firstPass.Matched:
		*augmented++
	case sol.TotalFit > report.firstPass.TotalFit:
		*exchanged++
	}
}

func TestSolveMatchesLinearProgram(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 2))
	augmented, exchanged := 0, 0
	for round := range 30 {
		mentors, mentees := 12+rng.IntN(9), 30+rng.IntN(21)
		density := []float64{0.05, 0.2, 0.5}[round%3]
		if round%10 == 9 { // a full-size medium round, sparse to keep the simplex quick
			mentors, mentees, density = 30, 80, 0.1
		}
		tb := randomTable(rng, mentors, mentees, density, 5+rng.IntN(26), round%4 == 0)
		p := tb.problem()
		want := lpOptimum(t, p)
		for _, tn := range tunings {
			sol, report, err := solve(p, tn.perMentee, tn.perPlace)
			if err != nil {
				t.Fatal(err)
			}
			checkValid(t, p, sol)
			if got := weight(p, sol); got != want {
				t.Fatalf("round %d (%d×%d, density %v), %+v: Solve weight %d (%d matched, fit %d), LP %d",
					round, mentors, mentees, density, tn, got, sol.Matched, sol.TotalFit, want)
			}
			countPricingGains(report, sol, &augmented, &exchanged)
		}
		greedy := Greedy(p)
		checkValid(t, p, greedy)
		if sol, _ := Solve(p); better(greedy, sol) {
			t.Fatalf("Greedy (%d, %d) beats Solve (%d, %d)", greedy.Matched, greedy.TotalFit, sol.Matched, sol.TotalFit)
		}
	}
	t.Logf("pricing matched more in %d solves, raised the fit alone in %d", augmented, exchanged)
	if augmented == 0 || exchanged == 0 {
		t.Fatal("the LP rounds no longer exercise both kinds of pricing gain")
	}
}

// crowdedTable is a round where every mentee ranks the same few mentors
// first: popular mentors 0..popular-1 (one place each, fit maxFit), then
// plain mentors with lower fits. The K best candidates of every mentee are
// the popular mentors, so the candidate graph alone matches only a few.
func crowdedTable(rng *rand.Rand, popular, plain, mentees int) table {
	mentors := popular + plain
	t := table{capacity: make([]int, mentors), maxFit: 20}
	for m := range mentors {
		t.capacity[m] = 1
		if m >= popular {
			t.capacity[m] = 1 + rng.IntN(3)
		}
	}
	for range mentees {
		allowed := make([]bool, mentors)
		fit := make([]int, mentors)
		for m := range mentors {
			if m < popular {
				allowed[m], fit[m] = true, t.maxFit
			} else {
				allowed[m], fit[m] = rng.IntN(2) == 0, rng.IntN(t.maxFit-1)
			}
		}
		t.allowed = append(t.allowed, allowed)
		t.fit = append(t.fit, fit)
	}
	return t
}

func TestPricingAddsPairsTheCandidatesMiss(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 3))
	tb := crowdedTable(rng, candidatesPerMentee, 10, 40)
	p := tb.problem()
	sol, report, err := solve(p, candidatesPerMentee, 0)
	if err != nil {
		t.Fatal(err)
	}
	checkValid(t, p, sol)
	want := lpOptimum(t, p)
	if weight(p, sol) != want {
		t.Fatalf("K candidates and pricing: weight %d, LP %d", weight(p, sol), want)
	}
	if full, err := Solve(p); err != nil || weight(p, full) != want {
		t.Fatalf("Solve: weight %d (%v), LP %d", weight(p, full), err, want)
	}
	if report.firstPass.Matched != candidatesPerMentee {
		t.Fatalf("candidates alone matched %d, want %d (the popular mentors)", report.firstPass.Matched, candidatesPerMentee)
	}
	if !better(sol, report.firstPass) || report.added == 0 || report.rounds < 2 {
		t.Fatalf("pricing did not improve: first pass %+v, final %d matched fit %d, %d pairs added in %d rounds",
			report.firstPass, sol.Matched, sol.TotalFit, report.added, report.rounds)
	}

	small := crowdedTable(rng, 2, 5, 8)
	ps := small.problem()
	sol, report, err = solve(ps, 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	matched, fit := exhaustive(ps)
	if sol.Matched != matched || sol.TotalFit != fit || !better(sol, report.firstPass) {
		t.Fatalf("small crowded round: Solve %d, %d (first pass %d, %d); exhaustive %d, %d",
			sol.Matched, sol.TotalFit, report.firstPass.Matched, report.firstPass.TotalFit, matched, fit)
	}
}

func TestSolveRejectsInvalidProblems(t *testing.T) {
	fit := func(e, m int) (int, bool) { return 3, true }
	cases := map[string]Problem{
		"negative capacity": {Capacity: []int{1, -1}, Mentees: 2, MaxFit: 5, Fit: fit},
		"negative mentees":  {Capacity: []int{1}, Mentees: -1, MaxFit: 5, Fit: fit},
		"negative max fit":  {Capacity: []int{1}, Mentees: 1, MaxFit: -1, Fit: fit},
		"nil fit":           {Capacity: []int{1}, Mentees: 1, MaxFit: 5},
		"huge max fit":      {Capacity: []int{1}, Mentees: 1, MaxFit: 1 << 40, Fit: fit},
		"fit above max":     {Capacity: []int{1}, Mentees: 1, MaxFit: 2, Fit: fit},
		"fit below zero": {Capacity: []int{1, 1}, Mentees: 2, MaxFit: 5, Fit: func(e, m int) (int, bool) {
			if e == 1 && m == 1 {
				return -1, true
			}
			return 1, true
		}},
	}
	for name, p := range cases {
		if _, err := Solve(p); err == nil {
			t.Errorf("%s: Solve returned no error", name)
		}
	}
}

func TestSolveCapsCapacityAtTheMentees(t *testing.T) {
	p := Problem{Capacity: []int{0, 1 << 40}, Mentees: 3, MaxFit: 4, Fit: func(e, m int) (int, bool) { return e, true }}
	sol, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{1, 1, 1}; !slices.Equal(sol.Mentor, want) || sol.TotalFit != 3 {
		t.Fatalf("got %+v, want all mentees with mentor 1, fit 3", sol)
	}
}

func TestSolveIsDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 4))
	// Few distinct fits make many ties.
	tb := randomTable(rng, 40, 150, 0.3, 2, false)
	p := tb.problem()
	first, err := Solve(p)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		again, err := Solve(p)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(first.Mentor, again.Mentor) {
			t.Fatal("two runs paired the mentees differently")
		}
	}
}

// The scans split the mentees over as many goroutines as GOMAXPROCS; the
// merged candidates, the pricing and so the pairs are the same however many
// there are, also on a round of many ties where the mentor side and pricing
// both have work.
func TestSolveIsTheSameOnAnyNumberOfCPUs(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 6))
	tb := randomTable(rng, 60, 400, 0.4, 2, false)
	p := tb.problem()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first Solution
	var firstReport solveReport
	for i, procs := range []int{1, 2, 3, 7} {
		runtime.GOMAXPROCS(procs)
		sol, report, err := solve(p, 2, 1)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first, firstReport = sol, report
			if report.added == 0 {
				t.Fatal("pricing added nothing: the round does not test the merge of its scans")
			}
			continue
		}
		if !slices.Equal(sol.Mentor, first.Mentor) || report.rounds != firstReport.rounds || report.added != firstReport.added {
			t.Fatalf("GOMAXPROCS %d: %d flows, %d added, pairs equal %v; with 1: %d flows, %d added",
				procs, report.rounds, report.added, slices.Equal(sol.Mentor, first.Mentor), firstReport.rounds, firstReport.added)
		}
	}
}

func TestGreedyTakesFirstAllowedMentor(t *testing.T) {
	tb := table{
		capacity: []int{1, 0, 2},
		allowed:  [][]bool{{false, true, true}, {true, true, true}, {true, false, false}, {false, false, true}},
		fit:      [][]int{{0, 5, 1}, {2, 2, 2}, {4, 0, 0}, {0, 0, 3}},
		maxFit:   5,
	}
	got := Greedy(tb.problem())
	if want := []int{2, 0, -1, 2}; !slices.Equal(got.Mentor, want) || got.Matched != 3 || got.TotalFit != 6 {
		t.Fatalf("Greedy = %+v, want mentors %v, 3 matched, fit 6", got, want)
	}
}

// TestPricingMatchesTheFullGraph holds column generation against the flow
// on every allowed pair (K = all mentors, so pricing has nothing to add) on
// rounds too large for the simplex: a synthetic round, and one where all
// mentees rank the same mentors first and tie on fit elsewhere.
func TestPricingMatchesTheFullGraph(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 5))
	fits := make([]int, 200*900)
	for i := range fits {
		fits[i] = rng.IntN(12)
	}
	capacity := make([]int, 200)
	for m := range capacity {
		capacity[m] = 1 + rng.IntN(5)
	}
	rounds := map[string]Problem{
		"synthetic": syntheticRound(7, 300, 1200),
		"crowded": {Capacity: capacity, Mentees: 900, MaxFit: 20, Fit: func(e, m int) (int, bool) {
			if m < 20 {
				return 20, true
			}
			f := fits[e*200+m]
			return f, f%3 == 0
		}},
	}
	for name, p := range rounds {
		want, report, err := solve(p, len(p.Capacity), 0)
		if err != nil {
			t.Fatal(err)
		}
		if report.added != 0 {
			t.Fatalf("%s: the full graph left %d pairs to price", name, report.added)
		}
		got, report, err := solve(p, candidatesPerMentee, mentorSidePerPlace)
		if err != nil {
			t.Fatal(err)
		}
		checkValid(t, p, got)
		if got.Matched != want.Matched || got.TotalFit != want.TotalFit {
			t.Fatalf("%s: Solve %d matched, fit %d; full graph %d, %d", name, got.Matched, got.TotalFit, want.Matched, want.TotalFit)
		}
		t.Logf("%s: %d matched, fit %d; %d flows, %d pairs added", name, got.Matched, got.TotalFit, report.rounds, report.added)
	}
}
