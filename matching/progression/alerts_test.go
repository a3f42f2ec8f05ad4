package progression

import (
	"strings"
	"testing"

	"placering/models"
)

func TestAlerts(t *testing.T) {
	active := []models.Placement{placement(1)}
	ordinary := func(rows []models.WeeklyHours, h float64) []models.WeeklyHours {
		for i := range rows {
			rows[i].Ordinary = min(h, rows[i].Worked)
		}
		return rows
	}
	cases := []struct {
		name string
		c    Citizen
		asOf models.Date
		// want is the alert expected (with key, due and severity when set);
		// none lists kinds that must not be raised.
		want     Kind
		key      string
		due      models.Date
		severity Severity
		inMsg    string
		none     []Kind
		noKey    string // no alert's key starts with this
	}{
		// Stagnation.
		{name: "stagnation after 4 flat weeks", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 15, 15, 15, 15, 15)), asOf: wednesday(5),
			want: KindStagnation, key: "stagnation:c1:2027-W02", due: models.NewDate(2027, 2, 14), severity: SeverityWarning, inMsg: "ikke steget i 4 uger",
			none: []Kind{KindShortfall, KindPlanReached}},
		{name: "3 flat weeks is not yet stagnation", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 15, 15, 15, 15)), asOf: wednesday(4),
			none: []Kind{KindStagnation}},
		{name: "the stagnation key holds while it lasts", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 15, 15, 15, 15, 15, 15)), asOf: wednesday(6),
			want: KindStagnation, key: "stagnation:c1:2027-W02", inMsg: "ikke steget i 5 uger"},
		{name: "stale hours raise no stagnation", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 15, 15, 15, 15, 15)), asOf: wednesday(9),
			none: []Kind{KindStagnation, KindShortfall}},
		{name: "no stagnation without a running placement", c: citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementCompleted, wednesday(5))},
			worked(1, w01, 10, 15, 15, 15, 15, 15)), asOf: wednesday(5), none: []Kind{KindStagnation}},

		// Shortfall against the plan.
		{name: "under 75 % two weeks running", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 10, 15, 15, 12, 12)), asOf: wednesday(5),
			want: KindShortfall, key: "under_plan:c1:2027-W05", due: models.NewDate(2027, 2, 14), severity: SeverityWarning, inMsg: "12 af 20 planlagte",
			none: []Kind{KindStagnation}},
		{name: "one week under is not a shortfall", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 10, 15, 15, 12)), asOf: wednesday(4),
			none: []Kind{KindShortfall}},
		{name: "exactly 75 % is not under", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 10, 15, 15, 15, 15)), asOf: wednesday(5),
			none: []Kind{KindShortfall}},

		// Absence.
		{name: "absence two weeks running", c: citizen(models.Gruppe1, active, absent(worked(1, w01, 10, 10, 0, 0), 15, models.AbsenceIllness, 2, 3)), asOf: wednesday(3),
			want: KindAbsence, key: "fravaer:c1:2027-W03", due: models.NewDate(2027, 1, 31), inMsg: "(sygdom)",
			none: []Kind{KindShortfall}},
		{name: "a single week of absence is no streak", c: citizen(models.Gruppe1, active, absent(worked(1, w01, 10, 10, 15, 0), 15, models.AbsenceNoShow, 3)), asOf: wednesday(3),
			none: []Kind{KindAbsence}},
		{name: "a little absence beside more work is no absence week", c: citizen(models.Gruppe1, active, absent(worked(1, w01, 10, 10, 12, 12), 3, models.AbsenceOther, 2, 3)), asOf: wednesday(3),
			none: []Kind{KindAbsence}},

		// Plan reached.
		{name: "target worked two weeks running", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 10, 15, 15, 20, 20)), asOf: wednesday(5),
			want: KindPlanReached, key: "plan_naaet:p1:20", severity: SeverityInfo, inMsg: "20 timer om ugen er nået 2 uger",
			none: []Kind{KindStagnation, KindShortfall}},
		{name: "at target no stagnation", c: citizen(models.Gruppe1, active, worked(1, w01, 20, 20, 20, 20, 20, 20)), asOf: wednesday(5),
			want: KindPlanReached, none: []Kind{KindStagnation}},

		// Re-visitation.
		{name: "group 2 hours past the threshold", c: citizen(models.Gruppe2, active, worked(1, w01, 10, 15, 15, 16, 16)), asOf: wednesday(4),
			want: KindRevisitation, key: "genvisitation:c1:2026-12-01", severity: SeverityInfo, inMsg: "15,5 timer"},
		{name: "group 2 below the threshold", c: citizen(models.Gruppe2, active, worked(1, w01, 10, 15, 14, 14, 14)), asOf: wednesday(4),
			none: []Kind{KindRevisitation}},
		{name: "group 1 is not re-visitated up", c: citizen(models.Gruppe1, active, worked(1, w01, 10, 15, 15, 16, 16)), asOf: wednesday(4),
			none: []Kind{KindRevisitation}},

		// Deadlines.
		{name: "group 1 placement deadline nears", c: citizen(models.Gruppe1, nil, nil), asOf: models.NewDate(2027, 2, 20),
			want: KindDeadline, key: "frist:gruppe1_placering_13:c1:2027-03-02", due: models.NewDate(2027, 3, 2), severity: SeverityWarning, inMsg: "2. marts 2027 (om 10 dage)"},
		{name: "group 1 placement deadline overdue", c: citizen(models.Gruppe1, nil, nil), asOf: models.NewDate(2027, 3, 10),
			want: KindDeadline, severity: SeverityOverdue, inMsg: "overskredet for 8 dage siden"},
		{name: "too early to warn", c: citizen(models.Gruppe1, nil, nil), asOf: models.NewDate(2027, 2, 10), none: []Kind{KindDeadline}},
		{name: "a plan for a placement meets group 1's 13 weeks", c: citizen(models.Gruppe1, []models.Placement{planned(models.NewDate(2027, 4, 1), models.KindPraktik)}, nil),
			asOf: models.NewDate(2027, 2, 20), none: []Kind{KindDeadline}},
		{name: "a planned placement does not meet group 2's 26 weeks", c: citizen(models.Gruppe2, []models.Placement{planned(models.NewDate(2027, 7, 1), models.KindPraktik)}, nil),
			asOf: models.NewDate(2027, 5, 25), want: KindDeadline, key: "frist:gruppe2_placering_26:c1:2027-06-01"},
		{name: "a started placement meets group 2's 26 weeks", c: citizen(models.Gruppe2, active, nil), asOf: models.NewDate(2027, 5, 25),
			noKey: "frist:gruppe2_placering_26:"},
		{name: "group 3's decision is a milestone", c: citizen(models.Gruppe3, active, nil), asOf: models.NewDate(2027, 5, 1),
			want: KindDeadline, key: "frist:gruppe3_afgoerelse_23:c1:2027-05-11", inMsg: "rehabiliteringsteamet"},
		{name: "fleksjob-approved without a fleksjob", c: citizen(models.LedigFleksjobvisitert, active, nil), asOf: models.NewDate(2027, 5, 25),
			want: KindDeadline, key: "frist:fleksjob_26:c1:2027-06-01"},
		{name: "fleksjob-approved in a fleksjob", c: citizen(models.LedigFleksjobvisitert, []models.Placement{kind(placement(1), models.KindFleksjob)}, nil), asOf: models.NewDate(2027, 5, 25),
			none: []Kind{KindDeadline}},
		{name: "refugee offer within 4 weeks of arrival", c: refugee(models.NewDate(2027, 2, 1), nil), asOf: models.NewDate(2027, 2, 20),
			want: KindDeadline, key: "frist:flygtning_tilbud_4:c1:2027-03-01"},
		{name: "a planned praktik is the refugee's offer", c: refugee(models.NewDate(2027, 2, 1), []models.Placement{planned(models.NewDate(2027, 3, 8), models.KindPraktik)}),
			asOf: models.NewDate(2027, 2, 20), none: []Kind{KindDeadline}},
		{name: "ordinary hours meet group 1's job deadline", c: entered(citizen(models.Gruppe1, active, ordinary(worked(1, w01, 10, 10), 3)), models.NewDate(2026, 1, 20)),
			asOf: models.NewDate(2027, 1, 12), none: []Kind{KindDeadline}},
		{name: "praktik without ordinary hours is no job", c: entered(citizen(models.Gruppe1, active, worked(1, w01, 10, 10)), models.NewDate(2026, 1, 20)),
			asOf: models.NewDate(2027, 1, 12), want: KindDeadline, key: "frist:gruppe1_job_52:c1:2027-01-19"},

		// Re-placement after an interrupted placement.
		{name: "interrupted: find a new praktik within 6 weeks", c: citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementInterrupted, models.NewDate(2027, 2, 1))}, nil),
			asOf: models.NewDate(2027, 2, 10), want: KindReplacement, key: "genplacering:p1", due: models.NewDate(2027, 3, 15), severity: SeverityWarning, inMsg: "1. februar 2027"},
		{name: "re-placement overdue", c: citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementInterrupted, models.NewDate(2027, 2, 1))}, nil),
			asOf: models.NewDate(2027, 3, 20), want: KindReplacement, severity: SeverityOverdue},
		{name: "a new placement resolves the re-placement", c: citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementInterrupted, models.NewDate(2027, 2, 1)),
			withID(planned(models.NewDate(2027, 3, 1), models.KindPraktik), 2)}, nil), asOf: models.NewDate(2027, 2, 10), none: []Kind{KindReplacement}},
		{name: "a completed placement needs no re-placement", c: citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementCompleted, models.NewDate(2027, 2, 1))}, nil),
			asOf: models.NewDate(2027, 2, 10), none: []Kind{KindReplacement}},

		// The 225-hour rule.
		{name: "too few ordinary hours", c: entered(citizen(models.Gruppe1, active, worked(1, w01, 10, 10)), models.NewDate(2026, 6, 1)), asOf: models.NewDate(2027, 3, 3),
			want: KindRule225, key: "timer_225:c1:2027-03", due: models.NewDate(2027, 3, 31), inMsg: "Kun 0 ordinære timer"},
		{name: "enough ordinary hours for the time under the rule", c: entered(citizen(models.Gruppe1, active, ordinary(worked(1, w01, 40, 40, 40, 40, 40), 40)), models.NewDate(2026, 6, 1)),
			asOf: models.NewDate(2027, 3, 3), none: []Kind{KindRule225}},
		{name: "too early under the rule to judge", c: entered(citizen(models.Gruppe1, active, nil), models.NewDate(2027, 1, 1)), asOf: models.NewDate(2027, 3, 3),
			none: []Kind{KindRule225}},
		{name: "exempt group", c: entered(citizen(models.Gruppe3, active, nil), models.NewDate(2026, 1, 1)), asOf: models.NewDate(2027, 3, 3),
			none: []Kind{KindRule225}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			as := Analyse(tc.c, DefaultSettings(), tc.asOf, WindowOnly).Alerts
			got := kinds(as)
			for _, k := range tc.none {
				if a, ok := got[k]; ok {
					t.Errorf("unexpected %s alert: %+v", k, a)
				}
			}
			for _, a := range as {
				if tc.noKey != "" && strings.HasPrefix(a.Key, tc.noKey) {
					t.Errorf("unexpected alert: %+v", a)
				}
				if a.CitizenID != 1 || a.Message == "" || a.Key == "" || !strings.HasPrefix(a.Key, string(a.Kind)+":") || a.Due.IsZero() {
					t.Errorf("incomplete alert: %+v", a)
				}
			}
			if tc.want == "" {
				return
			}
			a, ok := got[tc.want]
			if !ok {
				t.Fatalf("no %s alert; got %+v", tc.want, as)
			}
			if tc.key != "" && a.Key != tc.key {
				t.Errorf("key = %q, want %q", a.Key, tc.key)
			}
			if !tc.due.IsZero() && a.Due != tc.due {
				t.Errorf("due = %s, want %s", a.Due, tc.due)
			}
			if tc.severity != "" && a.Severity != tc.severity {
				t.Errorf("severity = %s, want %s", a.Severity, tc.severity)
			}
			if !strings.Contains(a.Message, tc.inMsg) {
				t.Errorf("message %q lacks %q", a.Message, tc.inMsg)
			}
		})
	}
}

func TestStagnationKeyChangesAfterAnIncrease(t *testing.T) {
	flat := citizen(models.Gruppe1, []models.Placement{placement(1)}, worked(1, w01, 10, 15, 15, 15, 15, 15))
	before := kinds(Analyse(flat, DefaultSettings(), wednesday(5), WindowOnly).Alerts)[KindStagnation].Key
	rose := citizen(models.Gruppe1, []models.Placement{placement(1)}, worked(1, w01, 10, 15, 15, 15, 15, 15, 17, 17, 17, 17, 17))
	after := kinds(Analyse(rose, DefaultSettings(), wednesday(10), WindowOnly).Alerts)[KindStagnation].Key
	if before == "" || after == "" || before == after {
		t.Fatalf("an acknowledged stagnation would hide the next one: %q then %q", before, after)
	}
}

func TestSettingsDrivesAlerts(t *testing.T) {
	c := citizen(models.Gruppe1, []models.Placement{placement(1)}, worked(1, w01, 10, 15, 15, 15))
	s := DefaultSettings()
	if _, ok := kinds(Analyse(c, s, wednesday(3), WindowOnly).Alerts)[KindStagnation]; ok {
		t.Fatal("stagnation after 2 weeks with the default of 4")
	}
	s.StagnationWeeks = 2
	if _, ok := kinds(Analyse(c, s, wednesday(3), WindowOnly).Alerts)[KindStagnation]; !ok {
		t.Fatal("a jobcentre's own threshold of 2 weeks is ignored")
	}
}

func TestSettingsValidate(t *testing.T) {
	s := DefaultSettings()
	if errs := s.Validate(); len(errs) != 0 {
		t.Fatalf("defaults invalid: %v", errs)
	}
	s.StagnationWeeks = 0
	s.ShortfallShare = 1.5
	s.Rule225Groups = append(s.Rule225Groups, "gruppe9")
	s.Deadlines = append(s.Deadlines, Deadline{Code: "gruppe1_job_52", TargetGroup: models.Gruppe1, From: "i_går", Weeks: 0, Requirement: "alt"})
	errs := s.Validate()
	for _, f := range []string{"stagnation_weeks", "shortfall_share", "rule_225_groups", "deadlines[8].code", "deadlines[8].from",
		"deadlines[8].weeks", "deadlines[8].requirement", "deadlines[8].label"} {
		if !errs.Has(f) {
			t.Errorf("no error for %s: %v", f, errs)
		}
	}
}

func TestAlertsAreSortedByDue(t *testing.T) {
	c := citizen(models.Gruppe1, []models.Placement{ended(placement(1), models.PlacementInterrupted, models.NewDate(2027, 2, 1))}, nil)
	c.GroupEnteredOn = models.NewDate(2026, 1, 1)
	as := Analyse(c, DefaultSettings(), models.NewDate(2027, 2, 10), WindowOnly).Alerts
	if len(as) < 3 {
		t.Fatalf("want deadline, re-placement and 225 alerts, got %+v", as)
	}
	for i := 1; i < len(as); i++ {
		if as[i].Due.Before(as[i-1].Due) {
			t.Fatalf("not sorted by due: %+v", as)
		}
	}
}

func ended(p models.Placement, status models.PlacementStatus, on models.Date) models.Placement {
	p.Status, p.EndedOn = status, on
	return p
}

func planned(start models.Date, k models.Kind) models.Placement {
	return models.Placement{ID: 9, CitizenID: 1, Kind: k, StartDate: start, EndDate: models.DefaultEndDate(k, start), Status: models.PlacementPlanned}
}

func kind(p models.Placement, k models.Kind) models.Placement { p.Kind = k; return p }

func withID(p models.Placement, id int64) models.Placement { p.ID = id; return p }

func entered(c Citizen, on models.Date) Citizen { c.GroupEnteredOn = on; return c }

func refugee(arrival models.Date, ps []models.Placement) Citizen {
	c := citizen(models.Flygtning, ps, nil)
	c.ArrivalDate = arrival
	return c
}

func TestKeySubject(t *testing.T) {
	cases := []struct {
		key       string
		citizen   int64
		placement int64
	}{
		{"stagnation:c12:2027-W02", 12, 0},
		{"frist:gruppe1_placering_13:c7:2027-03-02", 7, 0},
		{"genplacering:p44", 0, 44},
		{"plan_naaet:p3:20", 0, 3},
		{"ukendt:c5", 0, 0},
		{"stagnation", 0, 0},
		{"frist:code:cx:2027", 0, 0},
		{"frist:p9:c7:2027-03-02", 7, 0}, // a deadline code that looks like a subject
	}
	for _, tc := range cases {
		c, p := KeySubject(tc.key)
		if c != tc.citizen || p != tc.placement {
			t.Errorf("KeySubject(%q) = %d, %d; want %d, %d", tc.key, c, p, tc.citizen, tc.placement)
		}
	}
}
