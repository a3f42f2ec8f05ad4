package access

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"placering/models"
)

func ptr(v int64) *int64 { return &v }

// The actors of the matrix: company 10 belongs to jobcentre 1, company 20
// to jobcentre 2.
var actors = []struct {
	name string
	user *models.User
}{
	{"admin", &models.User{ID: 1, Role: models.RoleAdmin}},
	{"kons1", &models.User{ID: 2, Role: models.RoleConsultant, JobcentreID: ptr(1)}},
	{"kons2", &models.User{ID: 3, Role: models.RoleConsultant, JobcentreID: ptr(2)}},
	{"arb10", &models.User{ID: 4, Role: models.RoleEmployer, CompanyID: ptr(10)}},
	{"arb20", &models.User{ID: 5, Role: models.RoleEmployer, CompanyID: ptr(20)}},
	{"event1", &models.User{ID: 6, Role: models.RoleEventStaff, JobcentreID: ptr(1)}},
}

// matrix is the permission matrix. Rows: kind, action, the resource ("-"
// for the kind as a whole, "jc1" for a row of jobcentre 1, "jc1/c10" for a
// row of jobcentre 1 and company 10; ":employer" after it names the role
// an invitation is to; "u4" for a row of user 4, such as a notification). Columns: one outcome per actor above:
// ja (allowed), nej (refused, 403) or skjult (reported as not found, 404).
const matrix = `
kind                      action   resource  admin kons1 kons2  arb10  arb20  event1
jobcentre                 read     -         ja    ja    ja     ja     ja     ja
jobcentre                 create   -         ja    nej   nej    nej    nej    nej
jobcentre                 update   jc1       ja    nej   nej    nej    nej    nej
jobcentre                 read     jc1       ja    ja    ja     ja     ja     ja
jobcentre                 update   -         ja    nej   nej    nej    nej    nej
jobcentre                 archive  jc1       ja    nej   nej    nej    nej    nej
user                      read     -         ja    ja    ja     nej    nej    nej
user                      read     jc1       ja    ja    nej    nej    nej    nej
user                      create   -         ja    nej   nej    nej    nej    nej
user                      archive  jc1       ja    nej   nej    nej    nej    nej
user                      update   -         ja    nej   nej    nej    nej    nej
user                      update   jc1       ja    nej   nej    nej    nej    nej
company                   read     -         ja    ja    ja     ja     ja     ja
company                   read     jc1/c10   ja    ja    ja     ja     skjult ja
company                   create   -         ja    ja    ja     nej    nej    nej
company                   update   jc1/c10   ja    ja    nej    ja     skjult nej
company                   archive  jc1/c10   ja    ja    nej    nej    nej    nej
virksomhedscenter         read     jc1/c10   ja    ja    ja     ja     skjult ja
virksomhedscenter         create   -         ja    ja    ja     nej    nej    nej
virksomhedscenter         update   jc1/c10   ja    ja    nej    nej    nej    nej
virksomhedscenter         archive  jc1/c10   ja    ja    nej    nej    nej    nej
opening                   read     -         ja    ja    ja     ja     ja     ja
opening                   read     jc1/c10   ja    ja    ja     ja     skjult ja
opening                   create   -         ja    ja    ja     ja     ja     nej
opening                   create   jc1/c10   ja    ja    nej    ja     nej    nej
opening                   update   jc1/c10   ja    ja    nej    ja     skjult nej
opening                   archive  jc1/c10   ja    ja    nej    ja     skjult nej
opening_review            read     -         ja    ja    ja     skjult skjult skjult
opening_review            read     jc1/c10   ja    ja    skjult ja     skjult skjult
opening_review            update   -         ja    ja    ja     nej    nej    nej
opening_review            update   jc1/c10   ja    ja    nej    nej    nej    nej
citizen                   read     -         ja    ja    ja     nej    nej    nej
citizen                   read     jc1       ja    ja    skjult nej    nej    nej
citizen                   create   jc1       ja    ja    skjult nej    nej    nej
citizen                   update   jc1       ja    ja    skjult nej    nej    nej
citizen                   archive  jc1       ja    ja    skjult nej    nej    nej
citizen                   erase    -         ja    ja    ja     nej    nej    nej
citizen                   erase    jc1       ja    ja    skjult nej    nej    nej
placement                 read     -         ja    ja    ja     ja     ja     nej
placement                 read     jc1/c10   ja    ja    skjult ja     skjult nej
placement                 create   -         ja    ja    ja     nej    nej    nej
placement                 update   jc1/c10   ja    ja    skjult nej    nej    nej
hours                     read     jc1/c10   ja    ja    skjult ja     skjult nej
hours                     update   jc1/c10   ja    ja    skjult ja     skjult nej
match                     read     -         ja    ja    ja     nej    nej    nej
match                     update   jc1       ja    ja    skjult nej    nej    nej
candidates                read     -         ja    ja    ja     ja     ja     nej
candidates                read     jc1/c10   ja    ja    ja     ja     skjult nej
rules                     read     -         ja    ja    ja     ja     ja     nej
rules                     read     jc1/c10   ja    ja    nej    ja     nej    nej
settings                  read     jc1       ja    ja    nej    nej    nej    nej
settings                  update   jc1       ja    nej   nej    nej    nej    nej
settings_history          read     jc1       ja    ja    nej    nej    nej    nej
alert                     read     jc1       ja    ja    skjult nej    nej    nej
alert                     update   jc1       ja    ja    skjult nej    nej    nej
report                    read     jc1       ja    ja    nej    nej    nej    nej
audit                     read     jc1       ja    ja    nej    nej    nej    nej
search_openings           read     -         ja    ja    ja     ja     ja     ja
search_companies          read     -         ja    ja    ja     nej    nej    ja
search_virksomhedscentre  read     -         ja    ja    ja     nej    nej    ja
mail                      read     -         ja    nej   nej    nej    nej    nej
login_config              read     jc1       ja    nej   nej    nej    nej    nej
login_config              update   jc1       ja    nej   nej    nej    nej    nej
invitation                read     -         ja    ja    ja     nej    nej    nej
invitation                read     jc1       ja    ja    skjult nej    nej    nej
invitation                create   -         ja    ja    ja     nej    nej    nej
invitation                create   jc1/c10:employer ja ja nej  nej    nej    nej
invitation                create   jc1:event_staff  ja ja nej  nej    nej    nej
invitation                create   jc1:consultant   ja nej nej nej    nej    nej
invitation                create   -:admin          ja nej nej nej    nej    nej
invitation                archive  jc1/c10:employer ja ja skjult nej  nej    nej
invitation                archive  jc1:consultant   ja nej skjult nej  nej    nej
interest                  create   jc1/c10   nej   nej   nej    ja     skjult nej
interest                  read     jc1/c10   ja    ja    nej    ja     skjult nej
reference                 read     jc1/c10   ja    ja    skjult ja     skjult nej
reference                 update   jc1/c10   nej   nej   skjult ja     skjult nej
hour_confirmation         create   -         nej   nej   nej    ja     ja     nej
hour_confirmation         create   jc1/c10   nej   nej   skjult ja     skjult nej
notification              read     -         ja    ja    ja     ja     ja     ja
notification              read     u4        skjult skjult skjult ja  skjult skjult
notification              update   -         ja    ja    ja     ja     ja     ja
notification              update   u2        skjult ja  skjult skjult skjult skjult
employer_home             read     -         nej   nej   nej    ja     ja     nej
employer_home             read     jc1/c10   nej   nej   nej    ja     skjult nej
`

func parseResource(kind, s string) Resource {
	s, role, _ := strings.Cut(s, ":") // "jc1/c10:employer": an invitation to that role
	r := Resource{Kind: Kind(kind), Role: models.Role(role)}
	if s == "-" {
		return r
	}
	if strings.HasPrefix(s, "u") { // "u4": a row of user 4
		fmt.Sscanf(s, "u%d", &r.UserID)
		return r
	}
	jc, co, _ := strings.Cut(s, "/")
	fmt.Sscanf(jc, "jc%d", &r.JobcentreID)
	if co != "" {
		fmt.Sscanf(co, "c%d", &r.CompanyID)
	}
	return r
}

func outcome(err error) string {
	switch models.ErrorCode(err) {
	case "":
		return "ja"
	case models.EForbidden:
		return "nej"
	case models.ENotFound:
		return "skjult"
	}
	return "fejl:" + string(models.ErrorCode(err))
}

func TestPermissionMatrix(t *testing.T) {
	lines := strings.Split(strings.TrimSpace(matrix), "\n")
	seen := map[Kind]map[Action]bool{}
	for _, line := range lines[1:] {
		f := strings.Fields(line)
		if len(f) != 3+len(actors) {
			t.Fatalf("malformed matrix row %q", line)
		}
		res := parseResource(f[0], f[2])
		act := Action(f[1])
		if seen[res.Kind] == nil {
			seen[res.Kind] = map[Action]bool{}
		}
		seen[res.Kind][act] = true
		for i, a := range actors {
			err := Can(a.user, act, res)
			if got, want := outcome(err), f[3+i]; got != want {
				t.Errorf("%s %s %s as %s: got %s (%v), want %s", f[0], f[1], f[2], a.name, got, err, want)
			}
			if err != nil {
				msg := models.ErrorMessage(err)
				if msg == "" || !strings.HasSuffix(msg, ".") || strings.ContainsAny(msg[:1], "abcdefghijklmnopqrstuvwxyzæøå") {
					t.Errorf("%s %s as %s: message %q is not a Danish sentence", f[0], f[1], a.name, msg)
				}
			}
			if Allowed(a.user, act, res) != (err == nil) {
				t.Errorf("Allowed disagrees with Can for %s %s as %s", f[0], f[1], a.name)
			}
		}
	}
	// Every rule in the table appears in the matrix, so no rule goes
	// untested.
	for k, byAction := range rules {
		for a := range byAction {
			if !seen[k][a] && !(k == User && a == Update) &&
				!(k == Hours && a == Create) && !(k == Match && a == Create) && !(k == Placement && a == Archive) {
				t.Errorf("rule %s %s has no row in the matrix", k, a)
			}
		}
	}
}

func TestUnknownKindActionAndArchivedUserAreRefused(t *testing.T) {
	admin := &models.User{Role: models.RoleAdmin}
	if err := Can(admin, Archive, Of(Rules)); models.ErrorCode(err) != models.EForbidden {
		t.Fatalf("unknown action: %v", err)
	}
	if err := Can(admin, Read, Of("nothing")); models.ErrorCode(err) != models.EForbidden {
		t.Fatalf("unknown kind: %v", err)
	}
	if err := Can(nil, Read, Of(Jobcentre)); models.ErrorCode(err) != models.EUnauthenticated {
		t.Fatalf("nil user: %v", err)
	}
	now := time.Now()
	gone := &models.User{Role: models.RoleAdmin}
	gone.ArchivedAt = &now
	if err := Can(gone, Read, Of(Jobcentre)); models.ErrorCode(err) != models.EUnauthenticated {
		t.Fatalf("archived user: %v", err)
	}
	if !errors.Is(Can(actors[2].user, Read, Row(Citizen, 1, 0)), models.ErrNotFound) {
		t.Fatal("errors.Is does not match the code")
	}
}

func TestScope(t *testing.T) {
	admin, kons1, arb10 := actors[0].user, actors[1].user, actors[3].user
	loose := &models.User{Role: models.RoleConsultant}

	if jc, ok := ScopeOf(admin).ListJobcentre(0); !ok || jc != 0 {
		t.Errorf("admin list all: %d %v", jc, ok)
	}
	if jc, ok := ScopeOf(admin).ListJobcentre(2); !ok || jc != 2 {
		t.Errorf("admin list 2: %d %v", jc, ok)
	}
	if jc, ok := ScopeOf(kons1).ListJobcentre(2); !ok || jc != 1 {
		t.Errorf("consultant lists own only: %d %v", jc, ok)
	}
	if _, ok := ScopeOf(loose).ListJobcentre(0); ok {
		t.Error("a consultant without a jobcentre lists nothing")
	}
	if !ScopeOf(loose).Empty() || ScopeOf(admin).Empty() || ScopeOf(arb10).Empty() {
		t.Error("Empty")
	}
	if ScopeOf(arb10).Includes(1) || !ScopeOf(kons1).Includes(1) || ScopeOf(kons1).Includes(2) || !ScopeOf(admin).Includes(7) {
		t.Error("Includes")
	}

	cases := []struct {
		u     *models.User
		asked int64
		want  int64
		code  models.Code
	}{
		{admin, 2, 2, ""},
		{admin, 0, 0, models.EInvalid},
		{kons1, 0, 1, ""},
		{kons1, 1, 1, ""},
		{kons1, 2, 0, models.EForbidden},
		{loose, 0, 0, models.EForbidden},
		{arb10, 0, 0, models.EForbidden},
	}
	for _, c := range cases {
		got, err := ScopeOf(c.u).Jobcentre(c.asked)
		if got != c.want || models.ErrorCode(err) != c.code {
			t.Errorf("Jobcentre(%d) for %s: %d %v, want %d %s", c.asked, c.u.Role, got, err, c.want, c.code)
		}
	}

	if jc, errs := Tenant(kons1, nil, "borgere"); jc != 1 || errs != nil {
		t.Errorf("tenant own: %d %v", jc, errs)
	}
	if _, errs := Tenant(kons1, ptr(2), "borgere"); !errs.Has("jobcentre_id") || !strings.Contains(errs.For("jobcentre_id"), "borgere") {
		t.Errorf("tenant other: %v", errs)
	}
	if _, errs := Tenant(admin, nil, "borgere"); !errs.Has("jobcentre_id") {
		t.Errorf("admin must name one: %v", errs)
	}
	if jc, errs := Tenant(admin, ptr(3), "borgere"); jc != 3 || errs != nil {
		t.Errorf("admin names one: %d %v", jc, errs)
	}
	if _, errs := Tenant(loose, nil, "borgere"); !errs.Has("jobcentre_id") {
		t.Errorf("loose consultant: %v", errs)
	}
}

// TestPasswordChangeRequiredRefusesEverything: a user who must change a
// generated password may do nothing else, whatever their role.
func TestPasswordChangeRequiredRefusesEverything(t *testing.T) {
	for _, a := range actors {
		u := *a.user
		u.MustChangePassword = true
		for k, byAction := range rules {
			for act := range byAction {
				err := Can(&u, act, Of(k))
				if models.ErrorCode(err) != models.EPasswordChange {
					t.Errorf("%s %s %s with a generated password: %v, want %s", a.name, k, act, err, models.EPasswordChange)
				}
			}
		}
	}
	if msg := models.ErrorMessage(ErrPasswordChange); !strings.HasPrefix(msg, "Du er logget ind med en engangsadgangskode") {
		t.Errorf("message %q", msg)
	}
}

func TestSeesInternalNotes(t *testing.T) {
	for role, want := range map[models.Role]bool{models.RoleAdmin: true, models.RoleConsultant: true, models.RoleEmployer: false, models.RoleEventStaff: false} {
		if got := SeesInternalNotes(&models.User{Role: role}); got != want {
			t.Errorf("%s: %v, want %v", role, got, want)
		}
	}
	if SeesInternalNotes(nil) {
		t.Error("nobody logged in sees notes")
	}
}
