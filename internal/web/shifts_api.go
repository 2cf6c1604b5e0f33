package web

import (
	"erikti/internal/domain"
	"net/http"
)

// The shifts of the API: creating and changing one, its roster and a message to it.

func (s *Server) createShift(w http.ResponseWriter, r *http.Request) error {
	e, u, err := s.eventForMember(r)
	if err != nil {
		return err
	}
	var in shiftInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	sh := domain.Shift{EventID: e.ID}
	var p domain.Problems
	in.apply(&sh, &p)
	if err := p.Err(); err != nil {
		return err
	}
	if err := s.store.CreateShift(r.Context(), u.ID, &sh); err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, viewShift(sh))
	return nil
}

func (s *Server) updateShift(w http.ResponseWriter, r *http.Request) error {
	current, u, err := s.shiftForMember(r)
	if err != nil {
		return err
	}
	var in shiftInput
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	var p domain.Problems
	sh, err := s.store.UpdateShift(r.Context(), u.ID, current.ID, in.input(&p).Update(&p))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewShift(sh))
	return nil
}

func (s *Server) roster(w http.ResponseWriter, r *http.Request) error {
	sh, _, err := s.shiftForMember(r)
	if err != nil {
		return err
	}
	roster, err := s.store.Roster(r.Context(), sh.ID)
	if err != nil {
		return err
	}
	out := struct {
		Shift shiftView    `json:"shift"`
		Items []signupView `json:"items"`
	}{viewShift(sh), make([]signupView, 0, len(roster))}
	for _, sg := range roster {
		v := viewSignup(sg)
		v.Volunteer = &volunteer{sg.UserID, sg.UserName, sg.UserEmail}
		out.Items = append(out.Items, v)
	}
	writePrivate(w, out)
	return nil
}

// messageRoster writes to everyone holding or waiting for a place on the shift, by mail.
func (s *Server) messageRoster(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Subject string `json:"subject"`
		Text    string `json:"text"`
	}
	sh, u, err := s.shiftForMemberInput(w, r, &in)
	if err != nil {
		return err
	}
	n, err := s.store.MessageRoster(r.Context(), u.ID, sh.ID, domain.RosterMessage{Subject: in.Subject, Text: in.Text})
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusAccepted, map[string]int{"recipients": n})
	return nil
}
