package domain

import (
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// OrgStatus is an organization's verification status, set only by the Front Office.
type OrgStatus string

// Organization statuses.
const (
	OrgPending   OrgStatus = "pending"
	OrgVerified  OrgStatus = "verified"
	OrgSuspended OrgStatus = "suspended"
)

// Member roles within an organization.
const (
	RoleAdmin       = "admin"
	RoleCoordinator = "coordinator"
)

// Organization is a volunteer organization.
type Organization struct {
	ID           int64
	Name         Text
	Description  Text
	Email        string
	Phone        string
	Website      string
	BIN          string
	Status       OrgStatus
	StatusReason string
	AppliedAt    time.Time // when its admin applied for verification; zero: not yet
	CreatedAt    time.Time
	Logo         Image // its logo: only the ID is read with a list, the whole by Store.Organization
}

// Limits on organization fields.
const (
	MaxNameLen        = 200
	MaxDescriptionLen = 5000
	MaxContactLen     = 200
	MaxReasonLen      = 1000
)

// Validate checks an organization's fields as given by its admin.
func (o *Organization) Validate() error {
	var p Problems
	o.Name = o.Name.Trimmed()
	CheckLocalizedLine(&p, "name", o.Name, true, MaxNameLen)
	for _, l := range Languages() { // a name given in a language has at least two letters there
		if n := utf8.RuneCountInString(o.Name.Get(l)); n == 1 && !p.Has("name."+l) {
			p.Add("name."+l, "field.too_short", map[string]any{"min": 2})
		}
	}
	CheckLocalized(&p, "description", o.Description, false, MaxDescriptionLen)
	if o.Email != "" {
		CheckEmail(&p, "email", o.Email)
	}
	CheckLine(&p, "phone", o.Phone, 0, MaxContactLen)
	CheckLine(&p, "website", o.Website, 0, MaxContactLen)
	if o.Website != "" && !strings.HasPrefix(o.Website, "https://") && !strings.HasPrefix(o.Website, "http://") {
		p.Add("website", "field.url", nil)
	}
	if o.BIN != "" && !ValidBIN(o.BIN) {
		p.Add("bin", "field.bin", nil)
	}
	return p.Err()
}

// Decision checks the Front Office's decision on an organization: verified (the default when
// status is empty) or suspended, which needs a reason.
func Decision(status, reason string) (OrgStatus, error) {
	var p Problems
	st := OrgStatus(status)
	switch st {
	case "":
		st = OrgVerified
	case OrgVerified, OrgSuspended:
	default:
		p.Add("status", "field.decision", nil)
	}
	CheckText(&p, "reason", reason, 0, MaxReasonLen)
	if st == OrgSuspended && strings.TrimSpace(reason) == "" && !p.Has("status") {
		p.Add("reason", "field.reason_required", nil)
	}
	return st, p.Err()
}

// ValidBIN reports whether s is a 12-digit Kazakh business identification number whose last digit
// is its checksum: the first eleven digits weighted 1..11, sum mod 11; when that is 10, weighted
// 3..11,1,2 instead; a second 10 means no valid number ends that way.
func ValidBIN(s string) bool {
	if len(s) != 12 {
		return false
	}
	var d [12]int
	for i := range 12 {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		d[i] = int(c - '0')
	}
	sum := 0
	for i := range 11 {
		sum += (i + 1) * d[i]
	}
	check := sum % 11
	if check == 10 {
		sum = 0
		for i := range 11 {
			sum += ((i+2)%11 + 1) * d[i]
		}
		check = sum % 11
		if check == 10 {
			return false
		}
	}
	return check == d[11]
}

// CheckText records a problem when s has fewer than minLen or more than maxLen characters, or is not UTF-8.
func CheckText(p *Problems, field, s string, minLen, maxLen int) {
	if !utf8.ValidString(s) || HasControl(s) {
		p.Add(field, "field.encoding", nil)
		return
	}
	n := utf8.RuneCountInString(strings.TrimSpace(s))
	switch {
	case minLen > 0 && n == 0:
		p.Add(field, "field.required", nil)
	case n < minLen:
		p.Add(field, "field.too_short", map[string]any{"min": minLen})
	case utf8.RuneCountInString(s) > maxLen:
		p.Add(field, "field.too_long", map[string]any{"max": maxLen})
	}
}

// CheckLine is CheckText for a field of one line (a name, a title, a place, a phone): it also
// refuses every control character, tab, CR and LF among them, the C1 controls and the Unicode line
// and paragraph separators, so that no such text can start a new line in a mail or a log.
func CheckLine(p *Problems, field, s string, minLen, maxLen int) {
	if utf8.ValidString(s) && HasLineBreakOrControl(s) {
		p.Add(field, "field.control_chars", nil)
		return
	}
	CheckText(p, field, s, minLen, maxLen)
}

// HasLineBreakOrControl reports whether s holds any C0 or C1 control character (tab, CR and LF
// included), DEL, or a Unicode line or paragraph separator.
func HasLineBreakOrControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u2028' || r == '\u2029'
	})
}

// HasControl reports whether s holds a control character other than tab, newline and carriage
// return (a NUL, which PostgreSQL cannot store, among them).
func HasControl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool {
		return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
	})
}

// CheckEmail records a problem when s is not a plain email address.
func CheckEmail(p *Problems, field, s string) {
	if s == "" {
		p.Add(field, "field.required", nil)
		return
	}
	if HasControl(s) || strings.ContainsAny(s, "\t\r\n") {
		p.Add(field, "field.email", nil)
		return
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 || !strings.Contains(s[strings.IndexByte(s, '@')+1:], ".") {
		p.Add(field, "field.email", nil)
	}
}

// CheckRole records a problem unless role is a member role: admin or coordinator.
func CheckRole(p *Problems, field, role string) {
	switch role {
	case "":
		p.Add(field, "field.required", nil)
	case RoleAdmin, RoleCoordinator:
	default:
		p.Add(field, "field.member_role", nil)
	}
}
