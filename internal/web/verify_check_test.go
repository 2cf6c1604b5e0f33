package web

import (
	"context"
	"fmt"
	"net/url"
	"testing"

	"erikti/internal/domain"
)

// TestOfficeDecisionChecksBeforeVerify: the Front Office's decision page proposes "verify" only
// for an organization with a BIN and a contact; for one without, it lists what is missing,
// proposes nothing, and refuses a decision posted with no choice instead of reading it as "verify".
func TestOfficeDecisionChecksBeforeVerify(t *testing.T) {
	each(t, func(t *testing.T, a *app) {
		owner := a.register("Иесі", "1990-01-01")
		create := func(body map[string]any) int64 {
			return id(a.must(201, req{method: "POST", path: "/api/v1/organizations", token: owner.token, body: body}))
		}
		noBIN := create(map[string]any{"name": map[string]string{"kk": "Бинсіз"}, "email": "care@example.kz"})
		noContact := create(map[string]any{"name": map[string]string{"kk": "Байланыссыз"}, "bin": "000740000728"})
		byPhone := create(map[string]any{"name": map[string]string{"kk": "Телефонмен"}, "bin": "000740000728", "phone": "+77011234567"})

		office := a.browser("en")
		office.signIn(t, a.frontOffice())
		verifyChecked := `name="status" value="verified" checked`

		// without a BIN: the list names the BIN only, and no choice is made for the Front Office
		p := office.get(fmt.Sprintf("/office/organizations/%d", noBIN)).must(t, 200)
		p.has(t, `id="missing"`, "Missing before verification", "The BIN (business identification number)", `aria-describedby="missing"`)
		p.lacks(t, verifyChecked, "A contact: an email or a phone", " checked")

		// without an email or a phone: the contact is missing, the BIN is not
		p = office.get(fmt.Sprintf("/office/organizations/%d", noContact)).must(t, 200)
		p.has(t, `id="missing"`, "A contact: an email or a phone").lacks(t, verifyChecked, "The BIN (business identification number)")

		// complete (a phone is contact enough): no list, and "verify" is proposed as before
		office.get(fmt.Sprintf("/office/organizations/%d", byPhone)).must(t, 200).has(t, verifyChecked).lacks(t, `id="missing"`, "Missing before verification")

		// the list is in the reader's language
		ru := a.browser("ru")
		ru.signIn(t, a.frontOffice())
		ru.get(fmt.Sprintf("/office/organizations/%d", noBIN)).must(t, 200).has(t, "Не хватает для проверки", "БИН (бизнес-идентификационный номер)")

		// posting no choice is refused beside the field, with the list still shown; nothing changes
		decide := fmt.Sprintf("/office/organizations/%d", noBIN)
		office.post(decide, url.Values{"reason": {""}}).must(t, 422).has(t, `id="f-status-error"`, `id="missing"`).lacks(t, verifyChecked)
		if o, _ := a.store.Organization(context.Background(), noBIN); o.Status == domain.OrgVerified {
			t.Fatal("a decision with no choice verified the organization")
		}
		// the Front Office may still verify it knowingly
		office.post(decide, url.Values{"status": {"verified"}}).must(t, 303)
		if o, _ := a.store.Organization(context.Background(), noBIN); o.Status != domain.OrgVerified {
			t.Fatalf("status %s after verifying", o.Status)
		}
	})
}
