package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"placering/models"
	"placering/server/app"
	"placering/server/problem"
	"reflect"
)

func structType(v any) reflect.Type { return reflect.TypeOf(v).Elem() }

// FuzzDecodeJSON drives the body decoder with anything: it never panics,
// every refusal is a 400 or a 422 problem (422 naming fields), and a body
// it accepts is one JSON object without duplicate or unknown keys, which
// encoding/json decodes to the same value.
// Run with go test -run '^$' -fuzz '^FuzzDecodeJSON$' -fuzztime 10s ./server/api
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"cvr":"10150817","name":"Kronborg","branch":"butik_detail","contacts":[{"name":"Lone"}]}`,
		`null`, ` null `, `[]`, `{}`, `{"name":"a","name":"b"}`, `{"contacts":[{"name":"a","x":1}]}`,
		`{"weights":{"goal":1,"goal":2}}`, `{"rule_params":{"allowed_groups":{"igu":["flygtning"]}}}`,
		`{"notes":"a\u0000b"}`, `{"lat":1e400}`, `{"contacts":[{"name":"a"}]}{}`, `{"Name":"x"}`, `{"":1}`,
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, body string, settings bool) {
		var dst, fresh any
		if settings {
			dst, fresh = new(app.Settings), new(app.Settings)
		} else {
			dst, fresh = new(models.CompanyFields), new(models.CompanyFields)
		}
		err := decodeJSON([]byte(body), dst, map[string]bool{"id": true})
		if err != nil {
			var p *problem.Problem
			if !errors.As(err, &p) {
				t.Fatalf("not a problem: %v", err)
			}
			switch p.Status {
			case 400:
			case 422:
				if len(p.Errors) == 0 {
					t.Fatalf("422 without fields: %+v", p)
				}
			default:
				t.Fatalf("status %d for %q", p.Status, body)
			}
			return
		}
		trimmed := bytes.TrimSpace([]byte(body))
		if len(trimmed) == 0 || trimmed[0] != '{' || !json.Valid(trimmed) {
			t.Fatalf("accepted %q, which is not one JSON object", body)
		}
		if fe := scanKeys([]byte(body), structType(dst)); len(fe) > 0 {
			t.Fatalf("accepted %q with %v", body, fe)
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(trimmed, &raw); err != nil {
			t.Fatalf("accepted %q: %v", body, err)
		}
		delete(raw, "id")
		plain, _ := json.Marshal(raw)
		if err := json.Unmarshal(plain, fresh); err != nil {
			t.Fatalf("encoding/json refuses what decodeJSON accepted, %q: %v", body, err)
		}
		a, _ := json.Marshal(dst)
		b, _ := json.Marshal(fresh)
		if !bytes.Equal(a, b) && !strings.Contains(body, `\u`) {
			t.Fatalf("decodeJSON and encoding/json disagree on %q:\n%s\n%s", body, a, b)
		}
	})
}
