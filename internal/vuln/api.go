package vuln

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
)

// API matches through an OSV API (https://google.github.io/osv.dev/api/): POST /v1/querybatch
// finds candidate advisory IDs, GET /v1/vulns/{id} fetches each one once, and the same local
// matching logic as DB decides what affects each query and fills Fixed and Severity, so the
// API and an offline dump of the same advisories give the same results.
// It is safe for concurrent use.
type API struct {
	base   string
	client *http.Client
	o      Options
}

const (
	batchSize        = 1000     // queries per querybatch request (the API's limit)
	maxBatchResponse = 64 << 20 // bytes of one querybatch response
	maxPageRounds    = 100      // rounds of next_page_token follow-ups
	fetchConcurrency = 8        // advisories fetched at once
)

// NewAPI returns an API matcher for base, the API root such as "https://api.osv.dev" (a
// trailing "/v1" is accepted). Requests use o.HTTPClient and its timeout.
func NewAPI(base string, o Options) (*API, error) {
	u, err := url.Parse(strings.TrimSpace(base))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("unable to use OSV API %q: want an http(s) URL", base)
	}
	u.RawQuery, u.Fragment = "", ""
	u.Path = strings.TrimSuffix(strings.TrimRight(u.Path, "/"), "/v1")
	u.RawPath = ""
	return &API{base: strings.TrimRight(u.String(), "/"), client: o.withDefaults().HTTPClient, o: o.withDefaults()}, nil
}

type batchPackage struct {
	Name      string `json:"name"`
	Ecosystem string `json:"ecosystem"`
}

type batchQuery struct {
	Package   batchPackage `json:"package"`
	Version   string       `json:"version"`
	PageToken string       `json:"page_token,omitempty"`
}

type batchResponse struct {
	Results []struct {
		Vulns []struct {
			ID string `json:"id"`
		} `json:"vulns"`
		NextPageToken string `json:"next_page_token"`
	} `json:"results"`
}

// Match implements Matcher.
func (a *API) Match(ctx context.Context, qs []Query) ([][]Advisory, error) {
	ids, err := a.queryIDs(ctx, qs)
	if err != nil {
		return nil, err
	}
	db, err := a.fetchAll(ctx, ids)
	if err != nil {
		return nil, err
	}
	return db.Match(ctx, qs)
}

// queryIDs asks querybatch about every distinct usable query, following next_page_token, and
// returns the distinct advisory IDs seen, sorted.
func (a *API) queryIDs(ctx context.Context, qs []Query) ([]string, error) {
	var todo []batchQuery
	seen := make(map[batchQuery]bool)
	for _, q := range qs {
		bq := batchQuery{
			Package: batchPackage{Name: strings.TrimSpace(q.Name), Ecosystem: CanonicalEcosystem(q.Ecosystem)},
			Version: strings.TrimSpace(q.Version),
		}
		if bq.Package.Name != "" && bq.Package.Ecosystem != "" && bq.Version != "" && !seen[bq] {
			seen[bq] = true
			todo = append(todo, bq)
		}
	}
	ids := make(map[string]bool)
	for round := 0; len(todo) > 0; round++ {
		if round == maxPageRounds {
			return nil, fmt.Errorf("unable to query OSV API: still paginating after %d rounds", maxPageRounds)
		}
		var next []batchQuery
		for chunk := range slices.Chunk(todo, batchSize) {
			more, err := a.queryChunk(ctx, chunk, ids)
			if err != nil {
				return nil, err
			}
			next = append(next, more...)
		}
		todo = next
	}
	out := make([]string, 0, len(ids))
	for id := range ids {
		out = append(out, id)
	}
	slices.Sort(out)
	return out, nil
}

// queryChunk posts one querybatch request, adds the IDs found to ids and returns the queries
// to ask again for their next page.
func (a *API) queryChunk(ctx context.Context, chunk []batchQuery, ids map[string]bool) ([]batchQuery, error) {
	body, err := json.Marshal(struct {
		Queries []batchQuery `json:"queries"`
	}{chunk})
	if err != nil {
		return nil, fmt.Errorf("unable to encode OSV query: %w", err)
	}
	data, err := a.do(ctx, http.MethodPost, a.base+"/v1/querybatch", body, maxBatchResponse)
	if err != nil {
		return nil, err
	}
	var resp batchResponse
	if err := json.Unmarshal(data, &resp); err != nil {
		return nil, fmt.Errorf("unable to decode OSV querybatch response: %w", err)
	}
	if len(resp.Results) != len(chunk) {
		return nil, fmt.Errorf("unable to use OSV querybatch response: %d results for %d queries", len(resp.Results), len(chunk))
	}
	var next []batchQuery
	for i, r := range resp.Results {
		for _, v := range r.Vulns {
			if validID(v.ID) {
				ids[v.ID] = true
			}
		}
		if r.NextPageToken != "" {
			q := chunk[i]
			q.PageToken = r.NextPageToken
			next = append(next, q)
		}
	}
	return next, nil
}

// fetchAll fetches each advisory once, fetchConcurrency at a time, into a DB. Oversized or
// malformed advisories are skipped as the offline loader skips them.
func (a *API) fetchAll(ctx context.Context, ids []string) (*DB, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	b := newBuilder(a.o.MaxAdvisories)
	work := make(chan string)
	var wg sync.WaitGroup
	for range min(fetchConcurrency, len(ids)) {
		wg.Go(func() {
			for id := range work {
				if err := a.fetchOne(ctx, b, id); err != nil {
					cancel(err)
				}
			}
		})
	}
send:
	for _, id := range ids {
		select {
		case work <- id:
		case <-ctx.Done():
			break send
		}
	}
	close(work)
	wg.Wait()
	if err := context.Cause(ctx); err != nil {
		return nil, err
	}
	return b.build(), nil
}

func (a *API) fetchOne(ctx context.Context, b *builder, id string) error {
	if ctx.Err() != nil {
		return nil
	}
	data, err := a.do(ctx, http.MethodGet, a.base+"/v1/vulns/"+url.PathEscape(id), nil, a.o.MaxAdvisoryBytes)
	if errors.Is(err, errTooLarge) {
		b.skip()
		return nil
	}
	if err != nil {
		return err
	}
	return b.add(data)
}

var errTooLarge = errors.New("response too large")

// do sends one request and returns the body of a 200 response, read up to limit bytes.
func (a *API) do(ctx context.Context, method, u string, body []byte, limit int64) ([]byte, error) {
	var rd io.Reader = http.NoBody
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, fmt.Errorf("unable to query OSV API: %w", err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	resp, err := a.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("unable to query OSV API: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		snippet, _ := io.ReadAll(io.LimitReader(resp.Body, 200))
		return nil, fmt.Errorf("unable to query OSV API: %s %s: %s: %s", method, u, resp.Status, cleanText(string(snippet)))
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unable to read OSV API response from %s: %w", u, err)
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("unable to read OSV API response from %s: %w (over %d bytes)", u, errTooLarge, limit)
	}
	return data, nil
}

var _ Matcher = (*API)(nil)
