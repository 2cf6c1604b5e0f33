package matching

import (
	"math/bits"
	"math/rand/v2"
	"runtime"
	"testing"

	"erikti/internal/benchmem"
)

// syntheticRound is a stand-in for a real round, drawn from seed: mentors
// and mentees with languages (3 bits, must share one), weekly availability
// (21 slots, must overlap), a district (0..7; in person only within
// neighbouring districts unless both meet online) and themes. The fit adds
// the mentee's ranked themes the mentor covers (10, 6, 4), 6 for the same
// district and 2 per extra shared language: MaxFit 30.
func syntheticRound(seed uint64, mentors, mentees int) Problem {
	rng := rand.New(rand.NewPCG(seed, 18))
	type person struct {
		languages, slots uint32
		themes           uint32 // mentors: the themes they cover
		ranked           [3]uint8
		district         int8
		online           bool
	}
	languages := func() uint32 {
		l := uint32(0)
		if rng.IntN(10) < 8 {
			l |= 1
		}
		for bit := 1; bit < 3; bit++ {
			if rng.IntN(10) < 3 {
				l |= 1 << bit
			}
		}
		if l == 0 {
			l = 1 << rng.IntN(3)
		}
		return l
	}
	slots := func(lo, hi int) uint32 {
		s := uint32(0)
		for want := lo + rng.IntN(hi-lo+1); bits.OnesCount32(s) < want; {
			s |= 1 << rng.IntN(21)
		}
		return s
	}
	capacity := make([]int, mentors)
	mentorOf := make([]person, mentors)
	for m := range mentorOf {
		capacity[m] = 1 + rng.IntN(5)
		themes := uint32(0)
		for want := 2 + rng.IntN(4); bits.OnesCount32(themes) < want; {
			themes |= 1 << rng.IntN(12)
		}
		mentorOf[m] = person{languages: languages(), slots: slots(3, 8), themes: themes,
			district: int8(rng.IntN(8)), online: rng.IntN(10) < 4}
	}
	menteeOf := make([]person, mentees)
	for e := range menteeOf {
		var ranked [3]uint8
		for i, perm := range rng.Perm(12)[:3] {
			ranked[i] = uint8(perm)
		}
		menteeOf[e] = person{languages: languages(), slots: slots(2, 6), ranked: ranked,
			district: int8(rng.IntN(8)), online: rng.IntN(10) < 5}
	}
	themeWeight := [3]int{10, 6, 4}
	return Problem{
		Capacity: capacity,
		Mentees:  mentees,
		MaxFit:   30,
		Fit: func(e, m int) (int, bool) {
			a, b := &menteeOf[e], &mentorOf[m]
			shared := a.languages & b.languages
			gap := a.district - b.district
			if shared == 0 || a.slots&b.slots == 0 || (!(a.online && b.online) && (gap > 1 || gap < -1)) {
				return 0, false
			}
			fit := 2 * (bits.OnesCount32(shared) - 1)
			if gap == 0 {
				fit += 6
			}
			for i, theme := range a.ranked {
				if b.themes&(1<<theme) != 0 {
					fit += themeWeight[i]
				}
			}
			return fit, true
		},
	}
}

const benchMentors, benchMentees = 5000, 20000

func benchmarkRound(b *testing.B, run func(Problem) Solution) {
	p := syntheticRound(1, benchMentors, benchMentees)
	runtime.GC()
	stop := benchmem.PeakHeap()
	var sol Solution
	for b.Loop() {
		sol = run(p)
	}
	b.ReportMetric(stop(), "MiB")
	b.ReportMetric(float64(sol.Matched), "matched")
	b.ReportMetric(float64(sol.TotalFit), "fit")
}

func BenchmarkSolve(b *testing.B) {
	benchmarkRound(b, func(p Problem) Solution {
		sol, report, err := solve(p, candidatesPerMentee, mentorSidePerPlace)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(report.rounds), "rounds")
		b.ReportMetric(float64(report.added), "added")
		return sol
	})
}

func BenchmarkGreedy(b *testing.B) {
	benchmarkRound(b, Greedy)
}
