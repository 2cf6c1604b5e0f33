package web

import (
	"erikti/internal/domain"
	"erikti/internal/store"
	"net/http"
	"slices"
	"time"
)

// The home page (the Year of Volunteers and its projects) and the fair of organizations.

type homeData struct {
	Year     int
	Plan     domain.Plan // the city's plan, the one plan figure of every page
	Figures  store.Figures
	Week     []domain.Event
	Projects []projectProgress
	Bars     []dirBar // the plan chart, one row per direction
	BarsH    int      // its height
}

type projectProgress struct {
	Project   domain.Project
	Held      int
	Width     int         // of the progress bar, for a project with a target
	Mentoring []openRound // its mentoring programmes' rounds taking applications now
}

func (s *Server) homePage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "home.title")
	year := v.Now.In(domain.Almaty()).Year()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, domain.Almaty())
	figures, err := s.figures.get(r.Context(), from, from.AddDate(1, 0, 0), s.store.Figures)
	if err != nil {
		return err
	}
	week, _, err := s.store.Events(r.Context(), store.EventFilter{From: v.Now, To: v.Now.AddDate(0, 0, 7), Limit: 12})
	if err != nil {
		return err
	}
	projects, err := s.store.Projects(r.Context())
	if err != nil {
		return err
	}
	held, err := s.store.ProjectEventsHeld(r.Context(), v.Now)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "deleted" {
		v.Notice = v.T("delete.done")
	}
	d := homeData{Year: year, Plan: domain.YearPlan(), Figures: figures, Week: week}
	d.Bars = directionBars(d.Plan, figures)
	d.BarsH = len(d.Bars) * chartRow
	nowOpen, err := s.openRounds(r, v.Now)
	if err != nil {
		return err
	}
	for _, p := range projects {
		pp := projectProgress{Project: p, Held: held[p.ID], Width: barWidth(held[p.ID], p.Target)}
		for _, o := range nowOpen {
			if o.Programme.ProjectID == p.ID {
				pp.Mentoring = append(pp.Mentoring, o)
			}
		}
		d.Projects = append(d.Projects, pp)
	}
	v.Data = d
	s.render(w, http.StatusOK, "home", v)
	return nil
}

type fairData struct {
	Direction string
	Sections  []fairSection
}

type fairSection struct {
	Direction string // "" for organizations with no published events yet
	Orgs      []domain.Organization
}

func (s *Server) fairPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "fair.title")
	f := newForm(r.URL.Query())
	f.Labels = map[string]string{"direction": "programme.direction"}
	v.Form = f
	d := fairData{Direction: f.Get("direction")}
	st := http.StatusOK
	if d.Direction != "" && !domain.IsDirection(d.Direction) {
		f.add("direction", v.T("field.unknown_direction"))
		st = http.StatusUnprocessableEntity
	}
	orgs, err := s.store.Organizations(r.Context(), "")
	if err != nil {
		return err
	}
	dirs, err := s.store.OrganizationDirections(r.Context())
	if err != nil {
		return err
	}
	for _, dir := range append(domain.Directions(), domain.Direction{}) {
		if d.Direction != "" && dir.Code != d.Direction {
			continue
		}
		sec := fairSection{Direction: dir.Code}
		for _, o := range orgs {
			if o.Status == domain.OrgSuspended {
				continue
			}
			if (dir.Code == "" && len(dirs[o.ID]) == 0) || slices.Contains(dirs[o.ID], dir.Code) {
				sec.Orgs = append(sec.Orgs, o)
			}
		}
		if len(sec.Orgs) > 0 {
			d.Sections = append(d.Sections, sec)
		}
	}
	v.Data = d
	s.render(w, st, "fair", v)
	return nil
}
