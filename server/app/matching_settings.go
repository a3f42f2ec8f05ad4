package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"placering/matching"
	"placering/models"
	"placering/server/access"
	"placering/store"
)

// A jobcentre's matching settings: weights, rule parameters and the
// stalled limit, their defaults and validation. Reading and saving them
// through the service is in matching.go.

// DefaultStalledAfterDays is how long an open match may sit in one state
// before the board flags it as stalled, until an administrator changes it.
const DefaultStalledAfterDays = 14

// Settings are a jobcentre's matching weights, rule parameters and the
// number of days after which an open match counts as stalled.
type Settings struct {
	JobcentreID      int64               `json:"jobcentre_id"`
	Weights          matching.Weights    `json:"weights"`
	RuleParams       matching.RuleParams `json:"rule_params"`
	StalledAfterDays int                 `json:"stalled_after_days"`
	// Default is true while the jobcentre uses the defaults (read only).
	Default bool `json:"default"`
}

// DefaultSettings are the settings of a jobcentre nobody has changed.
func DefaultSettings(jc int64) Settings {
	return Settings{JobcentreID: jc, Weights: matching.DefaultWeights(), RuleParams: matching.DefaultRuleParams(),
		StalledAfterDays: DefaultStalledAfterDays, Default: true}
}

// settings reads a jobcentre's settings, the defaults when it has none,
// with the rule parameters as of today.
func (a *App) settings(ctx context.Context, jc int64) (Settings, error) {
	s := DefaultSettings(jc)
	row, err := a.store.GetMatchingSettings(ctx, jc)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return s, err
	default:
		if err := json.Unmarshal([]byte(row.Weights), &s.Weights); err != nil {
			return s, fmt.Errorf("stored weights of jobcentre %d: %w", jc, err)
		}
		// Decode onto a fresh value: the defaults' maps would otherwise
		// keep kinds the administrator removed.
		s.RuleParams = matching.RuleParams{}
		if err := json.Unmarshal([]byte(row.RuleParams), &s.RuleParams); err != nil {
			return s, fmt.Errorf("stored rule parameters of jobcentre %d: %w", jc, err)
		}
		if row.StalledAfterDays > 0 {
			s.StalledAfterDays = row.StalledAfterDays
		}
		s.Default = false
	}
	s.RuleParams.AsOf = models.DateOf(a.Now())
	return s, nil
}

// MaxStalledAfterDays bounds the stalled setting to something a board can use.
const MaxStalledAfterDays = 365

// Validate checks settings an administrator typed and names every bad
// field by its path in the JSON body (weights.goal, rule_params.igu_min_age).
func (in *Settings) Validate() models.FieldErrors {
	var errs models.FieldErrors
	nested := func(prefix string, err error) {
		var fe models.FieldErrors
		if errors.As(err, &fe) {
			for _, e := range fe {
				errs.Add(prefix+"."+e.Field, "%s", e.Message)
			}
		}
	}
	nested("weights", in.Weights.Validate())
	params := in.RuleParams
	params.AsOf = models.Date{}
	nested("rule_params", params.Validate())
	if in.StalledAfterDays < 1 || in.StalledAfterDays > MaxStalledAfterDays {
		errs.Add("stalled_after_days", "Antal dage skal være mellem 1 og %d.", MaxStalledAfterDays)
	}
	return errs
}

// settingsTarget asks access whether u may change jobcentre jc's settings
// and records in errs when the save names no jobcentre or one that does
// not exist.
func (a *App) settingsTarget(ctx context.Context, u Actor, jc int64, errs *models.FieldErrors) error {
	if err := can(u, access.Update, access.Row(access.Settings, jc, 0)); err != nil {
		return err
	}
	if jc <= 0 {
		errs.Add("jobcentre_id", "Vælg et jobcenter.")
	} else if _, err := a.store.GetJobcentre(ctx, jc); err != nil {
		errs.Add("jobcentre_id", "Jobcentret findes ikke.")
	}
	return nil
}
