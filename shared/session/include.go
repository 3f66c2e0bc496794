package session

import (
	"slices"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
)

// What a handle query adds to each result when its ?include= names it (MPSD: POST
// /handles/query?include=relatedInfo,customProperties,roleInfo): a result carries the handle
// alone unless asked, as MPSD answers.
var (
	// ActivityIncludes are the values an activity query takes.
	ActivityIncludes = []string{"relatedInfo", "customProperties"}
	// SearchIncludes are the values a search query takes; a search handle POST /handles makes
	// is answered with all of them.
	SearchIncludes = []string{"relatedInfo", "customProperties", "roleInfo"}
)

// decodeInclude reads ?include= (comma-separated values in any case, each kept once, in the
// spelling of allowed); a value outside allowed is 400 naming include.
func decodeInclude(raw string, allowed []string) ([]string, error) {
	var out []string
	for _, v := range strings.Split(raw, ",") {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		i := slices.IndexFunc(allowed, func(s string) bool { return strings.EqualFold(s, v) })
		if i < 0 {
			return nil, errs.E(errs.Invalid, "include", "%q is not supported here (supported: %s)", v, strings.Join(allowed, ", "))
		}
		if !slices.Contains(out, allowed[i]) {
			out = append(out, allowed[i])
		}
	}
	return out, nil
}
