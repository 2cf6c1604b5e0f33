// Package mailtest runs a real SMTP server on loopback for tests: it receives what erikti sends
// and keeps each message whole, to be parsed as a mail reader would.
package mailtest

import (
	"bytes"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Raw  []byte
	TLS  bool // it came over TLS
}

// Server is an SMTP server on 127.0.0.1.
type Server struct {
	Addr string
	Port int
	// ClientTLS trusts the server's certificate, when it offers STARTTLS.
	ClientTLS *tls.Config

	mu       sync.Mutex
	got      []Received
	reject   map[string]bool // recipients answered 550
	user     string          // AUTH PLAIN credentials required when set
	password string
	arrived  chan struct{}
	srv      *smtp.Server
	stall    bool
	release  chan struct{} // closed when the test ends
	stalled  chan struct{} // a send is held in DATA

}

// Config is what a test server asks of its clients.
type Config struct {
	User, Password string // AUTH PLAIN with these is required when User is set
	StartTLS       bool   // offer STARTTLS, with a certificate for 127.0.0.1 that ClientTLS trusts
	// Stall keeps every message's DATA unanswered until the test ends: a sender caught mid-send.
	Stall bool
}

// Start runs a server until t ends.
func Start(t testing.TB, cfg Config) *Server {
	t.Helper()
	s := &Server{reject: map[string]bool{}, user: cfg.User, password: cfg.Password, arrived: make(chan struct{}, 1024),
		stall: cfg.Stall, release: make(chan struct{}), stalled: make(chan struct{}, 1024)}
	s.srv = smtp.NewServer(backend{s})
	if cfg.StartTLS {
		cert, pool, err := selfSigned()
		if err != nil {
			t.Fatal(err)
		}
		s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.ClientTLS = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	}
	s.srv.Domain = "localhost"
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.AllowInsecureAuth = true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.Addr, s.Port = ln.Addr().String(), ln.Addr().(*net.TCPAddr).Port
	go s.srv.Serve(ln)
	t.Cleanup(func() {
		close(s.release)
		s.srv.Close() // #nosec G104 -- a test's server, closed at the test's end
	})
	return s
}

// Reject makes the server refuse addr for good (550), as a mailbox that does not exist.
func (s *Server) Reject(addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reject[strings.ToLower(addr)] = true
}

// WaitStalled waits until a send is held in DATA (with Stall), or fails t after timeout.
func (s *Server) WaitStalled(t testing.TB, timeout time.Duration) {
	t.Helper()
	select {
	case <-s.stalled:
	case <-time.After(timeout):
		t.Fatal("smtp: no send reached DATA")
	}
}

// Messages returns what has arrived so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.got...)
}

// Wait waits until n messages have arrived in all, or fails t after timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.After(timeout)
	for {
		if got := s.Messages(); len(got) >= n {
			return got
		}
		select {
		case <-s.arrived:
		case <-deadline:
			t.Fatalf("smtp: %d messages arrived, want %d", len(s.Messages()), n)
		}
	}
}

type backend struct{ s *Server }

func (b backend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{s: b.s, conn: c}, nil
}

type session struct {
	s    *Server
	conn *smtp.Conn
	tls  bool // the message came over TLS
	auth bool
	from string
	to   []string
}

func (x *session) AuthMechanisms() []string {
	if x.s.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (x *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, password string) error {
		if user != x.s.user || password != x.s.password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		x.auth = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if x.s.user != "" && !x.auth {
		return smtp.ErrAuthRequired
	}
	x.from = from
	_, x.tls = x.conn.TLSConnectionState()
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	rejected := x.s.reject[strings.ToLower(to)]
	x.s.mu.Unlock()
	if rejected {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if x.s.stall {
		x.s.stalled <- struct{}{}
		<-x.s.release
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "closing"}
	}
	x.s.mu.Lock()
	x.s.got = append(x.s.got, Received{From: x.from, To: x.to, Raw: raw, TLS: x.tls})
	x.s.mu.Unlock()
	select {
	case x.s.arrived <- struct{}{}:
	default:
	}
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// Parsed is a message read as a mail reader reads it.
type Parsed struct {
	Header      mail.Header
	Subject     string // decoded
	Text, HTML  string // the decoded bodies
	Attachments map[string][]byte
	AttachTypes map[string]string
}

// Parse reads a received message: its header, decoded subject, the text and HTML alternatives and
// the attachments, whatever the nesting of its MIME parts.
func Parse(raw []byte) (Parsed, error) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Parsed{}, fmt.Errorf("mailtest: %w", err)
	}
	p := Parsed{Header: m.Header, Attachments: map[string][]byte{}, AttachTypes: map[string]string{}}
	dec := new(mime.WordDecoder)
	if p.Subject, err = dec.DecodeHeader(m.Header.Get("Subject")); err != nil {
		return p, fmt.Errorf("mailtest: subject: %w", err)
	}
	err = p.walk(m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), "", m.Body)
	return p, err
}

func (p *Parsed) walk(ctype, encoding, disposition string, body io.Reader) error {
	mt, params, err := mime.ParseMediaType(ctype)
	if err != nil {
		return fmt.Errorf("mailtest: content type %q: %w", ctype, err)
	}
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextRawPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("mailtest: part: %w", err)
			}
			if err := p.walk(part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"),
				part.Header.Get("Content-Disposition"), part); err != nil {
				return err
			}
		}
	}
	data, err := decodeBody(encoding, body)
	if err != nil {
		return err
	}
	if disposition != "" && !strings.HasPrefix(disposition, "inline") {
		_, dp, _ := mime.ParseMediaType(disposition)
		p.Attachments[dp["filename"]] = data
		p.AttachTypes[dp["filename"]] = mt
		return nil
	}
	switch mt {
	case "text/plain":
		p.Text = string(data)
	case "text/html":
		p.HTML = string(data)
	}
	return nil
}
