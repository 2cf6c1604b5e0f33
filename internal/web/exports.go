package web

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"path"
	"time"

	"erikti/internal/domain"
	"erikti/internal/export"
	"erikti/internal/store"
)

// Exports: a shift's or an event's roster, an organization's signups, and the whole city's for
// the Front Office, as CSV or XLSX, streamed from the database's cursor to the response.
//
// Personal data: the rosters carry the volunteers' names and email addresses (the coordinator
// writes to them and calls them on the day); the signups exports of an organization and of the
// city carry names but no addresses: they count and follow signups, and need no way to reach
// anyone, so an address is not copied into files that travel further.

// exportWriteTimeout is how long one export may take to stream.
const exportWriteTimeout = 10 * time.Minute

// exportSpec is what one export reads and how it is named.
type exportSpec struct {
	filter   store.SignupFilter
	email    bool   // whether the file carries the volunteers' email addresses
	action   string // the audit log's action
	entity   string
	entityID int64
	file     string             // the file's name without its extension
	hours    *store.HoursFilter // when set, the export is of claims of hours, not of signups
}

// pageFormat is the format of a page route's fixed file name (roster.csv, signups.xlsx).
func pageFormat(r *http.Request) export.Format {
	f, _ := export.ParseFormat(path.Ext(r.URL.Path)[1:])
	return f
}

// apiFormat reads ?format=: csv (the default) or xlsx; anything else is refused, naming the field.
func apiFormat(r *http.Request) (export.Format, error) {
	v := r.URL.Query().Get("format")
	if v == "" {
		return export.CSV, nil
	}
	f, ok := export.ParseFormat(v)
	if !ok {
		return "", domain.FieldErr(domain.Invalid, "format", "field.export_format", nil)
	}
	return f, nil
}

func shiftRosterSpec(sh domain.Shift) exportSpec {
	return exportSpec{filter: store.SignupFilter{ShiftID: sh.ID}, email: true, action: "export.roster", entity: "shift", entityID: sh.ID, file: fmt.Sprintf("roster-shift-%d", sh.ID)}
}

func eventRosterSpec(e domain.Event) exportSpec {
	return exportSpec{filter: store.SignupFilter{EventID: e.ID}, email: true, action: "export.roster", entity: "event", entityID: e.ID, file: fmt.Sprintf("roster-event-%d", e.ID)}
}

func orgSignupsSpec(orgID int64) exportSpec {
	return exportSpec{filter: store.SignupFilter{OrgID: orgID, Cancelled: true}, action: "export.signups", entity: "organization", entityID: orgID, file: fmt.Sprintf("signups-organization-%d", orgID)}
}

func citySignupsSpec() exportSpec {
	return exportSpec{filter: store.SignupFilter{Cancelled: true}, action: "export.signups", entity: "city", file: "signups-city"}
}

// The hours exports, an organization's and the city's, carry the volunteers' names, never their
// addresses: they count and account for hours.

func orgHoursSpec(orgID int64) exportSpec {
	return exportSpec{hours: &store.HoursFilter{OrgID: orgID}, action: "export.hours", entity: "organization", entityID: orgID, file: fmt.Sprintf("hours-organization-%d", orgID)}
}

func cityHoursSpec() exportSpec {
	return exportSpec{hours: &store.HoursFilter{}, action: "export.hours", entity: "city", file: "hours-city"}
}

// countingWriter tells whether anything reached the response yet.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// writeExport audits the export, then streams it. An error before the first byte is answered
// as any other; after it, the connection is cut, so that no one takes a truncated file for whole.
func (s *Server) writeExport(w http.ResponseWriter, r *http.Request, lang string, actorID int64, f export.Format, sp exportSpec) error {
	if err := s.store.Record(r.Context(), actorID, sp.action, sp.entity, sp.entityID, map[string]any{"format": string(f), "email": sp.email}); err != nil {
		return err
	}
	// The server's write timeout (60 s) is for pages; a city's export may stream for longer.
	// Where the writer cannot say (a wrapper without Unwrap), the server's timeout stays.
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(exportWriteTimeout))
	h := w.Header()
	h.Set("Content-Type", f.ContentType())
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s.%s"`, sp.file, f))
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	out := &countingWriter{w: w}
	err := s.streamExport(r, out, lang, f, sp)
	if err != nil && out.n > 0 {
		s.log.Error("export cut short", "path", r.URL.Path, "err", err)
		panic(http.ErrAbortHandler)
	}
	if err != nil {
		for _, k := range []string{"Content-Type", "Content-Disposition"} {
			h.Del(k)
		}
	}
	return err
}

func (s *Server) streamExport(r *http.Request, w io.Writer, lang string, f export.Format, sp exportSpec) error {
	t := func(key string) string { return s.msgs.T(lang, key, nil) }
	xw, err := export.New(f, w)
	if err != nil {
		return err
	}
	if sp.hours != nil {
		return s.streamHours(r, xw, lang, *sp.hours)
	}
	head := []any{t("exports.col_event"), t("exports.col_role"), t("exports.col_start"), t("exports.col_organization"), t("exports.col_volunteer")}
	if sp.email {
		head = append(head, t("exports.col_email"))
	}
	head = append(head, t("exports.col_status"), t("exports.col_waitlist"), t("exports.col_signed_up"))
	if err := xw.Write(head...); err != nil {
		return err
	}
	status := map[domain.SignupStatus]string{}
	for _, st := range []domain.SignupStatus{domain.SignupConfirmed, domain.SignupWaitlisted, domain.SignupCancelled} {
		status[st] = t("status." + string(st))
	}
	cells := make([]any, 0, len(head))
	err = s.store.EachSignupRow(r.Context(), sp.filter, func(row store.SignupRow) error {
		cells = append(cells[:0], row.EventTitle.In(lang), row.ShiftRole.In(lang), exportTime(row.ShiftStart), row.OrgName.In(lang), row.VolunteerName)
		if sp.email {
			cells = append(cells, row.VolunteerEmail)
		}
		var pos any = ""
		if row.WaitlistPosition > 0 {
			pos = row.WaitlistPosition
		}
		cells = append(cells, status[row.Status], pos, exportTime(row.SignedUpAt))
		return xw.Write(cells...)
	})
	if err != nil {
		return err
	}
	return xw.Close()
}

// streamHours writes the claims of hours: event, direction, shift start, organization,
// volunteer, the claim's source (check-out or a coordinator's entry), minutes, hours (to the
// hundredth, a number), status, entered at, decided at, and a rejection's reason.
func (s *Server) streamHours(r *http.Request, xw export.Writer, lang string, f store.HoursFilter) error {
	t := func(key string) string { return s.msgs.T(lang, key, nil) }
	head := []any{t("exports.col_event"), t("exports.col_direction"), t("exports.col_start"), t("exports.col_organization"), t("exports.col_volunteer"),
		t("exports.col_source"), t("exports.col_minutes"), t("exports.col_hours"), t("exports.col_status"), t("exports.col_entered"),
		t("exports.col_decided"), t("exports.col_reason")}
	if err := xw.Write(head...); err != nil {
		return err
	}
	label := map[string]string{"source." + domain.LedgerCheckin: t("exports.source_checkin"), "source." + domain.LedgerEntered: t("exports.source_entered")}
	for _, st := range []string{domain.ClaimPending, domain.LedgerApproved, domain.LedgerRejected, domain.ClaimSuperseded} {
		label[st] = t("hours.status_" + st)
	}
	directions := map[string]string{}
	for _, d := range domain.Directions() {
		directions[d.Code] = d.Name.In(lang)
	}
	cells := make([]any, 0, len(head))
	err := s.store.EachHoursRow(r.Context(), f, func(row store.HoursRow) error {
		dir, ok := directions[row.Direction]
		if !ok {
			dir = row.Direction
		}
		decided := ""
		if !row.DecidedAt.IsZero() {
			decided = exportTime(row.DecidedAt)
		}
		cells = append(cells[:0], row.EventTitle.In(lang), dir, exportTime(row.ShiftStart), row.OrgName.In(lang), row.VolunteerName,
			label["source."+row.Kind], row.Minutes, math.Round(float64(row.Minutes)/60*100)/100, label[row.Status],
			exportTime(row.EnteredAt), decided, row.Reason)
		return xw.Write(cells...)
	})
	if err != nil {
		return err
	}
	return xw.Close()
}

// exportTime is a time as the exports write it: Almaty time, to the minute, in an order that
// sorts as text.
func exportTime(t time.Time) string { return t.In(domain.Almaty()).Format("2006-01-02 15:04") }

// The pages: a member's signed-in browser (second factor required, as on every role's page).

func (s *Server) shiftRosterExportPage(w http.ResponseWriter, r *http.Request) error {
	sh, _, _, err := s.memberShift(r)
	if err != nil {
		return err
	}
	u, _ := pageUser(r)
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), shiftRosterSpec(sh))
}

func (s *Server) eventRosterExportPage(w http.ResponseWriter, r *http.Request) error {
	e, _, err := s.memberEvent(r)
	if err != nil {
		return err
	}
	u, _ := pageUser(r)
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), eventRosterSpec(e))
}

func (s *Server) orgSignupsExportPage(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.pathOrg(r)
	if err != nil {
		return err
	}
	u, _ := pageUser(r)
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), orgSignupsSpec(o.ID))
}

func (s *Server) citySignupsExportPage(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), citySignupsSpec())
}

// The API: a bearer token of a member (confirmed with a second factor); ?format=csv|xlsx.

func (s *Server) apiShiftRosterExport(w http.ResponseWriter, r *http.Request) error {
	sh, u, err := s.shiftForMember(r)
	if err != nil {
		return err
	}
	f, err := apiFormat(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.lang(r), u.ID, f, shiftRosterSpec(sh))
}

func (s *Server) apiEventRosterExport(w http.ResponseWriter, r *http.Request) error {
	e, u, err := s.eventForMember(r)
	if err != nil {
		return err
	}
	f, err := apiFormat(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.lang(r), u.ID, f, eventRosterSpec(e))
}

func (s *Server) apiOrgSignupsExport(w http.ResponseWriter, r *http.Request) error {
	return s.apiOrgExport(w, r, orgSignupsSpec)
}

func (s *Server) apiCitySignupsExport(w http.ResponseWriter, r *http.Request) error {
	return s.apiCityExport(w, r, citySignupsSpec())
}

// apiOrgExport answers an organization's export (its id in the path) to a member of it.
func (s *Server) apiOrgExport(w http.ResponseWriter, r *http.Request, spec func(orgID int64) exportSpec) error {
	id, u, err := s.idUser(r)
	if err != nil {
		return err
	}
	if _, err := s.store.Organization(r.Context(), id); err != nil {
		return withField(err, "id")
	}
	if err := s.requireMember(r, u, id); err != nil {
		return err
	}
	f, err := apiFormat(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.lang(r), u.ID, f, spec(id))
}

// apiCityExport answers a whole city's export to the Front Office.
func (s *Server) apiCityExport(w http.ResponseWriter, r *http.Request, sp exportSpec) error {
	u, err := s.user(r)
	if err != nil {
		return err
	}
	if err := requireFrontOffice(u); err != nil {
		return err
	}
	f, err := apiFormat(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.lang(r), u.ID, f, sp)
}

func (s *Server) orgHoursExportPage(w http.ResponseWriter, r *http.Request) error {
	o, _, err := s.pathOrg(r)
	if err != nil {
		return err
	}
	u, _ := pageUser(r)
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), orgHoursSpec(o.ID))
}

func (s *Server) cityHoursExportPage(w http.ResponseWriter, r *http.Request) error {
	u, err := frontOfficeUser(r)
	if err != nil {
		return err
	}
	return s.writeExport(w, r, s.pageLang(r), u.ID, pageFormat(r), cityHoursSpec())
}

func (s *Server) apiOrgHoursExport(w http.ResponseWriter, r *http.Request) error {
	return s.apiOrgExport(w, r, orgHoursSpec)
}

func (s *Server) apiCityHoursExport(w http.ResponseWriter, r *http.Request) error {
	return s.apiCityExport(w, r, cityHoursSpec())
}
