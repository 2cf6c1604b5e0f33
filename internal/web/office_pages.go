package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// The Front Office's pages: organizations awaiting verification, the programme against the plan,
// the audit log, and mails that could not be delivered, to retry.

// frontOffice is the signed-in Front Office reader, or Forbidden for anyone else.
func frontOfficeUser(r *http.Request) (*domain.User, error) {
	u, err := pageUser(r)
	if err != nil {
		return nil, err
	}
	return u, requireFrontOffice(*u)
}

type officeData struct {
	Figures    store.OfficeFigures   // the day's figures
	Applied    []domain.Organization // pending, applied: the queue, oldest application first
	NotApplied []domain.Organization // pending, not yet applied
	Verified   []domain.Organization
	Suspended  []domain.Organization
}

func (s *Server) officePage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "office.title")
	orgs, err := s.store.Organizations(r.Context(), "")
	if err != nil {
		return err
	}
	var d officeData
	if d.Figures, err = s.store.OfficeFigures(r.Context(), v.Now); err != nil {
		return err
	}
	for _, o := range orgs {
		switch {
		case o.Status == domain.OrgVerified:
			d.Verified = append(d.Verified, o)
		case o.Status == domain.OrgSuspended:
			d.Suspended = append(d.Suspended, o)
		case !o.AppliedAt.IsZero():
			d.Applied = append(d.Applied, o)
		default:
			d.NotApplied = append(d.NotApplied, o)
		}
	}
	sort.SliceStable(d.Applied, func(i, j int) bool { return d.Applied[i].AppliedAt.Before(d.Applied[j].AppliedAt) })
	switch r.URL.Query().Get("done") {
	case string(domain.OrgVerified):
		v.Notice = v.T("office.done_verified", "name", r.URL.Query().Get("name"))
	case string(domain.OrgSuspended):
		v.Notice = v.T("office.done_suspended", "name", r.URL.Query().Get("name"))
	}
	v.Data = d
	s.render(w, http.StatusOK, "office", v)
	return nil
}

type decisionData struct {
	Org    domain.Organization
	Events int
	// Missing holds the message keys of what the organization lacks before it should be verified.
	Missing []string
}

// orgMissing names, as message keys, what an organization lacks before the Front Office should
// verify it: a BIN, and a way to reach it (an email or a phone).
func orgMissing(o domain.Organization) []string {
	var out []string
	if strings.TrimSpace(o.BIN) == "" {
		out = append(out, "verify_check.no_bin")
	}
	if strings.TrimSpace(o.Email) == "" && strings.TrimSpace(o.Phone) == "" {
		out = append(out, "verify_check.no_contact")
	}
	return out
}

var decisionLabels = map[string]string{"status": "office.decision", "reason": "office.reason"}

// officeOrg reads the organization of the path's id for the Front Office.
func (s *Server) officeOrg(r *http.Request) (*domain.User, domain.Organization, error) {
	u, err := frontOfficeUser(r)
	if err != nil {
		return nil, domain.Organization{}, err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return u, domain.Organization{}, domain.Errorf(domain.NotFound, "not_found.organization", nil)
	}
	o, err := s.store.Organization(r.Context(), id)
	return u, o, err
}

func (s *Server) decisionPage(w http.ResponseWriter, r *http.Request) error {
	_, o, err := s.officeOrg(r)
	if err != nil {
		return err
	}
	v := s.newView(r, "office.decision_title")
	missing := orgMissing(o)
	// "verify" is proposed only for an organization with nothing missing; otherwise the Front
	// Office chooses with the list of what is missing in front of it.
	status := string(domain.OrgVerified)
	if len(missing) > 0 {
		status = ""
	}
	v.Form = newForm(url.Values{"status": {status}, "reason": {o.StatusReason}})
	v.Form.Labels = decisionLabels
	v.Title = o.Name.In(v.Lang)
	v.Data = decisionData{Org: o, Missing: missing}
	s.render(w, http.StatusOK, "decision", v)
	return nil
}

func (s *Server) decisionSubmit(w http.ResponseWriter, r *http.Request) error {
	u, o, err := s.officeOrg(r)
	if err != nil {
		return err
	}
	id := o.ID
	f, v, err := s.postedFormView(w, r, "office.decision_title", decisionLabels)
	if err != nil {
		return err
	}
	// The page proposes no decision for an organization that lacks something, so an empty choice
	// is refused here rather than read as "verify", as the API reads it.
	var st domain.OrgStatus
	if strings.TrimSpace(f.Get("status")) == "" {
		err = domain.FieldErr(domain.Invalid, "status", "field.required", nil)
	} else {
		st, err = domain.Decision(f.Get("status"), f.Get("reason"))
	}
	if err == nil {
		_, err = s.store.SetOrganizationStatus(r.Context(), u.ID, id, st, f.Get("reason"))
	}
	if err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		v.Title = o.Name.In(v.Lang)
		v.Data = decisionData{Org: o, Missing: orgMissing(o)}
		s.render(w, http.StatusUnprocessableEntity, "decision", v)
		return nil
	}
	http.Redirect(w, r, fmt.Sprintf("/office?done=%s&name=%s", st, url.QueryEscape(o.Name.In(v.Lang))), http.StatusSeeOther) // #nosec G710 -- a path on this site with an escaped query
	return nil
}

type planData struct {
	Year       int
	Plan       int
	Total      int
	Rows       []planRow
	MonthTotal [12]int
	Grid       []gridRowBars // held, coming and missing by direction and month, against the plan
	GridW      int
	GridH      int
	PlanFrom   int // the first month the plan is spread over
}

type planRow struct {
	Direction string
	Plan      int // the direction's share of the city's plan
	Months    [12]int
	Total     int
}

func (s *Server) planPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "plan.title")
	year := v.Now.In(domain.Almaty()).Year()
	counts, err := s.store.MonthPlan(r.Context(), year)
	if err != nil {
		return err
	}
	plan := domain.YearPlan()
	d := planData{Year: year, Plan: plan.Events}
	for _, dir := range domain.Directions() {
		row := planRow{Direction: dir.Code, Plan: plan.ByDirection[dir.Code], Months: counts[dir.Code].Events}
		for m, n := range row.Months {
			row.Total += n
			d.MonthTotal[m] += n
		}
		d.Total += row.Total
		d.Rows = append(d.Rows, row)
	}
	d.Grid = planGrid(plan, counts, v.Direction)
	d.GridW, d.GridH, d.PlanFrom = gridWidth, gridHead+len(d.Grid)*gridRow, domain.PlanFrom
	v.Data = d
	s.render(w, http.StatusOK, "plan", v)
	return nil
}

// Month is the name of a month (1 to 12) standing alone, for table headings.
func (v *view) Month(m int) string { return v.T(fmt.Sprintf("month_short.%d", m)) }

type auditData struct {
	Entries []store.AuditEntry
	Older   string // the next page's URL, or ""
	Checked bool   // the chain was verified on this view
	Intact  bool
	Count   int
	BreakID int64
}

var auditLabels = map[string]string{"action": "audit.action", "actor": "audit.actor", "from": "programme.from", "to": "programme.to", "before": "programme.page"}

// auditPage lets the Front Office search the audit log and check its chain.
func (s *Server) auditPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "audit.title")
	f := newForm(r.URL.Query())
	f.Labels, v.Form = auditLabels, f
	flt := store.AuditFilter{Action: f.Get("action"), Limit: 100}
	var p domain.Problems
	domain.CheckText(&p, "action", flt.Action, 0, 100)
	if email := f.Get("actor"); domain.HasControl(email) {
		p.Add("actor", "field.encoding", nil)
	} else if email != "" {
		u, _, err := s.store.UserByEmail(r.Context(), strings.ToLower(email))
		switch {
		case domain.ErrorCode(err) == domain.NotFound:
			p.Add("actor", "not_found.user", nil)
		case err != nil:
			return err
		default:
			flt.ActorID = u.ID
		}
	}
	flt.From = parseDateOrTime(&p, "from", f.Get("from"), false)
	flt.To = parseDateOrTime(&p, "to", f.Get("to"), true)
	if b := f.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n < 1 {
			p.Add("before", "field.id", nil)
		}
		flt.Before = n
	}
	st := http.StatusOK
	d := auditData{}
	if err := p.Err(); err != nil {
		if err := f.take(v, err, nil); err != nil {
			return err
		}
		st = http.StatusUnprocessableEntity
	} else {
		entries, err := s.store.AuditLog(r.Context(), flt)
		if err != nil {
			return err
		}
		d.Entries = entries
		if len(entries) == flt.Limit {
			q := url.Values{}
			for k, vals := range f.Values {
				q[k] = vals
			}
			q.Set("before", strconv.FormatInt(entries[len(entries)-1].ID, 10))
			q.Del("verify")
			d.Older = "/office/audit?" + q.Encode()
		}
	}
	if f.Get("verify") == "1" {
		d.Checked = true
		n, err := s.store.VerifyAudit(r.Context())
		var br *store.ChainBreak
		switch {
		case errors.As(err, &br):
			d.BreakID = br.ID
		case err != nil:
			return err
		default:
			d.Intact = true
		}
		d.Count = n
	}
	v.Data = d
	s.render(w, st, "audit", v)
	return nil
}

type officeJobsData struct {
	Counts map[string]int
	Parked []mailLine
}

func (s *Server) officeJobsPage(w http.ResponseWriter, r *http.Request) error {
	if _, err := frontOfficeUser(r); err != nil {
		return err
	}
	v := s.newView(r, "office_jobs.title")
	counts, err := s.store.JobCounts(r.Context())
	if err != nil {
		return err
	}
	parked, err := s.store.Jobs(r.Context(), store.JobParked, 200)
	if err != nil {
		return err
	}
	d := officeJobsData{Counts: counts}
	for _, j := range parked {
		d.Parked = append(d.Parked, v.mailLine(j))
	}
	if r.URL.Query().Get("done") == "retried" {
		v.Notice = v.T("office_jobs.retried")
	}
	v.Data = d
	s.render(w, http.StatusOK, "office_jobs", v)
	return nil
}

func (s *Server) retryJobSubmit(w http.ResponseWriter, r *http.Request) error {
	u, id, _, err := postedAbout(w, r, frontOfficeUser, "not_found.job")
	if err != nil {
		return err
	}
	if err := s.store.RetryJob(r.Context(), u.ID, id); err != nil {
		return err
	}
	http.Redirect(w, r, "/office/jobs?done=retried", http.StatusSeeOther)
	return nil
}
