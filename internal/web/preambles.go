package web

import (
	"net/http"
	"net/url"
	"strconv"

	"erikti/internal/domain"
)

// This file holds the openings many handlers share: who is asking, which thing the path names,
// what they posted; and a few endings (a form page, a form refilled, a done notice, a PNG). Each helper keeps the order of the checks it replaces (the access check
// first), so a refusal is the same whichever handler gives it.

// userForm is the preamble of a form the signed-in reader posts: the reader, then the form.
func userForm(w http.ResponseWriter, r *http.Request) (*domain.User, *form, error) {
	u, err := pageUser(r)
	if err != nil {
		return nil, nil, err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return nil, nil, err
	}
	return u, f, nil
}

// postedAbout is the preamble of a form posted about the one thing the path's id names: the
// reader as who allows, the id (one that is not a number is notFound), then the form.
func postedAbout(w http.ResponseWriter, r *http.Request, who func(*http.Request) (*domain.User, error), notFound string) (*domain.User, int64, *form, error) {
	u, err := who(r)
	if err != nil {
		return nil, 0, nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, 0, nil, domain.Errorf(domain.NotFound, notFound, nil)
	}
	f, err := postedForm(w, r)
	if err != nil {
		return nil, 0, nil, err
	}
	return u, id, f, nil
}

// memberShiftForm is the preamble of a form a member of the shift's organization posts about it:
// the shift, its event, the form and the member.
func (s *Server) memberShiftForm(w http.ResponseWriter, r *http.Request) (domain.Shift, domain.Event, *form, *domain.User, error) {
	sh, e, _, err := s.memberShift(r)
	if err != nil {
		return sh, e, nil, nil, err
	}
	u, f, err := userForm(w, r)
	return sh, e, f, u, err
}

// formPage renders page with its form filled with values (nil for none) and labelled by labels,
// and data.
func (s *Server) formPage(w http.ResponseWriter, r *http.Request, title, page string, values url.Values, labels map[string]string, data any) error {
	v := s.newView(r, title)
	v.Form = newForm(values)
	v.Form.Labels = labels
	v.Data = data
	s.render(w, http.StatusOK, page, v)
	return nil
}

// writePNG answers with the image, never cached: a QR code holds a secret.
func writePNG(w http.ResponseWriter, img []byte) {
	h := w.Header()
	h.Set("Content-Type", "image/png")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(len(img)))
	w.WriteHeader(http.StatusOK)
	w.Write(img) // #nosec G104 -- the status is sent; a client gone away is nobody to tell
}

// idUser is the preamble of an API call on the one thing the path's id names: the id, then the
// caller.
func (s *Server) idUser(r *http.Request) (int64, domain.User, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return 0, domain.User{}, err
	}
	u, err := s.user(r)
	return id, u, err
}

// frontOfficeInput is the preamble of a Front Office API call on the thing the path's id names:
// the id, the caller (who must be of the Front Office), then the JSON body into in.
func (s *Server) frontOfficeInput(w http.ResponseWriter, r *http.Request, in any, allowEmpty bool) (int64, domain.User, error) {
	id, u, err := s.idUser(r)
	if err != nil {
		return id, u, err
	}
	if err := requireFrontOffice(u); err != nil {
		return id, u, err
	}
	return id, u, decode(w, r, in, allowEmpty)
}

// shiftForMemberInput is the preamble of an API call a member of the shift's organization makes about it:
// the shift, the member, then the JSON body into in.
func (s *Server) shiftForMemberInput(w http.ResponseWriter, r *http.Request, in any) (domain.Shift, domain.User, error) {
	sh, u, err := s.shiftForMember(r)
	if err != nil {
		return sh, u, err
	}
	return sh, u, decode(w, r, in, false)
}

// userInput is the preamble of an API call with a JSON body: the caller, then the body into in.
func (s *Server) userInput(w http.ResponseWriter, r *http.Request, in any, allowEmpty bool) (domain.User, error) {
	u, err := s.user(r)
	if err != nil {
		return u, err
	}
	return u, decode(w, r, in, allowEmpty)
}

// postedFormView is the preamble of a posted form that is shown again when it has errors: the
// form, labelled, and the view titled title that holds it.
func (s *Server) postedFormView(w http.ResponseWriter, r *http.Request, title string, labels map[string]string) (*form, *view, error) {
	f, err := postedForm(w, r)
	if err != nil {
		return nil, nil, err
	}
	v := s.newView(r, title)
	f.Labels, v.Form = labels, f
	return f, v, nil
}

// doneNotice shows the notice that the page's ?done= names in notices (a done value to its
// message key): what the form the reader just posted did.
func (v *view) doneNotice(r *http.Request, notices map[string]string) {
	if key, ok := notices[r.URL.Query().Get("done")]; ok {
		v.Notice = v.T(key)
	}
}

// refill shows a posted form again with err beside its fields, answering status; an error that
// belongs to no form (an internal one, or signing in) goes to pageError instead.
func (s *Server) refill(w http.ResponseWriter, v *view, f *form, err error, status int, page string) error {
	if err := f.take(v, err, nil); err != nil {
		return err
	}
	s.render(w, status, page, v)
	return nil
}
