package domain

import (
	"math/rand/v2"
	"testing"
	"time"
)

var scoreDay = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)

// randomApplicationForScore is any application Profile may read: themes repeated or unknown,
// no languages or slots at all, any age.
func randomApplicationForScore(rng *rand.Rand) MentoringApplication {
	a := MentoringApplication{District: Districts()[rng.IntN(len(Districts()))].Code,
		Mode: []string{MeetOnline, MeetInPerson, MeetBoth}[rng.IntN(3)]}
	for _, l := range Languages() {
		if rng.IntN(2) == 0 {
			a.Languages = append(a.Languages, l)
		}
	}
	slots := MentoringSlots()
	for range rng.IntN(6) {
		a.Slots = append(a.Slots, slots[rng.IntN(len(slots))])
	}
	themes := append(MentoringThemes(), MentoringTheme{Code: "unknown"})
	for range rng.IntN(MaxMentoringThemes + 2) {
		a.Themes = append(a.Themes, themes[rng.IntN(len(themes))].Code)
	}
	if rng.IntN(2) == 0 {
		a.Verified = scoreDay
	}
	a.Birth = scoreDay.AddDate(-(14 + rng.IntN(60)), -1, 0)
	return a
}

// slowThemeFit is the themes' part of the fit as the rule states it, read from the applications.
func slowThemeFit(mentor, mentee *MentoringApplication) int {
	fit := 0
	for i, t := range mentee.Themes[:min(len(mentee.Themes), MaxMentoringThemes)] {
		for j, u := range mentor.Themes[:min(len(mentor.Themes), MaxMentoringThemes)] {
			if u == t && IsMentoringTheme(t) {
				fit += (MaxMentoringThemes - i) * (MaxMentoringThemes - j)
			}
		}
	}
	return fit
}

// The packed themes give the ranked themes' fit, and the match's scorer gives exactly PairRule
// and PairFit, for any travel limit and either silver preference.
func TestPairScorerAgreesWithRules(t *testing.T) {
	if len(MentoringThemes()) != themeCount || len(Districts()) > 1<<districtBits {
		t.Fatalf("%d themes, themeCount %d; %d districts in %d bits", len(MentoringThemes()), themeCount, len(Districts()), districtBits)
	}
	rng := rand.New(rand.NewPCG(7, 18))
	round := &MentoringRound{MatchOn: scoreDay}
	for _, travel := range []int{-1, 0, 1, 3, 5, DefaultTravelKm, 20, MaxTravelKm} {
		for _, silver := range []bool{false, true} {
			prog := &MentoringProgramme{TravelKm: travel, PreferSilver: silver}
			scorer := newPairScorer(prog)
			for range 20000 {
				ma, ea := randomApplicationForScore(rng), randomApplicationForScore(rng)
				mentor, mentee := ma.Profile(round), ea.Profile(round)
				if got, want := themeFit(&mentor, &mentee), slowThemeFit(&ma, &ea); got != want {
					t.Fatalf("themes %v and %v: fit %d, want %d", ma.Themes, ea.Themes, got, want)
				}
				fit, ok := scorer.score(&mentor, &mentee)
				rule := PairRule(prog, &mentor, &mentee)
				if ok != (rule == "") || (ok && fit != PairFit(prog, &mentor, &mentee)) {
					t.Fatalf("travel %d silver %v: scorer %d %v, PairRule %q PairFit %d (%+v, %+v)",
						travel, silver, fit, ok, rule, PairFit(prog, &mentor, &mentee), ma, ea)
				}
			}
		}
	}
}

// A slot's bit is its place in MentoringSlots; anything else has none.
func TestSlotBit(t *testing.T) {
	for i, slot := range MentoringSlots() {
		if got := slotBit(slot); got != 1<<i {
			t.Fatalf("%s: bit %b, want %b", slot, got, uint32(1)<<i)
		}
	}
	for _, slot := range []string{"", "mon", "_evening", "mon_", "mon_evening_x", "monday_evening", "mon-evening"} {
		if got := slotBit(slot); got != 0 {
			t.Fatalf("%q: bit %b, want none", slot, got)
		}
	}
}
