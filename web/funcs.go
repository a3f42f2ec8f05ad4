package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"placering/models"
)

func funcs() template.FuncMap {
	return template.FuncMap{
		// Danish labels for codes.
		"branchLabel":      models.BranchLabel,
		"kindLabel":        func(k models.Kind) string { return orCode(k.Label(), string(k)) },
		"statusLabel":      func(s models.OpeningStatus) string { return orCode(s.Label(), string(s)) },
		"targetGroupLabel": func(g models.TargetGroup) string { return orCode(g.Label(), string(g)) },
		"roleLabel":        func(r models.Role) string { return orCode(r.Label(), string(r)) },
		"danishLabel":      func(l models.DanishLevel) string { return orCode(l.Label(), string(l)) },
		"physicalLabel":    func(p models.PhysicalDemand) string { return orCode(p.Label(), string(p)) },
		// Option lists for selects and checkbox groups.
		"branchOptions":      models.BranchOptions,
		"kindOptions":        models.KindOptions,
		"statusOptions":      models.StatusOptions,
		"targetGroupOptions": models.TargetGroupOptions,
		"danishOptions":      models.DanishLevelOptions,
		"physicalOptions":    models.PhysicalDemandOptions,
		// Formatting.
		"date":      FormatDate,
		"dateShort": FormatDateShort,
		"cpr":       MaskCPR,
		"num":       FormatNumber,
		"yesNo":     func(b bool) string { return map[bool]string{true: "Ja", false: "Nej"}[b] },
		"plural":    func(n int64, one, many string) string { return map[bool]string{true: one, false: many}[n == 1] },
		// Forms.
		"fld":    input,
		"sel":    selectField,
		"box":    checkbox,
		"checks": checkboxes,
		"fid":    FieldID,
		// Assets with a content hash in the URL, so they can be cached forever.
		"asset": AssetURL,
		"add":   func(a, b int) int { return a + b },
		// Language: {{tr $.Lang "Dansk tekst"}} (i18n.go).
		"tr": func(lang, da string) string { return Translate(lang, da) },
		// {{sel $f "kind" (trOptions $.Lang kindOptions)}}: option labels in the page's language.
		"trOptions": TranslateOptions,
	}
}

func orCode(label, code string) string {
	if label == "" {
		return code
	}
	return label
}

var monthsShort = [...]string{"jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."}

// FormatDate writes a date the Danish way, "15. jan. 2027", or "–" when
// unset. It accepts models.Date, time.Time and *time.Time.
func FormatDate(v any) string {
	var t time.Time
	switch d := v.(type) {
	case models.Date:
		t = d.Time()
	case time.Time:
		t = d.Local()
	case *time.Time:
		if d != nil {
			t = d.Local()
		}
	}
	if t.IsZero() {
		return "–"
	}
	return strconv.Itoa(t.Day()) + ". " + monthsShort[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// FormatDateShort writes "15-01-2027" (dd-mm-åååå), for dense tables.
func FormatDateShort(d models.Date) string {
	if d.IsZero() {
		return "–"
	}
	return d.Time().Format("02-01-2006")
}

// MaskCPR shows a CPR number as DDMMYY-XXXX whatever it is given: an
// already masked value passes through, and a full number (which should
// never reach a template) loses its last four digits rather than leak.
func MaskCPR(s string) string {
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if len(digits) < 6 {
		return "–"
	}
	return digits[:6] + "-XXXX"
}

// FormatNumber writes a number with a decimal comma and no trailing zeros:
// 37.5 becomes "37,5", 20 becomes "20".
func FormatNumber(v any) string {
	switch n := v.(type) {
	case int:
		return strconv.Itoa(n)
	case int64:
		return strconv.FormatInt(n, 10)
	case float64:
		return strings.Replace(strconv.FormatFloat(n, 'f', -1, 64), ".", ",", 1)
	}
	return ""
}
