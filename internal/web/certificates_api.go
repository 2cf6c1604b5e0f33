package web

import (
	"net/http"
	"strconv"
	"time"

	"erikti/internal/domain"
)

// certificateJSON is a certificate as the API shows it: its frozen facts and its state. The
// public answer carries nothing more than the verification page; the owner's also its id and
// the addresses of its PDF and page.
type certificateJSON struct {
	ID            int64         `json:"id,omitempty"`
	Code          string        `json:"code"`
	Name          string        `json:"name"`
	Lang          string        `json:"lang"`
	TotalMinutes  int           `json:"total_minutes"`
	FirstDay      string        `json:"first_day"`
	LastDay       string        `json:"last_day"`
	Organizations []string      `json:"organizations"`
	Events        []domain.Text `json:"events"`
	IssuedAt      string        `json:"issued_at"`
	State         string        `json:"state"`
	RevokedAt     string        `json:"revoked_at,omitempty"`
	VerifyURL     string        `json:"verify_url"`
	PDFURL        string        `json:"pdf_url,omitempty"`
}

func (s *Server) viewCertificate(r *http.Request, c domain.Certificate, owner bool) certificateJSON {
	out := certificateJSON{Code: c.Code, Name: c.Name, Lang: c.Lang, TotalMinutes: c.TotalMinutes,
		FirstDay: c.FirstDay.Format(time.DateOnly), LastDay: c.LastDay.Format(time.DateOnly),
		Organizations: c.Organizations, Events: c.Events, IssuedAt: formatTime(c.CreatedAt), State: "valid",
		VerifyURL: s.certificateURL(r, c.Code)}
	if c.Revoked() {
		out.State, out.RevokedAt = "revoked", formatTime(c.RevokedAt)
	}
	if owner {
		out.ID = c.ID
		out.PDFURL = "/api/v1/me/certificates/" + strconv.FormatInt(c.ID, 10) + "/pdf"
	}
	return out
}

// apiIssueCertificate issues the caller a certificate of their approved hours in the language asked.
func (s *Server) apiIssueCertificate(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Lang string `json:"lang"`
	}
	u, err := s.userInput(w, r, &in, false)
	if err != nil {
		return err
	}
	if in.Lang == "" {
		return domain.FieldErr(domain.Invalid, "lang", "field.required", nil)
	}
	c, err := s.store.IssueCertificate(r.Context(), u.ID, in.Lang)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusCreated, s.viewCertificate(r, c, true))
	return nil
}

// apiMyCertificates lists the caller's certificates, newest first.
func (s *Server) apiMyCertificates(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	cs, err := s.store.UserCertificates(r.Context(), u.ID)
	if err != nil {
		return err
	}
	out := struct {
		Items []certificateJSON `json:"items"`
	}{[]certificateJSON{}}
	for _, c := range cs {
		out.Items = append(out.Items, s.viewCertificate(r, c, true))
	}
	writePrivate(w, out)
	return nil
}

// apiMyCertificatePDF is the PDF of one of the caller's certificates; anyone else's is not found.
func (s *Server) apiMyCertificatePDF(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := s.store.Certificate(r.Context(), id)
	if err != nil || c.UserID != u.ID {
		if err == nil || domain.ErrorCode(err) == domain.NotFound {
			return domain.FieldErr(domain.NotFound, "id", "cert.not_found", nil)
		}
		return err
	}
	return s.certificatePDF(w, r, c)
}

// apiCertificate is the public verification of a certificate by its code: its facts and state.
func (s *Server) apiCertificate(w http.ResponseWriter, r *http.Request) error {
	c, err := s.store.CertificateByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	writeJSON(w, http.StatusOK, s.viewCertificate(r, c, false))
	return nil
}

// apiRevokeCertificate revokes a certificate for a reason, for the Front Office.
func (s *Server) apiRevokeCertificate(w http.ResponseWriter, r *http.Request) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	if err := requireFrontOffice(u); err != nil {
		return err
	}
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decode(w, r, &in, false); err != nil {
		return err
	}
	if _, err := s.store.CertificateByCode(r.Context(), r.PathValue("code")); err != nil {
		return err
	}
	c, err := s.store.RevokeCertificate(r.Context(), u.ID, r.PathValue("code"), in.Reason)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, s.viewCertificate(r, c, false))
	return nil
}
