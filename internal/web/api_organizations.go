package web

import (
	"fmt"
	"net/http"

	"erikti/internal/domain"
)

func (s *Server) createOrganization(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name        string `json:"name"`
		Description string `json:"description"`
		Email       string `json:"email"`
		Phone       string `json:"phone"`
		Website     string `json:"website"`
		BIN         string `json:"bin"`
	}
	u, err := s.userInput(w, r, &in, false)
	if err != nil {
		return err
	}
	o := domain.Organization{Name: in.Name, Description: in.Description, Email: in.Email, Phone: in.Phone, Website: in.Website, BIN: in.BIN}
	if err := s.store.CreateOrganization(r.Context(), u.ID, &o); err != nil {
		return err
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/organizations/%d", o.ID))
	writeJSON(w, http.StatusCreated, viewOrg(o, true))
	return nil
}
