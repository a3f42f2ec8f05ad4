// Package oidclogin is the protocol side of logging in through a
// jobcentre's identity provider: OpenID Connect authorization code flow
// with PKCE (S256), state and nonce. go-oidc does discovery and ID token
// verification (signature, issuer, audience, expiry); x/oauth2 builds the
// authorization URL and exchanges the code with the PKCE verifier.
//
// Nothing of a login in progress lives in process memory, so any replica
// can take the callback: state, nonce, verifier and the jobcentre are kept
// in the shared cache (Redis in production) under a hash of the state for
// ten minutes and taken out once, and the browser holds the state in a
// short-lived cookie, so a callback is accepted only in the browser that
// started the login (no login CSRF). Who the identity becomes is decided
// by server/app (OIDCLogin).
package oidclogin

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	gooidc "github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"placering/cache"
	"placering/models"
	"placering/server/app"
	"placering/server/auth"
)

// TTL is how long a started login may take at the identity provider.
const TTL = 10 * time.Minute

// Flow runs logins over the shared cache.
type Flow struct {
	Cache cache.Cache
}

type pending struct {
	JobcentreID int64  `json:"jc"`
	Issuer      string `json:"iss"`
	Nonce       string `json:"nonce"`
	Verifier    string `json:"verifier"`
	Next        string `json:"next"`
}

func key(state string) string { return "oidc:state:" + auth.HashToken(state) }

// ErrState refuses a callback whose state is unknown, used, expired or not
// this browser's.
var ErrState = &models.Error{Code: models.EForbidden, Op: "oidc state",
	Message: "Log ind kunne ikke fuldføres: forespørgslen var ukendt, udløbet eller startet i en anden browser. Prøv igen."}

func refusedToken(op string, err error) error {
	return &models.Error{Code: models.EForbidden, Op: op, Err: err,
		Message: "Identitetsudbyderens svar kunne ikke bekræftes, så du blev ikke logget ind. Prøv igen."}
}

func unavailable(op string, err error) error {
	return &models.Error{Code: models.EUnavailable, Op: op, Err: err,
		Message: "Jobcentrets identitetsudbyder svarer ikke lige nu. Prøv igen om lidt, eller log ind med adgangskode."}
}

func provider(ctx context.Context, c app.OIDCClient) (*gooidc.Provider, oauth2.Config, context.Context, error) {
	ctx = gooidc.ClientContext(ctx, c.HTTPClient)
	p, err := gooidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return nil, oauth2.Config{}, ctx, unavailable("oidc discovery", err)
	}
	cfg := oauth2.Config{ClientID: c.ClientID, ClientSecret: c.ClientSecret, RedirectURL: c.RedirectURI,
		Endpoint: p.Endpoint(), Scopes: []string{gooidc.ScopeOpenID, "email", "profile"}}
	return p, cfg, ctx, nil
}

// Start begins a login at c's provider and returns the URL to send the
// browser to and the state the browser must keep (in a cookie) for the
// callback. next is where to go after logging in.
func (f *Flow) Start(ctx context.Context, c app.OIDCClient, next string) (redirect, state string, err error) {
	_, cfg, _, err := provider(ctx, c)
	if err != nil {
		return "", "", err
	}
	state, _, err = auth.NewToken()
	if err != nil {
		return "", "", err
	}
	nonce, _, err := auth.NewToken()
	if err != nil {
		return "", "", err
	}
	p := pending{JobcentreID: c.JobcentreID, Issuer: c.Issuer, Nonce: nonce, Verifier: oauth2.GenerateVerifier(), Next: next}
	b, _ := json.Marshal(p)
	if err := f.Cache.Set(ctx, key(state), b, TTL); err != nil {
		return "", "", unavailable("store oidc state", err)
	}
	return cfg.AuthCodeURL(state, gooidc.Nonce(nonce), oauth2.S256ChallengeOption(p.Verifier)), state, nil
}

// Callback is what the provider sent back to the redirect URI.
type Callback struct {
	State, Code string
	// Error is the provider's error code (the user cancelled, …).
	Error string
	// BrowserState is the state from the browser's cookie.
	BrowserState string
}

// Result is a verified login: the jobcentre it was started for, where to
// go next and who the provider says logged in.
type Result struct {
	JobcentreID int64
	Next        string
	Identity    app.OIDCIdentity
}

// Finish checks the callback's state against the browser's and the cache
// (once only), exchanges the code with the PKCE verifier, and verifies the
// ID token (signature, issuer, audience, expiry, nonce). Claims the token
// lacks are taken from the userinfo endpoint when the provider has one.
// clientFor gives the jobcentre's current client settings.
func (f *Flow) Finish(ctx context.Context, cb Callback, clientFor func(jc int64) (app.OIDCClient, error)) (Result, error) {
	if cb.State == "" || subtle.ConstantTimeCompare([]byte(cb.State), []byte(cb.BrowserState)) != 1 {
		return Result{}, ErrState
	}
	b, err := f.Cache.Get(ctx, key(cb.State))
	if errors.Is(err, cache.ErrMiss) {
		return Result{}, ErrState
	}
	if err != nil {
		return Result{}, unavailable("read oidc state", err)
	}
	if err := f.Cache.Delete(ctx, key(cb.State)); err != nil {
		return Result{}, unavailable("delete oidc state", err)
	}
	var p pending
	if json.Unmarshal(b, &p) != nil {
		return Result{}, ErrState
	}
	if cb.Error != "" || cb.Code == "" {
		return Result{}, &models.Error{Code: models.EForbidden, Op: "oidc callback: " + cb.Error,
			Message: "Identitetsudbyderen loggede dig ikke ind. Prøv igen, eller log ind med adgangskode."}
	}
	c, err := clientFor(p.JobcentreID)
	if err != nil {
		return Result{}, err
	}
	if c.Issuer != p.Issuer {
		return Result{}, ErrState
	}
	prov, cfg, ctx, err := provider(ctx, c)
	if err != nil {
		return Result{}, err
	}
	tok, err := cfg.Exchange(ctx, cb.Code, oauth2.VerifierOption(p.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if errors.As(err, &re) {
			return Result{}, refusedToken("oidc code exchange", err)
		}
		return Result{}, unavailable("oidc code exchange", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return Result{}, refusedToken("oidc: no id_token", nil)
	}
	idt, err := prov.Verifier(&gooidc.Config{ClientID: c.ClientID}).Verify(ctx, raw)
	if err != nil {
		return Result{}, refusedToken("oidc verify id token", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(p.Nonce)) != 1 {
		return Result{}, refusedToken("oidc nonce", nil)
	}
	claims := map[string]any{}
	if err := idt.Claims(&claims); err != nil {
		return Result{}, refusedToken("oidc claims", err)
	}
	if err := fillFromUserinfo(ctx, prov, tok, idt.Subject, claims); err != nil {
		return Result{}, err
	}
	return Result{JobcentreID: p.JobcentreID, Next: p.Next,
		Identity: app.OIDCIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Claims: claims}}, nil
}

// fillFromUserinfo adds the userinfo endpoint's claims that the ID token
// lacks (many providers put e-mail and groups only there). The userinfo
// must be about the same subject.
func fillFromUserinfo(ctx context.Context, prov *gooidc.Provider, tok *oauth2.Token, sub string, claims map[string]any) error {
	if prov.UserInfoEndpoint() == "" {
		return nil
	}
	ui, err := prov.UserInfo(ctx, oauth2.StaticTokenSource(tok))
	if err != nil {
		return unavailable("oidc userinfo", err)
	}
	if ui.Subject != sub {
		return refusedToken("oidc userinfo subject", fmt.Errorf("userinfo is about another subject"))
	}
	more := map[string]any{}
	if err := ui.Claims(&more); err != nil {
		return refusedToken("oidc userinfo claims", err)
	}
	for k, v := range more {
		if _, ok := claims[k]; !ok {
			claims[k] = v
		}
	}
	return nil
}
