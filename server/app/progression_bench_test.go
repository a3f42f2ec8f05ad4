package app_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"placering/matching/progression"
	"placering/models"
	"placering/server/app"
	"placering/store"
	"placering/store/storetest"
)

// BenchmarkProgressionAtScale measures issue 5's targets on PostgreSQL
// with 5,000 active placements and two years of weekly hours (about
// 520,000 current rows plus as many revisions):
//
//   - alerts: every alert of the jobcentre (target < 2 s);
//   - bulk200: a bulk save of 200 weeks' hours through the app's rules
//     (target < 200 ms);
//   - report: the monthly report for one month and for twelve (target
//     < 300 ms).
//
// Run it with
//
//	TEST_DATABASE_URL='postgres://postgres@127.0.0.1:5432/test?sslmode=disable' \
//	  go test -run '^$' -bench ProgressionAtScale -benchtime 10x ./server/app/
//
// PROGRESSION_BENCH_PLACEMENTS changes the size (default 5000), and
// PROGRESSION_BENCH_EXPLAIN=1 prints the query plans of the hot queries,
// and PROGRESSION_BENCH_SCHEMA=name keeps the data in that schema between
// runs (generating takes about 40 seconds; drop the schema when done).
func BenchmarkProgressionAtScale(b *testing.B) {
	ctx := context.Background()
	st, ld, dbURL := openProgressionLoad(b)
	if os.Getenv("PROGRESSION_BENCH_EXPLAIN") != "" {
		explain(b, dbURL, ld)
	}
	// A fresh App has empty derived caches: the uncached figures are the
	// cost of computing; the "-cached" ones what a repeated load costs.
	fresh := func() *app.App { return app.New(app.Deps{Store: st, Now: func() time.Time { return loadToday }}) }
	a := fresh()

	b.Run("alerts", func(b *testing.B) {
		var count int
		for i := 0; i < b.N; i++ {
			all, err := fresh().JobcentreAlerts(ctx, store.CitizenFilterLite{JobcentreID: ld.jc.ID})
			if err != nil {
				b.Fatal(err)
			}
			count = len(all)
		}
		b.ReportMetric(float64(count), "alerts")
	})
	b.Run("alerts-cached", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := a.JobcentreAlerts(ctx, store.CitizenFilterLite{JobcentreID: ld.jc.ID}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("alerts-page", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := a.Alerts(ctx, &ld.consultant, app.AlertFilter{Kinds: []string{string(progression.KindStagnation)}}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("bulk200", func(b *testing.B) {
		week := models.ISOWeekOf(models.DateOf(loadToday))
		for i := 0; i < b.N; i++ {
			in := app.BulkHoursInput{Items: make([]app.BulkHoursItem, 200)}
			for j := range in.Items {
				p := ld.active[(i*200+j)%len(ld.active)]
				worked := float64(10 + (i+j)%7)
				in.Items[j] = app.BulkHoursItem{PlacementID: p.ID, ISOWeek: week.String(), HoursInput: models.HoursInput{Worked: &worked}}
			}
			res, err := a.SaveHoursBulk(ctx, &ld.consultant, in)
			if err != nil {
				b.Fatal(err)
			}
			if res.Saved+res.Unchanged != 200 {
				b.Fatalf("saved %d", res.Saved)
			}
		}
	})
	for _, months := range []int{1, 12} {
		to := loadToday.AddDate(0, -1, 0)
		from := to.AddDate(0, 1-months, 0)
		b.Run(fmt.Sprintf("report-%dm", months), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := fresh().MonthlyReport(ctx, &ld.consultant, 0, from.Format("2006-01"), to.Format("2006-01")); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("report-%dm-cached", months), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := a.MonthlyReport(ctx, &ld.consultant, 0, from.Format("2006-01"), to.Format("2006-01")); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// explain prints PostgreSQL's plans of the queries the targets rest on.
func explain(b *testing.B, url string, ld progressionLoad) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	since := models.ISOWeekOf(models.DateOf(loadToday)).AddWeeks(-progression.WindowWeeks).Monday().String()
	week := models.ISOWeekOf(models.DateOf(loadToday)).Monday().String()
	ids := make([]string, 200)
	for i := range ids {
		ids[i] = strconv.FormatInt(ld.active[i].ID, 10)
	}
	jc := strconv.FormatInt(ld.jc.ID, 10)
	for _, q := range []string{
		"SELECT placement_id, citizen_id, week_start, planned, worked, absent, absence_reason, ordinary FROM placement_hours WHERE jobcentre_id = " + jc + " AND week_start >= '" + since + "'",
		"SELECT * FROM placements WHERE archived_at IS NULL AND jobcentre_id = " + jc,
		"SELECT * FROM placement_hours WHERE placement_id IN (" + strings.Join(ids, ",") + ") AND week_start IN ('" + week + "')",
		"SELECT t.week_start, c.target_group, COUNT(*), SUM(t.worked) FROM (SELECT week_start, citizen_id, SUM(worked) AS worked FROM placement_hours WHERE week_start >= '2026-01-29' AND week_start <= '2027-01-28' AND jobcentre_id = " + jc + " GROUP BY week_start, citizen_id) t JOIN citizens c ON c.id = t.citizen_id GROUP BY t.week_start, c.target_group",
		"SELECT DISTINCT citizen_id, CAST(date_trunc('month', week_start + 3) AS date) FROM placement_hours WHERE ordinary > 0 AND week_start >= '2026-02-01' AND week_start <= '2027-01-28' AND jobcentre_id = " + jc,
	} {
		rows, err := db.Query("EXPLAIN (ANALYZE, BUFFERS) " + q)
		if err != nil {
			b.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var line string
			rows.Scan(&line)
			plan = append(plan, line)
		}
		rows.Close()
		b.Logf("%s\n%s", q[:min(len(q), 120)], strings.Join(plan, "\n"))
	}
}

// benchConfig is a fresh schema, or the kept one PROGRESSION_BENCH_SCHEMA
// names.
// openProgressionLoad opens the benchmarks' PostgreSQL store and its load:
// the one kept in PROGRESSION_BENCH_SCHEMA, or else a new one of
// PROGRESSION_BENCH_PLACEMENTS active placements (default 5000). It also
// returns the database URL, for statements the store does not offer.
func openProgressionLoad(b *testing.B) (*store.Store, progressionLoad, string) {
	b.Helper()
	n := 5000
	if v, err := strconv.Atoi(os.Getenv("PROGRESSION_BENCH_PLACEMENTS")); err == nil && v > 0 {
		n = v
	}
	cfg, keep := benchConfig(b)
	st, err := store.Open(context.Background(), cfg)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	ld, ok := loadedProgressionLoad(b, st)
	if !ok {
		t0 := time.Now()
		ld = generateProgressionLoad(b, st, n)
		b.Logf("generated %d active placements, %d weekly rows in %s", len(ld.active), ld.hours, time.Since(t0).Round(time.Millisecond))
		// A database in use has been vacuumed and analysed by autovacuum;
		// freshly loaded tables have not, which would make the plans
		// unrepresentative.
		sqlExec(b, cfg.DatabaseURL, "VACUUM ANALYZE")
	} else if keep {
		b.Logf("reusing %d active placements in the kept schema", len(ld.active))
	}
	return st, ld, cfg.DatabaseURL
}

func benchConfig(b *testing.B) (store.Config, bool) {
	schema := os.Getenv("PROGRESSION_BENCH_SCHEMA")
	base := os.Getenv("TEST_DATABASE_URL")
	if schema == "" || base == "" {
		return storetest.Config(b, storetest.Postgres), false
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("CREATE SCHEMA IF NOT EXISTS " + schema); err != nil {
		b.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		b.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return store.Config{DatabaseURL: u.String()}, true
}

// loadedProgressionLoad finds load data generated earlier in the schema.
func loadedProgressionLoad(b *testing.B, st *store.Store) (progressionLoad, bool) {
	ctx := context.Background()
	var ld progressionLoad
	jcs, err := st.ListJobcentres(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, j := range jcs {
		if j.MunicipalityNo == "101" {
			ld.jc = j
		}
	}
	if ld.jc.ID == 0 {
		return ld, false
	}
	if ld.consultant, err = st.UserByEmail(ctx, "kons@load.test"); err != nil {
		b.Fatal(err)
	}
	ps, _, err := st.ListPlacements(ctx, models.PlacementFilter{JobcentreID: ld.jc.ID, Statuses: []string{"aktiv"}, Page: models.Page{PerPage: models.MaxPerPage}})
	if err != nil {
		b.Fatal(err)
	}
	ld.active = ps
	return ld, len(ps) > 0
}

func sqlExec(b *testing.B, url, stmt string) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		b.Fatal(err)
	}
}
