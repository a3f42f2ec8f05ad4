package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strconv"
	"strings"
	"testing"
)

// FuzzCSV: the report's CSV starts with a byte-order mark, reads back with
// a semicolon CSV reader to exactly the labels and figures written (line
// breaks as a reader gives them), and every decimal uses a comma and
// parses back to the figure rounded to its places.
// Run with go test -run '^$' -fuzz '^FuzzCSV$' -fuzztime 10s ./matching/report
func FuzzCSV(f *testing.F) {
	f.Add("2027-01", "Gruppe 2; aktivitetsparat", "Løntilskud", "Lager \"og\" logistik", 12, 0.25, -3.5)
	f.Add("", "=SUM(A1)", "a\nb", "\r\n", 0, math.NaN(), math.Inf(1))
	f.Add("x", "ø", "\xff", ";", -1, 1e300, -0.0)
	f.Fuzz(func(t *testing.T, month, group, kind, branch string, n int, share, hours float64) {
		r := MonthlyReport{Months: []ReportMonth{{Month: month, Groups: []ReportGroup{{
			TargetGroupLabel: group, Citizens: n, Share: &share, AvgWeeklyHours: &hours,
			Started: []KindBranchCount{{KindLabel: kind, BranchLabel: branch, Count: n}},
		}}}}}
		var buf bytes.Buffer
		if err := r.WriteCSV(&buf); err != nil {
			t.Fatal(err)
		}
		out, ok := bytes.CutPrefix(buf.Bytes(), []byte("\ufeff"))
		if !ok {
			t.Fatal("no byte-order mark")
		}
		cr := csv.NewReader(bytes.NewReader(out))
		cr.Comma = ';'
		rows, err := cr.ReadAll()
		if err != nil {
			t.Fatalf("the CSV does not read back: %v\n%s", err, out)
		}
		norm := func(s string) string { return strings.ReplaceAll(s, "\r\n", "\n") }
		for _, row := range rows[1:] {
			if len(row) != 7 {
				t.Fatalf("row of %d columns: %q", len(row), row)
			}
			if row[0] != norm(month) && !strings.ContainsRune(month, '\r') {
				t.Fatalf("month %q read back as %q", month, row[0])
			}
			if row[1] != norm(group) && !strings.ContainsRune(group, '\r') {
				t.Fatalf("group %q read back as %q", group, row[1])
			}
			switch row[2] {
			case "Borgere":
				if row[6] != strconv.Itoa(n) {
					t.Fatalf("citizens %d read back as %q", n, row[6])
				}
			case "Placeringer startet":
				if (row[3] != norm(kind) && !strings.ContainsRune(kind, '\r')) || (row[4] != norm(branch) && !strings.ContainsRune(branch, '\r')) {
					t.Fatalf("kind/branch %q/%q read back as %q/%q", kind, branch, row[3], row[4])
				}
			case "Andel i placering eller med ordinære timer":
				checkDecimal(t, row[6], share, 3)
			case "Gennemsnitlige timer pr. uge":
				checkDecimal(t, row[6], hours, 1)
			}
		}
	})
}

func checkDecimal(t *testing.T, got string, v float64, places int) {
	t.Helper()
	if math.IsNaN(v) {
		if got != "" {
			t.Fatalf("NaN written as %q", got)
		}
		return
	}
	if strings.Contains(got, ".") {
		t.Fatalf("%v written with a decimal point: %q", v, got)
	}
	back, err := strconv.ParseFloat(strings.Replace(got, ",", ".", 1), 64)
	if err != nil {
		t.Fatalf("%v written as %q, which does not parse: %v", v, got, err)
	}
	if !math.IsInf(v, 0) && math.Abs(back-v) > 0.5*math.Pow(10, -float64(places))*(1+1e-9)+math.Abs(v)*1e-15 {
		t.Fatalf("%v written as %q", v, got)
	}
}
