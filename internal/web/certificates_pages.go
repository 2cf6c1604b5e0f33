package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"erikti/internal/certificate"
	"erikti/internal/domain"
	"erikti/internal/store"
)

var certificateLabels = map[string]string{"lang": "cert.lang", "code": "cert.code", "reason": "cert.revoke_reason",
	domain.MarkSeal: "cert.mark_seal", domain.MarkSignature: "cert.mark_signature"}

// certificateURL is the address of the verification page of the certificate with code, as
// people reach erikti: its public URL, or the request's host when it has none.
func (s *Server) certificateURL(r *http.Request, code string) string {
	return s.siteURL(r, "/certificates/"+code)
}

// certificatePDF renders c in its language, issued by the Front Office with the seal and signature
// it set.
func (s *Server) certificatePDF(w http.ResponseWriter, r *http.Request, c domain.Certificate) error {
	_, marks, err := s.store.CertificateMarks(r.Context())
	if err != nil {
		return err
	}
	iss := s.opt.Issuer
	iss.Seal, iss.Signature = marks[domain.MarkSeal], marks[domain.MarkSignature]
	pdf, err := certificate.Render(s.msgs, c, s.certificateURL(r, c.Code), iss)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="erikti-certificate-%s.pdf"`, c.Code))
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(pdf)))
	w.WriteHeader(http.StatusOK)
	w.Write(pdf) // #nosec G705 -- a PDF made by the certificate package, sent as application/pdf with nosniff
	return nil
}

// issueCertificateSubmit issues the reader a certificate of their approved hours in the language
// they chose, and goes back to their hours, where it is listed.
func (s *Server) issueCertificateSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, err := userForm(w, r)
	if err != nil {
		return err
	}
	if _, err := s.store.IssueCertificate(r.Context(), u.ID, f.Get("lang")); err != nil {
		v := s.newView(r, "hours.title")
		v.Form = f
		f.Labels = certificateLabels
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		return s.renderHours(w, r, status(domain.ErrorCode(err)), v)
	}
	http.Redirect(w, r, "/me/hours?done=issued#certificates", http.StatusSeeOther)
	return nil
}

// myCertificatePDF is the PDF of one of the reader's certificates; anyone else's is not found.
func (s *Server) myCertificatePDF(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	notFound := domain.Errorf(domain.NotFound, "cert.not_found", nil)
	name, ok := strings.CutSuffix(r.PathValue("file"), ".pdf")
	if !ok {
		return notFound
	}
	id, err := strconv.ParseInt(name, 10, 64)
	if err != nil || id <= 0 {
		return notFound
	}
	c, err := s.store.Certificate(r.Context(), id)
	if err != nil {
		return err
	}
	if c.UserID != u.ID {
		return notFound
	}
	return s.certificatePDF(w, r, c)
}

// certificateView is a certificate on its verification page: its facts and its state, nothing more.
type certificateView struct {
	C   domain.Certificate
	URL string
}

// verifyPage is the public form to type a certificate's code; ?code= looks it up and goes to its page.
func (s *Server) verifyPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "cert.verify_title")
	v.NoIndex = true
	q := r.URL.Query()
	v.Form = newForm(url.Values{"code": {q.Get("code")}})
	v.Form.Labels = certificateLabels
	w.Header().Set("X-Robots-Tag", "noindex")
	if !q.Has("code") {
		w.Header().Set("Cache-Control", "public, max-age=300")
		s.render(w, http.StatusOK, "verify", v)
		return nil
	}
	c, err := s.store.CertificateByCode(r.Context(), q.Get("code"))
	if err != nil {
		if err := v.Form.take(v, err, nil); err != nil {
			return err
		}
		s.render(w, status(domain.ErrorCode(err)), "verify", v)
		return nil
	}
	http.Redirect(w, r, "/certificates/"+c.Code, http.StatusSeeOther)
	return nil
}

// certificatePage shows a certificate's facts and whether it is valid or revoked; an unknown or
// malformed code is a 404 with the form to type it again.
func (s *Server) certificatePage(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("X-Robots-Tag", "noindex")
	c, err := s.store.CertificateByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		v := s.newView(r, "cert.verify_title")
		v.NoIndex = true
		v.Form = newForm(url.Values{"code": {r.PathValue("code")}})
		v.Form.Labels = certificateLabels
		if err := v.Form.take(v, err, nil); err != nil {
			return err
		}
		s.render(w, status(domain.ErrorCode(err)), "verify", v)
		return nil
	}
	if r.PathValue("code") != c.Code { // one address for each certificate
		http.Redirect(w, r, "/certificates/"+c.Code, http.StatusMovedPermanently)
		return nil
	}
	v := s.newView(r, "cert.page_title")
	v.NoIndex = true
	v.Data = certificateView{C: c, URL: s.certificateURL(r, c.Code)}
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, http.StatusOK, "certificate", v)
	return nil
}

type officeCertificatesData struct {
	Query        string
	Certificates []domain.Certificate
	One          *domain.Certificate     // the one certificate the search found, with the form to revoke it
	Marks        map[string]domain.Image // the seal and signature set, by kind
	MarkKinds    []string
}

// officeCertificatesPage lists certificates for the Front Office, newest first, searched by code;
// a search that finds one shows the form to revoke it.
func (s *Server) officeCertificatesPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "cert.office_title")
	v.Form = newForm(url.Values{"q": {r.URL.Query().Get("q")}})
	switch r.URL.Query().Get("done") {
	case "revoked":
		v.Notice = v.T("cert.revoked_notice")
	case "mark":
		v.Notice = v.T("cert.mark_notice")
	}
	return s.renderOfficeCertificates(w, r, http.StatusOK, v)
}

func (s *Server) renderOfficeCertificates(w http.ResponseWriter, r *http.Request, st int, v *view) error {
	d := officeCertificatesData{Query: strings.TrimSpace(v.Form.Values.Get("q")), MarkKinds: []string{domain.MarkSeal, domain.MarkSignature}}
	var err error
	if d.Marks, _, err = s.store.CertificateMarks(r.Context()); err != nil {
		return err
	}
	if d.Certificates, err = s.store.Certificates(r.Context(), store.CertificateFilter{Code: d.Query}); err != nil {
		return err
	}
	if d.Query != "" && len(d.Certificates) == 1 {
		d.One = &d.Certificates[0]
	}
	v.Form.Labels = certificateLabels
	v.Data = d
	s.render(w, st, "office_certificates", v)
	return nil
}

// revokeCertificateSubmit revokes a certificate for the reason given: without one, 422 naming the
// reason; revoked already, 409.
func (s *Server) revokeCertificateSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	c, err := s.store.CertificateByCode(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return err
	}
	if _, err := s.store.RevokeCertificate(r.Context(), u.ID, c.Code, f.Values.Get("reason")); err != nil {
		v := s.newView(r, "cert.office_title")
		f.Values.Set("q", c.Code)
		f.Labels, v.Form = certificateLabels, f
		if err := f.take(v, err, func(field string) string {
			if field == "code" {
				return "reason"
			}
			return field
		}); err != nil {
			return err
		}
		return s.renderOfficeCertificates(w, r, status(domain.ErrorCode(err)), v)
	}
	http.Redirect(w, r, "/office/certificates?done=revoked&q="+url.QueryEscape(c.Code), http.StatusSeeOther)
	return nil
}

// FullHours writes minutes as the certificate does: hours and minutes with their plurals.
func (v *view) FullHours(minutes int) string { return certificate.Hours(v.s.msgs, v.Lang, minutes) }

// CertPeriod is a certificate's period in the reader's language.
func (v *view) CertPeriod(c domain.Certificate) string {
	return certificate.Period(v.s.msgs, v.Lang, c)
}

// Day writes a calendar date kept at midnight UTC (a certificate's first or last day).
func (v *view) Day(t time.Time) string { return certificate.Date(v.s.msgs, v.Lang, t) }
