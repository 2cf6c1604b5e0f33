package web

import (
	"fmt"
	"net/http"

	"erikti/internal/domain"
)

// The organizations of the API: the list, one organization, creating one, and the Front Office's
// verification.

func (s *Server) listOrganizations(w http.ResponseWriter, r *http.Request) error {
	u, err := s.optionalUser(r)
	if err != nil {
		return err
	}
	orgs, err := s.store.Organizations(r.Context(), "")
	if err != nil {
		return err
	}
	out := list[orgView]{Items: make([]orgView, 0, len(orgs))}
	for _, o := range orgs {
		if o.Status == domain.OrgSuspended && !frontOffice(u) {
			continue
		}
		out.Items = append(out.Items, viewOrg(o, frontOffice(u)))
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) getOrganization(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	u, err := s.optionalUser(r)
	if err != nil {
		return err
	}
	o, err := s.store.Organization(r.Context(), id)
	if err != nil {
		return withField(err, "id")
	}
	member, err := s.isMember(r, u, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewOrg(o, member))
	return nil
}

func (s *Server) verifyOrganization(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Status string `json:"status"`
		Reason string `json:"reason"`
	}
	id, u, err := s.frontOfficeInput(w, r, &in, true)
	if err != nil {
		return err
	}
	status, err := domain.Decision(in.Status, in.Reason)
	if err != nil {
		return err
	}
	o, err := s.store.SetOrganizationStatus(r.Context(), u.ID, id, status, in.Reason)
	if err != nil {
		return withField(err, "id")
	}
	writeJSON(w, http.StatusOK, viewOrg(o, true))
	return nil
}

func (s *Server) createOrganization(w http.ResponseWriter, r *http.Request) error {
	var in orgInput
	u, err := s.userInput(w, r, &in, false)
	if err != nil {
		return err
	}
	o := in.organization()
	if err := s.store.CreateOrganization(r.Context(), u.ID, &o); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/organizations/%d", o.ID))
	writeJSON(w, http.StatusCreated, viewOrg(o, true))
	return nil
}
