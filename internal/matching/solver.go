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
//     place, found by one scan of all pairs through Fit. The mentor side
//     matters when many mentees rank the same mentors first: the others'
//     mentors are then still offered the mentees who suit them.
//  2. The flow problem on the candidates is solved exactly by the primal–dual
//     method: Dijkstra on reduced costs (costs are non-negative, so zero
//     potentials start valid) shifts the potentials so that all shortest
//     augmenting paths have zero reduced cost, then blocking flows (Dinic's
//     levels and current arcs) on that admissible subgraph saturate all of them
//     at once; repeat until the sink is unreachable. Successive shortest paths
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
//     dearest, stopping at π(m) ≤ π(e), below which no fit can make a pair
//     negative. A negative pair may close a negative cycle — through
//     sink→source when it opens an augmenting path from an unmatched mentee to
//     a mentor with a free place, otherwise an exchange that raises the fit —
//     or only show that π was not the right dual; either way each mentee's K
//     most negative pairs join the candidates and step 2 runs again, until no
//     pair is negative. The potentials then certify optimality for the whole
//     round, not just for the candidates. On the synthetic 5,000×20,000
//     benchmark round the first pricing finds nothing: two scans of all pairs
//     through Fit, one flow.
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
	"slices"
)

// Problem is one round after the hard rules: who may pair with whom, and how well.
type Problem struct {
	Capacity []int // free places of each mentor (0..5), index = mentor
	Mentees  int   // number of mentees, index 0..Mentees-1 = application order
	MaxFit   int   // every fit is in 0..MaxFit
	// Fit reports whether mentee e may pair with mentor m and the pair's fit (0..MaxFit, higher better).
	// It is pure and cheap (bit operations); the solver may call it for every pair, several times.
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
	rounds    int      // flow problems solved: 1 + pricing rounds that added pairs
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
	candidates, err := bestCandidates(p, active, k, mentorSide)
	if err != nil {
		return Solution{}, report, err
	}
	for {
		report.rounds++
		g := buildNetwork(p, candidates)
		n, mentors := int32(p.Mentees), int32(len(p.Capacity))
		source, sink := n+mentors, n+mentors+1
		g.minCostMaxFlow(source, sink)
		sol := g.solution(p)
		if report.rounds == 1 {
			report.firstPass = sol
		}
		added, err := addViolatingPairs(p, active, candidates, g, k)
		if err != nil {
			return Solution{}, report, err
		}
		if added == 0 {
			return sol, report, nil
		}
		report.added += added
	}
}

// fitError reports a fit outside 0..MaxFit.
func fitError(p Problem, e int, m int32, fit int) error {
	return fmt.Errorf("matching: fit %d of mentee %d and mentor %d outside 0..%d", fit, e, m, p.MaxFit)
}

// bestCandidates keeps, per mentee, its k allowed mentors of highest fit,
// ties to the lower mentor index, best first. The same scan keeps, per
// mentor, its mentorSide·capacity mentees of highest fit, which join the
// lists of those mentees: a mentor wanted by many is then still offered the
// mentees who suit it best, and pricing has less to add.
func bestCandidates(p Problem, active []int32, k, mentorSide int) ([][]pairFit, error) {
	candidates := make([][]pairFit, p.Mentees)
	best := make([]pairFit, 0, k)
	fitOf, maxFit := p.Fit, uint(p.MaxFit)
	type menteeFit struct{ mentee, fit int32 }
	mentorBest := make([][]menteeFit, len(p.Capacity))
	for _, m := range active {
		mentorBest[m] = make([]menteeFit, 0, mentorSide*min(p.Capacity[m], p.Mentees))
	}
	for e := range candidates {
		best = best[:0]
		for _, m := range active {
			f, ok := fitOf(e, int(m))
			if !ok {
				continue
			}
			if uint(f) > maxFit {
				return nil, fitError(p, e, m, f)
			}
			fit := int32(f)
			if mb := mentorBest[m]; len(mb) < cap(mb) || (len(mb) > 0 && fit > mb[len(mb)-1].fit) {
				if len(mb) < cap(mb) {
					mb = append(mb, menteeFit{})
				}
				i := len(mb) - 1
				for i > 0 && mb[i-1].fit < fit {
					mb[i] = mb[i-1]
					i--
				}
				mb[i] = menteeFit{mentee: int32(e), fit: fit}
				mentorBest[m] = mb
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
	}
	for _, m := range active {
		for _, mf := range mentorBest[m] {
			if !slices.ContainsFunc(candidates[mf.mentee], func(pf pairFit) bool { return pf.mentor == m }) {
				candidates[mf.mentee] = append(candidates[mf.mentee], pairFit{mentor: m, fit: mf.fit})
			}
		}
	}
	return candidates, nil
}

// buildNetwork lays out the flow network of the candidate graph: mentees are
// nodes 0..n-1, mentor m is node n+m, then source and sink.
func buildNetwork(p Problem, candidates [][]pairFit) *network {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity))
	source, sink := n+mentors, n+mentors+1
	edges := make([]edgeSpec, 0, int(n)+len(p.Capacity)+int(n)*candidatesPerMentee)
	for e := range n {
		if len(candidates[e]) > 0 {
			edges = append(edges, edgeSpec{from: source, to: e, capacity: 1})
		}
	}
	for e, pairs := range candidates {
		for _, pf := range pairs {
			edges = append(edges, edgeSpec{from: int32(e), to: n + pf.mentor, capacity: 1, cost: int32(p.MaxFit) - pf.fit})
		}
	}
	for m, c := range p.Capacity {
		if c > 0 { // no mentor can take more than all the mentees
			edges = append(edges, edgeSpec{from: n + int32(m), to: sink, capacity: int32(min(c, p.Mentees))})
		}
	}
	return newNetwork(int(sink)+1, edges)
}

// solution reads the matching off the flow: a mentee's saturated arc to a
// mentor is its pair.
func (g *network) solution(p Problem) Solution {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity))
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
	n, mentors := int32(p.Mentees), int32(len(p.Capacity))
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
// the duals of the solved flow and adds each mentee's k most negative ones.
// It returns how many pairs it added; zero proves the flow optimal for the
// whole round.
func addViolatingPairs(p Problem, active []int32, candidates [][]pairFit, g *network, k int) (int, error) {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity))
	price := duals(p, g)

	type violation struct {
		pair    pairFit
		reduced int64
	}
	// A pair can only be negative when π(m) > π(e), as fit ≤ MaxFit: the
	// mentors from the dearest let each mentee stop at the first that is not.
	byPrice := slices.Clone(active)
	slices.SortStableFunc(byPrice, func(a, b int32) int { return cmp.Compare(price[n+b], price[n+a]) })
	fitOf, maxFit := p.Fit, uint(p.MaxFit)
	seen := make([]int32, mentors) // seen[m] == e+1: m is a candidate of e
	worst := make([]violation, 0, k)
	added := 0
	for e := range candidates {
		for _, pf := range candidates[e] {
			seen[pf.mentor] = int32(e) + 1
		}
		worst = worst[:0]
		for _, m := range byPrice {
			if price[n+m] <= price[e] {
				break
			}
			if seen[m] == int32(e)+1 {
				continue
			}
			fit, ok := fitOf(e, int(m))
			if !ok {
				continue
			}
			if uint(fit) > maxFit {
				return 0, fitError(p, e, m, fit)
			}
			reduced := int64(p.MaxFit) - int64(fit) + price[e] - price[n+m]
			if reduced >= 0 || (len(worst) == k && reduced >= worst[k-1].reduced) {
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
			worst[i] = violation{pair: pairFit{mentor: m, fit: int32(fit)}, reduced: reduced}
		}
		for _, v := range worst {
			candidates[e] = append(candidates[e], v.pair)
		}
		added += len(worst)
	}
	return added, nil
}
