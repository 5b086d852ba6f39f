package target

import (
	"slices"
	"testing"
)

func TestIsFilterCode(t *testing.T) {
	tests := map[string]bool{
		"guard_blocked":                               true,
		"GUARD_BLOCKED":                               true,
		" content_filter ":                            true,
		"content_policy_violation":                    true,
		"invalid_prompt":                              true,
		"ResponsibleAIPolicyViolation":                true,
		"responsible_ai_policy_violation":             true,
		"ResponsibleAIPolicyViolation_content_filter": true,
		"content-filter":                              true,
		"azure-content_filter":                        true,
		"content_filter_error":                        true,
		"llm_guard_blocked":                           true,
		"guard-blocked":                               true,

		"":                                       false,
		"guard":                                  false,
		"llm_guard":                              false,
		"guardrail":                              false,
		"guardrail_unavailable":                  false,
		"guard_unavailable":                      false,
		"upstream guardrail service unavailable": false,
		"content_filtered":                       false,
		"contentfilter":                          false,
		"content filter":                         false,
		"filter_content":                         false,
		"blocked_guard":                          false,
		"invalid_request_error":                  false,
		"content_policy":                         false,
		"not_guard_blocked_x_y":                  true, // a whole token sequence inside a longer code
		"guard_blockedness":                      false,
		"xcontent_filter":                        false,
		"responsibleaipolicy":                    false,
		"policy_violation":                       false,
		"invalid_prompt_template":                false,
	}
	for code, want := range tests {
		if got := isFilterCode(code); got != want {
			t.Errorf("isFilterCode(%q) = %v, want %v", code, got, want)
		}
	}
}

func TestParseAPIError(t *testing.T) {
	tests := []struct {
		name, body string
		codes      []string
		message    string
		filtered   bool
	}{
		{"aisec guard", `{"error":{"message":"blocked: injection","type":"guard_blocked","param":null,"code":"injection"}}`,
			[]string{"guard_blocked", "injection"}, "blocked: injection", true},
		{"hostile string error", `{"error":"upstream guardrail service unavailable"}`,
			nil, "upstream guardrail service unavailable", false},
		{"string error naming a code", `{"error":"content_filter"}`, nil, "content_filter", false},
		{"code only in message", `{"error":{"message":"guard_blocked","type":"server_error"}}`,
			[]string{"server_error"}, "guard_blocked", false},
		{"azure innererror", `{"error":{"message":"filtered","code":"content_filter_x","innererror":{"code":"ResponsibleAIPolicyViolation"}}}`,
			[]string{"content_filter_x", "ResponsibleAIPolicyViolation"}, "filtered", true},
		{"nested error", `{"error":{"error":{"type":"content_policy_violation","message":"inner"}}}`,
			[]string{"content_policy_violation"}, "inner", true},
		{"outer message wins", `{"error":{"message":"outer","innererror":{"message":"inner","code":"x"}}}`,
			[]string{"x"}, "outer", false},
		{"top level", `{"type":"guard_blocked","detail":"denied"}`, []string{"guard_blocked"}, "denied", true},
		{"numeric code", `{"error":{"code":400,"message":"bad"}}`, nil, "bad", false},
		{"null fields", `{"error":{"type":null,"code":null}}`, nil, "", false},
		{"too deep", `{"error":{"error":{"error":{"error":{"error":{"type":"guard_blocked"}}}}}}`, nil, "", false},
		{"array", `[{"type":"guard_blocked"}]`, nil, "", false},
		{"not json", `guard_blocked`, nil, "", false},
		{"empty", ``, nil, "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := parseAPIError([]byte(tc.body))
			if !slices.Equal(e.codes, tc.codes) || e.message != tc.message || e.filtered() != tc.filtered {
				t.Fatalf("got codes %q message %q filtered %v", e.codes, e.message, e.filtered())
			}
		})
	}
}
