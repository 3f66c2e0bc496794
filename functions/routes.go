// Package functions is OpenPlay's set of entry points. The route table below is the single
// source of truth for them: the root package registers each route as its own Cloud Function,
// the dev server serves them all on one port, and deployment is derived from it.
package functions

import (
	"context"
	"net/http"
	"os"
	"runtime/debug"
	"strings"
	"time"

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
	"github.com/openplay-games/openplay/shared/session"
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
// Path (a gen2 function has one trigger, hence one route per topic). MaxBody is the largest
// request body it accepts (413 above it; OPENPLAY_MAX_BODY_BYTES caps it), and Memory the most
// one call may hold, which the instance reserves for each call (see Handler); the memory budget
// test (functions/budget) sends each route's worst case.
type Route struct {
	Name     string
	Method   string
	Path     string
	Trigger  Trigger
	Schedule string
	// ScheduleQuery is the query string Cloud Scheduler's calls carry ("for=50s").
	ScheduleQuery string
	Topic         string
	Handler       httpapi.HandlerFunc
	Consume       func(ctx context.Context, message []byte) error
	// Secrets are the environment variables the entry point reads from Secret Manager in
	// production (the deploy mounts each from the secret deploy.SecretName names); no other
	// entry point gets them.
	Secrets []string
	MaxBody int64
	Memory  int64
}

// Request body limits: the largest body a legitimate call sends.
const (
	noBody      = 1 << 10   // routes that take no body ({} at most)
	gameBody    = 16 << 10  // rooms and matches: a few short lists of short strings (functions/rooms/decode.go)
	turnBody    = 256 << 10 // a turn or finish: match.MaxDataBytes of data in base64, and the results
	handleBody  = 64 << 10  // an invite handle and its attributes, a search handle at its bounds, a handle query
	pushBody    = 64 << 10  // a notification as Pub/Sub pushes it
	signalBody  = 32 << 10  // a signal: signal.MaxPayloadBytes of payload and its envelope
	sessionBody = session.MaxSessionBytes
	batchBody   = 8 << 10 // a batch query: ten player IDs, each at most 6× its 128 bytes escaped
)

// recordBody is the largest events.record body: the most updates a call may carry, each in a
// period of its own, at well under 512 bytes each.
func recordBody(svc *service.Service) int64 { return 4<<10 + 512*int64(svc.Config.Events.MaxUpdates) }

// What one call of a route may hold in memory at most (Memory), by the largest documents it
// reads and writes; the memory budget test (functions/budget) checks each route's worst case
// against them.
const (
	lightCall    = 512 << 10 // small documents: a room, a player's events, an inbox page, a template
	roomCall     = 3 << 19   // several of the largest rooms (a page, the candidates of auto-matching)
	matchCall    = 3 << 20   // a match with the most game state, or a page of them; a rematch, two
	sessionRead  = 2 << 20   // the largest session, read
	sessionWrite = 6 << 20   // the largest session, read, merged and written
	handleCall   = 4 << 20   // a handle and the largest sessions it names (a transfer's origin and target), read
	sessionQuery = 4 << 20   // a query: session.MaxQueryBytes of sessions streamed in, decoded one at a time
	handleQuery  = 16 << 20  // a handle query: an activity query decodes one session at a time and keeps the custom properties of ten (at 12 MiB the instance peaked at its limit); a search streams in session.MaxSearchBytes of sessions and holds as much rendered
	operation    = 3 << 20   // a pass of an operation: a batch of records, due games or seeds
	signalPage   = 1 << 20   // a page of signals (a store page, 256 KiB of them), read and rendered
)

// admissionWait is how long a call waits for the memory its route reserves before it is refused
// with 503: long enough to ride out a burst of heavy calls, short enough that its client soon
// retries, maybe on another instance. An operation (a private route: the relay, the sweeper, the
// matcher) runs one pass at a time on an instance, as overlapping passes would only contend for
// the same documents; a pass waits up to operationWait for the one before it.
const (
	admissionWait = 10 * time.Second
	operationWait = time.Minute
)

// Routes is the route table.
func Routes(svc *service.Service) []Route {
	rm, tbm, ev, nt, ss := rooms.New(svc), matches.New(svc), events.New(svc), notifications.New(svc), sessions.New(svc)
	ops := operations.New(svc)
	sg := signals.New(svc)
	const tb = "/games/v1/turnbasedmatches"
	// MPSD paths; clients may spell their literal segments in any case (see Handler).
	const sc, sn = "/serviceconfigs/{scid}", "/serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}"
	return []Route{
		{Name: "RoomsCreate", Method: http.MethodPost, Path: "/games/v1/rooms/create", Trigger: HTTP, Handler: rm.Create,
			MaxBody: gameBody, Memory: roomCall},
		{Name: "RoomsGet", Method: http.MethodGet, Path: "/games/v1/rooms/{roomId}", Trigger: HTTP, Handler: rm.Get,
			MaxBody: noBody, Memory: lightCall},
		{Name: "RoomsJoin", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/join", Trigger: HTTP, Handler: rm.Join,
			MaxBody: gameBody, Memory: lightCall},
		{Name: "RoomsLeave", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/leave", Trigger: HTTP, Handler: rm.Leave,
			MaxBody: gameBody, Memory: lightCall},
		{Name: "RoomsDecline", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/decline", Trigger: HTTP, Handler: rm.Decline,
			MaxBody: noBody, Memory: lightCall},
		{Name: "RoomsDismiss", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/dismiss", Trigger: HTTP, Handler: rm.Dismiss,
			MaxBody: noBody, Memory: lightCall},
		{Name: "RoomsList", Method: http.MethodGet, Path: "/games/v1/rooms", Trigger: HTTP, Handler: rm.List,
			MaxBody: noBody, Memory: roomCall},
		{Name: "RoomsReportStatus", Method: http.MethodPost, Path: "/games/v1/rooms/{roomId}/reportstatus", Trigger: HTTP, Handler: rm.ReportStatus,
			MaxBody: gameBody, Memory: roomCall},

		{Name: "TurnBasedMatchesCreate", Method: http.MethodPost, Path: tb + "/create", Trigger: HTTP, Handler: tbm.Create,
			MaxBody: gameBody, Memory: lightCall},
		{Name: "TurnBasedMatchesGet", Method: http.MethodGet, Path: tb + "/{matchId}", Trigger: HTTP, Handler: tbm.Get,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesJoin", Method: http.MethodPut, Path: tb + "/{matchId}/join", Trigger: HTTP, Handler: tbm.Join,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesDecline", Method: http.MethodPut, Path: tb + "/{matchId}/decline", Trigger: HTTP, Handler: tbm.Decline,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesDismiss", Method: http.MethodPut, Path: tb + "/{matchId}/dismiss", Trigger: HTTP, Handler: tbm.Dismiss,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesTakeTurn", Method: http.MethodPut, Path: tb + "/{matchId}/turn", Trigger: HTTP, Handler: tbm.TakeTurn,
			MaxBody: turnBody, Memory: matchCall},
		{Name: "TurnBasedMatchesLeaveTurn", Method: http.MethodPut, Path: tb + "/{matchId}/leaveTurn", Trigger: HTTP, Handler: tbm.LeaveTurn,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesLeave", Method: http.MethodPut, Path: tb + "/{matchId}/leave", Trigger: HTTP, Handler: tbm.Leave,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesFinish", Method: http.MethodPut, Path: tb + "/{matchId}/finish", Trigger: HTTP, Handler: tbm.Finish,
			MaxBody: turnBody, Memory: matchCall},
		{Name: "TurnBasedMatchesCancel", Method: http.MethodPut, Path: tb + "/{matchId}/cancel", Trigger: HTTP, Handler: tbm.Cancel,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesRematch", Method: http.MethodPost, Path: tb + "/{matchId}/rematch", Trigger: HTTP, Handler: tbm.Rematch,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesList", Method: http.MethodGet, Path: tb, Trigger: HTTP, Handler: tbm.List,
			MaxBody: noBody, Memory: matchCall},
		{Name: "TurnBasedMatchesSync", Method: http.MethodGet, Path: tb + "/sync", Trigger: HTTP, Handler: tbm.Sync,
			MaxBody: noBody, Memory: matchCall},

		{Name: "EventsRecord", Method: http.MethodPost, Path: "/games/v1/events", Trigger: HTTP, Handler: ev.Record,
			MaxBody: recordBody(svc), Memory: lightCall},
		{Name: "EventsListByPlayer", Method: http.MethodGet, Path: "/games/v1/events", Trigger: HTTP, Handler: ev.ListByPlayer,
			MaxBody: noBody, Memory: lightCall},
		{Name: "EventsListDefinitions", Method: http.MethodGet, Path: "/games/v1/eventDefinitions", Trigger: HTTP, Handler: ev.ListDefinitions,
			MaxBody: noBody, Memory: roomCall},

		{Name: "SessionsPut", Method: http.MethodPut, Path: sn, Trigger: HTTP, Handler: ss.Put,
			MaxBody: sessionBody, Memory: sessionWrite},
		{Name: "SessionsGet", Method: http.MethodGet, Path: sn, Trigger: HTTP, Handler: ss.Get,
			MaxBody: noBody, Memory: sessionRead},
		{Name: "SessionsPutProperties", Method: http.MethodPut, Path: sn + "/properties", Trigger: HTTP, Handler: ss.PutProperties,
			MaxBody: sessionBody, Memory: sessionWrite},
		{Name: "SessionsLeave", Method: http.MethodDelete, Path: sn + "/members/me", Trigger: HTTP, Handler: ss.Leave,
			MaxBody: noBody, Memory: sessionWrite},
		{Name: "SessionsRemoveMember", Method: http.MethodDelete, Path: sn + "/members/{index}", Trigger: HTTP, Handler: ss.RemoveMember,
			MaxBody: noBody, Memory: sessionWrite},
		{Name: "SessionsRemoveServer", Method: http.MethodDelete, Path: sn + "/servers/{server}", Trigger: HTTP, Handler: ss.RemoveServer,
			MaxBody: noBody, Memory: sessionWrite},
		{Name: "SessionsQuery", Method: http.MethodGet, Path: sc + "/sessions", Trigger: HTTP, Handler: ss.Query,
			MaxBody: noBody, Memory: sessionQuery},
		{Name: "SessionsBatchQuery", Method: http.MethodPost, Path: sc + "/batch", Trigger: HTTP, Handler: ss.BatchQuery,
			MaxBody: batchBody, Memory: sessionQuery},
		{Name: "SessionTemplatesList", Method: http.MethodGet, Path: sc + "/sessionTemplates", Trigger: HTTP, Handler: ss.ListTemplates,
			MaxBody: noBody, Memory: lightCall},
		{Name: "SessionTemplatesGet", Method: http.MethodGet, Path: sc + "/sessionTemplates/{template}", Trigger: HTTP, Handler: ss.GetTemplate,
			MaxBody: noBody, Memory: lightCall},
		{Name: "SessionHandlesCreate", Method: http.MethodPost, Path: "/handles", Trigger: HTTP, Handler: ss.CreateHandle,
			MaxBody: handleBody, Memory: sessionWrite}, // a search handle is written into its session
		{Name: "SessionHandlesGet", Method: http.MethodGet, Path: "/handles/{handleId}", Trigger: HTTP, Handler: ss.GetHandle,
			MaxBody: noBody, Memory: handleCall},
		{Name: "SessionHandlesDelete", Method: http.MethodDelete, Path: "/handles/{handleId}", Trigger: HTTP, Handler: ss.DeleteHandle,
			MaxBody: noBody, Memory: sessionWrite}, // a search handle is deleted from its session
		{Name: "SessionsGetByHandle", Method: http.MethodGet, Path: "/handles/{handleId}/session", Trigger: HTTP, Handler: ss.GetByHandle,
			MaxBody: noBody, Memory: handleCall},
		{Name: "SessionsPutByHandle", Method: http.MethodPut, Path: "/handles/{handleId}/session", Trigger: HTTP, Handler: ss.PutByHandle,
			MaxBody: sessionBody, Memory: sessionWrite},
		{Name: "SessionHandlesQuery", Method: http.MethodPost, Path: "/handles/query", Trigger: HTTP, Handler: ss.QueryHandles,
			MaxBody: handleBody, Memory: handleQuery},

		{Name: "SignalsSend", Method: http.MethodPost, Path: "/openplay/v1/rooms/{roomId}/signals", Trigger: HTTP, Handler: sg.Send,
			MaxBody: signalBody, Memory: lightCall},
		{Name: "SignalsList", Method: http.MethodGet, Path: "/openplay/v1/rooms/{roomId}/signals", Trigger: HTTP, Handler: sg.List,
			MaxBody: noBody, Memory: signalPage},
		{Name: "IceServersGet", Method: http.MethodGet, Path: "/openplay/v1/iceServers", Trigger: HTTP, Handler: sg.GetICEServers,
			MaxBody: noBody, Memory: lightCall, Secrets: []string{"OPENPLAY_TURN_SECRET"}},

		{Name: "NotificationsList", Method: http.MethodGet, Path: "/openplay/v1/notifications", Trigger: HTTP, Handler: nt.List,
			MaxBody: noBody, Memory: lightCall},
		{Name: "NotificationsAck", Method: http.MethodPost, Path: "/openplay/v1/notifications/{id}/ack", Trigger: HTTP, Handler: nt.Ack,
			MaxBody: noBody, Memory: lightCall},
		{Name: "NotificationsRelay", Method: http.MethodPost, Path: "/operations/notifications/relay", Trigger: Private,
			Schedule: "* * * * *", Handler: nt.Relay,
			MaxBody: noBody, Memory: operation},
		{Name: "Sweep", Method: http.MethodPost, Path: "/operations/sweep", Trigger: Private, Schedule: "* * * * *", Handler: ops.Sweep,
			MaxBody: noBody, Memory: operation},
		{Name: "Matchmake", Method: http.MethodPost, Path: "/operations/matchmake", Trigger: Private, Schedule: "* * * * *",
			ScheduleQuery: "for=" + operations.MaxMatchmakeFor.String(), Handler: ops.Matchmake,
			MaxBody: noBody, Memory: operation},
		{Name: "NotificationsDeliverInvitations", Method: http.MethodPost, Path: "/operations/notifications/deliver/invitations",
			Trigger: PubSub, Topic: notification.TopicInvitations, Consume: nt.Deliver,
			MaxBody: pushBody, Memory: lightCall},
		{Name: "NotificationsDeliverTurns", Method: http.MethodPost, Path: "/operations/notifications/deliver/turns",
			Trigger: PubSub, Topic: notification.TopicTurns, Consume: nt.Deliver,
			MaxBody: pushBody, Memory: lightCall},
		{Name: "NotificationsDeliverRoomUpdates", Method: http.MethodPost, Path: "/operations/notifications/deliver/room-updates",
			Trigger: PubSub, Topic: notification.TopicRoomUpdates, Consume: nt.Deliver,
			MaxBody: pushBody, Memory: lightCall},
		{Name: "NotificationsDeliverSessionChanges", Method: http.MethodPost, Path: "/operations/notifications/deliver/session-changes",
			Trigger: PubSub, Topic: notification.TopicSessionChanges, Consume: nt.Deliver,
			MaxBody: pushBody, Memory: lightCall},
	}
}

// MemoryLimit is the Go runtime's soft memory limit of an instance: the 128 MiB a function is
// deployed with (functions/deploy), less its code and what the runtime does not count. Near it
// the garbage collector works harder rather than let the instance grow; what the calls in flight
// hold is bounded below it by admission (svc.Config.Memory(), see Handler).
const MemoryLimit = 96 << 20

// LimitMemory sets the runtime's soft memory limit to MemoryLimit, unless GOMEMLIMIT sets it.
func LimitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(MemoryLimit)
	}
}

// Handler serves routes behind the middleware every entry point shares: request context and
// access log (with the request's Firestore cost), panic recovery, cross-origin calls from the
// pages of the origins the application allows (CORS), case folding of MPSD paths
// (clients send "sessionTemplates", the documentation writes "sessiontemplates"), then per
// route the body limit, one pass at a time for operations, the admission of the memory the
// route's calls reserve (of svc.Config.Memory() in all), compact answers for MPSD and, for
// public routes, the request deadline and Firebase sign-in.
func Handler(svc *service.Service, routes ...Route) http.Handler {
	endpoints := make([]httpapi.Endpoint, len(routes))
	admission := httpapi.NewAdmission(svc.Config.Memory(), admissionWait)
	var mpsdPaths []string
	for i, rt := range routes {
		mw := []httpapi.Middleware{httpapi.LimitBody(min(rt.MaxBody, svc.Config.MaxBodyBytes))}
		if rt.Trigger == Private {
			mw = append(mw, httpapi.NewAdmission(1, operationWait).Admit(1)) // one pass at a time
		}
		mw = append(mw, admission.Admit(rt.Memory))
		if strings.HasPrefix(rt.Path, "/serviceconfigs/") || rt.Path == "/handles" || strings.HasPrefix(rt.Path, "/handles/") {
			mpsdPaths = append(mpsdPaths, rt.Path) // MPSD matches paths case-insensitively; Play Games does not
			mw = append(mw, httpapi.Compact)       // and answers compact JSON
		}
		if rt.Trigger == HTTP {
			mw = append(mw, httpapi.Deadline(svc.RequestTimeout), httpapi.Authenticate(svc.Auth))
		}
		var h http.Handler = rt.Handler
		if rt.Trigger == PubSub {
			h = pushHandler(rt.Consume)
		}
		endpoints[i] = httpapi.Endpoint{Method: rt.Method, Path: rt.Path, Handler: httpapi.Chain(h, mw...)}
	}
	return httpapi.Chain(httpapi.Router(endpoints...),
		httpapi.RequestContext(svc.Logger, svc.Config.ProjectID, store.MeterCost), httpapi.Recover,
		httpapi.CrossOrigin(svc.AllowsOrigin), httpapi.FoldPathCase(mpsdPaths))
}

// pushHandler serves a consumer to a push subscription: 204 acknowledges the message, an error
// answer makes Pub/Sub deliver it again.
func pushHandler(consume func(context.Context, []byte) error) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		body, err := httpapi.ReadBody(r)
		if err == nil {
			err = consume(r.Context(), body)
		}
		if err != nil {
			return err
		}
		httpapi.NoContent(w)
		return nil
	}
}

// EventHandler serves a consumer as the CloudEvent function Cloud Functions triggers from its
// topic (the event's data is the message in push form), within the instance's admission as
// Handler's routes are; a returned error makes it retry.
func EventHandler(svc *service.Service, rt Route) func(context.Context, cloudevents.Event) error {
	admission := httpapi.NewAdmission(svc.Config.Memory(), admissionWait)
	return func(ctx context.Context, e cloudevents.Event) error {
		logger := svc.Logger.With("entryPoint", rt.Name, "eventId", e.ID())
		release, err := admission.Acquire(ctx, rt.Memory)
		if err != nil {
			logger.Warn("message not consumed; Pub/Sub will deliver it again", "error", err.Error())
			return err
		}
		defer release()
		err = rt.Consume(logging.With(ctx, logger), e.Data())
		if err != nil {
			logger.Error("message not consumed; Pub/Sub will deliver it again", "error", err.Error())
		}
		return err
	}
}
