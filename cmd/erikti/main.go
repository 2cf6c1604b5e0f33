// Command erikti is the volunteer infrastructure of a city: one binary with subcommands.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "erikti:", err)
		os.Exit(1)
	}
}

const usage = `erikti — the volunteer infrastructure of a city

Usage:
  erikti serve   [--addr 127.0.0.1:8080] [--db erikti.db] [--demo [--scale demo|city|country]]
                                                                     run the server
  erikti migrate [--db DSN]                                          apply database migrations
  erikti demo    [--db DSN] [--scale demo|city|country]              load the demo programme (and a big data set) into an empty database
  erikti user add --email E --name N [--role front-office] [--db DSN]
                                                                     add an account; the password is read from standard input
  erikti user disable|enable --email E [--db DSN]                    disable an account (its sessions and tokens end) or enable it
  erikti user reset-2fa --email E [--db DSN]                         remove an account's two-factor authentication (its sessions and tokens end)
  erikti audit verify [--db DSN]                                     check the audit log's hash chain
  erikti verify-ledger [--db DSN]                                    check every volunteer's hash chain of the hours ledger

--db is an SQLite file path or a postgres:// URL. Every flag also reads ERIKTI_<FLAG>
(ERIKTI_ADDR, ERIKTI_DB, ERIKTI_DEMO, ...). Run "erikti COMMAND -h" for a command's flags.
The user commands speak --lang kk|ru|en, else the language of LC_ALL, LC_MESSAGES or LANG, else English.
The load generator is a command of its own: erikti-loadtest (go build ./cmd/erikti-loadtest).
`

// run is the whole program; main only calls it, and tests call it too.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:], getenv, stdout, stderr)
	case "migrate":
		return migrate(ctx, args[1:], getenv, stdout, stderr)
	case "demo":
		return loadDemo(ctx, args[1:], getenv, stdout, stderr)
	case "user":
		switch {
		case len(args) >= 2 && args[1] == "add":
			return userAdd(ctx, args[2:], getenv, stdin, stdout, stderr)
		case len(args) >= 2 && (args[1] == "disable" || args[1] == "enable"):
			return userDisable(ctx, args[1], args[2:], getenv, stdout, stderr)
		case len(args) >= 2 && args[1] == "reset-2fa":
			return userReset2FA(ctx, args[2:], getenv, stdout, stderr)
		}
		return fmt.Errorf(`usage: erikti user add|disable|enable|reset-2fa --email E [...]`)
	case "audit":
		if len(args) < 2 || args[1] != "verify" {
			return fmt.Errorf(`usage: erikti audit verify [--db DSN]`)
		}
		return auditVerify(ctx, args[2:], getenv, stdout, stderr)
	case "verify-ledger":
		return ledgerVerify(ctx, args[1:], getenv, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
