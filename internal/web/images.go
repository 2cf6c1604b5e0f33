package web

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/images"
)

// Uploads of an organization's logo and an event's cover (issue 17): a multipart form with the
// file in "file" and its alternative text in "alt_kk", "alt_ru" and "alt_en", on the API (PUT) and
// from the management pages (POST). The file is judged by its content (images.Process), never by
// its name or Content-Type, and stored re-encoded (store.SetOrganizationLogo, SetEventCover).

// maxUploadBody is the most a request carrying an image may send: the file and room for the form's
// boundaries and alternative texts. A larger Content-Length is refused before a byte is read, and
// a body that grows past it while read is cut off (http.MaxBytesReader).
const maxUploadBody = images.MaxBytes + 64<<10

// maxAltBytes is the most read of one alternative text part (MaxAltLen letters of up to 4 bytes).
const maxAltBytes = 4 * domain.MaxAltLen

// upload is what an image form sent.
type upload struct {
	data []byte
	alt  domain.Text
}

// readUpload reads a multipart image form part by part, the file (the part named fileField) at
// most images.MaxBytes: 413 naming fileField for a larger one (before reading when its
// Content-Length says so), 415 for a body that is not multipart/form-data, 400 for no file or a
// broken form.
func readUpload(w http.ResponseWriter, r *http.Request, fileField string) (upload, error) {
	var up upload
	if r.ContentLength > maxUploadBody {
		return up, tooLargeImage(fileField)
	}
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return up, badRequest(http.StatusUnsupportedMediaType, "Content-Type", "image.multipart", nil)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
	mr, err := r.MultipartReader()
	if err != nil {
		return up, badRequest(http.StatusBadRequest, "body", "request.malformed_form", nil)
	}
	gotFile := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return up, uploadReadError(fileField, err)
		}
		name := part.FormName()
		switch name {
		case fileField:
			up.data, err = io.ReadAll(io.LimitReader(part, images.MaxBytes+1))
			if err != nil {
				return up, uploadReadError(fileField, err)
			}
			if len(up.data) > images.MaxBytes {
				return up, tooLargeImage(fileField)
			}
			gotFile = true
		case "alt_kk", "alt_ru", "alt_en":
			raw, err := io.ReadAll(io.LimitReader(part, maxAltBytes+1))
			if err != nil {
				return up, uploadReadError(fileField, err)
			}
			if len(raw) > maxAltBytes {
				return up, badRequest(http.StatusUnprocessableEntity, name, "field.too_long", map[string]any{"max": domain.MaxAltLen})
			}
			switch name {
			case "alt_kk":
				up.alt.KK = string(raw)
			case "alt_ru":
				up.alt.RU = string(raw)
			default:
				up.alt.EN = string(raw)
			}
		}
		_ = part.Close()
	}
	if !gotFile || len(up.data) == 0 {
		return up, badRequest(http.StatusBadRequest, fileField, "image.missing", nil)
	}
	return up, nil
}

// tooLargeImage is the answer to a file over images.MaxBytes in field.
func tooLargeImage(field string) error {
	return badRequest(http.StatusRequestEntityTooLarge, field, "image.too_large", map[string]any{"max": images.MaxBytes >> 20})
}

// uploadReadError is the answer to a body that could not be read: 413 naming the file's field
// when it passed maxUploadBody, else a broken form.
func uploadReadError(fileField string, err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return tooLargeImage(fileField)
	}
	return badRequest(http.StatusBadRequest, "body", "request.malformed_form", nil)
}

// processUpload checks the alternative text (cheap, first), then makes the files of the upload
// (processImage).
func processUpload(up upload) (images.Set, domain.Text, error) {
	alt, err := domain.CheckAlt(up.alt)
	if err != nil {
		return images.Set{}, alt, err
	}
	set, err := processImage("file", up.data)
	return set, alt, err
}

// processImage makes the files of an uploaded picture; a refusal names field and its reason: 415
// for a file that is not a JPEG, PNG or WebP by content, 413 for one too large, 422 for too many
// pixels or a file that does not decode.
func processImage(field string, data []byte) (images.Set, error) {
	set, err := images.Process(data)
	switch images.ReasonOf(err) {
	case "":
		if err != nil {
			return set, fmt.Errorf("web: process an image: %w", err)
		}
		return set, nil
	case images.Unsupported:
		return set, &requestError{status: http.StatusUnsupportedMediaType, err: &domain.Error{Code: domain.Invalid,
			Key: "error.invalid", Fields: []domain.FieldError{{Field: field, Key: "image.unsupported"}}}}
	case images.TooLarge:
		return set, tooLargeImage(field)
	case images.Dimensions:
		return set, badRequest(http.StatusUnprocessableEntity, field, "image.dimensions",
			map[string]any{"megapixels": images.MaxPixels / 1_000_000, "side": images.MaxSide})
	default:
		return set, badRequest(http.StatusUnprocessableEntity, field, "image.corrupt", nil)
	}
}

// reserveUpload counts an upload of u's against the limits of uploads: per account and per
// address within an hour, like every limited write. Processing a picture costs a second of CPU.
func (s *Server) reserveUpload(r *http.Request, u domain.User) error {
	l := s.uploads
	_, ok, wait := l.reserve(s.opt.Now(), limit{"u\x00" + strconv.FormatInt(u.ID, 10), l.perPair}, limit{addrKey(clientAddr(r)), l.perAddr})
	if !ok {
		return tooMany("file", wait)
	}
	return nil
}

// imageView is an image as the API shows it: its files' URLs by width.
type imageView struct {
	Hash   string         `json:"hash"`
	Width  int            `json:"width"`
	Height int            `json:"height"`
	Type   string         `json:"type"`
	Alt    domain.Text    `json:"alt"`
	Files  []imageFileURL `json:"files"`
}

type imageFileURL struct {
	Width  int    `json:"width"`
	Height int    `json:"height"`
	URL    string `json:"url"`
}

func viewImage(im domain.Image) *imageView {
	if im.None() {
		return nil
	}
	out := &imageView{Hash: im.Hash, Width: im.Width, Height: im.Height, Type: images.ContentType(im.Format), Alt: im.Alt}
	for _, w := range images.Widths(im.Width) {
		out.Files = append(out.Files, imageFileURL{Width: w, Height: images.HeightAt(w, im.Width, im.Height), URL: imageURL(im, w)})
	}
	return out
}

// imageURL is the address of an image's file w pixels wide: named by content, cached for ever.
func imageURL(im domain.Image, w int) string {
	return fmt.Sprintf("/images/%s-%d.%s", im.Hash, w, images.Ext(im.Format))
}

// imageFileName is what /images/{file} takes: the hash, the width and the extension.
var imageFileName = regexp.MustCompile(`^([0-9a-f]{32})-([1-9][0-9]{0,4})\.(jpg|png)$`)

// serveImage serves one file of an image: immutable (its name changes with its content), with
// its ETag, 304 to a matching If-None-Match, 404 for any name not made by erikti.
func (s *Server) serveImage(w http.ResponseWriter, r *http.Request) {
	m := imageFileName.FindStringSubmatch(r.PathValue("file"))
	if m == nil {
		s.failAny(w, r, domain.Errorf(domain.NotFound, "not_found.image", nil))
		return
	}
	width, _ := strconv.Atoi(m[2])
	etag := `"` + m[1] + "-" + m[2] + `"`
	h := w.Header()
	if inm := r.Header.Get("If-None-Match"); inm != "" && strings.Contains(inm, etag) {
		h.Set("ETag", etag)
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	data, format, err := s.store.ImageFile(r.Context(), m[1], width)
	if err == nil && images.Ext(format) != m[3] {
		err = domain.Errorf(domain.NotFound, "not_found.image", nil)
	}
	if err != nil {
		s.failAny(w, r, err)
		return
	}
	h.Set("Content-Type", images.ContentType(format))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", etag)
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(data) // #nosec G705 -- a picture erikti re-encoded, sent as image/* with nosniff
	}
}

// The API's uploads and removals.

func (s *Server) apiPutLogo(w http.ResponseWriter, r *http.Request) error {
	o, u, err := s.apiOrg(r, true)
	if err != nil {
		return err
	}
	set, alt, err := s.readImage(w, r, u)
	if err != nil {
		return err
	}
	im, err := s.store.SetOrganizationLogo(r.Context(), u.ID, o.ID, set, alt)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewImage(im))
	return nil
}

func (s *Server) apiDeleteLogo(w http.ResponseWriter, r *http.Request) error {
	o, u, err := s.apiOrg(r, true)
	if err != nil {
		return err
	}
	if err := s.store.RemoveOrganizationLogo(r.Context(), u.ID, o.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) apiPutCover(w http.ResponseWriter, r *http.Request) error {
	e, u, err := s.eventForMember(r)
	if err != nil {
		return err
	}
	set, alt, err := s.readImage(w, r, u)
	if err != nil {
		return err
	}
	im, err := s.store.SetEventCover(r.Context(), u.ID, e.ID, set, alt)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, viewImage(im))
	return nil
}

func (s *Server) apiDeleteCover(w http.ResponseWriter, r *http.Request) error {
	e, u, err := s.eventForMember(r)
	if err != nil {
		return err
	}
	if err := s.store.RemoveEventCover(r.Context(), u.ID, e.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// readImage is the steps every upload takes after its access is checked: the rate limit, the
// form, then the alternative text and the file.
func (s *Server) readImage(w http.ResponseWriter, r *http.Request, u domain.User) (images.Set, domain.Text, error) {
	if r.ContentLength > maxUploadBody { // before anything else: nothing of the body is read
		return images.Set{}, domain.Text{}, tooLargeImage("file")
	}
	if err := s.reserveUpload(r, u); err != nil {
		return images.Set{}, domain.Text{}, err
	}
	up, err := readUpload(w, r, "file")
	if err != nil {
		return images.Set{}, domain.Text{}, err
	}
	return processUpload(up)
}

// The management pages' uploads and removals: multipart forms posted like every other form (the
// server's cross-origin protection refuses one posted from another site).

func (s *Server) logoSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return err
	}
	set, alt, err := s.readImage(w, r, *v.User)
	if err == nil {
		_, err = s.store.SetOrganizationLogo(r.Context(), v.User.ID, d.Org.ID, set, alt)
	}
	if err != nil {
		f, st, err := imageFormFailed(v, alt, err)
		if err != nil {
			return err
		}
		for k, vals := range orgFormValues(d.Org) {
			f.Values[k] = vals
		}
		for k, l := range orgLabels {
			f.Labels[k] = l
		}
		v.Form, v.Data = f, d
		s.render(w, st, "manage_org", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=logo#image-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) logoRemoveSubmit(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "manage.title")
	d, err := s.adminOrg(r, v)
	if err != nil {
		return err
	}
	if err := s.store.RemoveOrganizationLogo(r.Context(), v.User.ID, d.Org.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/organizations/%d?done=logo_removed#image-title", d.Org.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) coverSubmit(w http.ResponseWriter, r *http.Request) error {
	e, o, err := s.memberEvent(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "event_edit.title")
	set, alt, err := s.readImage(w, r, *v.User)
	if err == nil {
		_, err = s.store.SetEventCover(r.Context(), v.User.ID, e.ID, set, alt)
	}
	if err != nil {
		f, st, err := imageFormFailed(v, alt, err)
		if err != nil {
			return err
		}
		for k, vals := range editEventValues(e) {
			f.Values[k] = vals
		}
		for k, l := range shiftFormLabels(e) {
			f.Labels[k] = l
		}
		v.Form = f
		return s.renderEditEvent(w, r, v, st, e, o)
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=cover#image-title", e.ID), http.StatusSeeOther)
	return nil
}

func (s *Server) coverRemoveSubmit(w http.ResponseWriter, r *http.Request) error {
	e, _, err := s.memberEvent(r)
	if err != nil {
		return err
	}
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	if err := s.store.RemoveEventCover(r.Context(), u.ID, e.ID); err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/manage/events/%d?done=cover_removed#image-title", e.ID), http.StatusSeeOther)
	return nil
}

// imageLabels are the image form's fields and their labels.
var imageLabels = map[string]string{"file": "image.file", "alt_kk": "image.alt_kk", "alt_ru": "image.alt_ru", "alt_en": "image.alt_en"}

// imageFormFailed is the image form again with err beside its field and the status to answer
// with (413, 415, 422 or 429 as the API's); an error that is no refusal is returned.
func imageFormFailed(v *view, alt domain.Text, err error) (*form, int, error) {
	st := status(domain.ErrorCode(err))
	var re *requestError
	if errors.As(err, &re) {
		st = re.status
	}
	if st >= 500 || st == http.StatusUnauthorized || st == http.StatusForbidden || st == http.StatusNotFound {
		return nil, 0, err
	}
	f := newForm(nil)
	f.Values.Set("alt_kk", alt.KK)
	f.Values.Set("alt_ru", alt.RU)
	f.Values.Set("alt_en", alt.EN)
	for k, l := range imageLabels {
		f.Labels[k] = l
	}
	if err := f.take(v, err, imageRename); err != nil {
		return nil, 0, err
	}
	return f, st, nil
}

// imageRename names the domain's fields as the image form's: alt.kk → alt_kk; an alternative text
// missing in every language is shown at the first of its fields; the request's body at the file.
func imageRename(name string) string {
	switch name {
	case "alt":
		return "alt_kk"
	case "body", "Content-Type", "":
		return "file"
	}
	return strings.ReplaceAll(name, ".", "_")
}
