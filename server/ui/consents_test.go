package ui_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestCitizenConsentsForm: the citizen form records consent per kind of
// opening with a box for each, shows when each was given, and a box left
// unticked withdraws that consent.
func TestCitizenConsentsForm(t *testing.T) {
	m := newMatchEnv(t)
	c := m.client()
	c.login(m.consultant.Email)
	loc := "/borgere/" + itoa(m.sara.ID)

	resp, body := c.get(loc + "/rediger")
	wantStatus(t, resp, body, http.StatusOK)
	wantContains(t, body, "Samtykke til at blive vist for arbejdsgivere", `name="consent_kinds" value="fleksjob"`, "Fleksjob", "IGU")
	wantLacks(t, body, "(givet ")

	form := url.Values{"name": {"Sara Sørensen"}, "target_group": {"gruppe1"}, "goal_branch": {"butik_detail"},
		"consent_kinds": {"virksomhedspraktik", "fleksjob"}}
	resp, body = c.post(loc+"/rediger", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(loc)
	wantContains(t, body, "Vises for arbejdsgivere under", "Virksomhedspraktik (givet ", "Fleksjob (givet ")
	_, body = c.get(loc + "/rediger")
	wantContains(t, body, `value="fleksjob" checked`, "Fleksjob (givet ")

	// Untick fleksjob: withdrawn; praktik stays.
	form["consent_kinds"] = []string{"virksomhedspraktik"}
	resp, body = c.post(loc+"/rediger", form)
	wantStatus(t, resp, body, http.StatusSeeOther)
	_, body = c.get(loc)
	wantContains(t, body, "Virksomhedspraktik (givet ")
	wantLacks(t, body, "Fleksjob (givet ")

	// An unknown kind is refused at the field.
	form["consent_kinds"] = []string{"vikariat"}
	resp, body = c.post(loc+"/rediger", form)
	wantStatus(t, resp, body, http.StatusUnprocessableEntity)
	wantContains(t, body, "Ukendt ordning")
}
