package web

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"placering/models"
)

// Form carries what a person typed (Values, kept verbatim so that nothing
// is lost when the form comes back with errors), the problems with it, and
// the Danish label of each field. Labels live with the form rather than in
// each template call so that the error summary at the top and the fields
// below name a field the same way.
type Form struct {
	Values url.Values
	Errors models.FieldErrors
	Labels map[string]string
	// Lang is the language the labels are shown in (Translate); Danish
	// when empty. Handlers of pages employers see set it from the page.
	Lang string
}

// NewForm returns a form over values (nil means empty).
func NewForm(labels map[string]string, values url.Values) *Form {
	if values == nil {
		values = url.Values{}
	}
	return &Form{Values: values, Labels: labels}
}

// Get returns the typed value of a field.
func (f *Form) Get(name string) string { return f.Values.Get(name) }

// Err returns the first problem with a field, or "".
func (f *Form) Err(name string) string { return Translate(f.Lang, f.Errors.For(name)) }

// Invalid reports whether the form has problems to show.
func (f *Form) Invalid() bool { return len(f.Errors) > 0 }

var indexed = regexp.MustCompile(`^(\w+)\[(\d+)\]\.(\w+)$`)

// Label returns the Danish label of a field. Row fields such as
// "contacts[1].name" are named after their row: "Kontaktperson 2: navn".
func (f *Form) Label(name string) string {
	if l, ok := f.Labels[name]; ok {
		return Translate(f.Lang, l)
	}
	if m := indexed.FindStringSubmatch(name); m != nil {
		i, _ := strconv.Atoi(m[2])
		return f.Labels[m[1]] + " " + strconv.Itoa(i+1) + ": " + strings.ToLower(f.Labels[m[1]+"."+m[3]])
	}
	return name
}

// SummaryItem is one line of the error summary above a form.
type SummaryItem struct{ Href, Label, Message string }

// Summary lists every problem with a link to its field (WCAG 3.3.1).
func (f *Form) Summary() []SummaryItem {
	out := make([]SummaryItem, 0, len(f.Errors))
	for _, e := range f.Errors {
		out = append(out, SummaryItem{Href: "#" + FieldID(e.Field), Label: f.Label(e.Field), Message: Translate(f.Lang, e.Message)})
	}
	return out
}

// FieldID turns a field name into an element id that is safe in a URL
// fragment: "contacts[0].name" becomes "f-contacts-0-name".
func FieldID(name string) string {
	var b strings.Builder
	b.WriteString("f-")
	dash := false
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}

// Field is everything the "field" partial needs to draw one labelled
// control with its hint and error.
type Field struct {
	Name, ID, Label, Type, Value string
	Hint, Error                  string
	Required, Readonly, Checked  bool
	InputMode, Autocomplete      string
	Step, Min, Max, MaxLength    string
	Width                        string // CSS modifier: "short", "medium"
	Empty                        string // select: text of the empty choice
	Choices                      []Choice
}

// Choice is one option of a select or one box of a checkbox group.
type Choice struct {
	Value, Label, ID string
	Selected         bool
}

// HintID and ErrorID name the elements aria-describedby points at.
func (f Field) HintID() string  { return f.ID + "-hint" }
func (f Field) ErrorID() string { return f.ID + "-error" }

// DescribedBy is the aria-describedby value: hint and error, when present.
func (f Field) DescribedBy() string {
	var ids []string
	if f.Hint != "" {
		ids = append(ids, f.HintID())
	}
	if f.Error != "" {
		ids = append(ids, f.ErrorID())
	}
	return strings.Join(ids, " ")
}

// newField builds a field from the form and options written as
// "required", "readonly" or "key=value" (hint, inputmode, autocomplete,
// step, min, max, maxlength, width, empty, label).
func newField(f *Form, name, typ string, opts []string) Field {
	fd := Field{Name: name, ID: FieldID(name), Type: typ, Label: f.Label(name), Value: f.Get(name), Error: f.Err(name)}
	for _, o := range opts {
		k, v, _ := strings.Cut(o, "=")
		switch k {
		case "required":
			fd.Required = true
		case "readonly":
			fd.Readonly = true
		case "hint":
			fd.Hint = v
		case "inputmode":
			fd.InputMode = v
		case "autocomplete":
			fd.Autocomplete = v
		case "step":
			fd.Step = v
		case "min":
			fd.Min = v
		case "max":
			fd.Max = v
		case "maxlength":
			fd.MaxLength = v
		case "width":
			fd.Width = v
		case "empty":
			fd.Empty = v
		case "label":
			fd.Label = v
		}
	}
	return fd
}

// input is the template func "fld": a text-like input or a textarea.
func input(f *Form, name, typ string, opts ...string) Field { return newField(f, name, typ, opts) }

// selectField is the template func "sel".
func selectField(f *Form, name string, options []models.Option, opts ...string) Field {
	fd := newField(f, name, "select", opts)
	for _, o := range options {
		fd.Choices = append(fd.Choices, Choice{Value: o.Code, Label: o.Label, Selected: o.Code == fd.Value})
	}
	return fd
}

// checkbox is the template func "box": one yes/no box.
func checkbox(f *Form, name string, opts ...string) Field {
	fd := newField(f, name, "checkbox", opts)
	fd.Checked = truthy(fd.Value)
	return fd
}

// checkboxes is the template func "checks": a group of boxes sharing one
// name, drawn as a fieldset with a legend.
func checkboxes(f *Form, name string, options []models.Option, opts ...string) Field {
	fd := newField(f, name, "checks", opts)
	chosen := map[string]bool{}
	for _, v := range f.Values[name] {
		chosen[v] = true
	}
	for i, o := range options {
		id := fd.ID + "-" + FieldID(o.Code)[2:]
		if i == 0 {
			id = fd.ID // the error summary links to the first box
		}
		fd.Choices = append(fd.Choices, Choice{Value: o.Code, Label: o.Label, ID: id, Selected: chosen[o.Code]})
	}
	return fd
}

func truthy(v string) bool {
	switch strings.ToLower(v) {
	case "on", "true", "1", "ja":
		return true
	}
	return false
}
