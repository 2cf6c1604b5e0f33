package matching

// Greedy is the baseline: mentees in application order, each takes the first mentor (lowest index)
// with a free place that Fit allows. It trusts the Problem (see Solve for the checks): a
// negative capacity counts as no free place.
func Greedy(p Problem) Solution {
	free := append([]int(nil), p.Capacity...)
	sol := Solution{Mentor: make([]int, p.Mentees)}
	for e := range sol.Mentor {
		sol.Mentor[e] = -1
		for m, places := range free {
			if places <= 0 {
				continue
			}
			if fit, ok := p.Fit(e, m); ok {
				sol.Mentor[e] = m
				sol.Matched++
				sol.TotalFit += int64(fit)
				free[m]--
				break
			}
		}
	}
	return sol
}
