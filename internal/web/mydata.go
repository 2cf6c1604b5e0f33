package web

import (
	"net/http"
	"strconv"

	"erikti/internal/domain"
	"erikti/internal/store"
)

// myDataExport is the personal-data export, /me/data.json: everything erikti holds about the
// reader. The fields of it and of its parts are in the order of their JSON names, the order the
// document has always had. Actions, API tokens, consents, mails, memberships and sessions are null
// when there are none, the other lists empty.
type myDataExport struct {
	Account      userView          `json:"account"`
	Actions      []myAction        `json:"actions"`
	APITokens    []myToken         `json:"api_tokens"`
	Certificates []certificateJSON `json:"certificates"`
	Checkins     []myCheckin       `json:"checkins"`
	Consents     []myConsent       `json:"consents"`
	ExportedAt   string            `json:"exported_at"`
	HoursLedger  []myLedgerEntry   `json:"hours_ledger"`
	Invitations  []invitationView  `json:"invitations"`
	Mails        []myMail          `json:"mails"`
	Memberships  []myMembership    `json:"memberships"`
	Profile      myProfile         `json:"profile"`
	Sessions     []mySession       `json:"sessions"`
	Signups      []signupView      `json:"signups"`
	TwoFactor    myTwoFactor       `json:"two_factor"`
}

// myAction is something the reader did, as the audit log has it.
type myAction struct {
	Action   string `json:"action"`
	At       string `json:"at"`
	Entity   string `json:"entity"`
	EntityID string `json:"entity_id"`
	From     string `json:"from"`
}

// myToken is one of the reader's API tokens, without its secret.
type myToken struct {
	CreatedAt string `json:"created_at"`
	ExpiresAt string `json:"expires_at"`
}

// myCheckin is a check-in code the reader was given, and when they were checked in and out.
type myCheckin struct {
	CheckedInAt   string      `json:"checked_in_at,omitempty"`
	CheckedOutAt  string      `json:"checked_out_at,omitempty"`
	Code          string      `json:"code"`
	Event         domain.Text `json:"event"`
	ShiftID       int64       `json:"shift_id"`
	ShiftStartsAt string      `json:"shift_starts_at"`
	SignupID      int64       `json:"signup_id"`
}

// myConsent is a consent the reader (or their guardian) gave.
type myConsent struct {
	From          string  `json:"from"`
	GivenAt       string  `json:"given_at"`
	GuardianEmail *string `json:"guardian_email,omitempty"` // a guardian's consent only
	GuardianName  *string `json:"guardian_name,omitempty"`  // a guardian's consent only
	Kind          string  `json:"kind"`
	Method        string  `json:"method"`
	Version       string  `json:"version"`
	WithdrawnAt   string  `json:"withdrawn_at,omitempty"`
}

// myLedgerEntry is an entry of the reader's hours ledger.
type myLedgerEntry struct {
	Event         domain.Text `json:"event"`
	ID            int64       `json:"id"`
	Kind          string      `json:"kind"`
	Minutes       int         `json:"minutes"`
	Reason        string      `json:"reason,omitempty"`
	RefersTo      int64       `json:"refers_to,omitempty"`
	ShiftID       int64       `json:"shift_id"`
	ShiftStartsAt string      `json:"shift_starts_at"`
	SignupID      int64       `json:"signup_id"`
	WrittenAt     string      `json:"written_at"`
}

// myMail is a mail erikti sent the reader or is to send.
type myMail struct {
	Kind      string `json:"kind"`
	State     string `json:"state"`
	To        string `json:"to"`
	WrittenAt string `json:"written_at"`
}

// myMembership is an organization the reader belongs to, and their role in it.
type myMembership struct {
	Organization orgRef `json:"organization"`
	Role         string `json:"role"`
}

// myProfile is what the reader told of themselves.
type myProfile struct {
	AccessibilityNeeds string   `json:"accessibility_needs"`
	District           string   `json:"district"`
	Languages          []string `json:"languages"`
	Skills             string   `json:"skills"`
	University         string   `json:"university"`
}

// mySession is one of the reader's browser sessions, without its secret.
type mySession struct {
	CreatedAt  string `json:"created_at"`
	ExpiresAt  string `json:"expires_at"`
	LastSeenAt string `json:"last_seen_at"`
}

// myTwoFactor tells whether the reader's sign-ins need a second factor.
type myTwoFactor struct {
	On bool `json:"on"`
}

// newMyDataExport is the export of d, the personal data of a reader whose guardian's consent
// stands as guardian tells.
func (s *Server) newMyDataExport(r *http.Request, d store.PersonalData, guardian string) myDataExport {
	u := d.User
	out := myDataExport{
		Account:      viewUser(u, guardian),
		Certificates: make([]certificateJSON, 0, len(d.Certificates)),
		Checkins:     make([]myCheckin, 0, len(d.Checkins)),
		ExportedAt:   formatTime(s.opt.Now()),
		HoursLedger:  make([]myLedgerEntry, 0, len(d.Ledger)),
		Invitations:  make([]invitationView, 0, len(d.Invitations)),
		Profile: myProfile{AccessibilityNeeds: u.AccessibilityNeeds, District: u.District, Languages: u.Languages,
			Skills: u.Skills, University: u.University},
		Signups:   make([]signupView, 0, len(d.Signups)),
		TwoFactor: myTwoFactor{On: u.TOTP},
	}
	for _, a := range d.Actions {
		out.Actions = append(out.Actions, myAction{Action: a.Action, At: formatTime(a.At), Entity: a.Entity,
			EntityID: strconv.FormatInt(a.EntityID, 10), From: a.Origin})
	}
	for _, x := range d.APITokens {
		out.APITokens = append(out.APITokens, myToken{CreatedAt: formatTime(x.CreatedAt), ExpiresAt: formatTime(x.ExpiresAt)})
	}
	for _, c := range d.Certificates {
		out.Certificates = append(out.Certificates, s.viewCertificate(r, c, true))
	}
	for _, c := range d.Checkins {
		out.Checkins = append(out.Checkins, viewMyCheckin(c))
	}
	for _, c := range d.Consents {
		out.Consents = append(out.Consents, viewMyConsent(c))
	}
	for _, e := range d.Ledger {
		out.HoursLedger = append(out.HoursLedger, myLedgerEntry{Event: e.EventTitle, ID: e.ID, Kind: e.Kind, Minutes: e.Minutes,
			Reason: e.Reason, RefersTo: e.RefersTo, ShiftID: e.ShiftID, ShiftStartsAt: formatTime(e.ShiftStart),
			SignupID: e.SignupID, WrittenAt: formatTime(e.CreatedAt)})
	}
	for _, i := range d.Invitations {
		out.Invitations = append(out.Invitations, viewInvitation(i))
	}
	for _, j := range d.Mails {
		if m, err := j.Mail(); err == nil {
			out.Mails = append(out.Mails, myMail{Kind: m.Kind, State: j.State, To: m.To, WrittenAt: formatTime(j.CreatedAt)})
		}
	}
	for _, m := range d.Memberships {
		out.Memberships = append(out.Memberships, myMembership{Organization: orgRef{m.Org.ID, m.Org.Name}, Role: m.Role})
	}
	for _, x := range d.Sessions {
		out.Sessions = append(out.Sessions, mySession{CreatedAt: formatTime(x.CreatedAt), ExpiresAt: formatTime(x.ExpiresAt),
			LastSeenAt: formatTime(x.LastSeenAt)})
	}
	for _, sg := range d.Signups {
		out.Signups = append(out.Signups, viewSignup(sg))
	}
	return out
}

func viewMyCheckin(c store.PersonalCheckin) myCheckin {
	v := myCheckin{Code: c.Code, Event: c.EventTitle, ShiftID: c.ShiftID, ShiftStartsAt: formatTime(c.ShiftStart), SignupID: c.SignupID}
	if !c.CheckedInAt.IsZero() {
		v.CheckedInAt = formatTime(c.CheckedInAt)
	}
	if !c.CheckedOutAt.IsZero() {
		v.CheckedOutAt = formatTime(c.CheckedOutAt)
	}
	return v
}

func viewMyConsent(c store.Consent) myConsent {
	v := myConsent{From: c.Origin, GivenAt: formatTime(c.GivenAt), Kind: c.Kind, Method: c.Method, Version: c.Version}
	if !c.WithdrawnAt.IsZero() {
		v.WithdrawnAt = formatTime(c.WithdrawnAt)
	}
	if c.Kind == store.ConsentGuardian {
		v.GuardianEmail, v.GuardianName = &c.GuardianEmail, &c.GuardianName
	}
	return v
}
