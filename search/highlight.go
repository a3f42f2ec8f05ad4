package search

import (
	"html"
	"html/template"
	"strings"
)

// Highlight markers. Engines mark matched words in plain text with these
// two private-use characters and MarkedHTML turns them into <mark> tags
// after escaping the text. Markers that cannot be confused with text are
// the point: if the engine put "<mark>" into the text, a title that itself
// contains "<mark>" or "<script>" could not be told apart from the
// highlighting and escaped safely.
const (
	HighlightPre  = "\uE000"
	HighlightPost = "\uE001"
)

// MarkedHTML returns text as safe HTML: everything HTML-escaped, and each
// span between HighlightPre and HighlightPost wrapped in <mark>…</mark>.
// Unbalanced markers (for instance ones a user typed into a title) are
// dropped, so the output always has balanced tags.
func MarkedHTML(text string) template.HTML {
	if !strings.ContainsAny(text, HighlightPre+HighlightPost) {
		return template.HTML(html.EscapeString(text))
	}
	var b strings.Builder
	b.Grow(len(text) + 16)
	open := false
	for text != "" {
		i := strings.IndexAny(text, HighlightPre+HighlightPost)
		if i < 0 {
			b.WriteString(html.EscapeString(text))
			break
		}
		b.WriteString(html.EscapeString(text[:i]))
		isPre := strings.HasPrefix(text[i:], HighlightPre)
		switch {
		case isPre && !open:
			b.WriteString("<mark>")
			open = true
		case !isPre && open:
			b.WriteString("</mark>")
			open = false
		}
		text = text[i+len(HighlightPre):] // both markers are 3 bytes
	}
	if open {
		b.WriteString("</mark>")
	}
	return template.HTML(strings.ReplaceAll(b.String(), "<mark></mark>", ""))
}

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

// MarkSpans returns text as safe HTML with the given spans (sorted, not
// overlapping) wrapped in <mark>…</mark>.
func MarkSpans(text string, spans []Span) template.HTML {
	if len(spans) == 0 {
		return template.HTML(html.EscapeString(text))
	}
	var b strings.Builder
	b.Grow(len(text) + 13*len(spans))
	at := 0
	for _, s := range spans {
		if s.Start < at || s.End > len(text) || s.Start >= s.End {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:]))
	return template.HTML(b.String())
}
