package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// Mentoring programmes on the API: the public reads programmes and rounds; a person applies and
// answers their pair; the programme's coordinators (its organization's members, or the Front
// Office) make rounds, read the applications, verify mentors, run the match, pin and forbid pairs
// and publish.

type programmeView struct {
	ID           int64       `json:"id"`
	OrgID        int64       `json:"organization_id"`
	OrgName      domain.Text `json:"organization_name"`
	ProjectID    int64       `json:"project_id"`
	Name         domain.Text `json:"name"`
	Description  domain.Text `json:"description"`
	Question     domain.Text `json:"question"`
	TravelKm     int         `json:"travel_km"`
	PreferSilver bool        `json:"prefer_silver"`
	CreatedAt    string      `json:"created_at"`
}

func viewProgramme(p domain.MentoringProgramme) programmeView {
	return programmeView{p.ID, p.OrgID, p.OrgName, p.ProjectID, p.Name, p.Description, p.Question, p.TravelKm, p.PreferSilver, formatTime(p.CreatedAt)}
}

type roundView struct {
	ID          int64       `json:"id"`
	ProgrammeID int64       `json:"programme_id"`
	Name        domain.Text `json:"name"`
	OpensAt     string      `json:"opens_at"`
	ClosesAt    string      `json:"closes_at"`
	MatchOn     string      `json:"match_on"`
	Weeks       int         `json:"weeks"`
	Themes      []string    `json:"themes"`
	MatchedAt   string      `json:"matched_at"`
	PublishedAt string      `json:"published_at"`
}

func viewRound(r domain.MentoringRound) roundView {
	return roundView{r.ID, r.ProgrammeID, r.Name, formatTime(r.OpensAt), formatTime(r.ClosesAt), formatTime(r.MatchOn), r.Weeks,
		nonNil(r.Themes), formatTime(r.MatchedAt), formatTime(r.PublishedAt)}
}

func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

type applicationView struct {
	ID        int64    `json:"id"`
	RoundID   int64    `json:"round_id"`
	UserID    int64    `json:"user_id"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	AgeBand   string   `json:"age_band"`
	Silver    bool     `json:"silver"`
	Minor     bool     `json:"minor"`
	Languages []string `json:"languages"`
	District  string   `json:"district"`
	Mode      string   `json:"mode"`
	Themes    []string `json:"themes"`
	Slots     []string `json:"slots"`
	Capacity  int      `json:"capacity"`
	Answer    string   `json:"answer"`
	Verified  bool     `json:"verified"`
	// Unmatched is why the last run left this mentee alone, and the same in the reader's language.
	Unmatched     string `json:"unmatched_reason"`
	UnmatchedText string `json:"unmatched_text"`
	CreatedAt     string `json:"created_at"`
}

// viewApplication is a as its round's coordinators see it: its age band on the matching date,
// never the birth date.
func (s *Server) viewApplication(lang string, r *domain.MentoringRound, a domain.MentoringApplication) applicationView {
	v := applicationView{ID: a.ID, RoundID: a.RoundID, UserID: a.UserID, Name: a.Name, Role: a.Role, AgeBand: domain.AgeBand(a.Birth, r.MatchOn),
		Silver: a.Silver(r), Minor: a.Minor(r), Languages: nonNil(a.Languages), District: a.District, Mode: a.Mode, Themes: nonNil(a.Themes),
		Slots: nonNil(a.Slots), Capacity: a.Capacity, Answer: a.Answer, Verified: !a.Verified.IsZero(), Unmatched: a.Unmatched,
		CreatedAt: formatTime(a.CreatedAt)}
	if a.Unmatched != "" {
		v.UnmatchedText = s.msgs.T(lang, "mentoring.unmatched."+a.Unmatched, nil)
	}
	return v
}

type pairView struct {
	ID           int64             `json:"id"`
	RoundID      int64             `json:"round_id"`
	Mentor       applicationView   `json:"mentor"`
	Mentee       applicationView   `json:"mentee"`
	Fit          int               `json:"fit"`
	Pinned       bool              `json:"pinned"`
	Status       string            `json:"status"`
	MentorAnswer string            `json:"mentor_answer"`
	MenteeAnswer string            `json:"mentee_answer"`
	Reason       domain.PairReason `json:"reason"`
	Explanation  string            `json:"explanation"`
	PublishedAt  string            `json:"published_at"`
}

func (s *Server) viewPair(lang string, prog *domain.MentoringProgramme, r *domain.MentoringRound, p store.MentoringPair) pairView {
	why := domain.Explain(prog, r, &p.Mentor, &p.Mentee)
	why.Pinned = p.Pinned
	return pairView{p.ID, p.RoundID, s.viewApplication(lang, r, p.Mentor), s.viewApplication(lang, r, p.Mentee), p.Fit, p.Pinned, p.Status,
		p.MentorAnswer, p.MenteeAnswer, why, s.explain(lang, why), formatTime(p.PublishedAt)}
}

// explain puts why in words in lang: "both speak Kazakh and Russian; both chose career; …".
func (s *Server) explain(lang string, why domain.PairReason) string {
	t := func(key string, params map[string]any) string { return s.msgs.T(lang, key, params) }
	var parts []string
	if len(why.Languages) > 0 {
		parts = append(parts, t("mentoring.why_languages", map[string]any{"list": s.joinList(lang, why.Languages, languageName)}))
	}
	if len(why.Themes) > 0 {
		parts = append(parts, t("mentoring.why_themes", map[string]any{"list": s.joinList(lang, why.Themes, themeName)}))
	}
	switch {
	case why.District != "":
		parts = append(parts, t("mentoring.why_district", map[string]any{"district": districtIn(lang, why.District)}))
	case why.Km > 0:
		parts = append(parts, t("mentoring.why_km", map[string]any{"km": why.Km}))
	case why.Online:
		parts = append(parts, t("mentoring.why_online", nil))
	}
	if len(why.Slots) > 0 {
		parts = append(parts, t("mentoring.why_slots", map[string]any{"list": s.joinList(lang, why.Slots, s.slotName)}))
	}
	if why.Silver {
		parts = append(parts, t("mentoring.why_silver", nil))
	}
	if why.Pinned {
		parts = append(parts, t("mentoring.why_pinned", nil))
	}
	return strings.Join(parts, "; ")
}

// joinList is codes named in lang by name, joined by commas and the language's "and".
func (s *Server) joinList(lang string, codes []string, name func(lang, code string) string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = name(lang, c)
	}
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + s.msgs.T(lang, "list.and", nil) + " " + names[len(names)-1]
}

// languageName is a language's name in lang as it reads inside a sentence: "Kazakh", "казахский".
func languageName(lang, code string) string {
	for _, l := range domain.SpokenLanguages() {
		if l.Code == code {
			name := l.Name.In(lang)
			if lang == "en" {
				return name
			}
			first, size := utf8.DecodeRuneInString(name)
			return string(unicode.ToLower(first)) + name[size:]
		}
	}
	return code
}

func themeName(lang, code string) string {
	for _, t := range domain.MentoringThemes() {
		if t.Code == code {
			return t.Name.In(lang)
		}
	}
	return code
}

// districtIn is the name of a district in lang.
func districtIn(lang, code string) string {
	for _, d := range domain.Districts() {
		if d.Code == code {
			return d.Name.In(lang)
		}
	}
	return code
}

// slotName is a slot ("tue_evening") in lang: "Tuesday evening".
func (s *Server) slotName(lang, slot string) string {
	day, part, _ := strings.Cut(slot, "_")
	return s.msgs.T(lang, "mentoring.slot", map[string]any{"day": s.msgs.T(lang, "mentoring.day_"+day, nil), "part": s.msgs.T(lang, "mentoring.part_"+part, nil)})
}

// mayCoordinate refuses u, unless a member of prog's organization or the Front Office.
func (s *Server) mayCoordinate(ctx context.Context, u domain.User, prog domain.MentoringProgramme) error {
	if frontOffice(u) {
		return nil
	}
	role, err := s.store.MemberRole(ctx, prog.OrgID, u.ID)
	if err != nil {
		return err
	}
	if role == "" {
		return domain.Errorf(domain.Forbidden, "forbidden.not_member", nil)
	}
	return requireSecondFactor(u)
}

// apiRound reads the round of the path's id, its programme and the caller, who must coordinate it.
func (s *Server) apiRound(r *http.Request) (domain.MentoringRound, domain.MentoringProgramme, domain.User, error) {
	u, err := s.user(r)
	if err != nil {
		return domain.MentoringRound{}, domain.MentoringProgramme{}, u, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return domain.MentoringRound{}, domain.MentoringProgramme{}, u, err
	}
	rd, p, err := s.roundByID(r.Context(), id)
	if err != nil {
		return rd, p, u, err
	}
	return rd, p, u, s.mayCoordinate(r.Context(), u, p)
}

// roundByID reads round id and its programme.
func (s *Server) roundByID(ctx context.Context, id int64) (domain.MentoringRound, domain.MentoringProgramme, error) {
	rd, err := s.store.MentoringRound(ctx, id)
	if err != nil {
		return rd, domain.MentoringProgramme{}, err
	}
	p, err := s.store.MentoringProgramme(ctx, rd.ProgrammeID)
	return rd, p, err
}

// coordinatedApplication reads application id and its round, for u, who must coordinate it.
func (s *Server) coordinatedApplication(ctx context.Context, u domain.User, id int64) (domain.MentoringApplication, domain.MentoringRound, error) {
	a, err := s.store.MentoringApplication(ctx, id)
	if err != nil {
		return a, domain.MentoringRound{}, err
	}
	rd, p, err := s.roundByID(ctx, a.RoundID)
	if err != nil {
		return a, rd, err
	}
	return a, rd, s.mayCoordinate(ctx, u, p)
}

func (s *Server) apiListProgrammes(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.store.MentoringProgrammes(r.Context(), 0)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, listOf(ps, viewProgramme))
	return nil
}

type programmeWithRounds struct {
	programmeView
	Rounds []roundView `json:"rounds"`
}

func (s *Server) apiGetProgramme(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p, err := s.store.MentoringProgramme(r.Context(), id)
	if err != nil {
		return err
	}
	rounds, err := s.store.MentoringRounds(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, programmeWithRounds{viewProgramme(p), listOf(rounds, viewRound).Items})
	return nil
}

type programmeInput struct {
	ProjectID    int64       `json:"project_id"`
	Name         domain.Text `json:"name"`
	Description  domain.Text `json:"description"`
	Question     domain.Text `json:"question"`
	TravelKm     int         `json:"travel_km"`
	PreferSilver bool        `json:"prefer_silver"`
}

func (s *Server) apiCreateProgramme(w http.ResponseWriter, r *http.Request) error {
	o, u, err := s.apiOrg(r, false)
	if err != nil {
		return err
	}
	var in programmeInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	p := domain.MentoringProgramme{OrgID: o.ID, ProjectID: in.ProjectID, Name: in.Name, Description: in.Description, Question: in.Question, TravelKm: in.TravelKm,
		PreferSilver: in.PreferSilver}
	if err := s.store.CreateMentoringProgramme(r.Context(), u.ID, &p); err != nil {
		return err
	}
	p.OrgName = o.Name
	w.Header().Set("Location", fmt.Sprintf("/api/v1/mentoring/programmes/%d", p.ID))
	writeJSON(w, http.StatusCreated, viewProgramme(p))
	return nil
}

type roundInput struct {
	Name     domain.Text `json:"name"`
	OpensAt  string      `json:"opens_at"`
	ClosesAt string      `json:"closes_at"`
	MatchOn  string      `json:"match_on"`
	Weeks    int         `json:"weeks"`
	Themes   []string    `json:"themes"`
}

// round is the round in gives, of programmeID; a time that is not one is a problem of its field.
func (in roundInput) round(programmeID int64) (domain.MentoringRound, error) {
	var p domain.Problems
	rd := domain.MentoringRound{ProgrammeID: programmeID, Name: in.Name, OpensAt: parseTime(&p, "opens_at", in.OpensAt),
		ClosesAt: parseTime(&p, "closes_at", in.ClosesAt), MatchOn: parseTime(&p, "match_on", in.MatchOn), Weeks: in.Weeks, Themes: in.Themes}
	return rd, p.Err()
}

func (s *Server) apiCreateRound(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	prog, err := s.store.MentoringProgramme(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.mayCoordinate(r.Context(), u, prog); err != nil {
		return err
	}
	var in roundInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	rd, err := in.round(prog.ID)
	if err != nil {
		return err
	}
	if err := s.store.CreateMentoringRound(r.Context(), u.ID, &rd); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/mentoring/rounds/%d", rd.ID))
	writeJSON(w, http.StatusCreated, viewRound(rd))
	return nil
}

func (s *Server) apiGetRound(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	rd, err := s.store.MentoringRound(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewRound(rd))
	return nil
}

type applicationInput struct {
	Role      string   `json:"role"`
	Languages []string `json:"languages"`
	District  string   `json:"district"`
	Mode      string   `json:"mode"`
	Themes    []string `json:"themes"`
	Slots     []string `json:"slots"`
	Capacity  int      `json:"capacity"`
	Answer    string   `json:"answer"`
}

func (in applicationInput) application(roundID, userID int64) domain.MentoringApplication {
	return domain.MentoringApplication{RoundID: roundID, UserID: userID, Role: in.Role, Languages: in.Languages, District: in.District,
		Mode: in.Mode, Themes: in.Themes, Slots: in.Slots, Capacity: in.Capacity, Answer: in.Answer}
}

func (s *Server) apiApply(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	var in applicationInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	a := in.application(id, u.ID)
	if err := s.store.ApplyForMentoring(r.Context(), &a); err != nil {
		return fieldRenamed(withField(err, "id"), "round_id", "id")
	}
	rd, err := s.store.MentoringRound(r.Context(), id)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/me/mentoring")
	writeJSON(w, http.StatusCreated, s.viewApplication(s.lang(r), &rd, a))
	return nil
}

func (s *Server) apiRoundApplications(w http.ResponseWriter, r *http.Request) error {
	rd, _, _, err := s.apiRound(r)
	if err != nil {
		return err
	}
	apps, err := s.store.MentoringApplications(r.Context(), rd.ID)
	if err != nil {
		return err
	}
	lang := s.lang(r)
	writePrivate(w, listOf(apps, func(a domain.MentoringApplication) applicationView { return s.viewApplication(lang, &rd, a) }))
	return nil
}

func (s *Server) apiVerifyMentor(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	a, rd, err := s.coordinatedApplication(r.Context(), u, id)
	if err != nil {
		return err
	}
	var in struct {
		Verified bool `json:"verified"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.store.VerifyMentor(r.Context(), u.ID, a.ID, in.Verified); err != nil {
		return err
	}
	if a, err = s.store.MentoringApplication(r.Context(), id); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.viewApplication(s.lang(r), &rd, a))
	return nil
}

type matchView struct {
	Pairs     []pairView        `json:"pairs"`
	Unmatched []applicationView `json:"unmatched"` // mentees the last run left alone, each with why
	MatchedAt string            `json:"matched_at"`
}

// matchOf is roundID's pairs and the mentees left alone, as its coordinators see them.
func (s *Server) matchOf(ctx context.Context, lang string, prog *domain.MentoringProgramme, rd *domain.MentoringRound) (matchView, error) {
	mv := matchView{Pairs: []pairView{}, Unmatched: []applicationView{}, MatchedAt: formatTime(rd.MatchedAt)}
	pairs, err := s.store.MentoringPairs(ctx, rd.ID)
	if err != nil {
		return mv, err
	}
	for _, p := range pairs {
		mv.Pairs = append(mv.Pairs, s.viewPair(lang, prog, rd, p))
	}
	apps, err := s.store.MentoringApplications(ctx, rd.ID)
	if err != nil {
		return mv, err
	}
	for _, a := range apps {
		if a.Unmatched != "" {
			mv.Unmatched = append(mv.Unmatched, s.viewApplication(lang, rd, a))
		}
	}
	return mv, nil
}

func (s *Server) apiRoundPairs(w http.ResponseWriter, r *http.Request) error {
	rd, prog, _, err := s.apiRound(r)
	if err != nil {
		return err
	}
	mv, err := s.matchOf(r.Context(), s.lang(r), &prog, &rd)
	if err != nil {
		return err
	}
	writePrivate(w, mv)
	return nil
}

type matchRunView struct {
	Pairs     int   `json:"pairs"`
	Kept      int   `json:"kept"`
	Unmatched int   `json:"unmatched"`
	TotalFit  int64 `json:"total_fit"`
}

func (s *Server) apiRunMatch(w http.ResponseWriter, r *http.Request) error {
	rd, _, u, err := s.apiRound(r)
	if err != nil {
		return err
	}
	run, err := s.store.RunMatch(r.Context(), u.ID, rd.ID)
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/mentoring/rounds/%d/pairs", rd.ID))
	writeJSON(w, http.StatusOK, matchRunView(run))
	return nil
}

func (s *Server) apiSetPairRule(w http.ResponseWriter, r *http.Request) error {
	rd, _, u, err := s.apiRound(r)
	if err != nil {
		return err
	}
	var in struct {
		Mentor int64  `json:"mentor_application_id"`
		Mentee int64  `json:"mentee_application_id"`
		Kind   string `json:"kind"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if err := s.store.SetPairRule(r.Context(), u.ID, rd.ID, in.Mentor, in.Mentee, in.Kind); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiPublishMatch(w http.ResponseWriter, r *http.Request) error {
	rd, _, u, err := s.apiRound(r)
	if err != nil {
		return err
	}
	n, err := s.store.PublishMatch(r.Context(), u.ID, rd.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Published int `json:"published"`
	}{n})
	return nil
}

// myPairView is a pair as one of its two sees it: the other's name, and their email once both
// have accepted.
type myPairView struct {
	ID           int64       `json:"id"`
	RoundID      int64       `json:"round_id"`
	Programme    domain.Text `json:"programme"`
	Round        domain.Text `json:"round"`
	Role         string      `json:"role"`
	Partner      string      `json:"partner"`
	PartnerEmail string      `json:"partner_email,omitempty"`
	Status       string      `json:"status"`
	MyAnswer     string      `json:"my_answer"`
	Explanation  string      `json:"explanation"`
	Weeks        int         `json:"weeks"`
}

type myMentoringView struct {
	Applications []applicationView `json:"applications"`
	Pairs        []myPairView      `json:"pairs"`
}

// myMentoring is u's applications and pairs.
func (s *Server) myMentoring(ctx context.Context, lang string, u domain.User) (myMentoringView, error) {
	mv := myMentoringView{Applications: []applicationView{}, Pairs: []myPairView{}}
	apps, err := s.store.MentoringApplicationsOf(ctx, u.ID)
	if err != nil {
		return mv, err
	}
	rounds := map[int64]domain.MentoringRound{}
	progs := map[int64]domain.MentoringProgramme{}
	roundOf := func(id int64) (domain.MentoringRound, domain.MentoringProgramme, error) {
		rd, ok := rounds[id]
		if !ok {
			if rd, err = s.store.MentoringRound(ctx, id); err != nil {
				return rd, domain.MentoringProgramme{}, err
			}
			rounds[id] = rd
		}
		p, ok := progs[rd.ProgrammeID]
		if !ok {
			if p, err = s.store.MentoringProgramme(ctx, rd.ProgrammeID); err != nil {
				return rd, p, err
			}
			progs[rd.ProgrammeID] = p
		}
		return rd, p, nil
	}
	for _, a := range apps {
		rd, _, err := roundOf(a.RoundID)
		if err != nil {
			return mv, err
		}
		v := s.viewApplication(lang, &rd, a)
		v.Unmatched, v.UnmatchedText = "", "" // the coordinator's working notes until a pair is told
		mv.Applications = append(mv.Applications, v)
	}
	pairs, err := s.store.MentoringPairsOf(ctx, u.ID)
	if err != nil {
		return mv, err
	}
	for _, p := range pairs {
		rd, prog, err := roundOf(p.RoundID)
		if err != nil {
			return mv, err
		}
		mv.Pairs = append(mv.Pairs, s.myPairOf(ctx, lang, u, p, rd, prog))
	}
	return mv, nil
}

// myPairOf is pair p of round rd as u, one of its two, sees it.
func (s *Server) myPairOf(ctx context.Context, lang string, u domain.User, p store.MentoringPair, rd domain.MentoringRound, prog domain.MentoringProgramme) myPairView {
	v := myPairView{ID: p.ID, RoundID: p.RoundID, Programme: prog.Name, Round: rd.Name, Status: p.Status, Weeks: rd.Weeks,
		Explanation: s.explain(lang, domain.Explain(&prog, &rd, &p.Mentor, &p.Mentee))}
	partner := p.Mentee
	v.Role, v.MyAnswer = domain.RoleMentor, p.MentorAnswer
	if p.Mentee.UserID == u.ID {
		partner, v.Role, v.MyAnswer = p.Mentor, domain.RoleMentee, p.MenteeAnswer
	}
	v.Partner = partner.Name
	if p.Status == store.PairAccepted {
		if pu, err := s.store.User(ctx, partner.UserID); err == nil {
			v.PartnerEmail = pu.Email
		}
	}
	return v
}

func (s *Server) apiMyMentoring(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	mv, err := s.myMentoring(r.Context(), s.lang(r), u)
	if err != nil {
		return err
	}
	writePrivate(w, mv)
	return nil
}

func (s *Server) apiAnswerPair(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	var in struct {
		Accept *bool `json:"accept"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if in.Accept == nil {
		return domain.FieldErr(domain.Invalid, "accept", "field.required", nil)
	}
	st, err := s.store.AnswerPair(r.Context(), u.ID, id, *in.Accept)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, struct {
		Status string `json:"status"`
	}{st})
	return nil
}
