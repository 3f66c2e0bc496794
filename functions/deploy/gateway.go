package deploy

import (
	"encoding/json"
	"maps"
	"regexp"
	"strings"

	"github.com/openplay-games/openplay/functions"
)

// GatewaySpec is the API Gateway config (OpenAPI 2.0, the version API Gateway takes): every
// public route's path and method, backed by its own function with the API path appended, and
// Firebase ID tokens of the project checked at the gateway (the functions check them again);
// and on each path, browsers' CORS preflights let through to a function of the path.
func GatewaySpec(s Settings, routes []functions.Route) ([]byte, error) {
	paths := map[string]map[string]any{}
	for _, r := range routes {
		if r.Trigger != functions.HTTP {
			continue // operations entry points are not reachable through the gateway
		}
		path := r.Path
		op := map[string]any{
			"operationId": r.Name,
			"x-google-backend": map[string]any{
				"address": FunctionURL(s, r), "path_translation": "APPEND_PATH_TO_ADDRESS", "deadline": 30.0,
			},
			"responses": map[string]any{"200": map[string]any{"description": "OK"}, "default": map[string]any{"description": "A Google JSON error"}},
		}
		var params []map[string]any
		for _, name := range pathParams(path) {
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "type": "string"})
		}
		if params != nil {
			op["parameters"] = params
		}
		if paths[path] == nil {
			paths[path] = map[string]any{"options": preflight(r, op)}
		}
		paths[path][strings.ToLower(r.Method)] = op
	}
	spec := map[string]any{
		"swagger":  "2.0",
		"info":     map[string]any{"title": "openplay", "version": "1.0.0", "description": "OpenPlay multiplayer services"},
		"schemes":  []string{"https"},
		"produces": []string{"application/json"},
		"paths":    paths,
		"securityDefinitions": map[string]any{"firebase": map[string]any{
			"authorizationUrl": "", "flow": "implicit", "type": "oauth2",
			"x-google-issuer":    "https://securetoken.google.com/" + s.Project,
			"x-google-jwks_uri":  "https://www.googleapis.com/service_accounts/v1/metadata/x509/securetoken@system.gserviceaccount.com",
			"x-google-audiences": s.Project,
		}},
		"security": []map[string]any{{"firebase": []string{}}},
	}
	return json.MarshalIndent(spec, "", "  ")
}

// preflight is the OPTIONS operation of the path of r, whose operation is op: a browser's CORS
// preflight carries no token, so the gateway lets it through unchecked, to r's function, which
// answers it for the origins the application allows (httpapi.CrossOrigin). Every function
// answers preflights for any path, so the path's first route serves them all.
func preflight(r functions.Route, op map[string]any) map[string]any {
	out := maps.Clone(op)
	out["operationId"] = r.Name + "Preflight"
	out["security"] = []any{}
	return out
}

var pathParam = regexp.MustCompile(`\{([^}]+)\}`)

func pathParams(path string) []string {
	var out []string
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}
