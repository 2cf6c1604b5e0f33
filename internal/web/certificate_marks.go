package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"erikti/internal/domain"
	"erikti/internal/images"
)

// The certificate's marks (issue 17): the Front Office sets the images of its seal and of its
// signatory's signature on /office/certificates, one multipart form each, the file in a field
// named for the mark ("seal" or "signature"). The file is judged by its content with
// images.Process, like every upload, and must keep a transparent background (it is re-encoded as
// PNG), since the PDF draws it over the signature line.

// processMark makes the files of a mark's upload as any picture's (processImage), and refuses
// one with no transparency (422 naming the field): the PDF draws it over the signature line.
func processMark(kind string, data []byte) (images.Set, error) {
	set, err := processImage(kind, data)
	if err != nil {
		return set, err
	}
	if set.Format != images.PNG {
		return set, badRequest(http.StatusUnprocessableEntity, kind, "cert.mark_opaque", nil)
	}
	return set, nil
}

// markAlt is the alternative text of a mark's image, in every language.
func (s *Server) markAlt(kind string) domain.Text {
	key := "cert.mark_" + kind
	return domain.Text{KK: s.msgs.T("kk", key, nil), RU: s.msgs.T("ru", key, nil), EN: s.msgs.T("en", key, nil)}
}

// setMarkSubmit sets the certificate's seal or signature, for the Front Office; uploads are
// limited per account and address. A refusal shows the certificates page with the reason beside
// the field, and stores nothing.
func (s *Server) setMarkSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	kind := r.PathValue("kind")
	if !domain.IsMark(kind) {
		return domain.Errorf(domain.NotFound, "cert.mark_unknown", nil)
	}
	err = func() error {
		l := s.markUploads
		res, ok, wait := l.reserve(s.opt.Now(), limit{"u\x00" + strconv.FormatInt(u.ID, 10), l.perPair}, limit{addrKey(clientAddr(r)), l.perAddr})
		if !ok {
			return tooMany(kind, wait)
		}
		up, err := readUpload(w, r, kind)
		if err != nil {
			res.release() // a refused form cost no processing
			return err
		}
		set, err := processMark(kind, up.data)
		if err != nil {
			return err
		}
		_, err = s.store.SetCertificateMark(r.Context(), u.ID, kind, set, s.markAlt(kind))
		return err
	}()
	if err != nil {
		return s.markRefused(w, r, err)
	}
	http.Redirect(w, r, "/office/certificates?done=mark", http.StatusSeeOther)
	return nil
}

// removeMarkSubmit removes the certificate's seal or signature, for the Front Office.
func (s *Server) removeMarkSubmit(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	if _, err := postedForm(w, r); err != nil {
		return err
	}
	if err := s.store.RemoveCertificateMark(r.Context(), u.ID, r.PathValue("kind")); err != nil {
		return err
	}
	http.Redirect(w, r, "/office/certificates?done=mark", http.StatusSeeOther)
	return nil
}

// markRefused shows the certificates page with err beside its field, in its status.
func (s *Server) markRefused(w http.ResponseWriter, r *http.Request, err error) error {
	v := s.newView(r, "cert.office_title")
	v.Form = newForm(url.Values{})
	if err := v.Form.take(v, err, nil); err != nil {
		return err
	}
	var re *requestError
	if errors.As(err, &re) && re.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(re.retryAfter))
	}
	st := status(domain.ErrorCode(err))
	if errors.As(err, &re) {
		st = re.status
	}
	return s.renderOfficeCertificates(w, r, st, v)
}
