package loadtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// Probe is one bad request (or a few of a kind) sent after the load, and what it left behind.
type Probe struct {
	Name   string `json:"name"`
	Want   string `json:"want"`
	Got    string `json:"got"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail,omitempty"`
}

// prober sends the probes and reads what they stored.
type prober struct {
	ctx    context.Context
	st     *store.Store
	base   string
	client *client
	fx     *fixture
	key    string
	out    []Probe
}

// runProbes sends the bad inputs the issue names — a shift that does not exist, one that has
// started, one full and started, tokens that are not valid, clients that disconnect in the middle
// of the body or before the answer — and checks that each got a clear 4xx (or nothing), stored
// nothing, and lost no place: the shift with places to spare fills exactly, in order, afterwards.
func runProbes(ctx context.Context, st *store.Store, base string, fx *fixture) ([]Probe, error) {
	p := &prober{ctx: ctx, st: st, base: base, client: newClient(base, 4), fx: fx, key: strconv.FormatInt(time.Now().UnixNano(), 36)}
	defer p.client.close()
	pf := fx.probes
	v := pf.vols
	missing := slices.Max(append([]int64{pf.spare, pf.started, pf.fullClosed}, fx.shifts...)) + 1_000_000

	// a shift that does not exist
	status, _, err := p.signup(missing, v[0].token, "missing")
	if err != nil {
		return nil, err
	}
	p.add("a shift that does not exist", "404", status, p.noSignups(v[0]))

	// a shift that has started, and one that is full and has started
	before, err := p.outcome(pf.started, pf.fullClosed, pf.spare)
	if err != nil {
		return nil, err
	}
	if status, _, err = p.signup(pf.started, v[1].token, "started"); err != nil {
		return nil, err
	}
	p.add("a shift that has started", "409", status, p.noSignups(v[1]), p.unchanged(before, pf.started))
	if status, _, err = p.signup(pf.fullClosed, v[2].token, "full"); err != nil {
		return nil, err
	}
	p.add("a shift that is full and has started", "409", status, p.noSignups(v[2]), p.unchanged(before, pf.fullClosed))

	// tokens that are not valid: made up, well-formed but never issued, none at all
	unknown, _, err := auth.NewToken()
	if err != nil {
		return nil, err
	}
	for _, tok := range []struct{ name, token string }{
		{"a token that is not valid (made up)", "not-a-token"},
		{"a token that is not valid (never issued)", unknown},
		{"no token", ""},
	} {
		if status, _, err = p.signup(pf.spare, tok.token, "token"); err != nil {
			return nil, err
		}
		p.add(tok.name, "401", status, p.unchanged(before, pf.spare))
	}

	// clients that disconnect in the middle of the body: no answer can reach them, nothing is stored
	half := v[3:8]
	for _, vol := range half {
		if err := p.raw(pf.spare, vol.token, "half-"+strconv.FormatInt(vol.id, 10), true); err != nil {
			return nil, err
		}
	}
	// clients that disconnect once the request is sent, before the answer, then retry with the same
	// idempotency key: one signup each, whichever of the two reached the store first
	gone := v[8:11]
	retried := map[int64]int64{}
	for _, vol := range gone {
		key := "gone-" + strconv.FormatInt(vol.id, 10)
		if err := p.raw(pf.spare, vol.token, key, false); err != nil {
			return nil, err
		}
		status, a, err := p.signup(pf.spare, vol.token, key)
		if err != nil {
			return nil, err
		}
		if status != http.StatusCreated {
			p.add("a client that disconnects before the answer, then retries", "201", status)
		}
		retried[vol.id] = a.ID
	}

	// the places left go, in order, to the next volunteers: none was lost to a refused request
	fresh := v[11:16]
	var got []string
	for i, vol := range append(slices.Clone(fresh), v[16]) {
		status, a, err := p.signup(pf.spare, vol.token, "fresh")
		if err != nil {
			return nil, err
		}
		got = append(got, fmt.Sprintf("%d %s", status, a.Status))
		want := "confirmed"
		if i == len(fresh) {
			want = "waitlisted"
		}
		if status != http.StatusCreated || a.Status != want || (want == "waitlisted" && (a.Position == nil || *a.Position != 1)) {
			p.add("the places left after refused requests", "201 "+want, status, fmt.Sprintf("volunteer %d: %s", i, a.Status))
		}
	}
	after, err := p.outcome(pf.spare)
	if err != nil {
		return nil, err
	}
	sp := after[pf.spare]
	var problems []string
	rows := map[int64]store.OutcomeSignup{}
	for _, sg := range sp.Signups {
		rows[sg.UserID] = sg
		if sg.Keys != 1 {
			problems = append(problems, fmt.Sprintf("signup %d left %d idempotency keys", sg.ID, sg.Keys))
		}
	}
	for _, vol := range half {
		if _, ok := rows[vol.id]; ok {
			problems = append(problems, fmt.Sprintf("volunteer %d, who disconnected mid-body, holds a signup", vol.id))
		}
	}
	p.add("a client that disconnects mid-body", "no answer, nothing stored", 0, problems...)
	problems = nil
	for _, vol := range gone {
		if sg, ok := rows[vol.id]; !ok || sg.ID != retried[vol.id] {
			problems = append(problems, fmt.Sprintf("volunteer %d: stored %+v, the retry answered signup %d", vol.id, sg, retried[vol.id]))
		}
	}
	p.add("a client that disconnects before the answer, then retries", "one signup each", 0, problems...)
	problems = nil
	confirmed := 0
	for _, sg := range sp.Signups {
		if sg.Status == domain.SignupConfirmed {
			confirmed++
		}
	}
	if confirmed != pf.spareCapacity || sp.Confirmed != pf.spareCapacity || sp.Waitlisted != 1 || len(sp.Signups) != pf.spareCapacity+1 {
		problems = append(problems, fmt.Sprintf("the shift of %d places holds %d confirmed rows (counter %d), %d waitlisted (counter %d); answers %v",
			pf.spareCapacity, confirmed, sp.Confirmed, len(sp.Signups)-confirmed, sp.Waitlisted, got))
	}
	p.add("no place lost to a refused request", fmt.Sprintf("%d confirmed, 1 waitlisted", pf.spareCapacity), 0, problems...)
	return p.out, nil
}

// signup sends one signup and reads its answer.
func (p *prober) signup(shift int64, token, key string) (int, answer, error) {
	s := p.client.do(signupCall(shift, token, "probe-"+p.key+"-"+key), 0, "", time.Now(), true)
	if s.status == 0 {
		return 0, answer{}, fmt.Errorf("loadtest: probe: %s", s.err)
	}
	a := answer{ID: s.id, Status: s.state}
	if s.state == string(domain.SignupWaitlisted) {
		pos := s.position
		a.Position = &pos
	}
	return s.status, a, nil
}

// raw writes a signup on a connection of its own and closes it without reading an answer: after
// half of the body when half, else after the whole request.
func (p *prober) raw(shift int64, token, key string, half bool) error {
	u, err := url.Parse(p.base)
	if err != nil {
		return err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		return fmt.Errorf("loadtest: probe: %w", err)
	}
	defer conn.Close()
	body, length := "{}", 2
	if half {
		body, length = "{", 20
	}
	_, err = fmt.Fprintf(conn, "POST /api/v1/shifts/%d/signups HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Idempotency-Key: probe-%s-%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		shift, u.Host, token, p.key, key, length, body)
	if err != nil {
		return fmt.Errorf("loadtest: probe: %w", err)
	}
	return nil
}

func (p *prober) outcome(ids ...int64) (map[int64]*store.ShiftOutcome, error) {
	return p.st.ShiftOutcomes(p.ctx, ids)
}

// noSignups is a problem when vol holds any signup.
func (p *prober) noSignups(vol volunteer) string {
	sgs, err := p.st.UserSignups(p.ctx, vol.id)
	if err != nil {
		return err.Error()
	}
	if len(sgs) > 0 {
		return fmt.Sprintf("volunteer %d holds %d signup(s) after a refused request", vol.id, len(sgs))
	}
	return ""
}

// unchanged is a problem when shift's outcome differs from before.
func (p *prober) unchanged(before map[int64]*store.ShiftOutcome, shift int64) string {
	now, err := p.outcome(shift)
	if err != nil {
		return err.Error()
	}
	a, b := before[shift], now[shift]
	if a.Confirmed != b.Confirmed || a.Waitlisted != b.Waitlisted || !slices.Equal(a.Signups, b.Signups) {
		return fmt.Sprintf("shift %d changed: %d confirmed, %d waitlisted, %d rows before; %d, %d, %d after",
			shift, a.Confirmed, a.Waitlisted, len(a.Signups), b.Confirmed, b.Waitlisted, len(b.Signups))
	}
	return ""
}

// add records a probe: OK when the status is the one wanted (0: any, the probe reads no status)
// and no problem was found.
func (p *prober) add(name, want string, status int, problems ...string) {
	pr := Probe{Name: name, Want: want, OK: true}
	if status != 0 {
		pr.Got = strconv.Itoa(status)
		if w, err := strconv.Atoi(want[:3]); err == nil && w != status {
			pr.OK = false
		}
	} else {
		pr.Got = "as wanted"
	}
	for _, pb := range problems {
		if pb != "" {
			pr.OK = false
			if pr.Detail != "" {
				pr.Detail += "; "
			}
			pr.Detail += pb
		}
	}
	if !pr.OK && status == 0 {
		pr.Got = "not as wanted"
	}
	p.out = append(p.out, pr)
}
