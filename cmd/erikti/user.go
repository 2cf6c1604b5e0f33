package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/store"
)

// userAdd adds an account, reading its password from the first line of standard input.
func userAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	f := newFlags("user add", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	name := f.String("name", "", "the person's name")
	birth := f.String("birth-date", "1990-01-01", "date of birth, YYYY-MM-DD")
	lang := f.String("locale", "kk", "kk, ru or en")
	role := f.String("role", "", `"front-office" to make a Front Office account`)
	if err := f.parse(args); err != nil {
		return err
	}
	if *role != "" && *role != "front-office" {
		return fmt.Errorf(`--role: must be "front-office" or empty`)
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return fmt.Errorf("read password: %w", err)
	}
	// the person has not agreed to the privacy policy here: erikti asks them at their first sign-in
	reg := domain.Registration{Email: *email, Password: strings.TrimRight(line, "\r\n"), Name: *name, BirthDate: *birth, Locale: *lang,
		AcceptPrivacyPolicy: true}
	normalized, birthDate, err := reg.Validate(time.Now())
	if err != nil {
		var b strings.Builder
		if de, ok := err.(*domain.Error); ok {
			for _, fe := range de.Fields {
				fmt.Fprintf(&b, " %s: %s;", fe.Field, fe.Key)
			}
		}
		return fmt.Errorf("invalid account:%s", b.String())
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	hash, err := auth.HashPassword(reg.Password, auth.DefaultParams())
	if err != nil {
		return err
	}
	u := domain.User{Email: normalized, Name: reg.Name, BirthDate: birthDate, Locale: reg.Locale, FrontOffice: *role == "front-office", EmailVerified: true}
	if err := st.CreateUser(ctx, &u, hash); err != nil {
		return fmt.Errorf("add user: %w", err)
	}
	fmt.Fprintf(stdout, "added user %d <%s>%s\n", u.ID, u.Email, map[bool]string{true: " (Front Office)", false: ""}[u.FrontOffice])
	return nil
}

// userDisable disables or enables an account; disabling ends its sessions and API tokens.
func userDisable(ctx context.Context, verb string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("user "+verb, getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	u, _, err := st.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(*email)))
	if err != nil {
		return fmt.Errorf("--email: no account %q", *email)
	}
	if err := st.SetDisabled(ctx, 0, u.ID, verb == "disable"); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%sd user %d <%s>\n", verb, u.ID, u.Email)
	return nil
}

// userReset2FA removes an account's two-factor authentication, for someone who lost both their
// phone and their recovery codes; every session and API token of the account ends. One who holds a
// role sets it up again at their next sign-in.
func userReset2FA(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("user reset-2fa", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	u, _, err := st.UserByEmail(ctx, strings.ToLower(strings.TrimSpace(*email)))
	if err != nil {
		return fmt.Errorf("--email: no account %q", *email)
	}
	if err := st.RemoveTOTP(ctx, 0, u.ID, true); err != nil {
		return fmt.Errorf("reset two-factor authentication: %w", err)
	}
	fmt.Fprintf(stdout, "reset two-factor authentication of user %d <%s>; their sessions and tokens ended\n", u.ID, u.Email)
	return nil
}

// auditVerify walks the audit log's hash chain and fails at the first break.
func auditVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return verifyChain(ctx, "audit verify", "the audit chain", (*store.Store).VerifyAudit, args, getenv, stdout, stderr)
}

// verifyChain opens the database the flags name and walks a hash chain with verify, reporting how
// many entries are sound or where the chain breaks.
func verifyChain(ctx context.Context, command, what string, verify func(*store.Store, context.Context) (int, error),
	args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags(command, getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := verify(st, ctx)
	if err != nil {
		return fmt.Errorf("%d entries sound, then: %w", n, err)
	}
	fmt.Fprintf(stdout, "%s is intact: %d entries\n", what, n)
	return nil
}
