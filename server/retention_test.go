package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"placering/models"
	"placering/server/app"
	"placering/store/storetest"
)

// The command parses -dry-run after its name and prints the counts per
// jobcentre.
func TestRetentionCommand(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	env := map[string]string{"DATA_DIR": dir}
	getenv := func(k string) string { return env[k] }
	if err := run(ctx, []string{"retention", "-dry-run"}, getenv, quiet); err != nil {
		t.Fatalf("retention -dry-run: %v", err)
	}
	if err := run(ctx, []string{"retention", "-dryrun"}, getenv, quiet); err == nil {
		t.Fatal("an unknown flag was accepted")
	}

	st := storetest.Open(t, storetest.SQLite)
	jc := models.Jobcentre{MunicipalityNo: "217", Name: "Jobcenter Helsingør"}
	if err := st.CreateJobcentre(ctx, &jc); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := retentionCommand(ctx, app.New(app.Deps{Store: st}), true, &out); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"dry run", "Jobcenter Helsingør", "5/10", "expired API tokens"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}
