package outbox_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"placering/models"
	"placering/server/mail/mailtest"
	"placering/server/mail/outbox"
	"placering/server/mail/smtpmail"
	"placering/store"
	"placering/store/storetest"
)

// benchMails is how many mails each iteration of BenchmarkDrainToMailpit
// puts in the outbox.
const benchMails = 1000

// BenchmarkDrainToMailpit measures the outbox: benchMails mails are
// enqueued (not timed), then one or two workers drain them to the Mailpit
// at TEST_MAIL_URL/TEST_MAILPIT_URL (timed), and every mail is checked to
// have arrived exactly once. With two workers each has a store of its own
// on the same database, as two replicas would. The Mailpit is emptied
// first, so give the benchmark one of its own:
//
//	mailpit --smtp 127.0.0.1:1125 --listen 127.0.0.1:8125 -m 10000
//	TEST_MAIL_URL=smtp://127.0.0.1:1125 TEST_MAILPIT_URL=http://127.0.0.1:8125 \
//	  go test ./server/mail/outbox -run '^$' -bench DrainToMailpit -benchtime 1x -count 3
//
// It reports mails/s.
func BenchmarkDrainToMailpit(b *testing.B) {
	smtpURL, apiURL := mailtest.Mailpit(b)
	for _, backend := range storetest.Backends {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/workers=%d", backend, workers), func(b *testing.B) {
				cfg := storetest.Config(b, backend)
				stores := make([]*store.Store, workers)
				for i := range stores {
					s, err := store.Open(context.Background(), cfg)
					if err != nil {
						b.Fatal(err)
					}
					b.Cleanup(func() { s.Close() })
					stores[i] = s
				}
				sender, err := smtpmail.New(smtpURL, from)
				if err != nil {
					b.Fatal(err)
				}
				var total time.Duration
				var least int64 // the fewest mails one worker sent, over all iterations
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					clearMailpit(b, apiURL)
					to := mailtest.Address(b)
					for j := 0; j < benchMails; j++ {
						m := models.Mail{Kind: models.MailInvitation, To: to, Subject: fmt.Sprintf("Invitation %d", j),
							Text: "Hej,\n\nåbn linket: https://placering.test/invitation/hemmelig\n", HTML: "<p>Hej,</p>"}
						if err := stores[0].EnqueueMail(context.Background(), &m); err != nil {
							b.Fatal(err)
						}
					}
					time.Sleep(1100 * time.Millisecond) // the mails are due from their creation second on
					b.StartTimer()
					start := time.Now()
					var sent atomic.Int64
					var mu sync.Mutex
					fewest := int64(benchMails)
					var wg sync.WaitGroup
					for _, s := range stores {
						wg.Add(1)
						go func() {
							defer wg.Done()
							w := &outbox.Worker{Store: s, Sender: sender, Transport: models.MailSMTP}
							n, err := w.Drain(context.Background())
							if err != nil {
								b.Error(err)
							}
							sent.Add(int64(n))
							mu.Lock()
							fewest = min(fewest, int64(n))
							mu.Unlock()
						}()
					}
					wg.Wait()
					total += time.Since(start)
					b.StopTimer()
					if sent.Load() != benchMails {
						b.Fatalf("workers sent %d mails, want %d", sent.Load(), benchMails)
					}
					checkOnce(b, apiURL, to)
					least += fewest
					b.StartTimer()
				}
				b.ReportMetric(float64(b.N*benchMails)/total.Seconds(), "mails/s")
				if workers > 1 {
					b.ReportMetric(float64(least)/float64(b.N), "least-by-one-worker")
				}
			})
		}
	}
}

func clearMailpit(b *testing.B, apiURL string) {
	req, _ := http.NewRequest(http.MethodDelete, apiURL+"/api/v1/messages", nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b.Fatalf("clear Mailpit: %s", res.Status)
	}
}

// checkOnce fails unless Mailpit holds exactly benchMails messages for
// to, each subject once.
func checkOnce(b *testing.B, apiURL, to string) {
	deadline := time.Now().Add(10 * time.Second)
	for {
		var list struct {
			Total    int `json:"messages_count"`
			Messages []struct {
				Subject   string
				MessageID string
				To        []struct{ Address string }
			}
		}
		res, err := http.Get(apiURL + "/api/v1/messages?limit=5000")
		if err != nil {
			b.Fatal(err)
		}
		err = json.NewDecoder(res.Body).Decode(&list)
		res.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		seen := map[string]int{}
		for _, m := range list.Messages {
			if len(m.To) == 1 && strings.EqualFold(m.To[0].Address, to) {
				seen[m.Subject]++
			}
		}
		if len(list.Messages) >= benchMails || time.Now().After(deadline) {
			for j := 0; j < benchMails; j++ {
				if n := seen[fmt.Sprintf("Invitation %d", j)]; n != 1 {
					b.Fatalf("Invitation %d arrived %d times (%d messages in Mailpit)", j, n, len(list.Messages))
				}
			}
			if len(list.Messages) != benchMails {
				b.Fatalf("%d messages in Mailpit, want %d", len(list.Messages), benchMails)
			}
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}
