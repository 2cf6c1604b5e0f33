package web

import (
	"net/http"

	"erikti/internal/domain"
)

func (s *Server) directions(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, list[domain.Direction]{Items: domain.Directions()})
	return nil
}

func (s *Server) districts(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, list[domain.District]{Items: domain.Districts()})
	return nil
}

type projectView struct {
	ID          int64       `json:"id"`
	Slug        string      `json:"slug"`
	Name        domain.Text `json:"name"`
	Description domain.Text `json:"description"`
	Target      *int        `json:"target"`
	EventsHeld  int         `json:"events_held"`
}

func (s *Server) projects(w http.ResponseWriter, r *http.Request) error {
	projects, err := s.store.Projects(r.Context())
	if err != nil {
		return err
	}
	held, err := s.store.ProjectEventsHeld(r.Context(), s.opt.Now())
	if err != nil {
		return err
	}
	out := list[projectView]{Items: make([]projectView, 0, len(projects))}
	for _, p := range projects {
		v := projectView{ID: p.ID, Slug: p.Slug, Name: p.Name, Description: p.Description, EventsHeld: held[p.ID]}
		if p.Target > 0 {
			v.Target = &p.Target
		}
		out.Items = append(out.Items, v)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}
