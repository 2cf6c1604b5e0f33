package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
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

// maxMarkBody is the most a mark's form may send: the file and room for the form's boundaries.
const maxMarkBody = images.MaxBytes + 16<<10

// readMark reads the file of the mark kind from a multipart form, at most images.MaxBytes: 413
// naming the field for a larger one (before reading when its Content-Length says so), 415 for a
// body that is not multipart/form-data, 400 for no file.
func readMark(w http.ResponseWriter, r *http.Request, kind string) ([]byte, error) {
	tooLarge := badRequest(http.StatusRequestEntityTooLarge, kind, "cert.mark_too_large", map[string]any{"max": images.MaxBytes >> 20})
	if r.ContentLength > maxMarkBody {
		return nil, tooLarge
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "multipart/form-data" {
		return nil, badRequest(http.StatusUnsupportedMediaType, kind, "cert.mark_missing", nil)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxMarkBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, badRequest(http.StatusBadRequest, kind, "cert.mark_missing", nil)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, badRequest(http.StatusBadRequest, kind, "cert.mark_missing", nil)
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, tooLarge
		}
		if err != nil {
			return nil, badRequest(http.StatusBadRequest, kind, "cert.mark_missing", nil)
		}
		if part.FormName() != kind {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, images.MaxBytes+1))
		if errors.As(err, &tooBig) || len(data) > images.MaxBytes {
			return nil, tooLarge
		}
		if err != nil || len(data) == 0 {
			return nil, badRequest(http.StatusBadRequest, kind, "cert.mark_missing", nil)
		}
		return data, nil
	}
}

// processMark makes the files of a mark's upload: 415 naming the field for a file that is not a
// JPEG, PNG or WebP by content (an SVG, a text), 422 for too many pixels, a file that does not
// decode or a picture with no transparency.
func processMark(kind string, data []byte) (images.Set, error) {
	set, err := images.Process(data)
	switch images.ReasonOf(err) {
	case "":
		if err != nil {
			return set, fmt.Errorf("web: process the %s: %w", kind, err)
		}
	case images.Unsupported:
		return set, badRequest(http.StatusUnsupportedMediaType, kind, "cert.mark_unsupported", nil)
	case images.TooLarge:
		return set, badRequest(http.StatusRequestEntityTooLarge, kind, "cert.mark_too_large", map[string]any{"max": images.MaxBytes >> 20})
	case images.Dimensions:
		return set, badRequest(http.StatusUnprocessableEntity, kind, "cert.mark_dimensions",
			map[string]any{"megapixels": images.MaxPixels / 1_000_000, "side": images.MaxSide})
	default:
		return set, badRequest(http.StatusUnprocessableEntity, kind, "cert.mark_corrupt", nil)
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
		data, err := readMark(w, r, kind)
		if err != nil {
			res.release() // a refused form cost no processing
			return err
		}
		set, err := processMark(kind, data)
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
