// Package functions is OpenPlay's set of entry points. The route table below is the single
// source of truth for them: the root package registers each route as its own Cloud Function,
// the dev server serves them all on one port, and deployment is derived from it.
package functions

import (
	"net/http"

	"github.com/openplay-games/openplay/functions/events"
	"github.com/openplay-games/openplay/functions/matches"
	"github.com/openplay-games/openplay/functions/rooms"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
)

// Trigger is how an entry point is invoked.
type Trigger string

const (
	// HTTP entry points answer a public API path (through API Gateway in production) and need a
	// Firebase ID token.
	HTTP Trigger = "http"
	// Private entry points are operations (relay, sweeper, matcher): invoked by Cloud Scheduler
	// with its own identity, never through the gateway; Cloud Functions' IAM guards them.
	Private Trigger = "private"
	// PubSub entry points consume the messages of Topic, delivered with retry.
	PubSub Trigger = "pubsub"
)

// Route is one entry point: its function name (the --entry-point of its deployment), its
// method and canonical API path, how it is triggered, and its handler. Schedule is the Cloud
// Scheduler cron schedule of a private route; Topic the topic a PubSub route consumes (locally a
// push subscription posts the messages to Path).
type Route struct {
	Name     string
	Method   string
	Path     string
	Trigger  Trigger
	Schedule string
	Topic    string
	Handler  http.HandlerFunc
}

// Routes is the route table.
func Routes(svc *service.Service) []Route {
	rm, tbm, ev := rooms.New(svc), matches.New(svc), events.New(svc)
	const tb = "/games/v1/turnbasedmatches"
	return []Route{
		{Name: "RoomsCreate", Method: http.MethodPost, Path: "/games/v1/rooms/create", Trigger: HTTP, Handler: rm.Create},
		{Name: "RoomsGet", Method: http.MethodGet, Path: "/games/v1/rooms/{roomId}", Trigger: HTTP, Handler: rm.Get},
		{Name: "RoomsJoin", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/join", Trigger: HTTP, Handler: rm.Join},
		{Name: "RoomsLeave", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/leave", Trigger: HTTP, Handler: rm.Leave},
		{Name: "RoomsDecline", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/decline", Trigger: HTTP, Handler: rm.Decline},
		{Name: "RoomsDismiss", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/dismiss", Trigger: HTTP, Handler: rm.Dismiss},
		{Name: "RoomsList", Method: http.MethodGet, Path: "/games/v1/rooms", Trigger: HTTP, Handler: rm.List},
		{Name: "RoomsReportStatus", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/reportstatus", Trigger: HTTP, Handler: rm.ReportStatus},

		{Name: "TurnBasedMatchesCreate", Method: http.MethodPost, Path: tb + "/create", Trigger: HTTP, Handler: tbm.Create},
		{Name: "TurnBasedMatchesGet", Method: http.MethodGet, Path: tb + "/{matchId}", Trigger: HTTP, Handler: tbm.Get},
		{Name: "TurnBasedMatchesJoin", Method: http.MethodPut, Path: tb + "/{matchId}/join", Trigger: HTTP, Handler: tbm.Join},
		{Name: "TurnBasedMatchesDecline", Method: http.MethodPut, Path: tb + "/{matchId}/decline", Trigger: HTTP, Handler: tbm.Decline},
		{Name: "TurnBasedMatchesDismiss", Method: http.MethodPut, Path: tb + "/{matchId}/dismiss", Trigger: HTTP, Handler: tbm.Dismiss},
		{Name: "TurnBasedMatchesTakeTurn", Method: http.MethodPut, Path: tb + "/{matchId}/turn", Trigger: HTTP, Handler: tbm.TakeTurn},
		{Name: "TurnBasedMatchesLeaveTurn", Method: http.MethodPut, Path: tb + "/{matchId}/leaveTurn", Trigger: HTTP, Handler: tbm.LeaveTurn},
		{Name: "TurnBasedMatchesLeave", Method: http.MethodPut, Path: tb + "/{matchId}/leave", Trigger: HTTP, Handler: tbm.Leave},
		{Name: "TurnBasedMatchesFinish", Method: http.MethodPut, Path: tb + "/{matchId}/finish", Trigger: HTTP, Handler: tbm.Finish},
		{Name: "TurnBasedMatchesCancel", Method: http.MethodPut, Path: tb + "/{matchId}/cancel", Trigger: HTTP, Handler: tbm.Cancel},
		{Name: "TurnBasedMatchesRematch", Method: http.MethodPost, Path: tb + "/{matchId}/rematch", Trigger: HTTP, Handler: tbm.Rematch},
		{Name: "TurnBasedMatchesList", Method: http.MethodGet, Path: tb, Trigger: HTTP, Handler: tbm.List},
		{Name: "TurnBasedMatchesSync", Method: http.MethodGet, Path: tb + "/sync", Trigger: HTTP, Handler: tbm.Sync},

		{Name: "EventsRecord", Method: http.MethodPost, Path: "/games/v1/events", Trigger: HTTP, Handler: ev.Record},
		{Name: "EventsListByPlayer", Method: http.MethodGet, Path: "/games/v1/events", Trigger: HTTP, Handler: ev.ListByPlayer},
		{Name: "EventsListDefinitions", Method: http.MethodGet, Path: "/games/v1/eventDefinitions", Trigger: HTTP, Handler: ev.ListDefinitions},
	}
}

// Handler serves routes behind the middleware every entry point shares: request context and
// access log, panic recovery, then per route the body limit and, for public routes, Firebase
// sign-in.
func Handler(svc *service.Service, routes ...Route) http.Handler {
	endpoints := make([]httpapi.Endpoint, len(routes))
	for i, rt := range routes {
		mw := []httpapi.Middleware{httpapi.LimitBody(svc.Config.MaxBodyBytes)}
		if rt.Trigger == HTTP {
			mw = append(mw, httpapi.Authenticate(svc.Auth))
		}
		endpoints[i] = httpapi.Endpoint{Method: rt.Method, Path: rt.Path, Handler: httpapi.Chain(rt.Handler, mw...)}
	}
	return httpapi.Chain(httpapi.Router(endpoints...),
		httpapi.RequestContext(svc.Logger, svc.Config.ProjectID), httpapi.Recover)
}
