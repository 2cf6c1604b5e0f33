package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The pages of mentoring: the public programme with its open round, the application form, a
// person's own applications and pairs (with the answer buttons), and the coordinators' desk of a
// round: applications, verification, the match with its reasons, pins and forbids, publishing.

// mentoringProgrammeData is what the public page of a programme shows.
type mentoringProgrammeData struct {
	Programme  domain.MentoringProgramme
	Rounds     []domain.MentoringRound
	Coordinate bool                  // the reader coordinates it: a link to the desk
	Figures    []domain.RoundFigures // for its coordinators
}

func (s *Server) mentoringListPage(w http.ResponseWriter, r *http.Request) error {
	ps, err := s.store.MentoringProgrammes(r.Context(), 0)
	if err != nil {
		return err
	}
	var out []mentoringProgrammeData
	for _, p := range ps {
		rounds, err := s.store.MentoringRounds(r.Context(), p.ID)
		if err != nil {
			return err
		}
		out = append(out, mentoringProgrammeData{Programme: p, Rounds: rounds})
	}
	v := s.newView(r, "mentoring.list_title")
	v.Data = out
	s.render(w, http.StatusOK, "mentoring_list", v)
	return nil
}

func (s *Server) mentoringProgrammePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.Errorf(domain.NotFound, "not_found.mentoring_programme", nil)
	}
	p, err := s.store.MentoringProgramme(r.Context(), id)
	if err != nil {
		return err
	}
	rounds, err := s.store.MentoringRounds(r.Context(), p.ID)
	if err != nil {
		return err
	}
	v := s.newView(r, "")
	v.Title = p.Name.In(v.Lang)
	d := mentoringProgrammeData{Programme: p, Rounds: rounds}
	if u, err := pageUser(r); err == nil && u.SecondFactor {
		d.Coordinate = s.mayCoordinate(r.Context(), *u, p) == nil
	}
	v.Data = d
	s.render(w, http.StatusOK, "mentoring_programme", v)
	return nil
}

// applyData is what the application form shows.
type applyData struct {
	Programme domain.MentoringProgramme
	Round     domain.MentoringRound
}

var applyLabels = map[string]string{"role": "mentoring.f_role", "languages": "mentoring.f_languages", "district": "mentoring.f_district",
	"mode": "mentoring.f_mode", "theme_1": "mentoring.f_theme_1", "slots": "mentoring.f_slots", "capacity": "mentoring.f_capacity",
	"answer": "mentoring.f_answer", "round_id": "mentoring.f_round"}

// roundOf reads the round of the path's id and its programme.
func (s *Server) roundOf(r *http.Request) (domain.MentoringRound, domain.MentoringProgramme, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return domain.MentoringRound{}, domain.MentoringProgramme{}, domain.Errorf(domain.NotFound, "not_found.mentoring_round", nil)
	}
	return s.roundByID(r.Context(), id)
}

func (s *Server) applyView(r *http.Request, rd domain.MentoringRound, p domain.MentoringProgramme, f *form) *view {
	v := s.newView(r, "mentoring.apply_title")
	if f == nil {
		f = newForm(url.Values{"capacity": {"1"}, "mode": {domain.MeetBoth}})
	}
	f.Labels, v.Form = applyLabels, f
	v.Data = applyData{Programme: p, Round: rd}
	return v
}

func (s *Server) applyPage(w http.ResponseWriter, r *http.Request) error {
	rd, p, err := s.roundOf(r)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "mentoring_apply", s.applyView(r, rd, p, nil))
	return nil
}

func (s *Server) applySubmit(w http.ResponseWriter, r *http.Request) error {
	rd, p, err := s.roundOf(r)
	if err != nil {
		return err
	}
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	var themes []string
	for _, k := range []string{"theme_1", "theme_2", "theme_3"} {
		if t := f.Get(k); t != "" {
			themes = append(themes, t)
		}
	}
	capacity, _ := strconv.Atoi(f.Get("capacity"))
	a := domain.MentoringApplication{RoundID: rd.ID, UserID: u.ID, Role: f.Get("role"), Languages: f.Values["languages"], District: f.Get("district"),
		Mode: f.Get("mode"), Themes: themes, Slots: f.Values["slots"], Capacity: capacity, Answer: f.Get("answer")}
	if a.Role == domain.RoleMentee {
		a.Capacity = 0
	}
	if err := s.store.ApplyForMentoring(r.Context(), &a); err != nil {
		return s.mentoringFormFailed(w, s.applyView(r, rd, p, f), f, err, "mentoring_apply", func(name string) string {
			if name == "themes" {
				return "theme_1"
			}
			return name
		})
	}
	http.Redirect(w, r, "/me/mentoring?done=applied", http.StatusSeeOther)
	return nil
}

// Choices of the mentoring forms.

// MentoringChoices is a group of radio buttons or checkboxes (the "checks" and "radios"
// templates) or a <select>: which names a list of the mentoring forms.
func (v *view) MentoringChoices(name, labelKey, which string, attrs ...string) choiceField {
	var pairs [][2]string
	empty := ""
	switch which {
	case "roles":
		for _, role := range []string{domain.RoleMentee, domain.RoleMentor} {
			pairs = append(pairs, [2]string{role, v.T("mentoring.role_" + role)})
		}
	case "modes":
		for _, m := range []string{domain.MeetBoth, domain.MeetOnline, domain.MeetInPerson} {
			pairs = append(pairs, [2]string{m, v.T("mentoring.mode_" + m)})
		}
	case "languages":
		for _, l := range domain.Languages() {
			pairs = append(pairs, [2]string{l, languageName(v.Lang, l)})
		}
	case "capacity":
		for n := 1; n <= domain.MaxMenteesPerMentor; n++ {
			pairs = append(pairs, [2]string{strconv.Itoa(n), v.Num(n)})
		}
	default:
		panic("web: no mentoring choices " + which)
	}
	return v.Form.choices(v, name, labelKey, empty, pairs, attrs)
}

// ThemeChoices is a <select> of the round's themes; empty labels the option of none.
func (v *view) ThemeChoices(name, labelKey string, themes []string, empty string, attrs ...string) choiceField {
	var pairs [][2]string
	for _, t := range themes {
		pairs = append(pairs, [2]string{t, themeName(v.Lang, t)})
	}
	return v.Form.choices(v, name, labelKey, empty, pairs, attrs)
}

// slotDay is one day of the availability grid: a fieldset of its three parts.
type slotDay struct {
	Legend  string
	Choices []choice
}

// SlotGrid is the week's free times as seven fieldsets of three checkboxes, all named slots.
func (v *view) SlotGrid() []slotDay {
	var out []slotDay
	slots := domain.MentoringSlots()
	for i := 0; i < len(slots); i += 3 {
		day, _, _ := strings.Cut(slots[i], "_")
		d := slotDay{Legend: v.T("mentoring.day_" + day)}
		for _, s := range slots[i : i+3] {
			_, part, _ := strings.Cut(s, "_")
			d.Choices = append(d.Choices, choice{ID: "f-slots-" + s, Value: s, Label: v.T("mentoring.part_" + part), Selected: v.Form.Has("slots", s)})
		}
		out = append(out, d)
	}
	return out
}

// myMentoringData is what /me/mentoring shows.
type myMentoringData struct {
	Mine     myMentoringView
	Open     []openRound // rounds taking applications now
	Answered string      // the status a pair just took
}

type openRound struct {
	Programme domain.MentoringProgramme
	Round     domain.MentoringRound
}

func (s *Server) myMentoringPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "mentoring.my_title")
	mine, err := s.myMentoring(r.Context(), v.Lang, *u)
	if err != nil {
		return err
	}
	d := myMentoringData{Mine: mine}
	nowOpen, err := s.openRounds(r, v.Now)
	if err != nil {
		return err
	}
	for _, o := range nowOpen {
		if !slices.ContainsFunc(mine.Applications, func(a applicationView) bool { return a.RoundID == o.Round.ID }) {
			d.Open = append(d.Open, o)
		}
	}
	switch r.URL.Query().Get("done") {
	case "applied":
		v.Notice = v.T("mentoring.applied")
	case store.PairAccepted, store.PairPublished:
		v.Notice = v.T("mentoring.answer_accepted")
	case store.PairDeclined:
		v.Notice = v.T("mentoring.answer_declined")
	}
	v.Data = d
	s.render(w, http.StatusOK, "mentoring_mine", v)
	return nil
}

func (s *Server) answerPairSubmit(w http.ResponseWriter, r *http.Request) error {
	u, id, f, err := postedAbout(w, r, pageUser, "not_found.mentoring_pair")
	if err != nil {
		return err
	}
	st, err := s.store.AnswerPair(r.Context(), u.ID, id, f.Get("accept") == "1")
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/me/mentoring?done="+st, http.StatusSeeOther)
	return nil
}

// roundDesk is what the coordinators' page of a round shows.
type roundDesk struct {
	Programme domain.MentoringProgramme
	Round     domain.MentoringRound
	Mentors   []applicationView
	Mentees   []applicationView
	Match     matchView
	Rules     []store.PairRule
	Proposed  int // pairs not yet told
}

// coordinatedRoundPage reads the round of the path's id for a reader who coordinates it.
func (s *Server) coordinatedRoundPage(r *http.Request) (domain.MentoringRound, domain.MentoringProgramme, *domain.User, error) {
	u, err := pageUser(r)
	if err != nil {
		return domain.MentoringRound{}, domain.MentoringProgramme{}, nil, err
	}
	rd, p, err := s.roundOf(r)
	if err != nil {
		return rd, p, u, err
	}
	return rd, p, u, s.mayCoordinate(r.Context(), *u, p)
}

func (s *Server) manageRoundPage(w http.ResponseWriter, r *http.Request) error {
	rd, p, _, err := s.coordinatedRoundPage(r)
	if err != nil {
		return err
	}
	return s.renderDesk(w, r, rd, p, http.StatusOK, nil)
}

// renderDesk draws the coordinators' page of round rd with status; refused, when not nil, is a
// refusal of what they just did, shown at the top.
func (s *Server) renderDesk(w http.ResponseWriter, r *http.Request, rd domain.MentoringRound, p domain.MentoringProgramme, status int, refused *domain.Error) error {
	v := s.newView(r, "")
	v.Title = rd.Name.In(v.Lang) + " · " + p.Name.In(v.Lang)
	d := roundDesk{Programme: p, Round: rd}
	apps, err := s.store.MentoringApplications(r.Context(), rd.ID)
	if err != nil {
		return err
	}
	for _, a := range apps {
		av := s.viewApplication(v.Lang, &rd, a)
		if a.Role == domain.RoleMentor {
			d.Mentors = append(d.Mentors, av)
		} else {
			d.Mentees = append(d.Mentees, av)
		}
	}
	if d.Match, err = s.matchOf(r.Context(), v.Lang, &p, &rd); err != nil {
		return err
	}
	for _, pr := range d.Match.Pairs {
		if pr.Status == store.PairProposed {
			d.Proposed++
		}
	}
	if d.Rules, err = s.store.MentoringPairRules(r.Context(), rd.ID); err != nil {
		return err
	}
	q := r.URL.Query()
	switch done := q.Get("done"); done {
	case "matched":
		v.Notice = v.T("mentoring.matched", "pairs", q.Get("pairs"), "unmatched", q.Get("unmatched"))
	case "published":
		v.Notice = v.T("mentoring.published", "n", q.Get("n"))
	case "rule", "verified":
		v.Notice = v.T("mentoring.done_" + done)
	}
	if refused != nil {
		v.Notice = ""
		key, params := refused.Key, refused.Params
		if len(refused.Fields) > 0 {
			key, params = refused.Fields[0].Key, refused.Fields[0].Params
		}
		v.Problem = v.T(key, paramPairs(params)...)
	}
	v.Form = newForm(nil)
	v.Data = d
	s.render(w, status, "mentoring_desk", v)
	return nil
}

// deskFailed shows the round's desk again with err at the top, with err's status: a refusal the
// coordinator reads where they acted. An error that is not the domain's is returned.
func (s *Server) deskFailed(w http.ResponseWriter, r *http.Request, rd domain.MentoringRound, p domain.MentoringProgramme, err error) error {
	var e *domain.Error
	if !errors.As(err, &e) || e.Code == domain.Internal {
		return err
	}
	return s.renderDesk(w, r, rd, p, status(e.Code), e)
}

func (s *Server) runMatchSubmit(w http.ResponseWriter, r *http.Request) error {
	rd, p, u, err := s.coordinatedRoundPage(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	run, err := s.store.RunMatch(r.Context(), u.ID, rd.ID)
	if err != nil {
		return s.deskFailed(w, r, rd, p, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/rounds/%d?done=matched&pairs=%d&unmatched=%d#pairs", rd.ID, run.Pairs+run.Kept, run.Unmatched), http.StatusSeeOther)
	return nil
}

func (s *Server) pairRuleSubmit(w http.ResponseWriter, r *http.Request) error {
	rd, p, u, err := s.coordinatedRoundPage(r)
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	mentor, _ := strconv.ParseInt(f.Get("mentor"), 10, 64)
	mentee, _ := strconv.ParseInt(f.Get("mentee"), 10, 64)
	if err := s.store.SetPairRule(r.Context(), u.ID, rd.ID, mentor, mentee, f.Get("kind")); err != nil {
		return s.deskFailed(w, r, rd, p, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/rounds/%d?done=rule#pairs", rd.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) publishSubmit(w http.ResponseWriter, r *http.Request) error {
	rd, p, u, err := s.coordinatedRoundPage(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	n, err := s.store.PublishMatch(r.Context(), u.ID, rd.ID)
	if err != nil {
		return s.deskFailed(w, r, rd, p, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/rounds/%d?done=published&n=%d#pairs", rd.ID, n), http.StatusSeeOther)
	return nil
}

func (s *Server) verifyMentorSubmit(w http.ResponseWriter, r *http.Request) error {
	u, id, f, err := postedAbout(w, r, pageUser, "not_found.mentoring_application")
	if err != nil {
		return err
	}
	a, rd, err := s.coordinatedApplication(r.Context(), *u, id)
	if err != nil {
		return err
	}
	if err := s.store.VerifyMentor(r.Context(), u.ID, a.ID, f.Get("verified") == "1"); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/rounds/%d?done=verified#mentors", rd.ID), http.StatusSeeOther)
	return nil
}

// orgMentoringData is what an organization's page of mentoring programmes shows.
type orgMentoringData struct {
	Org        domain.Organization
	Programmes []domain.MentoringProgramme
	Projects   []domain.Project // the flagship projects a programme may belong to
}

var programmeLabels = map[string]string{"name_kk": "texts.name_kk", "name_ru": "texts.name_ru", "name_en": "texts.name_en",
	"name": "texts.name_kk", "description_kk": "texts.description_kk", "question_kk": "mentoring.f_question_kk", "travel_km": "mentoring.f_travel_km", "project_id": "mentoring.f_project"}

func (s *Server) orgMentoringView(r *http.Request, f *form) (*view, domain.Organization, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, domain.Organization{}, domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	o, _, err := s.memberOrg(r, id)
	if err != nil {
		return nil, o, err
	}
	ps, err := s.store.MentoringProgrammes(r.Context(), o.ID)
	if err != nil {
		return nil, o, err
	}
	projects, err := s.store.Projects(r.Context())
	if err != nil {
		return nil, o, err
	}
	v := s.newView(r, "mentoring.org_title")
	if f == nil {
		f = newForm(url.Values{"travel_km": {strconv.Itoa(domain.DefaultTravelKm)}})
	}
	f.Labels, v.Form = programmeLabels, f
	v.Data = orgMentoringData{Org: o, Programmes: ps, Projects: projects}
	return v, o, nil
}

func (s *Server) orgMentoringPage(w http.ResponseWriter, r *http.Request) error {
	v, _, err := s.orgMentoringView(r, nil)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "mentoring_org", v)
	return nil
}

func (s *Server) newProgrammeSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	v, o, err := s.orgMentoringView(r, f)
	if err != nil {
		return err
	}
	var p domain.Problems
	km := formInt(&p, "travel_km", f.Get("travel_km"), domain.DefaultTravelKm)
	project := formInt(&p, "project_id", f.Get("project_id"), 0)
	prog := domain.MentoringProgramme{OrgID: o.ID, ProjectID: int64(project), Name: formText(f, "name_"), Description: formText(f, "description_"), Question: formText(f, "question_"),
		TravelKm: km, PreferSilver: f.Get("prefer_silver") == "1"}
	if err := p.Err(); err != nil {
		return s.textFormFailed(w, v, f, err, "mentoring_org")
	}
	if err := s.store.CreateMentoringProgramme(r.Context(), u.ID, &prog); err != nil {
		return s.textFormFailed(w, v, f, err, "mentoring_org")
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/programmes/%d?done=created", prog.ID), http.StatusSeeOther)
	return nil
}

var roundLabels = map[string]string{"name_kk": "texts.name_kk", "name": "texts.name_kk", "opens_at": "mentoring.f_opens_at",
	"closes_at": "mentoring.f_closes_at", "match_on": "mentoring.f_match_on", "weeks": "mentoring.f_weeks", "themes": "mentoring.f_themes"}

func (s *Server) manageProgrammeView(r *http.Request, f *form) (*view, domain.MentoringProgramme, *domain.User, error) {
	u, err := pageUser(r)
	if err != nil {
		return nil, domain.MentoringProgramme{}, nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, domain.MentoringProgramme{}, u, domain.Errorf(domain.NotFound, "not_found.mentoring_programme", nil)
	}
	p, err := s.store.MentoringProgramme(r.Context(), id)
	if err != nil {
		return nil, p, u, err
	}
	if err := s.mayCoordinate(r.Context(), *u, p); err != nil {
		return nil, p, u, err
	}
	rounds, err := s.store.MentoringRounds(r.Context(), p.ID)
	if err != nil {
		return nil, p, u, err
	}
	v := s.newView(r, "")
	v.Title = p.Name.In(v.Lang)
	if f == nil {
		f = newForm(url.Values{"weeks": {"12"}})
	}
	f.Labels, v.Form = roundLabels, f
	figures, err := s.store.MentoringFigures(r.Context(), p.ID)
	if err != nil {
		return nil, p, u, err
	}
	v.Data = mentoringProgrammeData{Programme: p, Rounds: rounds, Coordinate: true, Figures: figures}
	return v, p, u, nil
}

func (s *Server) manageProgrammePage(w http.ResponseWriter, r *http.Request) error {
	v, _, _, err := s.manageProgrammeView(r, nil)
	if err != nil {
		return err
	}
	v.doneNotice(r, map[string]string{"created": "mentoring.programme_created", "round": "mentoring.round_created"})
	s.render(w, http.StatusOK, "mentoring_manage", v)
	return nil
}

func (s *Server) newRoundSubmit(w http.ResponseWriter, r *http.Request) error {
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	v, p, u, err := s.manageProgrammeView(r, f)
	if err != nil {
		return err
	}
	var pr domain.Problems
	weeks := formInt(&pr, "weeks", f.Get("weeks"), 0)
	rd, err := roundInput{Name: formText(f, "name_"), OpensAt: f.Get("opens_at"), ClosesAt: f.Get("closes_at"), MatchOn: f.Get("match_on"),
		Weeks: weeks, Themes: f.Values["themes"]}.round(p.ID)
	if err == nil {
		err = pr.Err()
	}
	if err == nil {
		err = s.store.CreateMentoringRound(r.Context(), u.ID, &rd)
	}
	if err != nil {
		return s.textFormFailed(w, v, f, err, "mentoring_manage")
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/mentoring/programmes/%d?done=round", p.ID), http.StatusSeeOther)
	return nil
}

// textFormFailed shows a form of texts in three languages again with err beside its fields
// (name.kk at name_kk, as orgRename names them).
func (s *Server) textFormFailed(w http.ResponseWriter, v *view, f *form, err error, page string) error {
	return s.mentoringFormFailed(w, v, f, err, page, orgRename)
}

// mentoringFormFailed shows page again with err beside the fields rename names, with err's status
// (422 for a field's fault).
func (s *Server) mentoringFormFailed(w http.ResponseWriter, v *view, f *form, err error, page string, rename func(string) string) error {
	if err := f.take(v, err, rename); err != nil {
		return err
	}
	s.render(w, status(domain.ErrorCode(err)), page, v)
	return nil
}

// roundList is what the "mentoring-rounds" template draws; Desk links each round to its desk.
type roundList struct {
	V      *view
	Rounds []domain.MentoringRound
	Desk   bool
}

// RoundList is rounds for the "mentoring-rounds" template.
func (v *view) RoundList(rounds []domain.MentoringRound, desk bool) roundList {
	return roundList{v, rounds, desk}
}

// RoundState is where round rd stands now: upcoming, open, closed (waiting for the match),
// matched (pairs proposed, not told) or published.
func (v *view) RoundState(rd domain.MentoringRound) string {
	switch {
	case !rd.PublishedAt.IsZero():
		return "published"
	case !rd.MatchedAt.IsZero():
		return "matched"
	case rd.Open(v.Now):
		return "open"
	case v.Now.Before(rd.OpensAt):
		return "upcoming"
	}
	return "closed"
}

// ThemeNames is themes named in the reader's language, joined.
func (v *view) ThemeNames(themes []string) string { return v.s.joinList(v.Lang, themes, themeName) }

// SlotNames is slots named in the reader's language, joined.
func (v *view) SlotNames(slots []string) string { return v.s.joinList(v.Lang, slots, v.s.slotName) }

// LanguageNames is languages named in the reader's language, joined.
func (v *view) LanguageNames(langs []string) string { return v.s.joinList(v.Lang, langs, languageName) }

// openRounds lists the rounds of every programme that take applications at now.
func (s *Server) openRounds(r *http.Request, now time.Time) ([]openRound, error) {
	ps, err := s.store.MentoringProgrammes(r.Context(), 0)
	if err != nil {
		return nil, err
	}
	var out []openRound
	for _, p := range ps {
		rounds, err := s.store.MentoringRounds(r.Context(), p.ID)
		if err != nil {
			return nil, err
		}
		for _, rd := range rounds {
			if rd.Open(now) {
				out = append(out, openRound{p, rd})
			}
		}
	}
	return out, nil
}
