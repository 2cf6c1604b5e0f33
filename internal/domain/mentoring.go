package domain

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Mentoring ("Dialogue of Generations"): an organization, or the Front Office, runs a programme in
// rounds. In a round's window people apply as mentors or as mentees; on the matching date the
// programme's coordinator matches them. The hard rules (PairRule) are never broken; within them
// the match takes as many mentees as it can and then the greatest total fit (PairFit). Each pair
// carries why it was made (Explain), each unmatched mentee why not (UnmatchedReason).

// The two sides of a mentoring pair.
const (
	RoleMentor = "mentor"
	RoleMentee = "mentee"
)

// How an applicant meets: online only, in person only, or either.
const (
	MeetOnline   = "online"
	MeetInPerson = "in_person"
	MeetBoth     = "both"
)

// Limits on mentoring applications and rounds.
const (
	MaxMenteesPerMentor = 5  // a mentor takes 1 to 5 mentees
	MaxMentoringThemes  = 3  // an applicant ranks up to three themes
	MenteeMinAge        = 16 // mentees are 16 to 35 on the matching date
	MenteeMaxAge        = 35
	MaxAnswerLen        = 1000 // an applicant's answer to the programme's question
	MaxRoundWeeks       = 52
	MaxTravelKm         = 50
	DefaultTravelKm     = 10
)

// MentoringTheme is one of the themes a round may offer.
type MentoringTheme struct {
	Code string `json:"code"`
	Name Text   `json:"name"`
}

// MentoringThemes are the themes a programme's rounds choose from.
func MentoringThemes() []MentoringTheme {
	return []MentoringTheme{
		{"career", Text{"Мансап", "Карьера", "Career"}},
		{"digital", Text{"IT және цифрлық дағдылар", "IT и цифровые навыки", "IT and digital skills"}},
		{"crafts", Text{"Қолөнер", "Ремёсла", "Crafts"}},
		{"languages", Text{"Тілдер", "Языки", "Languages"}},
		{"culture", Text{"Мәдениет", "Культура", "Culture"}},
		{"sport", Text{"Спорт", "Спорт", "Sport"}},
		{"civic", Text{"Азаматтық өмір", "Гражданская жизнь", "Civic life"}},
		{"science", Text{"Ғылым", "Наука", "Science"}},
	}
}

// IsMentoringTheme reports whether code names a theme.
func IsMentoringTheme(code string) bool {
	return slices.ContainsFunc(MentoringThemes(), func(t MentoringTheme) bool { return t.Code == code })
}

// The days and parts of a day an applicant is free, as slots "mon_evening".
var (
	slotDays  = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
	slotParts = []string{"morning", "afternoon", "evening"}
)

// MentoringSlots are every slot of a week, Monday morning first.
func MentoringSlots() []string {
	out := make([]string, 0, len(slotDays)*len(slotParts))
	for _, d := range slotDays {
		for _, p := range slotParts {
			out = append(out, d+"_"+p)
		}
	}
	return out
}

// slotBit is a slot's bit in a week's mask (its index in MentoringSlots), or 0 for no slot. It
// reads the day and the part of the day without listing the slots, as Profile asks for every
// slot of every applicant of a round.
func slotBit(slot string) uint32 {
	day, part, _ := strings.Cut(slot, "_")
	d, p := slices.Index(slotDays, day), slices.Index(slotParts, part)
	if d < 0 || p < 0 {
		return 0
	}
	return 1 << (d*len(slotParts) + p)
}

// districtCentres are the approximate centres of Almaty's districts (latitude, longitude), in
// the order of Districts, from which the distance between two applicants is reckoned.
var districtCentres = [...][2]float64{
	{43.300, 76.840}, // alatau
	{43.255, 76.925}, // almaly
	{43.225, 76.855}, // auezov
	{43.215, 76.905}, // bostandyk
	{43.290, 76.945}, // zhetysu
	{43.245, 76.975}, // medeu
	{43.190, 76.800}, // nauryzbay
	{43.335, 76.960}, // turksib
}

// districtKms are the distances in kilometres between the districts' centres, by their index in
// Districts: computed once, read for every pair of a round.
var districtKms = func() (km [len(districtCentres)][len(districtCentres)]float64) {
	const r = 6371.0
	for i, a := range districtCentres {
		for j, b := range districtCentres {
			la1, la2 := a[0]*math.Pi/180, b[0]*math.Pi/180
			dla, dlo := la2-la1, (b[1]-a[1])*math.Pi/180
			h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
			km[i][j] = 2 * r * math.Asin(math.Sqrt(h))
		}
	}
	return km
}()

// districtIndex is a district's index in Districts, or -1.
func districtIndex(code string) int {
	return slices.IndexFunc(Districts(), func(d District) bool { return d.Code == code })
}

// DistrictKm is the distance in kilometres between the centres of two districts (0 for the same,
// and for a code that is not a district).
func DistrictKm(a, b string) float64 {
	i, j := districtIndex(a), districtIndex(b)
	if i < 0 || j < 0 {
		return 0
	}
	return districtKms[i][j]
}

// MentoringProgramme is a mentoring programme of an organization.
type MentoringProgramme struct {
	ID           int64 `json:"id"`
	OrgID        int64 `json:"org_id"`
	OrgName      Text  `json:"org_name"`
	ProjectID    int64 `json:"project_id"` // the flagship project it belongs to; 0: none
	Name         Text  `json:"name"`
	Description  Text  `json:"description"`
	Question     Text  `json:"question"`      // what the programme asks every applicant; empty: nothing
	TravelKm     int   `json:"travel_km"`     // an in-person pair lives at most this far apart
	PreferSilver bool  `json:"prefer_silver"` // mentors of SilverAge and over fit better
	CreatedAt    time.Time
}

// Validate checks a programme as its coordinator gives it; a TravelKm of 0 is DefaultTravelKm.
func (m *MentoringProgramme) Validate() error {
	var p Problems
	m.Name, m.Description, m.Question = m.Name.Trimmed(), m.Description.Trimmed(), m.Question.Trimmed()
	CheckLocalizedLine(&p, "name", m.Name, true, MaxNameLen)
	CheckLocalized(&p, "description", m.Description, false, MaxDescriptionLen)
	CheckLocalizedLine(&p, "question", m.Question, false, MaxReasonLen)
	if m.TravelKm == 0 {
		m.TravelKm = DefaultTravelKm
	}
	if m.TravelKm < 1 || m.TravelKm > MaxTravelKm {
		p.Add("travel_km", "field.range", map[string]any{"min": 1, "max": MaxTravelKm})
	}
	return p.Err()
}

// MentoringRound is one round of a programme: people apply from OpensAt until ClosesAt, are
// matched on or after MatchOn, and meet for Weeks.
type MentoringRound struct {
	ID          int64     `json:"id"`
	ProgrammeID int64     `json:"programme_id"`
	Name        Text      `json:"name"`
	OpensAt     time.Time `json:"opens_at"`
	ClosesAt    time.Time `json:"closes_at"`
	MatchOn     time.Time `json:"match_on"`
	Weeks       int       `json:"weeks"`
	Themes      []string  `json:"themes"`
	MatchedAt   time.Time `json:"matched_at"`   // the last run of the match; zero: never run
	PublishedAt time.Time `json:"published_at"` // when its pairs were first told; zero: not yet
	CreatedAt   time.Time `json:"created_at"`
}

// Open reports whether the round takes applications at now.
func (r MentoringRound) Open(now time.Time) bool {
	return !now.Before(r.OpensAt) && now.Before(r.ClosesAt)
}

// Validate checks a round as its coordinator gives it.
func (r *MentoringRound) Validate() error {
	var p Problems
	r.Name = r.Name.Trimmed()
	CheckLocalizedLine(&p, "name", r.Name, true, MaxNameLen)
	if r.OpensAt.IsZero() {
		p.Add("opens_at", "field.required", nil)
	}
	if r.ClosesAt.IsZero() {
		p.Add("closes_at", "field.required", nil)
	} else if !r.OpensAt.IsZero() && !r.ClosesAt.After(r.OpensAt) {
		p.Add("closes_at", "field.end_before_start", nil)
	}
	if r.MatchOn.IsZero() {
		p.Add("match_on", "field.required", nil)
	} else if !r.ClosesAt.IsZero() && r.MatchOn.Before(r.ClosesAt) {
		p.Add("match_on", "mentoring.match_before_close", nil)
	}
	if r.Weeks < 1 || r.Weeks > MaxRoundWeeks {
		p.Add("weeks", "field.range", map[string]any{"min": 1, "max": MaxRoundWeeks})
	}
	if len(r.Themes) == 0 {
		p.Add("themes", "field.required", nil)
	}
	seen := map[string]bool{}
	for _, t := range r.Themes {
		if !IsMentoringTheme(t) || seen[t] {
			p.Add("themes", "mentoring.unknown_theme", map[string]any{"value": t})
			break
		}
		seen[t] = true
	}
	return p.Err()
}

// MentoringApplication is one person's application to a round, as a mentor or a mentee.
type MentoringApplication struct {
	ID        int64    `json:"id"`
	RoundID   int64    `json:"round_id"`
	UserID    int64    `json:"user_id"`
	Name      string   `json:"name"` // the applicant's, read from the account
	Role      string   `json:"role"`
	Languages []string `json:"languages"` // of kk, ru, en
	District  string   `json:"district"`
	Mode      string   `json:"mode"`
	Themes    []string `json:"themes"` // ranked, first the most wanted
	Slots     []string `json:"slots"`
	Capacity  int      `json:"capacity"` // a mentor's mentees, 1–5; a mentee's is 1
	Answer    string   `json:"answer"`
	// Verified is when the coordinator checked the mentor, who may then mentor a minor.
	Verified  time.Time `json:"verified_at"`
	Birth     time.Time `json:"-"` // the applicant's, read from the account
	CreatedAt time.Time `json:"created_at"`
	// Unmatched is why the last run matched no mentor to this mentee, one of the Unmatched*
	// reasons; empty when matched or never run.
	Unmatched string `json:"unmatched_reason,omitempty"`
}

// AgeBand is the age band of someone born on birth, on day t: 14–17, 18–24, 25–35, 36–54 or 55+
// (the city's bands; 55 and over are "silver"), or "" for someone younger.
func AgeBand(birth, t time.Time) string {
	switch age := AgeOn(birth, t); {
	case age >= SilverAge:
		return "55+"
	case age >= 36:
		return "36–54"
	case age >= 25:
		return "25–35"
	case age >= AdultAge:
		return "18–24"
	case age >= 14:
		return "14–17"
	}
	return ""
}

// Minor reports whether the applicant is under AdultAge on the round's matching date.
func (a *MentoringApplication) Minor(r *MentoringRound) bool {
	return AgeOn(a.Birth, r.MatchOn) < AdultAge
}

// Silver reports whether the applicant is of SilverAge or over on the round's matching date.
func (a *MentoringApplication) Silver(r *MentoringRound) bool {
	return AgeOn(a.Birth, r.MatchOn) >= SilverAge
}

// Validate checks an application to r at now, by a person born on birth: the round open, the
// role, at least one language, a district, a way to meet, one to three of the round's themes in
// order, at least one free slot, a mentor's capacity of 1–5 and a mentee's age of 16–35 on the
// matching date. The lists are cleaned of repeats.
func (a *MentoringApplication) Validate(r *MentoringRound, birth, now time.Time) error {
	var p Problems
	if !r.Open(now) {
		p.Add("round_id", "mentoring.window_closed", nil)
	}
	switch a.Role {
	case RoleMentor:
		if a.Capacity < 1 || a.Capacity > MaxMenteesPerMentor {
			p.Add("capacity", "field.range", map[string]any{"min": 1, "max": MaxMenteesPerMentor})
		}
	case RoleMentee:
		if a.Capacity > 1 {
			p.Add("capacity", "field.range", map[string]any{"min": 0, "max": 1})
		}
		a.Capacity = 1
		if age := AgeOn(birth, r.MatchOn); birth.IsZero() || age < MenteeMinAge || age > MenteeMaxAge {
			p.Add("role", "mentoring.mentee_age", map[string]any{"min": MenteeMinAge, "max": MenteeMaxAge})
		}
	default:
		p.Add("role", "mentoring.role", nil)
	}
	a.Languages = uniq(a.Languages)
	if len(a.Languages) == 0 {
		p.Add("languages", "field.required", nil)
	}
	for _, l := range a.Languages {
		if !IsLanguage(l) {
			p.Add("languages", "field.unknown_language", map[string]any{"value": l})
			break
		}
	}
	if a.District == "" {
		p.Add("district", "field.required", nil)
	} else if !IsDistrict(a.District) {
		p.Add("district", "field.unknown_district", nil)
	}
	switch a.Mode {
	case MeetOnline, MeetInPerson, MeetBoth:
	default:
		p.Add("mode", "mentoring.mode", nil)
	}
	a.Themes = uniq(a.Themes)
	switch {
	case len(a.Themes) == 0:
		p.Add("themes", "field.required", nil)
	case len(a.Themes) > MaxMentoringThemes:
		p.Add("themes", "mentoring.too_many_themes", map[string]any{"max": MaxMentoringThemes})
	}
	for _, t := range a.Themes {
		if !slices.Contains(r.Themes, t) {
			p.Add("themes", "mentoring.unknown_theme", map[string]any{"value": t})
			break
		}
	}
	a.Slots = uniq(a.Slots)
	if len(a.Slots) == 0 {
		p.Add("slots", "mentoring.no_slot", nil)
	}
	for _, s := range a.Slots {
		if slotBit(s) == 0 {
			p.Add("slots", "mentoring.unknown_slot", map[string]any{"value": s})
			break
		}
	}
	a.Answer = strings.TrimSpace(a.Answer)
	if utf8.RuneCountInString(a.Answer) > MaxAnswerLen {
		p.Add("answer", "field.too_long", map[string]any{"max": MaxAnswerLen})
	} else if a.Answer != "" {
		CheckText(&p, "answer", a.Answer, 0, MaxAnswerLen)
	}
	return p.Err()
}

// uniq is list without blanks and repeats, in its order.
func uniq(list []string) []string {
	var out []string
	for _, s := range list {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// Why a pair may not be made, or a mentee stayed unmatched: the hard rule that stands in the way,
// in the order PairRule checks them.
const (
	UnmatchedLanguage = "language" // no shared language
	UnmatchedTime     = "time"     // no free slot in common
	UnmatchedDistance = "distance" // one meets only in person and they live too far apart
	UnmatchedVerified = "verified" // a minor mentee, and the mentor not verified
	UnmatchedRefused  = "refused"  // declined before by one of them, or forbidden by the coordinator
	UnmatchedCapacity = "capacity" // every mentor allowed was full
)

// MentoringProfile is an application as the match reads it: bit masks, so that the rules and the
// fit of a pair cost a few instructions (a round of 5,000 mentors and 20,000 mentees has 10⁸ pairs).
type MentoringProfile struct {
	// themeWeights and themeWeightsReversed hold the ranked themes as weights, 3 for the first, 2
	// and 1 for the next: the weight of theme t (its index in MentoringThemes) in the 6-bit field
	// t, and in field themeCount-1-t of the reversed. See themeFit.
	themeWeights         uint64
	themeWeightsReversed uint64
	slots                uint32
	langs                uint8
	district             int8 // its index in Districts
	online               bool // may meet online
	inPerson             bool // may meet in person
	minor                bool // a mentee under AdultAge on the matching date
	verified             bool // a mentor the coordinator checked
	silver               bool // a mentor of SilverAge or over on the matching date
	// mentorKey and menteeKey index pairScorer's table: see mentorKeyOf and menteeKeyOf.
	mentorKey, menteeKey uint8
}

// themeCount is the number of MentoringThemes, and themeField the width of a theme's weight in
// MentoringProfile: a profile ranks at most MaxMentoringThemes themes, so a field holds at most
// 3+2+1 = 6 (one theme ranked three times), and a sum of products at most 6·6 = 36 < 2⁶.
const (
	themeCount = 8
	themeField = 6
)

// themeFit is the themes' part of the fit: the sum over the mentee's ranked themes i and the
// mentor's j of (3−i)·(3−j) when they are the same theme, that is Σₜ w(mentee,t)·w(mentor,t).
// As polynomials in x = 2⁶, themeWeights is Σₜ w(mentor,t)·xᵗ and themeWeightsReversed is
// Σₜ w(mentee,t)·x^(7−t); the coefficient of x⁷ in their product is that sum. Every coefficient
// of the product is at most 36 (the mentee's weights sum to at most 6, each of the mentor's is at
// most 6), so none carries into the next field, and the low 64 bits of the product hold x⁷'s.
func themeFit(mentor, mentee *MentoringProfile) int {
	return int(mentor.themeWeights*mentee.themeWeightsReversed>>((themeCount-1)*themeField)) & (1<<themeField - 1)
}

// Profile is a's profile for matching in r.
func (a *MentoringApplication) Profile(r *MentoringRound) MentoringProfile {
	p := MentoringProfile{district: int8(max(0, districtIndex(a.District))), minor: a.Minor(r), verified: !a.Verified.IsZero(), silver: a.Silver(r)} // #nosec G115 -- a district index is 0 to 7
	for _, l := range a.Languages {
		p.langs |= langBit(l)
	}
	for _, s := range a.Slots {
		p.slots |= slotBit(s)
	}
	p.online = a.Mode == MeetOnline || a.Mode == MeetBoth
	p.inPerson = a.Mode == MeetInPerson || a.Mode == MeetBoth
	themes := MentoringThemes()
	for i, code := range a.Themes[:min(len(a.Themes), MaxMentoringThemes)] {
		t := slices.IndexFunc(themes, func(t MentoringTheme) bool { return t.Code == code })
		if t < 0 {
			continue
		}
		weight := uint64(MaxMentoringThemes - i) // #nosec G115 -- a theme rank weight is 1 to 3
		p.themeWeights += weight << (t * themeField)
		p.themeWeightsReversed += weight << ((themeCount - 1 - t) * themeField)
	}
	p.mentorKey, p.menteeKey = mentorKeyOf(&p), menteeKeyOf(&p)
	return p
}

func langBit(l string) uint8 {
	if i := slices.Index(Languages(), l); i >= 0 {
		return 1 << i
	}
	return 0
}

// PairRule is the first hard rule a pair of mentor and mentee breaks in programme prog, one of
// the Unmatched* reasons, or "" when they may be paired. Refusals (declines and the
// coordinator's forbidden pairs) are the caller's to check.
func PairRule(prog *MentoringProgramme, mentor, mentee *MentoringProfile) string {
	switch {
	case mentor.langs&mentee.langs == 0:
		return UnmatchedLanguage
	case mentor.slots&mentee.slots == 0:
		return UnmatchedTime
	case !(mentor.online && mentee.online) && !(mentor.inPerson && mentee.inPerson && districtKms[mentor.district][mentee.district] <= float64(prog.TravelKm)):
		return UnmatchedDistance
	case mentee.minor && !mentor.verified:
		return UnmatchedVerified
	}
	return ""
}

// The parts of a pair's fit, and so MaxPairFit, its greatest.
const (
	fitThemes       = 14 // ranked themes: the ranks' weights 3, 2, 1 multiplied, summed over shared themes
	fitSameDistrict = 4  // both may meet in person, in one district
	fitNear         = 2  // both may meet in person, within half the travel limit
	fitLanguage     = 2  // each shared language beyond the first
	fitSlot         = 1  // each shared slot beyond the first, up to fitSlots
	fitSlots        = 3
	fitSilver       = 3 // a silver mentor, when the programme prefers them
	MaxPairFit      = fitThemes + fitSameDistrict + 2*fitLanguage + fitSlots*fitSlot + fitSilver
)

// PairFit is how well a pair fits in prog, 0 to MaxPairFit (a pair that breaks a hard rule has a
// fit too, but is never made).
func PairFit(prog *MentoringProgramme, mentor, mentee *MentoringProfile) int {
	fit := themeFit(mentor, mentee)
	if mentor.inPerson && mentee.inPerson {
		switch km := districtKms[mentor.district][mentee.district]; {
		case km == 0:
			fit += fitSameDistrict
		case km <= float64(prog.TravelKm)/2:
			fit += fitNear
		}
	}
	fit += fitLanguage * max(0, bits.OnesCount8(mentor.langs&mentee.langs)-1)
	fit += fitSlot * min(fitSlots, max(0, bits.OnesCount32(mentor.slots&mentee.slots)-1))
	if prog.PreferSilver && mentor.silver {
		fit += fitSilver
	}
	return fit
}

// pairScorer is PairRule and PairFit of one programme at once, for the match, which asks about
// every pair of a round (10⁸ of them) several times. What depends only on where and how the two
// meet and who they are (district, mode, minor, verified, silver) is looked up in a table made
// once per programme by PairRule and PairFit themselves; only languages, slots and themes are
// reckoned per pair.
type pairScorer struct {
	// place[mentorKey][menteeKey] is −1 when PairRule forbids every such pair by distance or
	// verification, else the fit of nearness and of a silver mentor.
	place [1 << mentorKeyBits][1 << menteeKeyBits]int8
}

// The keys of a profile into pairScorer's table: its district (3 bits), whether it meets online
// and in person, and as a mentor whether verified and silver, as a mentee whether a minor.
const (
	districtBits  = 3
	mentorKeyBits = districtBits + 4
	menteeKeyBits = districtBits + 3
)

func mentorKeyOf(p *MentoringProfile) uint8 {
	return uint8(p.district) | b2u(p.online)<<districtBits | b2u(p.inPerson)<<(districtBits+1) | // #nosec G115 -- a district index is 0 to 7
		b2u(p.verified)<<(districtBits+2) | b2u(p.silver)<<(districtBits+3)
}

func menteeKeyOf(p *MentoringProfile) uint8 {
	return uint8(p.district) | b2u(p.online)<<districtBits | b2u(p.inPerson)<<(districtBits+1) | // #nosec G115 -- a district index is 0 to 7
		b2u(p.minor)<<(districtBits+2)
}

func b2u(b bool) uint8 {
	if b {
		return 1
	}
	return 0
}

func newPairScorer(prog *MentoringProgramme) *pairScorer {
	s := &pairScorer{}
	bit := func(key, i int) bool { return key>>i&1 == 1 }
	for mk := range 1 << mentorKeyBits {
		for ek := range 1 << menteeKeyBits {
			// one language and one slot in common and no themes: what is left is the table's
			mentor := MentoringProfile{langs: 1, slots: 1, district: int8(mk & (1<<districtBits - 1)),
				online: bit(mk, districtBits), inPerson: bit(mk, districtBits+1),
				verified: bit(mk, districtBits+2), silver: bit(mk, districtBits+3)}
			mentee := MentoringProfile{langs: 1, slots: 1, district: int8(ek & (1<<districtBits - 1)),
				online: bit(ek, districtBits), inPerson: bit(ek, districtBits+1), minor: bit(ek, districtBits+2)}
			s.place[mk][ek] = -1
			if PairRule(prog, &mentor, &mentee) == "" {
				s.place[mk][ek] = int8(PairFit(prog, &mentor, &mentee)) // #nosec G115 -- a fit is 0 to MaxPairFit (28)
			}
		}
	}
	return s
}

// score is PairFit(prog, mentor, mentee) and whether PairRule(prog, mentor, mentee) is "".
func (s *pairScorer) score(mentor, mentee *MentoringProfile) (int, bool) {
	langs, slots := mentor.langs&mentee.langs, mentor.slots&mentee.slots
	place := s.place[mentor.mentorKey&(1<<mentorKeyBits-1)][mentee.menteeKey&(1<<menteeKeyBits-1)]
	if langs == 0 || slots == 0 || place < 0 {
		return 0, false
	}
	return int(place) + themeFit(mentor, mentee) + fitLanguage*max(0, bits.OnesCount8(langs)-1) +
		fitSlot*min(fitSlots, max(0, bits.OnesCount32(slots)-1)), true
}

// PairReason is why a pair was made, for Explain to put in words in the reader's language.
type PairReason struct {
	Languages []string `json:"languages"`         // shared languages
	Themes    []string `json:"themes"`            // shared themes, in the mentee's order
	Online    bool     `json:"online"`            // they meet online
	District  string   `json:"district"`          // both in this district, meeting in person
	Km        int      `json:"km"`                // apart, meeting in person in two districts
	Slots     []string `json:"slots"`             // shared free slots
	Silver    bool     `json:"silver"`            // a silver mentor
	Fit       int      `json:"fit"`               // the pair's fit, 0 to MaxPairFit
	Pinned    bool     `json:"pinned,omitempty"`  // the coordinator pinned the pair
	MaxFit    int      `json:"max_fit,omitempty"` // MaxPairFit, for a reader's scale
}

// Explain is why mentor and mentee of round r in prog make a pair.
func Explain(prog *MentoringProgramme, r *MentoringRound, mentor, mentee *MentoringApplication) PairReason {
	pm, pe := mentor.Profile(r), mentee.Profile(r)
	out := PairReason{Fit: PairFit(prog, &pm, &pe), MaxFit: MaxPairFit, Silver: pm.silver}
	for _, l := range Languages() {
		if pm.langs&pe.langs&langBit(l) != 0 {
			out.Languages = append(out.Languages, l)
		}
	}
	for _, t := range mentee.Themes {
		if slices.Contains(mentor.Themes, t) {
			out.Themes = append(out.Themes, t)
		}
	}
	if km := DistrictKm(mentor.District, mentee.District); pm.inPerson && pe.inPerson && km <= float64(prog.TravelKm) {
		if mentor.District == mentee.District {
			out.District = mentor.District
		} else {
			out.Km = int(math.Round(km))
		}
	}
	out.Online = pm.online && pe.online && out.District == "" && out.Km == 0
	for _, s := range MentoringSlots() {
		if pm.slots&pe.slots&slotBit(s) != 0 {
			out.Slots = append(out.Slots, s)
		}
	}
	return out
}
