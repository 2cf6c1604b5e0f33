package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"erikti/internal/auth"
	"erikti/internal/domain"
	"erikti/internal/locale"
	"erikti/internal/store"
)

// cliOrigin is the origin of the audit entries the command line writes: no address, the operator
// at the server's console.
const cliOrigin = "cli"

// operator is how a user command speaks to whoever runs it: in their language (--lang, else
// LC_ALL, LC_MESSAGES or LANG; English when none is kk, ru or en).
type operator struct {
	msgs *locale.Bundle
	lang string
}

// newOperator reads the messages and picks the language: flag, when given, else the environment.
func newOperator(flag string, getenv func(string) string) (operator, error) {
	msgs, err := locale.Load()
	if err != nil {
		return operator{}, err
	}
	lang := "en"
	for _, v := range []string{flag, getenv("LC_ALL"), getenv("LC_MESSAGES"), getenv("LANG")} {
		if v == "" {
			continue
		}
		// "ru_RU.UTF-8", "kk-KZ", "en": the language is the part before _ - or .
		l, _, _ := strings.Cut(strings.ToLower(v), ".")
		l, _, _ = strings.Cut(l, "_")
		l, _, _ = strings.Cut(l, "-")
		if domain.IsLanguage(l) {
			lang = l
		}
		break
	}
	return operator{msgs: msgs, lang: lang}, nil
}

func (o operator) t(key string, params map[string]any) string { return o.msgs.T(o.lang, key, params) }

// explain writes err for the operator: each field a domain error names, with its message in their
// language ("--email: An account with this email already exists"), after lead. Any other error is
// returned as it is.
func (o operator) explain(lead string, err error) error {
	var de *domain.Error
	if !errors.As(err, &de) {
		return err
	}
	var b strings.Builder
	b.WriteString(o.t(lead, nil))
	if len(de.Fields) == 0 {
		b.WriteString(" " + o.t(de.Key, de.Params))
	}
	for _, fe := range de.Fields {
		name := "--" + strings.ReplaceAll(fe.Field, "_", "-")
		if fe.Field == "password" {
			name = "password" // it comes on standard input, not as a flag
		}
		fmt.Fprintf(&b, "\n  %s: %s", name, o.t(fe.Key, fe.Params))
	}
	return errors.New(b.String())
}

// userAdd adds an account, reading its password from the first line of standard input. The
// password must pass the rules the API and the pages apply (auth.(*PasswordList).Refused); an
// account made for the Front Office has that role's grant in the audit log, from the command line.
func userAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	f := newFlags("user add", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	name := f.String("name", "", "the person's name")
	birth := f.String("birth-date", "1990-01-01", "date of birth, YYYY-MM-DD")
	lang := f.String("locale", "kk", "kk, ru or en: the account's language")
	role := f.String("role", "", `"front-office" to make a Front Office account`)
	opLang := f.String("lang", "", "kk, ru or en: the language of this command's messages (else LC_ALL, LC_MESSAGES, LANG; else en)")
	if err := f.parse(args); err != nil {
		return err
	}
	op, err := newOperator(*opLang, getenv)
	if err != nil {
		return err
	}
	if *role != "" && *role != "front-office" {
		return errors.New(op.t("cli.role", nil))
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return fmt.Errorf("read password: %w", err)
	}
	// the person has not agreed to the privacy policy here: erikti asks them at their first sign-in
	reg := domain.Registration{Email: *email, Password: strings.TrimRight(line, "\r\n"), Name: *name, BirthDate: *birth, Locale: *lang,
		AcceptPrivacyPolicy: true}
	normalized, birthDate, err := reg.Validate(time.Now())
	if err == nil {
		err = checkNewPassword(reg.Password, normalized, reg.Name)
	}
	if err != nil {
		return op.explain("cli.invalid_account", err)
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
	if err := st.CreateUser(store.WithOrigin(ctx, cliOrigin), &u, hash); err != nil {
		return op.explain("cli.invalid_account", err)
	}
	key := "cli.user_added"
	if u.FrontOffice {
		key = "cli.user_added_front_office"
	}
	fmt.Fprintln(stdout, op.t(key, map[string]any{"id": strconv.FormatInt(u.ID, 10), "email": u.Email}))
	return nil
}

// checkNewPassword applies to a password given on the command line the rules the server applies
// to every new one: length, then auth.(*PasswordList).Refused.
func checkNewPassword(password, email, name string) error {
	var p domain.Problems
	domain.CheckPassword(&p, "password", password)
	if err := p.Err(); err != nil {
		return err
	}
	list, err := auth.LoadPasswordList()
	if err != nil {
		return err
	}
	if key := list.Refused(password, email, name); key != "" {
		return domain.FieldErr(domain.Invalid, "password", key, nil)
	}
	return nil
}

// userByEmail opens the database of the flags and finds the account of --email.
func userByEmail(ctx context.Context, op operator, dsn, email string) (*store.Store, domain.User, error) {
	st, err := openStore(ctx, dsn)
	if err != nil {
		return nil, domain.User{}, err
	}
	email = strings.ToLower(strings.TrimSpace(email))
	u, _, err := st.UserByEmail(ctx, email)
	if err != nil {
		st.Close()
		if domain.ErrorCode(err) == domain.NotFound {
			return nil, u, errors.New(op.t("cli.no_account", map[string]any{"email": email}))
		}
		return nil, u, err
	}
	return st, u, nil
}

// userDisable disables or enables an account; disabling ends its sessions and API tokens. Either
// is in the audit log, from the command line.
func userDisable(ctx context.Context, verb string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("user "+verb, getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	opLang := f.String("lang", "", "kk, ru or en: the language of this command's messages (else LC_ALL, LC_MESSAGES, LANG; else en)")
	if err := f.parse(args); err != nil {
		return err
	}
	op, err := newOperator(*opLang, getenv)
	if err != nil {
		return err
	}
	st, u, err := userByEmail(ctx, op, *dsn, *email)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.SetDisabled(store.WithOrigin(ctx, cliOrigin), 0, u.ID, verb == "disable"); err != nil {
		return op.explain("cli.failed", err)
	}
	key := map[bool]string{true: "cli.user_disabled", false: "cli.user_enabled"}[verb == "disable"]
	fmt.Fprintln(stdout, op.t(key, map[string]any{"id": strconv.FormatInt(u.ID, 10), "email": u.Email}))
	return nil
}

// userReset2FA removes an account's two-factor authentication, for someone who lost both their
// phone and their recovery codes; every session and API token of the account ends. One who holds a
// role sets it up again at their next sign-in.
func userReset2FA(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("user reset-2fa", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	email := f.String("email", "", "the account's email")
	opLang := f.String("lang", "", "kk, ru or en: the language of this command's messages (else LC_ALL, LC_MESSAGES, LANG; else en)")
	if err := f.parse(args); err != nil {
		return err
	}
	op, err := newOperator(*opLang, getenv)
	if err != nil {
		return err
	}
	st, u, err := userByEmail(ctx, op, *dsn, *email)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.RemoveTOTP(store.WithOrigin(ctx, cliOrigin), 0, u.ID, true); err != nil {
		return op.explain("cli.failed", err)
	}
	fmt.Fprintln(stdout, op.t("cli.user_2fa_reset", map[string]any{"id": strconv.FormatInt(u.ID, 10), "email": u.Email}))
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
