package main

import (
	"context"
	"fmt"
	"io"
)

// ledgerVerify walks every volunteer's hash chain of the hours ledger and fails at the first break.
func ledgerVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	f := newFlags("verify-ledger", getenv, stderr)
	dsn := f.string("db", "erikti.db", "SQLite file path or postgres:// URL")
	if err := f.parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dsn)
	if err != nil {
		return err
	}
	defer st.Close()
	n, err := st.VerifyLedger(ctx)
	if err != nil {
		return fmt.Errorf("%d entries sound, then: %w", n, err)
	}
	fmt.Fprintf(stdout, "the hours ledger is intact: %d entries\n", n)
	return nil
}
