// Package smtpmail sends mail to an SMTP server through
// github.com/wneessen/go-mail: the municipality's relay in production,
// Mailpit in compose.yaml and the tests.
//
// The server is named by a URL:
//
//	smtp://user:password@relay.kommune.dk:587   STARTTLS when offered, plain otherwise
//	smtps://user:password@relay.kommune.dk:465  TLS from the first byte
//	smtp://127.0.0.1:1025                       no login (Mailpit)
//
// With a user name the login mechanism is the strongest the server
// offers; without TLS go-mail uses only mechanisms that do not reveal the
// password (SCRAM, CRAM-MD5), so a relay that offers no STARTTLS never
// sees it in the clear.
package smtpmail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	gomail "github.com/wneessen/go-mail"

	"placering/server/mail"
)

// Config is a parsed mail server URL.
type Config struct {
	Host     string
	Port     int
	TLS      bool // smtps: implicit TLS
	User     string
	Password string
}

// ParseURL reads a MAIL_URL. Its errors never repeat the password.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return Config{}, errors.New("not a URL like smtp://user:password@relay.kommune.dk:587")
	}
	var c Config
	switch u.Scheme {
	case "smtp":
		c.Port = 587
	case "smtps":
		c.TLS, c.Port = true, 465
	default:
		return c, fmt.Errorf("%s: want smtp:// (STARTTLS when offered) or smtps:// (TLS)", u.Redacted())
	}
	c.Host = u.Hostname()
	if c.Host == "" {
		return c, fmt.Errorf("%s: no host", u.Redacted())
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return c, fmt.Errorf("%s: %q is not a port number", u.Redacted(), p)
		}
		c.Port = n
	}
	if (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return c, fmt.Errorf("%s: want only user, password, host and port", u.Redacted())
	}
	if u.User != nil {
		c.User = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	return c, nil
}

// Sender sends through one SMTP server, a new connection per mail (the
// outbox sends few, and a relay may close idle connections anyway).
type Sender struct {
	client *gomail.Client
	from   string
}

// Timeout bounds connecting to the server.
const Timeout = 15 * time.Second

// New returns a sender for the server at rawURL, sending as from. The
// server's certificate is checked against the system's roots.
func New(rawURL, from string) (*Sender, error) { return newSender(rawURL, from, nil) }

// newSender is New with the TLS settings given (tests trust their own CA).
func newSender(rawURL, from string, tlsConf *tls.Config) (*Sender, error) {
	c, err := ParseURL(rawURL)
	if err != nil {
		return nil, err
	}
	if err := mail.CheckFrom(from); err != nil {
		return nil, err
	}
	opts := []gomail.Option{gomail.WithPort(c.Port), gomail.WithTimeout(Timeout)}
	if tlsConf != nil {
		opts = append(opts, gomail.WithTLSConfig(tlsConf))
	}
	if c.TLS {
		opts = append(opts, gomail.WithSSL())
	} else {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	}
	if c.User != "" {
		opts = append(opts, gomail.WithSMTPAuth(gomail.SMTPAuthAutoDiscover),
			gomail.WithUsername(c.User), gomail.WithPassword(c.Password))
	}
	client, err := gomail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("mail client: %w", err)
	}
	return &Sender{client: client, from: from}, nil
}

// From returns the configured sender address.
func (s *Sender) From() string { return s.from }

// Send connects, sends m and disconnects.
func (s *Sender) Send(ctx context.Context, m mail.Message) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	m, err := m.Check()
	if err != nil {
		return err
	}
	msg := gomail.NewMsg(gomail.WithCharset(gomail.CharsetUTF8), gomail.WithEncoding(gomail.EncodingQP))
	if err := msg.From(s.from); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return fmt.Errorf("%w: the recipient", mail.ErrInvalid)
	}
	msg.Subject(m.Subject)
	msg.SetDate()
	if m.ID != "" {
		msg.SetMessageIDWithValue(m.ID)
	} else {
		msg.SetMessageID()
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	if err := s.client.DialAndSendWithContext(ctx, msg); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("send mail: %w", ctx.Err())
		}
		return fmt.Errorf("send mail: %w", err)
	}
	return nil
}
