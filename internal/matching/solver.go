// Package matching pairs mentees with mentors optimally for one round of the
// mentoring programme: first the most mentees matched, then the greatest total
// fit among those. It knows nothing of the domain: the caller applies the hard
// rules and computes the fit, and hands them over as a [Problem].
//
// # Model
//
// A round is a bipartite b-matching: each mentee takes at most one mentor,
// mentor m at most Capacity[m] mentees. Solve writes it as a min-cost max-flow:
// source→mentee (capacity 1, cost 0), mentee→mentor (capacity 1, cost
// MaxFit−fit ≥ 0), mentor→sink (capacity Capacity[m], cost 0). A maximum flow
// matches the most mentees; each unit of flow uses exactly one pair arc, so a
// flow of value F costs F·MaxFit − total fit, and the cheapest maximum flow has
// the greatest total fit. Equivalently it is the min-cost circulation with an
// extra arc sink→source of cost −B, B = MaxFit·(Mentees+1)+1: one more unit of
// flow gains B, more than any change in fit can lose.
//
// # Algorithm
//
// A round may have 5,000 mentors and 20,000 mentees with a fifth to a half of
// all pairs allowed: tens of millions of arcs, too many to build. Solve works on
// a candidate graph and proves the result against the full one (column
// generation):
//
//  1. Candidates: every mentee keeps its K = 16 best allowed mentors by fit
//     (ties to the lower index), and every mentor its 8 best mentees per free
//     place (ties to the lower index), found by one scan of all pairs through
//     Fit. The mentor side matters when many mentees rank the same mentors
//     first: the others' mentors are then still offered the mentees who suit
//     them. The same scan notes each mentee's and each mentor's top fit over
//     all its allowed pairs, for pricing.
//  2. The flow problem on the candidates is solved exactly by the primal–dual
//     method: Dijkstra on reduced costs (costs are non-negative, so zero
//     potentials start valid) shifts the potentials so that all shortest
//     augmenting paths have zero reduced cost, then blocking flows (Dinic's
//     levels, numbered no further than the sink's, and current arcs) on that
//     admissible subgraph saturate all of them at once; repeat until the sink
//     is unreachable. Successive shortest paths
//     keep the flow cheapest for its value at every step, and the blocking
//     flows make the number of Dijkstra runs the number of distinct path
//     lengths (6 on the benchmark round) rather than the number of mentees.
//  3. Pricing: let dt(v) be the shortest residual distance from v to the sink
//     in the circulation, min(dist(v→sink), dist(v→source)+B), from two
//     backward Dijkstra runs. Shortest distances satisfy the triangle
//     inequality on every residual arc, so π = −dt are optimal duals of the
//     candidate problem: reduced costs c + π(u) − π(v) ≥ 0 on all residual
//     arcs (the flow is cheapest among maximum flows, so the circulation has
//     no negative cycle and dt is defined), and zero on sink→source and
//     source→sink, as the source no longer reaches the sink (dt(source) = B).
//     Each mentee's price is then raised, and each mentor's
//     lowered, as far as its own residual arcs allow; π stays feasible and
//     the reduced costs of the pairs left out only grow. The full round is
//     optimal when π stays feasible for the pairs left out too, that is when
//     every allowed pair (e, m) outside the candidates has
//     MaxFit − fit + π(e) − π(m) ≥ 0 (its residual arc e→m: such a pair
//     carries no flow, so it has no reverse arc): a feasible potential rules
//     out negative cycles, the optimality condition of a min-cost
//     circulation. Pricing scans the pairs through Fit, mentors from the
//     dearest; as fit is at most the top fits of e and of m, a mentee stops
//     at π(m) < π(e) + MaxFit − top(e) and skips a mentor with
//     π(m) < π(e) + MaxFit − top(m) without asking Fit, for no such pair can
//     be negative, nor zero. A negative pair may close a negative cycle — through
//     sink→source when it opens an augmenting path from an unmatched mentee to
//     a mentor with a free place, otherwise an exchange that raises the fit —
//     or only show that π was not the right dual; either way the flow is
//     solved again with each mentee's K pairs of lowest reduced cost among
//     the negative and zero ones added to the candidates, until no pair is
//     negative. The potentials then certify optimality for the whole round,
//     not just for the candidates. The pairs of zero reduced cost are the
//     ties of a round with many equal fits: they cost nothing in the flow
//     and are often what the next flow's exchanges need. On the synthetic
//     5,000×20,000 benchmark round the first pricing finds no negative pair:
//     two scans of all pairs through Fit, one flow. On the realistic round of
//     the domain's benchmark, the first pricing finds 1,479 negative pairs
//     (and 22,903 of zero), the second one negative, the third none: four
//     scans, three flows (without the zero pairs, 60 and 8 negative pairs
//     more and five scans, four flows).
//  4. Solving again starts from the last flow and π, not from nothing: on the
//     candidates with the new pairs π is feasible except on the new pairs of
//     negative reduced cost (those of zero are simply new arcs). Each is
//     saturated, which makes its
//     residual arc the reverse, of positive reduced cost, and leaves a unit
//     too much at its mentor and too little at its mentee. A super source
//     feeding those mentors and a super sink draining those mentees, their
//     arcs of cost 0 and potentials the highest mentor's and the lowest
//     mentee's, keep every reduced cost non-negative, and the primal–dual
//     method of step 2 from super source to super sink sends every unit back
//     (undoing the saturation is always possible) at the least cost. The flow
//     then keeps its value, and the residual network has no negative cycle
//     (the potentials are feasible): it is cheapest for its value on the new
//     candidates, and successive shortest paths from source to sink, from
//     those potentials, make it a cheapest maximum flow again.
//
// The scans of all pairs (steps 1 and 3) split the mentees into one
// contiguous range per GOMAXPROCS, scanned by a goroutine each, so Fit must
// be safe to call concurrently (it is pure); the ranges' results are merged in
// mentee order, so the number of ranges changes nothing.
//
// Mentors without free places never take part. Everything runs in index
// order, so equal problems give equal solutions.
//
// # Why not a library
//
// No well-kept Go library solves min-cost flow at this size. gonum
// (gonum.org/v1/gonum) has a dense simplex (optimize/convex/lp), which the
// tests use as an independent oracle on small rounds but which cannot hold a
// 20,000×5,000 round, and its graph/flow package is control-flow dominators,
// not network flow; the module lists here (go-partial.tsv) hold nothing else
// for flows or assignment, and the solvers one finds (LEMON's network simplex,
// OR-tools) are C++ without maintained Go bindings.
package matching

import (
	"cmp"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// Problem is one round after the hard rules: who may pair with whom, and how well.
type Problem struct {
	Capacity []int // free places of each mentor (0..5), index = mentor
	Mentees  int   // number of mentees, index 0..Mentees-1 = application order
	MaxFit   int   // every fit is in 0..MaxFit
	// Fit reports whether mentee e may pair with mentor m and the pair's fit (0..MaxFit, higher better).
	// It is pure and cheap (bit operations); the solver may call it for every pair, several times,
	// and from several goroutines at once.
	Fit func(mentee, mentor int) (fit int, ok bool)
}

// Solution is a matching of one round.
type Solution struct {
	Mentor   []int // per mentee: its mentor, or -1 when unmatched
	Matched  int   // mentees with a mentor
	TotalFit int64 // sum of the fits of the matched pairs
}

// candidatesPerMentee is K: how many best mentors each mentee brings into the
// candidate graph, and how many violating pairs per mentee a pricing round
// adds. With mentorSidePerPlace it lets the first pricing of the synthetic
// benchmark rounds (5,000 mentors; 10,000 or 20,000 mentees) find nothing;
// K = 12 or a mentor side of 6 needed a second flow.
const candidatesPerMentee = 16

// mentorSidePerPlace is how many mentees per free place each mentor brings
// into the candidate graph (see bestCandidates).
const mentorSidePerPlace = 8

// Solve returns an optimal solution: the most mentees matched first, then the greatest total fit
// among those. Deterministic for equal inputs (ties broken the same way every run).
// The error reports an invalid Problem: a negative capacity, a mentee count
// or MaxFit out of range (negative, or above 2^22 and 2^20), a missing Fit, or
// a fit outside 0..MaxFit (found for the mentors with a free place, the only
// ones Solve asks about).
func Solve(p Problem) (Solution, error) {
	sol, _, err := solve(p, candidatesPerMentee, mentorSidePerPlace)
	return sol, err
}

// solveReport tells the tests how the column generation went.
type solveReport struct {
	rounds    int      // flow problems solved: 1 + pricing rounds that found negative pairs
	added     int      // pairs added by pricing
	firstPass Solution // the optimum on the first K candidates alone
}

// pairFit is one candidate pair seen from its mentee.
type pairFit struct {
	mentor int32
	fit    int32
}

// Bounds that keep the flow's 32-bit arcs and 64-bit prices from overflowing.
const (
	maxMentees = 1 << 22
	maxMaxFit  = 1 << 20
)

func validate(p Problem) error {
	switch {
	case p.Mentees < 0 || p.Mentees > maxMentees:
		return fmt.Errorf("matching: mentee count %d outside 0..%d", p.Mentees, maxMentees)
	case len(p.Capacity) > maxMentees:
		return fmt.Errorf("matching: %d mentors, more than %d", len(p.Capacity), maxMentees)
	case p.MaxFit < 0 || p.MaxFit > maxMaxFit:
		return fmt.Errorf("matching: MaxFit %d outside 0..%d", p.MaxFit, maxMaxFit)
	case p.Fit == nil:
		return errors.New("matching: Problem.Fit is nil")
	}
	for m, c := range p.Capacity {
		if c < 0 {
			return fmt.Errorf("matching: mentor %d has negative capacity %d", m, c)
		}
	}
	return nil
}

// solve is Solve with the candidate counts as parameters: k per mentee and
// mentorSide per free place of a mentor.
func solve(p Problem, k, mentorSide int) (Solution, solveReport, error) {
	var report solveReport
	if err := validate(p); err != nil {
		return Solution{}, report, err
	}
	var active []int32 // mentors with free places
	for m, c := range p.Capacity {
		if c > 0 {
			active = append(active, int32(m))
		}
	}
	candidates, top, err := bestCandidates(p, active, k, mentorSide)
	if err != nil {
		return Solution{}, report, err
	}
	g := buildNetwork(p, candidates, nil)
	n, mentors := int32(p.Mentees), int32(len(p.Capacity)) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	g.minCostMaxFlow(n+mentors, n+mentors+1)
	for {
		report.rounds++
		sol := g.solution(p)
		if report.rounds == 1 {
			report.firstPass = sol
		}
		price := duals(p, g)
		added, err := addViolatingPairs(p, active, candidates, top, price, k)
		if err != nil {
			return Solution{}, report, err
		}
		report.added += len(added)
		negative := slices.DeleteFunc(added, func(a pair) bool { return !a.negative })
		if len(negative) == 0 {
			return sol, report, nil
		}
		g = resolve(p, candidates, sol, price, negative)
	}
}

// fitError reports a fit outside 0..MaxFit.
func fitError(p Problem, e int, m int32, fit int) error {
	return fmt.Errorf("matching: fit %d of mentee %d and mentor %d outside 0..%d", fit, e, m, p.MaxFit)
}

// bestCandidates keeps, per mentee, its k allowed mentors of highest fit,
// ties to the lower mentor index, best first. The same scan keeps, per
// mentor, its mentorSide·capacity mentees of highest fit, ties to the lower
// mentee index, which join the lists of those mentees: a mentor wanted by
// many is then still offered the mentees who suit it best, and pricing has
// less to add. The mentees are scanned in ranges, one goroutine each (see
// menteeRanges), and the ranges' results merged in mentee order.
func bestCandidates(p Problem, active []int32, k, mentorSide int) ([][]pairFit, topFits, error) {
	candidates := make([][]pairFit, p.Mentees)
	top := topFits{mentee: make([]int32, p.Mentees), mentor: make([]int32, len(p.Capacity))}
	for m := range top.mentor {
		top.mentor[m] = -1
	}
	ranges := menteeRanges(p.Mentees)
	scans := make([]candidateScan, len(ranges))
	var wg sync.WaitGroup
	for i, r := range ranges {
		wg.Go(func() { scans[i] = scanCandidates(p, active, k, mentorSide, r, candidates, top.mentee) })
	}
	wg.Wait()
	for _, sc := range scans {
		if sc.err != nil {
			return nil, top, sc.err
		}
	}
	for _, m := range active {
		keep := mentorSide * min(p.Capacity[m], p.Mentees)
		var merged []menteeFit
		for _, sc := range scans {
			top.mentor[m] = max(top.mentor[m], sc.mentorTop[m])
			// a stable merge keeps equal fits in mentee order, as one scan would
			merged = mergeMenteeFits(merged, sc.mentorBest[m], keep)
		}
		for _, mf := range merged {
			if !slices.ContainsFunc(candidates[mf.mentee], func(pf pairFit) bool { return pf.mentor == m }) {
				candidates[mf.mentee] = append(candidates[mf.mentee], pairFit{mentor: m, fit: mf.fit})
			}
		}
	}
	return candidates, top, nil
}

// menteeFit is a mentee among a mentor's best.
type menteeFit struct{ mentee, fit int32 }

// mergeMenteeFits merges two lists of mentees, each by fit from the highest
// and in mentee order among equal fits, the mentees of a before those of b,
// into one such list of at most keep.
func mergeMenteeFits(a, b []menteeFit, keep int) []menteeFit {
	out := make([]menteeFit, 0, min(keep, len(a)+len(b)))
	for len(out) < keep && (len(a) > 0 || len(b) > 0) {
		if len(b) == 0 || (len(a) > 0 && a[0].fit >= b[0].fit) {
			out, a = append(out, a[0]), a[1:]
		} else {
			out, b = append(out, b[0]), b[1:]
		}
	}
	return out
}

// candidateScan is what scanCandidates finds in one range of mentees about
// the mentors: their best mentees there and their top fit there.
type candidateScan struct {
	mentorBest [][]menteeFit
	mentorTop  []int32
	err        error
}

// scanCandidates is bestCandidates on the mentees of r: it sets their
// candidates and menteeTop, and returns what it found about the mentors.
func scanCandidates(p Problem, active []int32, k, mentorSide int, r menteeRange, candidates [][]pairFit, menteeTop []int32) candidateScan {
	sc := candidateScan{mentorBest: make([][]menteeFit, len(p.Capacity)), mentorTop: make([]int32, len(p.Capacity))}
	for m := range sc.mentorTop {
		sc.mentorTop[m] = -1
	}
	for _, m := range active {
		sc.mentorBest[m] = make([]menteeFit, 0, min(mentorSide*min(p.Capacity[m], p.Mentees), r.to-r.from))
	}
	best := make([]pairFit, 0, k)
	fitOf, maxFit := p.Fit, uint(p.MaxFit)
	for e := r.from; e < r.to; e++ {
		best = best[:0]
		for _, m := range active {
			f, ok := fitOf(e, int(m))
			if !ok {
				continue
			}
			if uint(f) > maxFit {
				sc.err = fitError(p, e, m, f)
				return sc
			}
			fit := int32(f) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
			sc.mentorTop[m] = max(sc.mentorTop[m], fit)
			if mb := sc.mentorBest[m]; len(mb) < cap(mb) || (len(mb) > 0 && fit > mb[len(mb)-1].fit) {
				if len(mb) < cap(mb) {
					mb = append(mb, menteeFit{})
				}
				i := len(mb) - 1
				for i > 0 && mb[i-1].fit < fit {
					mb[i] = mb[i-1]
					i--
				}
				mb[i] = menteeFit{mentee: int32(e), fit: fit} // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
				sc.mentorBest[m] = mb
			}
			if len(best) == k && fit <= best[k-1].fit {
				continue
			}
			if len(best) < k {
				best = append(best, pairFit{})
			}
			i := len(best) - 1
			for i > 0 && best[i-1].fit < fit {
				best[i] = best[i-1]
				i--
			}
			best[i] = pairFit{mentor: m, fit: fit}
		}
		candidates[e] = append([]pairFit(nil), best...)
		menteeTop[e] = -1
		if len(best) > 0 {
			menteeTop[e] = best[0].fit
		}
	}
	return sc
}

// menteeRange is the mentees from..to-1.
type menteeRange struct{ from, to int }

// menteeRanges splits the mentees into one contiguous range per CPU the Go
// scheduler runs on (GOMAXPROCS), for the scans of all pairs, which ask Fit
// (pure) from that many goroutines at once. How many ranges there are
// changes no result: the scans merge them in mentee order.
func menteeRanges(mentees int) []menteeRange {
	parts := max(1, min(runtime.GOMAXPROCS(0), mentees))
	ranges := make([]menteeRange, parts)
	for i := range ranges {
		ranges[i] = menteeRange{from: i * mentees / parts, to: (i + 1) * mentees / parts}
	}
	return ranges
}

// topFits are the highest fits of each mentee and each mentor over all the
// pairs allowed, -1 for none.
type topFits struct{ mentee, mentor []int32 }

// pair is a mentee and a mentor, and whether the pair's reduced cost is negative.
type pair struct {
	mentee, mentor int32
	negative       bool
}

// buildNetwork lays out the flow network of the candidate graph: mentees are
// nodes 0..n-1, mentor m is node n+m, then source, sink, and the super
// source and super sink of resolve, with an arc super source→m and e→super
// sink for each pair (e, m) of added.
func buildNetwork(p Problem, candidates [][]pairFit, added []pair) *network {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity)) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	source, sink := n+mentors, n+mentors+1
	superSource, superSink := sink+1, sink+2
	edges := make([]edgeSpec, 0, int(n)+len(p.Capacity)+int(n)*candidatesPerMentee+2*len(added))
	for e := range n {
		if len(candidates[e]) > 0 {
			edges = append(edges, edgeSpec{from: source, to: e, capacity: 1})
		}
	}
	for e, pairs := range candidates {
		for _, pf := range pairs {
			edges = append(edges, edgeSpec{from: int32(e), to: n + pf.mentor, capacity: 1, cost: int32(p.MaxFit) - pf.fit}) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
		}
	}
	for m, c := range p.Capacity {
		if c > 0 { // no mentor can take more than all the mentees
			edges = append(edges, edgeSpec{from: n + int32(m), to: sink, capacity: int32(min(c, p.Mentees))}) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
		}
	}
	for _, a := range added {
		edges = append(edges, edgeSpec{from: superSource, to: n + a.mentor, capacity: 1},
			edgeSpec{from: a.mentee, to: superSink, capacity: 1})
	}
	return newNetwork(int(superSink)+1, edges)
}

// resolve solves the candidate graph again after pricing added pairs to it,
// negative those of negative reduced cost, starting from the previous
// solution sol and its duals price rather than from nothing (see the package
// doc): the old flow and price are put on the new network, each pair of
// negative is saturated, and
// the unit it leaves too much at its mentor and too little at its mentee is
// sent back along shortest paths from the super source (to the mentors) to
// the super sink (from the mentees). The flow is then cheapest for its value
// on the new graph, and augmenting from source to sink completes it.
func resolve(p Problem, candidates [][]pairFit, sol Solution, price []int64, negative []pair) *network {
	g := buildNetwork(p, candidates, negative)
	n, mentors := int32(p.Mentees), int32(len(p.Capacity)) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	source, sink := n+mentors, n+mentors+1
	superSource, superSink := sink+1, sink+2
	load := make([]int32, mentors)
	for e, m := range sol.Mentor {
		if m >= 0 {
			g.send(g.rev[g.arcTo(int32(e), source)], 1)
			g.send(g.arcTo(int32(e), n+int32(m)), 1) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
			load[m]++
		}
	}
	for m, l := range load {
		if l > 0 {
			g.send(g.arcTo(n+int32(m), sink), l)
		}
	}
	copy(g.potential, price[:sink+1])
	top, bottom := -infDistance, infDistance
	for _, a := range negative {
		g.send(g.arcTo(a.mentee, n+a.mentor), 1)
		top, bottom = max(top, price[n+a.mentor]), min(bottom, price[a.mentee])
	}
	// super source→m and e→super sink cost nothing: these keep them at zero
	// reduced cost or more.
	g.potential[superSource], g.potential[superSink] = top, bottom
	g.minCostMaxFlow(superSource, superSink)
	g.isolate(superSource)
	g.isolate(superSink)
	g.minCostMaxFlow(source, sink)
	return g
}

// solution reads the matching off the flow: a mentee's saturated arc to a
// mentor is its pair.
func (g *network) solution(p Problem) Solution {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity)) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	sol := Solution{Mentor: make([]int, p.Mentees)}
	for e := range n {
		sol.Mentor[e] = -1
		for a := g.start[e]; a < g.start[e+1]; a++ {
			if m := g.head[a] - n; m >= 0 && m < mentors && g.residual[a] == 0 {
				sol.Mentor[e] = int(m)
				sol.Matched++
				sol.TotalFit += int64(p.MaxFit) - int64(g.cost[a])
				break
			}
		}
	}
	return sol
}

// duals returns potentials π that certify the solved flow on the candidate
// graph: c(u,v) + π(u) − π(v) ≥ 0 on every residual arc, π(sink) − π(source)
// = B. It starts from π = −dt (see the package doc), then raises each mentee's
// and lowers each mentor's price as far as its own arcs allow. That keeps
// every arc feasible and only raises the reduced cost of pairs outside the
// candidates (c + π(e) − π(m)), so pricing flags fewer pairs that cannot help.
func duals(p Problem, g *network) []int64 {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity)) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	source, sink := n+mentors, n+mentors+1
	toSink := make([]int64, g.nodes())
	toSource := make([]int64, g.nodes())
	g.distancesTo(sink, toSink)
	g.distancesTo(source, toSource)
	bonus := int64(p.MaxFit)*(int64(p.Mentees)+1) + 1 // B
	price := toSink
	for v, d := range toSource {
		dt := price[v]
		if d != infDistance {
			dt = min(dt, d+bonus)
		}
		price[v] = -dt
	}
	// A mentee's only upper bound is its arc back from its mentor
	// (π(e) ≤ π(m) − c) when matched, the arc from the source (π(e) ≤
	// π(source)) when not.
	for e := range n {
		price[e] = price[source]
		for a := g.start[e]; a < g.start[e+1]; a++ {
			if m := g.head[a]; m >= n && m < source && g.residual[a] == 0 {
				price[e] = price[m] - int64(g.cost[a])
				break
			}
		}
	}
	// A mentor's lower bounds are π(e) + c for its mentees and π(sink) when
	// it has a free place.
	for m := n; m < source; m++ {
		lowest := int64(-infDistance)
		for a := g.start[m]; a < g.start[m+1]; a++ {
			w := g.head[a]
			switch {
			case w == sink && g.residual[a] > 0:
				lowest = max(lowest, price[sink])
			case w < n && g.residual[a] > 0: // reverse of a used pair
				lowest = max(lowest, price[w]-int64(g.cost[a]))
			}
		}
		if lowest != -infDistance {
			price[m] = lowest
		}
	}
	return price
}

// addViolatingPairs prices every allowed pair outside the candidates against
// the duals price of the solved flow and adds each mentee's k of lowest
// reduced cost, negative or zero. It returns the pairs it added, in mentee
// order; when none is negative the flow is optimal for the whole round. The
// mentees are priced in ranges, one goroutine each (see menteeRanges).
func addViolatingPairs(p Problem, active []int32, candidates [][]pairFit, top topFits, price []int64, k int) ([]pair, error) {
	n := int32(p.Mentees) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
	// A pair's reduced cost is at most zero only when π(m) − π(e) ≥
	// MaxFit − fit, and its fit is at most the top fits of its mentee and of
	// its mentor: the mentors from the dearest let each mentee stop at the
	// first below its bound, and a mentor's own bound skips it without
	// asking Fit.
	byPrice := make([]pricedMentor, len(active))
	for i, m := range active {
		byPrice[i] = pricedMentor{mentor: m, price: price[n+m], floor: price[n+m] - int64(p.MaxFit) + int64(top.mentor[m])}
	}
	slices.SortStableFunc(byPrice, func(a, b pricedMentor) int { return cmp.Compare(b.price, a.price) })
	ranges := menteeRanges(p.Mentees)
	added := make([][]pair, len(ranges))
	errs := make([]error, len(ranges))
	var wg sync.WaitGroup
	for i, r := range ranges {
		wg.Go(func() {
			added[i], errs[i] = priceRange(p, r, byPrice, candidates, top.mentee, price, k)
		})
	}
	wg.Wait()
	for _, err := range errs { // the first mentee's error, as one scan would give
		if err != nil {
			return nil, err
		}
	}
	return slices.Concat(added...), nil
}

// pricedMentor is a mentor with its price π(m) and its floor: pairs with
// π(e) > floor are positive, whatever the mentee.
type pricedMentor struct {
	mentor       int32
	price, floor int64
}

// priceRange is addViolatingPairs on the mentees of r.
func priceRange(p Problem, r menteeRange, byPrice []pricedMentor, candidates [][]pairFit, menteeTop []int32, price []int64, k int) ([]pair, error) {
	type violation struct {
		pair    pairFit
		reduced int64
	}
	fitOf, maxFit := p.Fit, uint(p.MaxFit)
	seen := make([]int32, len(p.Capacity)) // seen[m] == e+1: m is a candidate of e
	worst := make([]violation, 0, k)
	var added []pair
	for e := r.from; e < r.to; e++ {
		for _, pf := range candidates[e] {
			seen[pf.mentor] = int32(e) + 1 // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
		}
		worst = worst[:0]
		if menteeTop[e] < 0 {
			continue
		}
		floor := price[e] + int64(p.MaxFit) - int64(menteeTop[e])
		for _, pm := range byPrice {
			if pm.price < floor {
				break
			}
			m := pm.mentor
			if pm.floor < price[e] || seen[m] == int32(e)+1 { // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
				continue
			}
			fit, ok := fitOf(e, int(m))
			if !ok {
				continue
			}
			if uint(fit) > maxFit {
				return nil, fitError(p, e, m, fit)
			}
			reduced := int64(p.MaxFit) - int64(fit) + price[e] - pm.price
			if reduced > 0 || (len(worst) == k && reduced >= worst[k-1].reduced) {
				continue
			}
			if len(worst) < k {
				worst = append(worst, violation{})
			}
			i := len(worst) - 1
			for i > 0 && worst[i-1].reduced > reduced {
				worst[i] = worst[i-1]
				i--
			}
			worst[i] = violation{pair: pairFit{mentor: m, fit: int32(fit)}, reduced: reduced} // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
		}
		for _, v := range worst {
			candidates[e] = append(candidates[e], v.pair)
			added = append(added, pair{mentee: int32(e), mentor: v.pair.mentor, negative: v.reduced < 0}) // #nosec G115 -- validate refuses more than 2^22 mentees or mentors and a MaxFit over 2^20: every index and cost fits
		}
	}
	return added, nil
}
