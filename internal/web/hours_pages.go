package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"

	"erikti/internal/domain"
)

// total is one line of the book's totals.
type total struct {
	Key     string
	Minutes int
}

type hoursPageData struct {
	Book         hoursBook
	Pending      int          // minutes waiting for a decision, every year
	Year         int          // this year, in Almaty
	Months       []monthHours // this year's approved and pending minutes by month
	MonthsH      int          // the chart's height
	YearApproved int          // this year's approved minutes
	YearPending  int
	ByYear       []total              // newest year first
	ByDirection  []total              // most hours first
	Certificates []domain.Certificate // newest first
}

// myHoursPage is the volunteer's book: every approved entry, with totals by year and by
// direction, and their certificates with the form to get one.
func (s *Server) myHoursPage(w http.ResponseWriter, r *http.Request) error {
	v := s.newView(r, "hours.title")
	v.Form = newForm(url.Values{"lang": {v.Lang}})
	if r.URL.Query().Get("done") == "issued" {
		v.Notice = v.T("cert.issued_notice")
	}
	return s.renderHours(w, r, http.StatusOK, v)
}

// renderHours writes the hours page with v's form.
func (s *Server) renderHours(w http.ResponseWriter, r *http.Request, status int, v *view) error {
	u, err := pageUser(r)
	if err != nil {
		return err
	}
	book, err := s.bookOf(r, u.ID)
	if err != nil {
		return err
	}
	pending, err := s.store.PendingHours(r.Context(), u.ID)
	if err != nil {
		return err
	}
	d := hoursPageData{Book: book, Year: v.Now.In(domain.Almaty()).Year()}
	var approved, waiting [12]int
	for _, b := range book.Items {
		if b.day.Year() == d.Year {
			approved[b.day.Month()-1] += b.Minutes
			d.YearApproved += b.Minutes
		}
	}
	for _, p := range pending {
		d.Pending += p.Minutes
		if day := p.ShiftStarts.In(domain.Almaty()); day.Year() == d.Year {
			waiting[day.Month()-1] += p.Minutes
			d.YearPending += p.Minutes
		}
	}
	d.Months, d.MonthsH = hoursByMonth(approved, waiting), 12*hoursRow
	for k, m := range book.ByYear {
		d.ByYear = append(d.ByYear, total{k, m})
	}
	slices.SortFunc(d.ByYear, func(a, b total) int { return cmp.Compare(b.Key, a.Key) })
	for k, m := range book.ByDirection {
		d.ByDirection = append(d.ByDirection, total{k, m})
	}
	slices.SortFunc(d.ByDirection, func(a, b total) int {
		return cmp.Or(cmp.Compare(b.Minutes, a.Minutes), cmp.Compare(a.Key, b.Key))
	})
	if d.Certificates, err = s.store.UserCertificates(r.Context(), u.ID); err != nil {
		return err
	}
	v.Form.Labels = certificateLabels
	v.Data = d
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, status, "hours", v)
	return nil
}

// Hours writes minutes as hours and minutes, in the reader's language.
func (v *view) Hours(minutes int) string {
	return v.T("hours.amount", "h", minutes/60, "m", minutes%60)
}
