package session

import (
	"context"
	"time"

	"placering/cache"
)

// Limits on the mails a person can make the service send to an address
// (password reset links), so the form cannot flood someone's inbox: per
// e-mail address MailPerAddress an hour, per source address MailPerSource
// an hour.
const (
	MailPerAddress = 3
	MailPerSource  = 20
	mailWindow     = time.Hour
)

// MailAllowed counts one request to mail email from ip and reports whether
// it is within the limits. The caller answers the same either way (so the
// limit tells nobody whether the address has a user) and only skips the
// mail. A cache failure fails closed: no mail.
func (t *Throttle) MailAllowed(ctx context.Context, email, ip string) (bool, error) {
	acct, src, _ := keys(email, ip)
	l := &cache.Limiter{Cache: t.Cache, Prefix: "mail:", Now: t.Now}
	ok, _, err := l.Allow(ctx, "acct:"+acct, MailPerAddress, mailWindow)
	if err != nil {
		return false, unavailable("mail throttle", err)
	}
	if !ok {
		return false, nil
	}
	ok, _, err = l.Allow(ctx, "ip:"+src, MailPerSource, mailWindow)
	if err != nil {
		return false, unavailable("mail throttle", err)
	}
	return ok, nil
}
