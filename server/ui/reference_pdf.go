package ui

import (
	"bytes"
	"fmt"
	"strconv"

	"codeberg.org/go-pdf/fpdf"

	"placering/models"
	"placering/server/app"
	"placering/web"
)

// referencePDF draws a reference as a one-page A4 PDF in Danish, the same
// content as the print page. It uses fpdf's core Helvetica with its
// cp1252 translator, which covers æ, ø and å (and the dash), so no font
// file is embedded and no browser runs.
func referencePDF(p app.PlacementView, r app.ReferenceView, period string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.SetMargins(20, 20, 20)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetTitle("Udtalelse fra "+p.CompanyName, true)
	pdf.SetCreator("Placering", true)
	pdf.SetCreationDate(r.UpdatedAt)
	pdf.SetModificationDate(r.UpdatedAt)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	pdf.AddPage()
	width, _ := pdf.GetPageSize()
	w := width - 40

	pdf.SetFont("Helvetica", "B", 20)
	pdf.CellFormat(w, 10, tr("Udtalelse"), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 12)
	pdf.CellFormat(w, 7, tr("fra "+p.CompanyName), "", 1, "L", false, 0, "")
	pdf.Ln(4)

	facts := [][2]string{
		{"Navn", p.CitizenName},
		{"Virksomhed", p.CompanyName},
		{"Ordning", p.Kind.Label()},
		{"Periode", period},
	}
	for _, f := range facts {
		pdf.SetFont("Helvetica", "B", 11)
		pdf.CellFormat(35, 6, tr(f[0]), "", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(w-35, 6, tr(f[1]), "", "L", false)
	}
	pdf.Ln(4)

	heading := func(s string) {
		pdf.SetFont("Helvetica", "B", 13)
		pdf.CellFormat(w, 8, tr(s), "B", 1, "L", false, 0, "")
		pdf.Ln(2)
	}
	heading("Løste arbejdsopgaver")
	pdf.SetFont("Helvetica", "", 11)
	for _, t := range r.TasksSolved {
		pdf.CellFormat(6, 6, tr("–"), "", 0, "L", false, 0, "")
		pdf.MultiCell(w-6, 6, tr(t), "", "L", false)
	}
	pdf.Ln(4)

	heading("Generelle kompetencer")
	pdf.SetFont("Helvetica", "", 9)
	pdf.MultiCell(w, 5, tr("Skala fra 1 (ikke tilfredsstillende) til 5 (meget tilfredsstillende)."), "", "L", false)
	pdf.Ln(1)
	for _, k := range models.ReferenceCompetenceList {
		rating := "Ikke relevant"
		if v := r.Competences.Get(k.Key); v != nil {
			rating = strconv.Itoa(*v) + " – " + models.RatingLabel(*v)
		}
		pdf.SetFont("Helvetica", "B", 11)
		pdf.CellFormat(65, 7, tr(k.Label), "B", 0, "L", false, 0, "")
		pdf.SetFont("Helvetica", "", 11)
		pdf.CellFormat(w-65, 7, tr(rating), "B", 1, "L", false, 0, "")
	}
	pdf.Ln(4)

	if r.Comment != "" {
		heading("Kommentar")
		pdf.SetFont("Helvetica", "", 11)
		pdf.MultiCell(w, 6, tr(r.Comment), "", "L", false)
		pdf.Ln(4)
	}
	pdf.SetFont("Helvetica", "", 10)
	pdf.MultiCell(w, 6, tr(fmt.Sprintf("Skrevet af %s, %s, %s.", orText(r.UpdatedBy, "virksomheden"), p.CompanyName,
		web.FormatDate(r.UpdatedAt))), "", "L", false)

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("reference pdf: %w", err)
	}
	return buf.Bytes(), nil
}
