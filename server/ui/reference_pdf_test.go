package ui

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"testing"
	"time"

	"placering/models"
	"placering/server/app"
)

// The PDF is one A4 page whose text carries the Danish letters in the core
// font's encoding (cp1252: æ is 0xE6, ø 0xF8, å 0xE5), not as UTF-8 bytes
// that would print as two wrong characters each.
func TestReferencePDFSpeaksDanish(t *testing.T) {
	four := 4
	p := app.PlacementView{Placement: models.Placement{ID: 7, Kind: models.KindPraktik, StartDate: models.NewDate(2027, 2, 1),
		EndDate: models.NewDate(2027, 4, 30), Status: models.PlacementCompleted}, CitizenName: "Søren Ærø Åberg", CompanyName: "Bageriet Kronborg ApS"}
	r := app.ReferenceView{TasksSolved: []string{"Rengøring af køkken"}, Competences: models.ReferenceCompetences{Fremmoede: &four,
		Samarbejde: &four, Tempo: &four, Kvalitet: &four, Selvstaendighed: &four}, Comment: "Mødte altid til tiden.",
		UpdatedBy: "Birthe Bager", UpdatedAt: time.Date(2027, 5, 2, 10, 0, 0, 0, time.UTC)}
	b, err := referencePDF(p, r, "1. feb. 2027 – 30. apr. 2027")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) || bytes.Count(b, []byte("/Type /Page\n")) != 1 {
		t.Fatalf("not a one-page PDF: %.40q", b)
	}
	var text []byte
	for _, m := range regexp.MustCompile(`(?s)stream\r?\n(.*?)\r?\nendstream`).FindAllSubmatch(b, -1) {
		zr, err := zlib.NewReader(bytes.NewReader(m[1]))
		if err != nil {
			continue
		}
		plain, _ := io.ReadAll(zr)
		text = append(text, plain...)
	}
	for _, want := range []string{"S\xf8ren \xc6r\xf8 \xc5berg", "Selvst\xe6ndighed", "Reng\xf8ring af k\xf8kken", "4 \x96 Mere end tilfredsstillende",
		"Dansk p\xe5 arbejdspladsen", "Ikke relevant", "Skrevet af Birthe Bager"} {
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if bytes.Contains(text, []byte("Søren")) {
		t.Error("the name is in UTF-8, which the core font prints wrongly")
	}
}
