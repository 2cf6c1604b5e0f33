package domain

import (
	"fmt"
	"slices"

	"erikti/internal/matching"
)

// PairKey names a pair by its mentor's and its mentee's application.
type PairKey struct{ Mentor, Mentee int64 }

// MatchInput is a round to match: its applications, in the order they came, and what holds already.
type MatchInput struct {
	Programme *MentoringProgramme
	Round     *MentoringRound
	Mentors   []MentoringApplication
	Mentees   []MentoringApplication
	// Kept are pairs that stay as they are: pinned by the coordinator, or told and not declined.
	// Their mentees are not matched again and they take their mentors' places.
	Kept []PairKey
	// Refused are pairs never to be made: forbidden by the coordinator, or declined before.
	Refused map[PairKey]bool
}

// MatchedPair is one pair the match made, with its fit.
type MatchedPair struct {
	PairKey
	Fit int
}

// MatchOutcome is what a run of the match gives: new pairs besides the kept ones, and why each
// mentee left without a mentor stayed so.
type MatchOutcome struct {
	Pairs     []MatchedPair
	Unmatched map[int64]string // a mentee's application → one of the Unmatched* reasons
	TotalFit  int64            // of Pairs
}

// UnmatchedNoMentor: the round has no mentor with a free place at all.
const UnmatchedNoMentor = "no_mentor"

// MatchRound matches in's mentees to its mentors optimally under the hard rules (PairRule and
// Refused): first the most mentees, then the greatest total PairFit, around the kept pairs. It is
// deterministic: the same input gives the same pairs.
func MatchRound(in MatchInput) (MatchOutcome, error) {
	out := MatchOutcome{Unmatched: map[int64]string{}}
	mentorAt := make(map[int64]int, len(in.Mentors))
	mentors := make([]MentoringProfile, len(in.Mentors))
	capacity := make([]int, len(in.Mentors))
	for i := range in.Mentors {
		mentorAt[in.Mentors[i].ID] = i
		mentors[i] = in.Mentors[i].Profile(in.Round)
		capacity[i] = in.Mentors[i].Capacity
	}
	kept := map[int64]bool{}
	for _, k := range in.Kept {
		i, ok := mentorAt[k.Mentor]
		if !ok {
			return out, fmt.Errorf("domain: match: kept pair's mentor %d is not in the round", k.Mentor)
		}
		capacity[i] = max(0, capacity[i]-1)
		kept[k.Mentee] = true
	}
	var mentees []MentoringProfile
	var menteeIDs []int64
	menteeAt := map[int64]int{}
	for i := range in.Mentees {
		if !kept[in.Mentees[i].ID] {
			menteeAt[in.Mentees[i].ID] = len(mentees)
			mentees = append(mentees, in.Mentees[i].Profile(in.Round))
			menteeIDs = append(menteeIDs, in.Mentees[i].ID)
		}
	}
	// refused[e] are the mentors mentee e may not have: few, so looked up only when there are some
	refused := make([][]int, len(mentees))
	for k := range in.Refused {
		e, ok := menteeAt[k.Mentee]
		m, ok2 := mentorAt[k.Mentor]
		if ok && ok2 {
			refused[e] = append(refused[e], m)
		}
	}
	scorer := newPairScorer(in.Programme)
	fit := func(e, m int) (int, bool) {
		f, ok := scorer.score(&mentors[m], &mentees[e])
		if !ok || (refused[e] != nil && slices.Contains(refused[e], m)) {
			return 0, false
		}
		return f, true
	}
	sol, err := matching.Solve(matching.Problem{Capacity: capacity, Mentees: len(mentees), MaxFit: MaxPairFit, Fit: fit})
	if err != nil {
		return out, fmt.Errorf("domain: match: %w", err)
	}
	for e, m := range sol.Mentor {
		if m >= 0 {
			out.Pairs = append(out.Pairs, MatchedPair{PairKey{in.Mentors[m].ID, menteeIDs[e]}, fitOf(fit, e, m)})
			continue
		}
		out.Unmatched[menteeIDs[e]] = unmatchedReason(in.Programme, mentors, capacity, &mentees[e], refused[e])
	}
	out.TotalFit = sol.TotalFit
	return out, nil
}

func fitOf(fit func(int, int) (int, bool), e, m int) int {
	f, _ := fit(e, m)
	return f
}

// reasonRank orders the reasons by how far a mentor got with a mentee: the furthest is told.
var reasonRank = map[string]int{UnmatchedLanguage: 0, UnmatchedTime: 1, UnmatchedDistance: 2, UnmatchedVerified: 3, UnmatchedRefused: 4, UnmatchedCapacity: 5}

// unmatchedReason is why mentee got no mentor: the rule that stopped the mentor who came closest,
// or, when some mentor broke no rule at all, that every such mentor was full.
func unmatchedReason(prog *MentoringProgramme, mentors []MentoringProfile, capacity []int, mentee *MentoringProfile, refused []int) string {
	if len(mentors) == 0 || !slices.ContainsFunc(capacity, func(c int) bool { return c > 0 }) {
		return UnmatchedNoMentor
	}
	best := UnmatchedLanguage
	for m := range mentors {
		r := PairRule(prog, &mentors[m], mentee)
		if r == "" {
			r = UnmatchedCapacity
			if slices.Contains(refused, m) {
				r = UnmatchedRefused
			}
		}
		if reasonRank[r] > reasonRank[best] {
			best = r
		}
		if best == UnmatchedCapacity { // the furthest of all: no other mentor can change it
			break
		}
	}
	return best
}
