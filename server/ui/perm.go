package ui

import (
	"placering/models"
	"placering/search"
	"placering/server/access"
	"placering/server/app"
)

// The UI asks server/access, the one place that decides access, which
// links and buttons to draw and which pages to refuse; server/app checks
// every call again. These helpers only turn rows into access resources
// and name the questions the pages ask often.

func companyRow(c models.Company) access.Resource {
	return access.Row(access.Company, c.JobcentreID, c.ID)
}

func openingRow(o models.Opening) access.Resource {
	return access.Row(access.Opening, o.JobcentreID, o.CompanyID)
}

func virksomhedscenterRow(v models.Virksomhedscenter) access.Resource {
	return access.Row(access.Virksomhedscenter, v.JobcentreID, v.CompanyID)
}

func placementRow(p models.Placement) access.Resource {
	return access.Row(access.Placement, p.JobcentreID, p.CompanyID)
}

func hoursRow(p models.Placement) access.Resource {
	return access.Row(access.Hours, p.JobcentreID, p.CompanyID)
}

// isStaff reports whether u works at a jobcentre in matching and follow-up
// (may use the match board): administrators and consultants.
func isStaff(u *models.User) bool { return access.Allowed(u, access.Read, access.Of(access.Match)) }

// seesCitizens reports whether u may see citizens at all.
func seesCitizens(u *models.User) bool {
	return access.Allowed(u, access.Read, access.Of(access.Citizen))
}

// usesPlacements reports whether u may see placements at all.
func usesPlacements(u *models.User) bool {
	return access.Allowed(u, access.Read, access.Of(access.Placement))
}

// archived is the error page for a row that is archived.
func archived(noun string) error { return models.RowArchived(noun) }

// searchKind names a search index as an access kind.
func searchKind(idx search.Index) access.Kind { return app.SearchKind(idx) }
