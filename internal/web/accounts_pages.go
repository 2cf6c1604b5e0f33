package web

import (
	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
	"net/http"
	"strconv"
)

// A volunteer's account pages: their data, deleting the account and changing the password.
// Registration and signing in and out are in signin_pages.go.

// myDataPage shows everything erikti holds about the reader; myDataJSON is the same to download.
func (s *Server) myDataPage(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	d, err := s.personalData(r, u)
	if err != nil {
		return err
	}
	v := s.newView(r, "mydata.title")
	v.Data = d
	s.render(w, http.StatusOK, "mydata", v)
	return nil
}

func (s *Server) personalData(r *http.Request, u *domain.User) (store.PersonalData, error) {
	if err := s.store.Record(r.Context(), u.ID, "user.export", "user", u.ID, nil); err != nil {
		return store.PersonalData{}, err
	}
	return s.store.PersonalData(r.Context(), u.ID)
}

func (s *Server) myDataJSON(w http.ResponseWriter, r *http.Request) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	d, err := s.personalData(r, u)
	if err != nil {
		return err
	}
	guardian, err := s.guardianStatus(r, u.ID)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Disposition", `attachment; filename="erikti-my-data.json"`)
	writeJSON(w, http.StatusOK, s.newMyDataExport(r, d, guardian))
	return nil
}

var deleteLabels = map[string]string{"password": "account.password", "confirm": "delete.confirm"}

func (s *Server) deletePage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ownBlankForm(r, "delete.title", deleteLabels)
	if err != nil {
		return err
	}
	s.render(w, http.StatusOK, "delete", v)
	return nil
}

// ownBlankForm is the view of an empty form of the signed-in reader's own.
func (s *Server) ownBlankForm(r *http.Request, title string, labels map[string]string) (*view, error) {
	if _, err := pageUser(r); err != nil {
		return nil, err
	}
	v := s.newView(r, title)
	v.Form = newForm(nil)
	v.Form.Labels = labels
	return v, nil
}

// ownForm reads a form the signed-in reader posted about their own account, with the view that
// shows it again when it has errors.
func (s *Server) ownForm(w http.ResponseWriter, r *http.Request, title string, labels map[string]string) (*domain.User, *form, *view, error) {
	u, err := pageUser(r)
	if err != nil {
		return nil, nil, nil, err
	}
	f, v, err := s.postedFormView(w, r, title, labels)
	return u, f, v, err
}

// ownPasswordForm reads a form the signed-in reader posted about their own account, confirmed by
// their password in field, with the view that shows it again when it has errors. answered is true
// when the attempt was refused (too many, or no room to check a password) and the form, named
// name, has been shown again with the refusal.
func (s *Server) ownPasswordForm(w http.ResponseWriter, r *http.Request, name, title string, labels map[string]string, field string) (u *domain.User, f *form, v *view, answered bool, err error) {
	if u, f, v, err = s.ownForm(w, r, title, labels); err != nil {
		return nil, nil, nil, false, err
	}
	if err := s.checkOwnPassword(r, u, f, v, field); err != nil {
		return nil, nil, nil, true, s.formRefused(w, v, f, name, field, err)
	}
	return u, f, v, false, nil
}

// checkOwnPassword records an error beside field unless it holds the reader's password. Guesses
// are limited like sign-ins, per account and per address, and counted before the password is
// checked: past the limit, or when the hashing budget stays full, it returns the requestError the
// caller shows beside the field (formRefused).
func (s *Server) checkOwnPassword(r *http.Request, u *domain.User, f *form, v *view, field string) error {
	addr, now, l := clientAddr(r), s.opt.Now(), s.ownPasswords
	res, ok, wait := l.reserve(now, limit{"u\x00" + strconv.FormatInt(u.ID, 10), l.perPair}, limit{addrKey(addr), l.perAddr})
	if !ok {
		return tooMany(field, wait)
	}
	_, hash, err := s.store.UserByEmail(r.Context(), u.Email)
	if err != nil {
		res.release()
		return err
	}
	match, err := s.hasher.Check(r.Context(), f.Values.Get(field), hash)
	if err != nil {
		res.release()
		return hashFailed(err)
	}
	if match {
		res.release()
	} else {
		f.add(field, v.T("delete.wrong_password"))
	}
	return nil
}

// deleteSubmit deletes the reader's account after they confirm with their password.
func (s *Server) deleteSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, answered, err := s.ownPasswordForm(w, r, "delete", "delete.title", deleteLabels, "password")
	if answered || err != nil {
		return err
	}
	if f.Get("confirm") != "1" {
		f.add("confirm", v.T("delete.confirm_required"))
	}
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "delete", v)
		return nil
	}
	if err := s.store.DeleteAccount(r.Context(), u.ID); err != nil {
		return err
	}
	setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/?done=deleted", http.StatusSeeOther)
	return nil
}

var passwordLabels = map[string]string{"current_password": "password.current", "new_password": "password.new"}

func (s *Server) passwordPage(w http.ResponseWriter, r *http.Request) error {
	v, err := s.ownBlankForm(r, "password.title", passwordLabels)
	if err != nil {
		return err
	}
	if r.URL.Query().Get("done") == "changed" {
		v.Notice = v.T("password.changed")
	}
	s.render(w, http.StatusOK, "password", v)
	return nil
}

// passwordSubmit changes the reader's password: the current one must be right, the new one must
// pass the same rules as at registration; every other session and token of theirs ends.
func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) error {
	u, f, v, answered, err := s.ownPasswordForm(w, r, "password", "password.title", passwordLabels, "current_password")
	if answered || err != nil {
		return err
	}
	next := f.Values.Get("new_password")
	if err := s.checkNewPassword("new_password", next, u.Email, u.Name); err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
	}
	if f.Failed() {
		s.render(w, http.StatusUnprocessableEntity, "password", v)
		return nil
	}
	newHash, err := s.hasher.Hash(r.Context(), next)
	if err != nil {
		return s.formRefused(w, v, f, "password", "new_password", hashFailed(err))
	}
	keep := ""
	if c, err := readCookie(r, sessionCookie); err == nil {
		keep = auth.HashToken(c.Value)
	}
	if err := s.store.SetPassword(r.Context(), u.ID, newHash, keep); err != nil {
		return err
	}
	http.Redirect(w, r, "/me/password?done=changed", http.StatusSeeOther)
	return nil
}
