package main

import (
	"context"
	"io"

	"erikti/internal/store"
)

// ledgerVerify walks every volunteer's hash chain of the hours ledger and fails at the first break.
func ledgerVerify(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return verifyChain(ctx, "verify-ledger", "the hours ledger", (*store.Store).VerifyLedger, args, getenv, stdout, stderr)
}
