package web

import (
	"erikti/internal/domain"
	"erikti/internal/store"
	"net/http"
	"net/url"
	"strings"
)

// The Front Office's page of accounts: finding a person, granting the Front Office role and
// disabling an account.

type officePeopleData struct {
	Person      *domain.User
	Memberships []store.Membership
	Self        bool
}

var peopleLabels = map[string]string{"email": "account.email", "front_office": "people.front_office", "confirm_fo": "people.withdraw_confirm",
	"disabled": "people.account", "confirm_disable": "people.disable_confirm"}

// personData is what the page shows of u.
func (s *Server) personData(r *http.Request, me *domain.User, u domain.User) (officePeopleData, error) {
	ms, err := s.store.Memberships(r.Context(), u.ID)
	return officePeopleData{Person: &u, Memberships: ms, Self: u.ID == me.ID}, err
}

func (s *Server) officePeoplePage(w http.ResponseWriter, r *http.Request) error {
	me, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "people.office_title")
	f := newForm(url.Values{"email": {r.URL.Query().Get("email")}})
	f.Labels, v.Form = peopleLabels, f
	if key, ok := map[string]string{"granted": "people.done_granted", "withdrawn": "people.done_withdrawn",
		"disabled": "people.done_disabled", "enabled": "people.done_enabled"}[r.URL.Query().Get("done")]; ok {
		v.Notice = v.T(key)
	}
	st, d := http.StatusOK, officePeopleData{}
	if email := strings.ToLower(f.Get("email")); email != "" {
		var u domain.User
		if domain.HasControl(email) || len(email) > 254 {
			err = domain.FieldErr(domain.Invalid, "email", "field.email", nil)
		} else {
			u, _, err = s.store.UserByEmail(r.Context(), email)
			if domain.ErrorCode(err) == domain.NotFound {
				err = domain.FieldErr(domain.Invalid, "email", "people.no_account", nil)
			}
		}
		if err == nil {
			d, err = s.personData(r, me, u)
		}
		if err != nil {
			if err := f.take(v, err, nil); err != nil {
				return err
			}
			st = http.StatusUnprocessableEntity
		}
	}
	v.Data = d
	s.render(w, st, "office_people", v)
	return nil
}

// officePerson reads the account of the path's id for the Front Office, with the posted form.
func (s *Server) officePerson(w http.ResponseWriter, r *http.Request) (*domain.User, domain.User, *form, *view, error) {
	me, err := frontOfficeUser(r)
	if err != nil {
		return nil, domain.User{}, nil, nil, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return me, domain.User{}, nil, nil, domain.Errorf(domain.NotFound, "not_found.user", nil)
	}
	u, err := s.store.User(r.Context(), id)
	if err != nil {
		return me, u, nil, nil, err
	}
	f, err := postedForm(w, r)
	if err != nil {
		return me, u, nil, nil, err
	}
	v := s.newView(r, "people.office_title")
	f.Labels, v.Form = peopleLabels, f
	return me, u, f, v, nil
}

// officePersonDone goes back to the person's page with a notice, or shows it again with err.
func (s *Server) officePersonDone(w http.ResponseWriter, r *http.Request, me *domain.User, u domain.User, f *form, v *view, err error, done string) error {
	if err == nil {
		http.Redirect(w, r, "/office/people?email="+url.QueryEscape(u.Email)+"&done="+done, http.StatusSeeOther)
		return nil
	}
	st := status(domain.ErrorCode(err))
	if st >= 500 || st == http.StatusNotFound {
		return err
	}
	if err := f.take(v, err, nil); err != nil {
		return err
	}
	d, derr := s.personData(r, me, u)
	if derr != nil {
		return derr
	}
	f.Values.Set("email", u.Email)
	v.Data = d
	s.render(w, st, "office_people", v)
	return nil
}

// onOff reads a posted 1 or 0.
func onOff(f *form, field string) (bool, error) {
	switch f.Get(field) {
	case "1":
		return true, nil
	case "0":
		return false, nil
	}
	return false, domain.FieldErr(domain.Invalid, field, "field.required", nil)
}

func (s *Server) officeFrontOfficeSubmit(w http.ResponseWriter, r *http.Request) error {
	me, u, f, v, err := s.officePerson(w, r)
	if err != nil {
		return err
	}
	on, err := onOff(f, "front_office")
	if err == nil && !on && u.ID != me.ID && f.Get("confirm_fo") != "1" {
		err = domain.FieldErr(domain.Invalid, "confirm_fo", "people.confirm_required", nil)
	}
	if err == nil {
		err = s.store.SetFrontOffice(r.Context(), me.ID, u.ID, on)
	}
	done := "granted"
	if !on {
		done = "withdrawn"
	}
	return s.officePersonDone(w, r, me, u, f, v, err, done)
}

func (s *Server) officeDisabledSubmit(w http.ResponseWriter, r *http.Request) error {
	me, u, f, v, err := s.officePerson(w, r)
	if err != nil {
		return err
	}
	off, err := onOff(f, "disabled")
	if err == nil && off && u.ID != me.ID && f.Get("confirm_disable") != "1" {
		err = domain.FieldErr(domain.Invalid, "confirm_disable", "people.confirm_required", nil)
	}
	if err == nil {
		err = s.store.SetDisabled(r.Context(), me.ID, u.ID, off)
	}
	done := "enabled"
	if off {
		done = "disabled"
	}
	return s.officePersonDone(w, r, me, u, f, v, err, done)
}
