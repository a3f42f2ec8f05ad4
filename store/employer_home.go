package store

import (
	"context"

	"placering/models"
)

// ReferralCounts returns, per opening of company, how many of its matches
// have reached kontaktet or beyond (kontaktet, samtale, aftalt, startet):
// the referrals an employer may know about. Openings without any are
// absent. One grouped query.
func (s *Store) ReferralCounts(ctx context.Context, company int64) (map[int64]int64, error) {
	var rows []struct {
		OpeningID int64
		N         int64
	}
	states := []models.MatchState{models.MatchContacted, models.MatchInterview, models.MatchAgreed, models.MatchStarted}
	err := s.q(ctx).Model(&models.Match{}).Select("opening_id, COUNT(*) AS n").
		Where("company_id = ? AND state IN ?", company, states).Group("opening_id").Scan(&rows).Error
	if err != nil {
		return nil, translate(err, "referral counts")
	}
	out := make(map[int64]int64, len(rows))
	for _, r := range rows {
		out[r.OpeningID] = r.N
	}
	return out, nil
}
