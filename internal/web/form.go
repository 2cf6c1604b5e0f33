package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"erikti/internal/domain"
)

// form is a submitted (or blank) HTML form: the reader's values, kept when it comes back, and the
// errors found, each beside its field and listed in a summary at the top.
type form struct {
	Values url.Values
	Errors map[string]string // field name → message in the reader's language
	Issues []issue           // the errors in the order found, for the summary
	Labels map[string]string // field name → the message key of its label, for the summary
}

// issue is one line of the error summary: it links to its field.
type issue struct {
	Field    string
	ID       string
	LabelKey string
	Text     string
}

// field is what the "input" and "textarea" templates draw.
type field struct {
	ID, Name, Label, Value, Error, Hint string
	Type, Autocomplete, Inputmode       string
	Min, Max                            string
	Required                            bool
	RequiredMark                        string
}

// Describedby lists the ids of the hint and the error of the field.
func (f field) Describedby() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.ID+"-hint")
	}
	if f.Error != "" {
		ids = append(ids, f.ID+"-error")
	}
	return strings.Join(ids, " ")
}

// choice is one option of a <select> or one checkbox of a group.
type choice struct {
	ID, Value, Label string
	Selected         bool
}

// choiceField is a <select> or a group of checkboxes.
type choiceField struct {
	field
	Choices []choice
}

func newForm(values url.Values) *form {
	if values == nil {
		values = url.Values{}
	}
	return &form{Values: values, Errors: map[string]string{}, Labels: map[string]string{}}
}

// postedForm parses the request's form body (at most 1 MiB).
func postedForm(w http.ResponseWriter, r *http.Request) (*form, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 1<<20)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, badRequest(http.StatusRequestEntityTooLarge, "", "request.too_large", nil)
		}
		return nil, badRequest(http.StatusBadRequest, "", "request.malformed_form", nil)
	}
	return newForm(r.PostForm), nil
}

// Get is the trimmed value of a field.
func (f *form) Get(name string) string { return strings.TrimSpace(f.Values.Get(name)) }

// Has reports whether a checkbox or multiple choice field holds value.
func (f *form) Has(name, value string) bool {
	for _, v := range f.Values[name] {
		if v == value {
			return true
		}
	}
	return false
}

// add records an error on a field.
func (f *form) add(name, message string) {
	if _, dup := f.Errors[name]; dup {
		return
	}
	f.Errors[name] = message
	f.Issues = append(f.Issues, issue{Field: name, ID: fieldID(name), LabelKey: f.Labels[name], Text: message})
}

// Failed reports whether the form has errors.
func (f *form) Failed() bool { return len(f.Issues) > 0 }

// take records a domain error on the form: each field error beside its field (renamed by rename,
// when given) and a whole-form error at the top. It returns err when it is not the reader's
// mistake (a fault to show as an error page), else nil.
func (f *form) take(v *view, err error, rename func(string) string) error {
	var re *requestError
	if errors.As(err, &re) {
		err = re.err
	}
	var e *domain.Error
	if !errors.As(err, &e) || e.Code == domain.Internal || e.Code == domain.Unauthorized {
		return err
	}
	if len(e.Fields) == 0 {
		f.add("", v.T(e.Key, paramPairs(e.Params)...))
		return nil
	}
	for _, fe := range e.Fields {
		name := fe.Field
		if rename != nil {
			name = rename(name)
		}
		f.add(name, v.T(fe.Key, paramPairs(fe.Params)...))
	}
	return nil
}

// field builds the template data of a field; attrs are "type=email", "autocomplete=email",
// "inputmode=numeric", "min=0", "max=9", "hint=message.key" and "required".
func (f *form) field(v *view, name, labelKey string, attrs []string) field {
	fd := field{ID: fieldID(name), Name: name, Label: v.T(labelKey), Value: f.Values.Get(name), Error: f.Errors[name], Type: "text"}
	for _, a := range attrs {
		k, val, _ := strings.Cut(a, "=")
		switch k {
		case "type":
			fd.Type = val
		case "autocomplete":
			fd.Autocomplete = val
		case "inputmode":
			fd.Inputmode = val
		case "min":
			fd.Min = val
		case "max":
			fd.Max = val
		case "hint":
			fd.Hint = v.T(val)
		case "required":
			fd.Required, fd.RequiredMark = true, v.T("form.required")
		}
	}
	if fd.Type == "password" {
		fd.Value = "" // a password is never sent back
	}
	return fd
}

// fieldID is the HTML id of a field's control.
func fieldID(name string) string {
	if name == "" {
		return "main"
	}
	return "f-" + strings.NewReplacer(".", "-", "[", "-", "]", "").Replace(name)
}

// choices builds a select or checkbox group from value, label pairs; empty, when given, is the
// label of a first "any" option with the empty value.
func (f *form) choices(v *view, name, labelKey, empty string, pairs [][2]string, attrs []string) choiceField {
	cf := choiceField{field: f.field(v, name, labelKey, attrs)}
	if empty != "" {
		cf.Choices = append(cf.Choices, choice{Value: "", Label: v.T(empty), Selected: len(f.Values[name]) == 0 || f.Values.Get(name) == ""})
	}
	for i, p := range pairs {
		cf.Choices = append(cf.Choices, choice{ID: fmt.Sprintf("%s-%d", cf.ID, i), Value: p[0], Label: p[1], Selected: f.Has(name, p[0])})
	}
	return cf
}

// catalogue lists a catalogue's codes and names in the reader's language.
func (v *view) catalogue(name string) [][2]string {
	var out [][2]string
	switch name {
	case "directions":
		for _, d := range domain.Directions() {
			out = append(out, [2]string{d.Code, d.Name.In(v.Lang)})
		}
	case "districts":
		for _, d := range domain.Districts() {
			out = append(out, [2]string{d.Code, d.Name.In(v.Lang)})
		}
	case "features":
		for _, c := range domain.AccessibilityFeatures() {
			out = append(out, [2]string{c, v.Feature(c)})
		}
	case "spoken":
		for _, l := range domain.SpokenLanguages() {
			out = append(out, [2]string{l.Code, l.Name.In(v.Lang)})
		}
	case "locales":
		for _, l := range domain.Languages() {
			out = append(out, [2]string{l, v.LangName(l)})
		}
	case "event_status":
		for _, st := range []domain.EventStatus{domain.EventPublished, domain.EventDraft} {
			out = append(out, [2]string{string(st), v.T("status." + string(st))})
		}
	case "mail_categories":
		for _, c := range domain.MailCategories() {
			out = append(out, [2]string{c, v.T("prefs.category_" + c)})
		}
	case "member_roles":
		for _, role := range []string{domain.RoleCoordinator, domain.RoleAdmin} {
			out = append(out, [2]string{role, v.T("role." + role)})
		}
	case "decision":
		for _, st := range []domain.OrgStatus{domain.OrgVerified, domain.OrgSuspended} {
			out = append(out, [2]string{string(st), v.T("office.decide_" + string(st))})
		}
	case "mentoring_themes":
		for _, t := range domain.MentoringThemes() {
			out = append(out, [2]string{t.Code, t.Name.In(v.Lang)})
		}
	default:
		panic("web: no catalogue " + name)
	}
	return out
}

// Select is a <select> of a catalogue; empty names the "any" option's label, or "" for none.
func (v *view) Select(name, labelKey, catalogue, empty string, attrs ...string) choiceField {
	return v.Form.choices(v, name, labelKey, empty, v.catalogue(catalogue), attrs)
}

// Checks is a group of checkboxes of a catalogue.
func (v *view) Checks(name, labelKey, catalogue string, attrs ...string) choiceField {
	return v.Form.choices(v, name, labelKey, "", v.catalogue(catalogue), attrs)
}

// SelectProjects is the <select> of flagship projects.
func (v *view) SelectProjects(name, labelKey string, projects []domain.Project) choiceField {
	var pairs [][2]string
	for _, p := range projects {
		pairs = append(pairs, [2]string{strconv.FormatInt(p.ID, 10), p.Name.In(v.Lang)})
	}
	return v.Form.choices(v, name, labelKey, "event.no_project", pairs, nil)
}

// formRefused shows the page name again with a refusal that is not a field's fault (429: too many
// attempts) beside field; any other error is returned.
func (s *Server) formRefused(w http.ResponseWriter, v *view, f *form, name, field string, err error) error {
	var re *requestError
	if !errors.As(err, &re) {
		return err
	}
	if re.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(re.retryAfter))
	}
	if err := f.take(v, err, func(string) string { return field }); err != nil {
		return err
	}
	s.render(w, re.status, name, v)
	return nil
}
