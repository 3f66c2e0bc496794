package httpapi

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestFoldPathCase: literal segments match in any case, parameters keep theirs, an exact match
// is never rewritten, and unknown paths stay unknown.
func TestFoldPathCase(t *testing.T) {
	echo := func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(r.URL.Path + " name=" + r.PathValue("name") + " index=" + r.PathValue("index")))
	}
	const s = "/serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}"
	routes := []Endpoint{
		{Method: http.MethodGet, Path: s, Handler: http.HandlerFunc(echo)},
		{Method: http.MethodDelete, Path: s + "/members/me", Handler: http.HandlerFunc(echo)},
		{Method: http.MethodDelete, Path: s + "/members/{index}", Handler: http.HandlerFunc(echo)},
	}
	paths := []string{s, s + "/members/me", s + "/members/{index}"}
	h := Chain(Router(routes...), FoldPathCase(paths))
	for _, c := range []struct{ method, target, want string }{
		{"GET", "/serviceconfigs/A/sessiontemplates/Lobby/sessions/Room", "/serviceconfigs/A/sessionTemplates/Lobby/sessions/Room name=Room index="},
		{"GET", "/SERVICECONFIGS/A/SessionTemplates/t/SESSIONS/x", "/serviceconfigs/A/sessionTemplates/t/sessions/x name=x index="},
		{"DELETE", "/serviceconfigs/A/sessionTemplates/t/sessions/x/Members/ME", "/serviceconfigs/A/sessionTemplates/t/sessions/x/members/me name=x index="},
		{"DELETE", "/serviceconfigs/A/sessionTemplates/t/sessions/x/members/Me", "/serviceconfigs/A/sessionTemplates/t/sessions/x/members/me name=x index="},
		{"DELETE", "/serviceconfigs/A/sessionTemplates/t/sessions/x/MEMBERS/3", "/serviceconfigs/A/sessionTemplates/t/sessions/x/members/3 name=x index=3"},
	} {
		rec := serve(h, c.method, c.target, "")
		assert.Equal(t, http.StatusOK, rec.Code, "%s %s: status", c.method, c.target)
		assert.Equal(t, c.want, rec.Body.String(), "%s %s: the path and parameters the handler saw", c.method, c.target)
	}
	assert.Equal(t, http.StatusNotFound, serve(h, "GET", "/serviceconfigs/A/sessionTemplates/t/other/x", "").Code, "unknown path")
}
