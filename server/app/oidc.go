package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"

	"placering/models"
	"placering/server/access"
	"placering/store"
)

// OIDCCallbackPath is the one redirect URI every jobcentre's identity
// provider is told about: PublicURL + OIDCCallbackPath.
const OIDCCallbackPath = "/login/oidc/callback"

// OIDCStartPath, followed by a jobcentre's id, starts a login through that
// jobcentre's identity provider.
const OIDCStartPath = "/login/oidc/"

// Defaults of the claims an identity provider carries the e-mail address
// and the groups in.
const (
	DefaultEmailClaim = "email"
	DefaultGroupClaim = "groups"
)

// GroupMapping says which claim of the ID token (or userinfo) carries the
// user's groups, and which group gives which role.
type GroupMapping struct {
	Claim string                 `json:"claim"`
	Roles map[string]models.Role `json:"roles"`
}

// OIDCSettings is a jobcentre's login through its identity provider, as
// an administrator reads it: never the client secret, only whether one is
// stored.
type OIDCSettings struct {
	JobcentreID     int64        `json:"jobcentre_id"`
	Enabled         bool         `json:"enabled"`
	Issuer          string       `json:"issuer"`
	ClientID        string       `json:"client_id"`
	ClientSecretSet bool         `json:"client_secret_set"`
	EmailClaim      string       `json:"email_claim"`
	Groups          GroupMapping `json:"groups"`
	// RedirectURI is what to register at the identity provider.
	RedirectURI string     `json:"redirect_uri"`
	UpdatedAt   *time.Time `json:"updated_at"`
}

// OIDCSettingsInput is what an administrator sends. ClientSecret left out
// (null) keeps the stored secret, "" removes it.
type OIDCSettingsInput struct {
	Enabled      bool         `json:"enabled"`
	Issuer       string       `json:"issuer"`
	ClientID     string       `json:"client_id"`
	ClientSecret *string      `json:"client_secret"`
	EmailClaim   string       `json:"email_claim"`
	Groups       GroupMapping `json:"groups"`
}

var claimName = regexp.MustCompile(`^[A-Za-z0-9_:./-]{1,100}$`)

// Validate checks the settings as typed; whether the issuer answers is
// checked on save.
func (in *OIDCSettingsInput) Validate() models.FieldErrors {
	var errs models.FieldErrors
	in.Issuer = strings.TrimSpace(in.Issuer) // exactly as the provider names itself, a trailing / included
	in.ClientID = strings.TrimSpace(in.ClientID)
	in.EmailClaim = strings.TrimSpace(in.EmailClaim)
	in.Groups.Claim = strings.TrimSpace(in.Groups.Claim)
	if in.Issuer == "" {
		errs.Add("issuer", "Skriv identitetsudbyderens adresse (issuer).")
	} else if msg := issuerProblem(in.Issuer); msg != "" {
		errs.Add("issuer", "%s", msg)
	}
	models.CheckText(&errs, "client_id", in.ClientID, models.MaxShortText, true, false)
	if in.ClientSecret != nil && len(*in.ClientSecret) > 1000 {
		errs.Add("client_secret", "Klienthemmeligheden er for lang (højst 1000 tegn).")
	}
	for field, v := range map[string]string{"email_claim": in.EmailClaim, "groups.claim": in.Groups.Claim} {
		if v != "" && !claimName.MatchString(v) {
			errs.Add(field, "Navnet på et claim må kun indeholde bogstaver, tal og tegnene _ : . / - (højst 100 tegn).")
		}
	}
	groups := make([]string, 0, len(in.Groups.Roles))
	for g := range in.Groups.Roles {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	for _, g := range groups {
		r := in.Groups.Roles[g]
		switch {
		case strings.TrimSpace(g) == "" || len(g) > models.MaxShortText || models.TextProblem(g, false) != "":
			errs.Add("groups.roles", "Et gruppenavn skal udfyldes og må højst være %d tegn.", models.MaxShortText)
		case r != models.RoleConsultant && r != models.RoleEventStaff:
			// Administrators reach every jobcentre: they never log in
			// through one municipality's identity provider.
			errs.Add("groups.roles", "Gruppen %q kan kun give rollen konsulent eller eventpersonale.", g)
		}
	}
	if in.Enabled && len(in.Groups.Roles) == 0 {
		errs.Add("groups.roles", "Angiv mindst én gruppe, der giver adgang, før log ind slås til.")
	}
	return errs
}

// issuerProblem says what is wrong with an issuer address: it must be
// https, except http on the local machine (tests, development).
func issuerProblem(issuer string) string {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "Adressen skal være en fuld adresse som https://login.kommune.dk."
	}
	switch u.Scheme {
	case "https":
		return ""
	case "http":
		if h := u.Hostname(); h == "127.0.0.1" || h == "localhost" || h == "::1" {
			return ""
		}
	}
	return "Adressen skal begynde med https:// (http:// kun for 127.0.0.1 og localhost)."
}

func secretPurpose(jc int64) string {
	return "oidc client secret, jobcentre " + strconv.FormatInt(jc, 10)
}

func (a *App) redirectURI() string { return strings.TrimRight(a.PublicURL, "/") + OIDCCallbackPath }

func (a *App) oidcSettingsOf(jc int64, c store.OIDCConfig, found bool) OIDCSettings {
	s := OIDCSettings{JobcentreID: jc, EmailClaim: DefaultEmailClaim, Groups: GroupMapping{Claim: DefaultGroupClaim, Roles: map[string]models.Role{}},
		RedirectURI: a.redirectURI()}
	if !found {
		return s
	}
	s.Enabled, s.Issuer, s.ClientID, s.ClientSecretSet = c.Enabled, c.Issuer, c.ClientID, c.ClientSecretSealed != ""
	s.EmailClaim, s.Groups.Claim = c.EmailClaim, c.GroupClaim
	_ = json.Unmarshal([]byte(c.RoleMap), &s.Groups.Roles)
	if s.Groups.Roles == nil {
		s.Groups.Roles = map[string]models.Role{}
	}
	at := c.UpdatedAt.UTC()
	s.UpdatedAt = &at
	return s
}

// OIDCSettingsFor returns a jobcentre's OIDC settings (administrators
// only); a jobcentre without any gets the defaults, disabled.
func (a *App) OIDCSettingsFor(ctx context.Context, u Actor, jc int64) (OIDCSettings, error) {
	if err := can(u, access.Read, access.Row(access.LoginConfig, jc, 0)); err != nil {
		return OIDCSettings{}, err
	}
	if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		return OIDCSettings{}, notFound(err, "jobcenter")
	}
	c, err := a.store.GetOIDCConfig(ctx, jc)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return OIDCSettings{}, err
	}
	return a.oidcSettingsOf(jc, c, err == nil), nil
}

// SaveOIDCSettings replaces a jobcentre's OIDC settings (administrators
// only). The client secret is sealed before it is stored and never
// returned. Enabled settings are checked against the issuer's discovery
// document, so a typo is found now and not at the first login.
func (a *App) SaveOIDCSettings(ctx context.Context, u Actor, jc int64, in OIDCSettingsInput) (OIDCSettings, error) {
	if err := can(u, access.Update, access.Row(access.LoginConfig, jc, 0)); err != nil {
		return OIDCSettings{}, err
	}
	if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		return OIDCSettings{}, notFound(err, "jobcenter")
	}
	errs := in.Validate()
	if in.EmailClaim == "" {
		in.EmailClaim = DefaultEmailClaim
	}
	if in.Groups.Claim == "" {
		in.Groups.Claim = DefaultGroupClaim
	}
	if in.Enabled && !errs.Has("issuer") {
		if err := a.discover(ctx, in.Issuer); err != nil {
			errs.Add("issuer", "Identitetsudbyderen svarede ikke som forventet på %s/.well-known/openid-configuration. Tjek adressen.",
				strings.TrimSuffix(in.Issuer, "/"))
		}
	}
	if err := errs.Err(); err != nil {
		return OIDCSettings{}, err
	}
	cur, err := a.store.GetOIDCConfig(ctx, jc)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return OIDCSettings{}, err
	}
	roles, _ := json.Marshal(in.Groups.Roles)
	c := store.OIDCConfig{JobcentreID: jc, Enabled: in.Enabled, Issuer: in.Issuer, ClientID: in.ClientID,
		ClientSecretSealed: cur.ClientSecretSealed, EmailClaim: in.EmailClaim, GroupClaim: in.Groups.Claim, RoleMap: string(roles)}
	if in.ClientSecret != nil {
		c.ClientSecretSealed = ""
		if *in.ClientSecret != "" {
			if a.Vault == nil {
				return OIDCSettings{}, errors.New("save oidc settings: no vault to seal the client secret")
			}
			if c.ClientSecretSealed, err = a.Vault.SealSecret(secretPurpose(jc), *in.ClientSecret); err != nil {
				return OIDCSettings{}, fmt.Errorf("seal client secret: %w", err)
			}
		}
	}
	id := u.ID
	c.UpdatedBy = &id
	if err := a.store.SaveOIDCConfig(ctx, &c); err != nil {
		return OIDCSettings{}, err
	}
	if err := a.audit(ctx, u, "update", "oidc_config", jc); err != nil {
		return OIDCSettings{}, err
	}
	return a.oidcSettingsOf(jc, c, true), nil
}

// discover fetches the issuer's discovery document; go-oidc checks that it
// names the same issuer.
func (a *App) discover(ctx context.Context, issuer string) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err := gooidc.NewProvider(gooidc.ClientContext(ctx, a.oidcHTTP()), issuer)
	return err
}

func (a *App) oidcHTTP() *http.Client {
	if a.OIDCHTTPClient != nil {
		return a.OIDCHTTPClient
	}
	return &http.Client{Timeout: 10 * time.Second}
}

// OIDCChoice is a jobcentre whose staff can log in through its identity
// provider, for the login page.
type OIDCChoice struct {
	JobcentreID int64
	Name        string
}

// OIDCChoices lists the jobcentres with OIDC login enabled, by name. The
// login page shows them to anyone.
func (a *App) OIDCChoices(ctx context.Context) ([]OIDCChoice, error) {
	cs, err := a.store.EnabledOIDCConfigs(ctx)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	jcs, err := a.store.ListJobcentres(ctx)
	if err != nil {
		return nil, err
	}
	on := map[int64]bool{}
	for _, c := range cs {
		on[c.JobcentreID] = true
	}
	var out []OIDCChoice
	for _, j := range jcs {
		if on[j.ID] {
			out = append(out, OIDCChoice{JobcentreID: j.ID, Name: j.Name})
		}
	}
	return out, nil
}

// OIDCClient is what the login flow needs to talk to one jobcentre's
// identity provider, the client secret opened.
type OIDCClient struct {
	JobcentreID                    int64
	Issuer, ClientID, ClientSecret string
	RedirectURI                    string
	HTTPClient                     *http.Client
}

// ErrOIDCUnavailable answers a login through a jobcentre without enabled
// OIDC settings.
var ErrOIDCUnavailable = &models.Error{Code: models.ENotFound, Message: "Jobcentret har ikke log ind via sin identitetsudbyder slået til."}

// OIDCClientFor returns the enabled OIDC client of jobcentre jc, for the
// login flow (no user is logged in yet).
func (a *App) OIDCClientFor(ctx context.Context, jc int64) (OIDCClient, error) {
	c, err := a.store.GetOIDCConfig(ctx, jc)
	if errors.Is(err, store.ErrNotFound) || err == nil && !c.Enabled {
		return OIDCClient{}, ErrOIDCUnavailable
	}
	if err != nil {
		return OIDCClient{}, err
	}
	if j, err := a.store.GetJobcentre(ctx, jc); err != nil || j.Archived() {
		return OIDCClient{}, ErrOIDCUnavailable
	}
	out := OIDCClient{JobcentreID: jc, Issuer: c.Issuer, ClientID: c.ClientID, RedirectURI: a.redirectURI(), HTTPClient: a.oidcHTTP()}
	if c.ClientSecretSealed != "" {
		if a.Vault == nil {
			return OIDCClient{}, errors.New("oidc client: no vault to open the client secret")
		}
		if out.ClientSecret, err = a.Vault.OpenSecret(secretPurpose(jc), c.ClientSecretSealed); err != nil {
			return OIDCClient{}, fmt.Errorf("oidc client secret of jobcentre %d: %w", jc, err)
		}
	}
	return out, nil
}
