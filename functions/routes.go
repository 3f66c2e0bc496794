// Package functions is OpenPlay's set of entry points. The route table below is the single
// source of truth for them: the root package registers each route as its own Cloud Function,
// the dev server serves them all on one port, and deployment is derived from it.
package functions

import (
	"context"
	"net/http"
	"strings"

	cloudevents "github.com/cloudevents/sdk-go/v2"

	"github.com/openplay-games/openplay/functions/events"
	"github.com/openplay-games/openplay/functions/matches"
	"github.com/openplay-games/openplay/functions/notifications"
	"github.com/openplay-games/openplay/functions/operations"
	"github.com/openplay-games/openplay/functions/rooms"
	"github.com/openplay-games/openplay/functions/sessions"
	"github.com/openplay-games/openplay/functions/signals"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/logging"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
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
// Scheduler cron schedule of a private route. A PubSub route consumes the messages of Topic with
// Consume: in production as a CloudEvent, locally through a push subscription that posts them to
// Path (a gen2 function has one trigger, hence one route per topic).
type Route struct {
	Name     string
	Method   string
	Path     string
	Trigger  Trigger
	Schedule string
	Topic    string
	Handler  http.HandlerFunc
	Consume  func(ctx context.Context, message []byte) error
	// Secrets are the environment variables the entry point reads from Secret Manager in
	// production (the deploy mounts each from the secret deploy.SecretName names); no other
	// entry point gets them.
	Secrets []string
}

// Routes is the route table.
func Routes(svc *service.Service) []Route {
	rm, tbm, ev, nt, ss := rooms.New(svc), matches.New(svc), events.New(svc), notifications.New(svc), sessions.New(svc)
	ops := operations.New(svc)
	sg := signals.New(svc)
	const tb = "/games/v1/turnbasedmatches"
	// MPSD paths; clients may spell their literal segments in any case (see Handler).
	const sc, sn = "/serviceconfigs/{scid}", "/serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}"
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

		{Name: "SessionsPut", Method: http.MethodPut, Path: sn, Trigger: HTTP, Handler: ss.Put},
		{Name: "SessionsGet", Method: http.MethodGet, Path: sn, Trigger: HTTP, Handler: ss.Get},
		{Name: "SessionsPutProperties", Method: http.MethodPut, Path: sn + "/properties", Trigger: HTTP, Handler: ss.PutProperties},
		{Name: "SessionsLeave", Method: http.MethodDelete, Path: sn + "/members/me", Trigger: HTTP, Handler: ss.Leave},
		{Name: "SessionsRemoveMember", Method: http.MethodDelete, Path: sn + "/members/{index}", Trigger: HTTP, Handler: ss.RemoveMember},
		{Name: "SessionsRemoveServer", Method: http.MethodDelete, Path: sn + "/servers/{server}", Trigger: HTTP, Handler: ss.RemoveServer},
		{Name: "SessionsQuery", Method: http.MethodGet, Path: sc + "/sessions", Trigger: HTTP, Handler: ss.Query},
		{Name: "SessionTemplatesList", Method: http.MethodGet, Path: sc + "/sessionTemplates", Trigger: HTTP, Handler: ss.ListTemplates},
		{Name: "SessionTemplatesGet", Method: http.MethodGet, Path: sc + "/sessionTemplates/{template}", Trigger: HTTP, Handler: ss.GetTemplate},
		{Name: "SessionHandlesCreate", Method: http.MethodPost, Path: "/handles", Trigger: HTTP, Handler: ss.CreateHandle},
		{Name: "SessionHandlesGet", Method: http.MethodGet, Path: "/handles/{handleId}", Trigger: HTTP, Handler: ss.GetHandle},
		{Name: "SessionHandlesDelete", Method: http.MethodDelete, Path: "/handles/{handleId}", Trigger: HTTP, Handler: ss.DeleteHandle},
		{Name: "SessionsGetByHandle", Method: http.MethodGet, Path: "/handles/{handleId}/session", Trigger: HTTP, Handler: ss.GetByHandle},
		{Name: "SessionsPutByHandle", Method: http.MethodPut, Path: "/handles/{handleId}/session", Trigger: HTTP, Handler: ss.PutByHandle},

		{Name: "SignalsSend", Method: http.MethodPost, Path: "/openplay/v1/rooms/{roomId}/signals", Trigger: HTTP, Handler: sg.Send},
		{Name: "SignalsList", Method: http.MethodGet, Path: "/openplay/v1/rooms/{roomId}/signals", Trigger: HTTP, Handler: sg.List},
		{Name: "IceServersGet", Method: http.MethodGet, Path: "/openplay/v1/iceServers", Trigger: HTTP, Handler: sg.GetICEServers,
			Secrets: []string{"OPENPLAY_TURN_SECRET"}},

		{Name: "NotificationsList", Method: http.MethodGet, Path: "/openplay/v1/notifications", Trigger: HTTP, Handler: nt.List},
		{Name: "NotificationsAck", Method: http.MethodPost, Path: "/openplay/v1/notifications/{id}/ack", Trigger: HTTP, Handler: nt.Ack},
		{Name: "NotificationsRelay", Method: http.MethodPost, Path: "/operations/notifications/relay", Trigger: Private,
			Schedule: "* * * * *", Handler: nt.Relay},
		{Name: "Sweep", Method: http.MethodPost, Path: "/operations/sweep", Trigger: Private, Schedule: "* * * * *", Handler: ops.Sweep},
		{Name: "Matchmake", Method: http.MethodPost, Path: "/operations/matchmake", Trigger: Private, Schedule: "* * * * *", Handler: ops.Matchmake},
		{Name: "NotificationsDeliverInvitations", Method: http.MethodPost, Path: "/operations/notifications/deliver/invitations",
			Trigger: PubSub, Topic: notification.TopicInvitations, Consume: nt.Deliver},
		{Name: "NotificationsDeliverTurns", Method: http.MethodPost, Path: "/operations/notifications/deliver/turns",
			Trigger: PubSub, Topic: notification.TopicTurns, Consume: nt.Deliver},
		{Name: "NotificationsDeliverRoomUpdates", Method: http.MethodPost, Path: "/operations/notifications/deliver/room-updates",
			Trigger: PubSub, Topic: notification.TopicRoomUpdates, Consume: nt.Deliver},
		{Name: "NotificationsDeliverSessionChanges", Method: http.MethodPost, Path: "/operations/notifications/deliver/session-changes",
			Trigger: PubSub, Topic: notification.TopicSessionChanges, Consume: nt.Deliver},
	}
}

// Handler serves routes behind the middleware every entry point shares: request context and
// access log (with the request's Firestore cost), panic recovery, case folding of MPSD paths
// (clients send "sessionTemplates", the documentation writes "sessiontemplates"), then per
// route the body limit and, for public routes, the request deadline and Firebase sign-in.
func Handler(svc *service.Service, routes ...Route) http.Handler {
	endpoints := make([]httpapi.Endpoint, len(routes))
	var mpsdPaths []string
	for i, rt := range routes {
		if strings.HasPrefix(rt.Path, "/serviceconfigs/") || rt.Path == "/handles" || strings.HasPrefix(rt.Path, "/handles/") {
			mpsdPaths = append(mpsdPaths, rt.Path) // MPSD matches paths case-insensitively; Play Games does not
		}
		mw := []httpapi.Middleware{httpapi.LimitBody(svc.Config.MaxBodyBytes)}
		if rt.Trigger == HTTP {
			mw = append(mw, httpapi.Deadline(svc.RequestTimeout), httpapi.Authenticate(svc.Auth))
		}
		h := rt.Handler
		if rt.Trigger == PubSub {
			h = pushHandler(rt.Consume)
		}
		endpoints[i] = httpapi.Endpoint{Method: rt.Method, Path: rt.Path, Handler: httpapi.Chain(h, mw...)}
	}
	return httpapi.Chain(httpapi.Router(endpoints...),
		httpapi.RequestContext(svc.Logger, svc.Config.ProjectID, store.MeterCost), httpapi.Recover, httpapi.FoldPathCase(mpsdPaths))
}

// pushHandler serves a consumer to a push subscription: 204 acknowledges the message, an error
// answer makes Pub/Sub deliver it again.
func pushHandler(consume func(context.Context, []byte) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := httpapi.ReadBody(r)
		if err == nil {
			err = consume(r.Context(), body)
		}
		if err != nil {
			httpapi.WriteError(w, r, err)
			return
		}
		httpapi.NoContent(w)
	}
}

// EventHandler serves a consumer as the CloudEvent function Cloud Functions triggers from its
// topic (the event's data is the message in push form); a returned error makes it retry.
func EventHandler(svc *service.Service, rt Route) func(context.Context, cloudevents.Event) error {
	return func(ctx context.Context, e cloudevents.Event) error {
		logger := svc.Logger.With("entryPoint", rt.Name, "eventId", e.ID())
		err := rt.Consume(logging.With(ctx, logger), e.Data())
		if err != nil {
			logger.Error("message not consumed; Pub/Sub will deliver it again", "error", err.Error())
		}
		return err
	}
}
