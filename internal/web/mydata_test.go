package web

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The personal-data download decodes into its own type, and holds what erikti knows of the reader:
// their account, their organization and role, their second factor, their sessions and tokens.
func TestMyDataDecodesIntoItsType(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		w := a.world(3)
		b := a.browser("en")
		b.signIn(t, w.coord)
		p := b.get("/me/data.json").must(t, 200)
		var d myDataExport
		dec := json.NewDecoder(strings.NewReader(p.body))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("the export does not decode into myDataExport: %v\n%s", err, p.body)
		}
		if d.Account.ID != w.coord.ID || d.Account.Email != w.coord.Email || !d.TwoFactor.On {
			t.Errorf("account: %+v, two factor %v", d.Account, d.TwoFactor)
		}
		if len(d.Memberships) != 1 || d.Memberships[0].Organization.ID != w.orgID || d.Memberships[0].Organization.Name.KK != "Жасыл Алматы" ||
			d.Memberships[0].Role == "" {
			t.Errorf("memberships: %+v", d.Memberships)
		}
		if len(d.Sessions) == 0 || len(d.APITokens) == 0 || len(d.Actions) == 0 || len(d.Consents) == 0 {
			t.Errorf("sessions %d, tokens %d, actions %d, consents %d", len(d.Sessions), len(d.APITokens), len(d.Actions), len(d.Consents))
		}
		if _, err := time.Parse(time.RFC3339, d.ExportedAt); err != nil {
			t.Errorf("exported_at: %v", err)
		}
	})
}
