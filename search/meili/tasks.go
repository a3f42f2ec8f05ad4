package meili

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/meilisearch/meilisearch-go"

	"placering/search"
)

// run enqueues a task with enqueue, waits until Meilisearch has processed
// it and returns its uid, or an error for a task that failed.
func (e *Engine) run(ctx context.Context, enqueue func() (*meilisearch.TaskInfo, error)) (int64, error) {
	info, err := enqueue()
	if err != nil {
		return 0, e.mapErr(ctx, err)
	}
	return info.TaskUID, e.wait(ctx, info.TaskUID)
}

// wait polls GET /tasks/{uid} until the task has succeeded, failed or been
// canceled.
func (e *Engine) wait(ctx context.Context, uid int64) error {
	wctx, cancel := context.WithTimeout(ctx, e.taskTimeout)
	defer cancel()
	task, err := e.client.WaitForTaskWithContext(wctx, uid, e.poll)
	if err != nil {
		if ctx.Err() == nil && wctx.Err() != nil {
			return fmt.Errorf("task %d not processed after %s: %w", uid, e.taskTimeout, search.ErrUnavailable)
		}
		return fmt.Errorf("task %d: %w", uid, e.mapErr(ctx, err))
	}
	switch task.Status {
	case meilisearch.TaskStatusSucceeded:
		return nil
	case meilisearch.TaskStatusFailed:
		return &taskError{uid: uid, code: task.Error.Code, kind: task.Error.Type, message: task.Error.Message}
	default: // canceled (by someone else): the change was not made; retry
		return fmt.Errorf("task %d %s: %w", uid, task.Status, search.ErrUnavailable)
	}
}

// taskError is a task that Meilisearch processed and failed, with the
// error object of the task (https://www.meilisearch.com/docs/reference/errors/overview).
type taskError struct {
	uid                 int64
	code, kind, message string
}

func (t *taskError) Error() string {
	return fmt.Sprintf("task %d failed: %s (%s)", t.uid, t.message, t.code)
}

// Is maps the task's error onto the search package's errors: document
// problems are ErrInvalidDocument, trouble on the server's side (disk,
// internal errors) is ErrUnavailable.
func (t *taskError) Is(target error) bool {
	switch target {
	case search.ErrInvalidDocument:
		return documentCode(t.code)
	case search.ErrUnavailable:
		return t.kind == "internal" || t.kind == "system"
	}
	return false
}

// documentCode reports whether a Meilisearch error code is about the
// documents sent (a bad id, a bad _geo, a missing primary key).
func documentCode(code string) bool {
	return strings.HasPrefix(code, "invalid_document") || code == "missing_document_id" ||
		strings.Contains(code, "primary_key") || code == "max_fields_limit_exceeded"
}

// apiCode returns the Meilisearch error code in err ("index_not_found"), or "".
func apiCode(err error) string {
	var me *meilisearch.Error
	if errors.As(err, &me) {
		return me.MeilisearchApiError.Code
	}
	return ""
}

// mapErr marks errors the caller can do something about: ErrUnavailable
// when Meilisearch could not be reached, answered with a 5xx, refused the
// API key or lacks the index (the caller falls back to the database and
// the outbox retries); ErrInvalidDocument for rejected documents. An error
// because the caller's ctx ended wraps ctx.Err() instead.
func (e *Engine) mapErr(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("%w: %w", cerr, err)
	}
	var me *meilisearch.Error
	if !errors.As(err, &me) {
		return err
	}
	switch me.ErrCode {
	case meilisearch.MeilisearchCommunicationError, meilisearch.MeilisearchTimeoutError,
		meilisearch.MeilisearchMaxRetriesExceeded, meilisearch.ErrCodeResponseUnmarshalBody:
		// Not reachable, or something that is not Meilisearch answered
		// (a proxy's HTML error page).
		return fmt.Errorf("%w: %w", search.ErrUnavailable, err)
	}
	code := me.MeilisearchApiError.Code
	switch {
	case me.StatusCode >= 500, me.StatusCode == http.StatusUnauthorized, me.StatusCode == http.StatusForbidden,
		code == "index_not_found":
		return fmt.Errorf("%w: %w", search.ErrUnavailable, err)
	case documentCode(code):
		return fmt.Errorf("%w: %w", search.ErrInvalidDocument, err)
	}
	return err
}

// post sends a JSON request that the client library cannot express and
// returns the enqueued task. It exists for POST /swap-indexes: the library
// always sends "rename", a field Meilisearch before v1.18 rejects.
func (e *Engine) post(ctx context.Context, path string, body any) (*meilisearch.TaskInfo, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.url+path, bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if e.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+e.apiKey)
	}
	res, err := e.http.Do(req)
	if err != nil {
		if cerr := ctx.Err(); cerr != nil {
			return nil, fmt.Errorf("%w: %v", cerr, err)
		}
		return nil, fmt.Errorf("%w: POST %s: %v", search.ErrUnavailable, path, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(res.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("%w: POST %s: %v", search.ErrUnavailable, path, err)
	}
	if res.StatusCode != http.StatusAccepted {
		var apiErr struct{ Message, Code string }
		_ = json.Unmarshal(raw, &apiErr)
		err := fmt.Errorf("POST %s: status %d: %s (%s)", path, res.StatusCode, apiErr.Message, apiErr.Code)
		if res.StatusCode >= 500 || res.StatusCode == http.StatusUnauthorized || res.StatusCode == http.StatusForbidden {
			err = fmt.Errorf("%w: %w", search.ErrUnavailable, err)
		}
		return nil, err
	}
	var info meilisearch.TaskInfo
	if err := json.Unmarshal(raw, &info); err != nil {
		return nil, fmt.Errorf("%w: POST %s: %v", search.ErrUnavailable, path, err)
	}
	return &info, nil
}
