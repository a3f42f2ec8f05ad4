package web

import "placering/models"

// Page is what the layout needs from every handler, plus the page's own
// data in Content.
type Page struct {
	// Title names the page in <title> and, unless the page says otherwise,
	// in its <h1>. Every page has a distinct one (WCAG 2.4.2).
	Title string
	// Invalid marks a form page shown again with problems; the browser
	// title then starts with "Fejl:", so screen reader users hear it first.
	Invalid bool
	Nav     []NavItem
	// User is nil on the login page and on errors before login.
	User *models.User
	// CSRF is the value for forms' hidden csrf field: a token, or echo's
	// marker for browsers that proved same-origin with Sec-Fetch-Site.
	CSRF string
	// Flash is a one-time message after a redirect ("Virksomheden er gemt").
	Flash string
	// Lang is the page's language, Danish ("da") unless an employer or a
	// visitor chose English ("en"); ShowLang offers them the switch.
	Lang     string
	ShowLang bool
	Content  any
}

// NavItem is one link in the main navigation.
type NavItem struct {
	Label, Href string
	Current     bool
	// Count is shown after the label when not 0 (unread messages).
	Count int64
}

// Pager describes where a list page is, for the paging links.
type Pager struct {
	Total    int64
	Page     int
	Pages    int
	From, To int64
	// PrevURL and NextURL are empty on the first and last page.
	PrevURL, NextURL string
}

// Noun is what a list counts, in singular and plural ("virksomhed",
// "virksomheder").
type Noun struct{ One, Many string }

// ListMeta is what every list page shares: where it is, what it counts,
// and whether this render is an htmx fragment (which then also updates
// the result count outside the fragment, out of band).
type ListMeta struct {
	Pager Pager
	Noun  Noun
	OOB   bool
	// Lang is the page's language, for the count's words (Page.Lang).
	Lang string
}
