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
//  1. Candidates: every mentee keeps its K best allowed mentors by fit (ties to
//     the lower index), found by one scan of all pairs through Fit.
//  2. The flow problem on the candidates is solved exactly by the primal–dual
//     method: Dijkstra on reduced costs (costs are non-negative, so zero
//     potentials start valid) shifts the potentials so that all shortest
//     augmenting paths have zero reduced cost, then blocking flows (Dinic's
//     levels and current arcs) on that admissible subgraph saturate all of them
//     at once; repeat until the sink is unreachable. Successive shortest paths
//     keep the flow cheapest for its value at every step, and the blocking
//     flows make the number of Dijkstra runs the number of distinct path
//     lengths (a few dozen) rather than the number of mentees.
//  3. Pricing: let dt(v) be the shortest residual distance from v to the sink
//     in the circulation, min(dist(v→sink), dist(v→source)+B), from two
//     backward Dijkstra runs. Shortest distances satisfy the triangle
//     inequality on every residual arc, so π = −dt are optimal duals of the
//     candidate problem (reduced costs c + π(u) − π(v) ≥ 0, with equality on
//     the sink→source arc). The full round is optimal exactly when π stays
//     feasible for the pairs left out, that is when every allowed pair (e, m)
//     outside the candidates has MaxFit − fit − dt(e) + dt(m) ≥ 0 (its
//     residual arc e→m; pairs outside carry no flow, so there is no reverse
//     arc). Pricing scans all pairs through Fit; a negative pair closes a
//     negative cycle under π — through sink→source when it opens an augmenting
//     path from an unmatched mentee to a mentor with a free place, otherwise an
//     exchange that raises the fit. Each mentee's K most negative pairs join
//     the candidates and step 2 runs again, until no pair is negative; then
//     the potentials certify optimality for the whole round (complementary
//     slackness), not just for the candidates.
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
	"errors"
	"fmt"
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
// adds. The benchmark round needs one pricing round with it.
const candidatesPerMentee = 16

// Solve returns an optimal solution: the most mentees matched first, then the greatest total fit
// among those. Deterministic for equal inputs (ties broken the same way every run).
// The error reports an invalid Problem: a negative capacity, mentee count or
// MaxFit, a missing Fit, or a fit outside 0..MaxFit.
func Solve(p Problem) (Solution, error) {
	sol, _, err := solve(p, candidatesPerMentee)
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

func validate(p Problem) error {
	switch {
	case p.Mentees < 0:
		return fmt.Errorf("matching: negative mentee count %d", p.Mentees)
	case p.MaxFit < 0:
		return fmt.Errorf("matching: negative MaxFit %d", p.MaxFit)
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

func solve(p Problem, k int) (Solution, solveReport, error) {
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
	candidates, err := bestCandidates(p, active, k)
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

// checkFit returns the pair's fit if it is allowed, or an error when the fit
// is out of range.
func checkFit(p Problem, e int, m int32) (int32, bool, error) {
	fit, ok := p.Fit(e, int(m))
	if !ok {
		return 0, false, nil
	}
	if fit < 0 || fit > p.MaxFit {
		return 0, false, fmt.Errorf("matching: fit %d of mentee %d and mentor %d outside 0..%d", fit, e, m, p.MaxFit)
	}
	return int32(fit), true, nil
}

// bestCandidates keeps, per mentee, its k allowed mentors of highest fit,
// ties to the lower mentor index, best first.
func bestCandidates(p Problem, active []int32, k int) ([][]pairFit, error) {
	candidates := make([][]pairFit, p.Mentees)
	best := make([]pairFit, 0, k)
	for e := range candidates {
		best = best[:0]
		for _, m := range active {
			fit, ok, err := checkFit(p, e, m)
			if err != nil {
				return nil, err
			}
			if !ok || (len(best) == k && fit <= best[k-1].fit) {
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
		if c > 0 {
			edges = append(edges, edgeSpec{from: n + int32(m), to: sink, capacity: int32(c)})
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

// addViolatingPairs prices every allowed pair outside the candidates against
// the duals π = −dt of the solved flow (see the package doc) and adds each
// mentee's k most negative ones. It returns how many pairs it added; zero
// proves the flow optimal for the whole round.
func addViolatingPairs(p Problem, active []int32, candidates [][]pairFit, g *network, k int) (int, error) {
	n, mentors := int32(p.Mentees), int32(len(p.Capacity))
	source, sink := n+mentors, n+mentors+1
	toSink := make([]int64, g.nodes())
	toSource := make([]int64, g.nodes())
	g.distancesTo(sink, toSink)
	g.distancesTo(source, toSource)
	bonus := int64(p.MaxFit)*(int64(p.Mentees)+1) + 1 // B
	dt := toSink
	for v, d := range toSource {
		if d != infDistance && d+bonus < dt[v] {
			dt[v] = d + bonus
		}
	}

	type violation struct {
		pair    pairFit
		reduced int64
	}
	seen := make([]int32, mentors) // seen[m] == e+1: m is a candidate of e
	worst := make([]violation, 0, k)
	added := 0
	for e := range candidates {
		for _, pf := range candidates[e] {
			seen[pf.mentor] = int32(e) + 1
		}
		worst = worst[:0]
		for _, m := range active {
			if seen[m] == int32(e)+1 {
				continue
			}
			fit, ok, err := checkFit(p, e, m)
			if err != nil {
				return 0, err
			}
			if !ok {
				continue
			}
			reduced := int64(p.MaxFit) - int64(fit) - dt[e] + dt[n+m]
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
			worst[i] = violation{pair: pairFit{mentor: m, fit: fit}, reduced: reduced}
		}
		for _, v := range worst {
			candidates[e] = append(candidates[e], v.pair)
		}
		added += len(worst)
	}
	return added, nil
}
