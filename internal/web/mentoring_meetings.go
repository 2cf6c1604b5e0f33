package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// After the match, on the API and on pages: an accepted pair's meetings and each side's feedback
// at the end of the round (the pair's page, /me/mentoring/pairs/{id}), and a programme's figures
// by round for its coordinators.

type meetingView struct {
	ID          int64  `json:"id"`
	PairID      int64  `json:"pair_id"`
	HeldAt      string `json:"held_at"`
	Minutes     int    `json:"minutes"`
	Topic       string `json:"topic"`
	Online      bool   `json:"online"`
	PublicPlace bool   `json:"public_place"`
	LoggedBy    int64  `json:"logged_by"`
}

func viewMeeting(m domain.MentoringMeeting) meetingView {
	return meetingView{m.ID, m.PairID, formatTime(m.HeldAt), m.Minutes, m.Topic, m.Online, m.PublicPlace, m.LoggedBy}
}

// pairFor reads pair id for u: one of its two sides, or a coordinator of its programme; anyone
// else is told it does not exist.
func (s *Server) pairFor(ctx context.Context, u domain.User, id int64) (store.MentoringPair, domain.MentoringRound, domain.MentoringProgramme, error) {
	p, err := s.store.MentoringPair(ctx, id)
	if err != nil {
		return p, domain.MentoringRound{}, domain.MentoringProgramme{}, err
	}
	rd, prog, err := s.roundByID(ctx, p.RoundID)
	if err != nil {
		return p, rd, prog, err
	}
	if p.Mentor.UserID == u.ID || p.Mentee.UserID == u.ID || (p.Status != store.PairProposed && s.mayCoordinate(ctx, u, prog) == nil) {
		return p, rd, prog, nil
	}
	return p, rd, prog, domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
}

type meetingInput struct {
	HeldAt      string `json:"held_at"`
	Minutes     int    `json:"minutes"`
	Topic       string `json:"topic"`
	Online      bool   `json:"online"`
	PublicPlace bool   `json:"public_place"`
}

// meeting is the meeting in gives, of pairID; a time that is not one is a problem of held_at.
func (in meetingInput) meeting(pairID int64) (domain.MentoringMeeting, error) {
	var p domain.Problems
	m := domain.MentoringMeeting{PairID: pairID, HeldAt: parseTime(&p, "held_at", in.HeldAt), Minutes: in.Minutes, Topic: in.Topic,
		Online: in.Online, PublicPlace: in.PublicPlace}
	return m, p.Err()
}

func (s *Server) apiLogMeeting(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	var in meetingInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	m, err := in.meeting(id)
	if err == nil {
		err = s.store.LogMeeting(r.Context(), u.ID, &m)
	}
	if err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/mentoring/pairs/%d/meetings", id))
	writeJSON(w, http.StatusCreated, viewMeeting(m))
	return nil
}

func (s *Server) apiPairMeetings(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	if _, _, _, err := s.pairFor(r.Context(), u, id); err != nil {
		return err
	}
	ms, err := s.store.MentoringMeetings(r.Context(), id)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(ms, viewMeeting))
	return nil
}

func (s *Server) apiGiveFeedback(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	var in struct {
		Rating  int    `json:"rating"`
		Comment string `json:"comment"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	f := domain.MentoringFeedback{PairID: id, Rating: in.Rating, Comment: in.Comment}
	if err := s.store.GiveFeedback(r.Context(), u.ID, &f); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, struct {
		PairID  int64  `json:"pair_id"`
		Rating  int    `json:"rating"`
		Comment string `json:"comment"`
	}{f.PairID, f.Rating, f.Comment})
	return nil
}

type figuresView struct {
	domain.RoundFigures
	Hours          float64 `json:"hours"`
	CompletionRate float64 `json:"completion_rate"`
}

func viewFigures(f domain.RoundFigures) figuresView {
	return figuresView{f, float64(f.Minutes) / 60, f.CompletionRate()}
}

func (s *Server) apiMentoringFigures(w http.ResponseWriter, r *http.Request) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	p, err := s.store.MentoringProgramme(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.mayCoordinate(r.Context(), u, p); err != nil {
		return err
	}
	fs, err := s.store.MentoringFigures(r.Context(), p.ID)
	if err != nil {
		return err
	}
	writePrivate(w, listOf(fs, viewFigures))
	return nil
}

// pairPageData is what a pair's page shows its two sides.
type pairPageData struct {
	Pair      myPairView
	Round     domain.MentoringRound
	Meetings  []domain.MentoringMeeting
	Minutes   int
	Minor     bool // the mentee is under 18: meetings in person are in public places
	Feedback  *domain.MentoringFeedback
	CanRate   bool // the round is over and the reader has not given their feedback
	MeetingAt string
}

var meetingLabels = map[string]string{"held_at": "mentoring.f_held_at", "minutes": "mentoring.f_minutes", "topic": "mentoring.f_topic",
	"public_place": "mentoring.f_public_place", "rating": "mentoring.f_rating", "comment": "mentoring.f_comment"}

func (s *Server) pairPageView(r *http.Request, u *domain.User, f *form) (*view, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
	}
	p, rd, prog, err := s.pairFor(r.Context(), *u, id)
	if err != nil {
		return nil, err
	}
	if p.Mentor.UserID != u.ID && p.Mentee.UserID != u.ID || p.Status == store.PairProposed {
		return nil, domain.Errorf(domain.NotFound, "not_found.mentoring_pair", nil)
	}
	v := s.newView(r, "mentoring.pair_title")
	d := pairPageData{Pair: s.myPairOf(r.Context(), v.Lang, *u, p, rd, prog), Round: rd, Minor: p.Mentee.Minor(&rd)}
	if d.Meetings, err = s.store.MentoringMeetings(r.Context(), p.ID); err != nil {
		return nil, err
	}
	for _, m := range d.Meetings {
		d.Minutes += m.Minutes
	}
	given, err := s.store.MentoringFeedback(r.Context(), p.ID)
	if err != nil {
		return nil, err
	}
	for i := range given {
		if given[i].UserID == u.ID {
			d.Feedback = &given[i]
		}
	}
	d.CanRate = p.Status == store.PairAccepted && d.Feedback == nil && !v.Now.Before(rd.RoundEnds())
	if f == nil {
		f = newForm(url.Values{"minutes": {"60"}, "held_at": {v.Now.In(domain.Almaty()).Format("2006-01-02T15:04")}})
	}
	f.Labels, v.Form = meetingLabels, f
	v.Data = d
	return v, nil
}

func (s *Server) myPairPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	v, err := s.pairPageView(r, u, nil)
	if err != nil {
		return err
	}
	v.doneNotice(r, map[string]string{"meeting": "mentoring.meeting_logged", "feedback": "mentoring.feedback_thanks"})
	s.render(w, http.StatusOK, "mentoring_pair", v)
	return nil
}

func (s *Server) logMeetingSubmit(w http.ResponseWriter, r *http.Request) error {
	u, id, f, err := postedAbout(w, r, pageUser, "not_found.mentoring_pair")
	if err != nil {
		return err
	}
	var p domain.Problems
	minutes := formInt(&p, "minutes", f.Get("minutes"), 0)
	m, err := meetingInput{HeldAt: f.Get("held_at"), Minutes: minutes, Topic: f.Get("topic"), Online: f.Get("online") == "1",
		PublicPlace: f.Get("public_place") == "1"}.meeting(id)
	if err == nil {
		err = p.Err()
	}
	if err == nil {
		err = s.store.LogMeeting(r.Context(), u.ID, &m)
	}
	if err != nil {
		return s.pairFormFailed(w, r, u, f, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/me/mentoring/pairs/%d?done=meeting#meetings", id), http.StatusSeeOther) // #nosec G710 -- a local path of an integer
	return nil
}

func (s *Server) feedbackSubmit(w http.ResponseWriter, r *http.Request) error {
	u, id, f, err := postedAbout(w, r, pageUser, "not_found.mentoring_pair")
	if err != nil {
		return err
	}
	rating, _ := strconv.Atoi(f.Get("rating"))
	fb := domain.MentoringFeedback{PairID: id, Rating: rating, Comment: f.Get("comment")}
	if err := s.store.GiveFeedback(r.Context(), u.ID, &fb); err != nil {
		return s.pairFormFailed(w, r, u, f, err)
	}
	http.Redirect(w, r, fmt.Sprintf("/me/mentoring/pairs/%d?done=feedback", id), http.StatusSeeOther) // #nosec G710 -- a local path of an integer
	return nil
}

// pairFormFailed shows the pair's page again with err beside the fields of the form posted.
func (s *Server) pairFormFailed(w http.ResponseWriter, r *http.Request, u *domain.User, f *form, err error) error {
	v, verr := s.pairPageView(r, u, f)
	if verr != nil {
		return verr
	}
	return s.mentoringFormFailed(w, v, f, err, "mentoring_pair", nil)
}

// RatingChoices are the ratings 1 to 5 as radio buttons.
func (v *view) RatingChoices(name, labelKey string) choiceField {
	var pairs [][2]string
	for n := 1; n <= 5; n++ {
		pairs = append(pairs, [2]string{strconv.Itoa(n), v.T("mentoring.rating_" + strconv.Itoa(n))})
	}
	return v.Form.choices(v, name, labelKey, "", pairs, []string{"required"})
}

// Percent writes a share of 0 to 1 as a whole percentage.
func (v *view) Percent(share float64) string { return strconv.Itoa(int(math.Round(share*100))) + "%" }

// Rating writes a mean rating with one decimal, with the reader's decimal sign.
func (v *view) Rating(r float64) string {
	s := strconv.FormatFloat(r, 'f', 1, 64)
	if v.Lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
