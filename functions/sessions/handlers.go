// Package sessions serves the multiplayer session directory in the style of Xbox Live's MPSD:
// the session PUT and GET, leaving and removing members and servers, queries, templates and
// handles, each its own entry point. The session and template handlers are in this file, the
// handles' in handles.go (transfer handles' own in transfer.go, activity handles' in
// handles_activity.go, search handles' in search.go, reading and deleting search and activity
// handles by ID in handles_kept.go, the handle query's dispatch in handles_query.go), what they
// read from a request in decode.go, and how they answer with a session in render.go. Every write
// is one Firestore transaction writing the session document on condition that it is unchanged
// since read (see store.PutSession), with its shoulder taps written to the outbox; the rules live in shared/session. MPSD's HTTP conventions apply:
// 201/200/204, ETag and If-Match, If-None-Match, X-Xbl-Contract-Version, Expires from nextTimer,
// and 412 with the current session.
package sessions

import (
	"crypto/rand"
	"net/http"
	"slices"
	"strconv"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/session"
)

// Handlers serves the session directory for one instance.
type Handlers struct {
	svc *service.Service
}

// New returns the session handlers of svc.
func New(svc *service.Service) *Handlers { return &Handlers{svc: svc} }

// newGUID is a random (version 4) GUID, for branches and correlation IDs.
func newGUID() string {
	return session.GUIDv4(randomBytes())
}

// newHandleID is the ID of a new handle kept at place (see session.NewHandleID).
func newHandleID(place session.HandlePlace) string {
	return session.NewHandleID(place, randomBytes())
}

func randomBytes() [16]byte {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	return b
}

// write runs a session write from req on the session the path names and answers it as MPSD
// does; mode says whether the session must exist (MustExist) and whether to commit (NoCommit).
func (h *Handlers) write(w http.ResponseWriter, r *http.Request, req *session.Request, mode session.Put) error {
	ref, err := ref(r)
	if err != nil {
		return err
	}
	return h.apply(w, r, ref, caller(r), req, mode, nil)
}

// apply runs a session write from req by c on the session ref and answers it as MPSD does: one
// write of the session (store.PutSession), which reads the template only when the write may
// create the session (not with mode.MustExist). A write through a handle (via; nil otherwise) reaches only the session the
// handle was made for. What a non-member sees of the session, after the write or with a 412, is
// the domain's rule (session.Result.Shown, session.FailedPrecondition).
func (h *Handlers) apply(w http.ResponseWriter, r *http.Request, ref session.Ref, c session.Caller, req *session.Request, mode session.Put, via session.Handle) error {
	now := h.svc.Time()
	put := session.Put{Ref: ref, Request: req, Caller: c, Now: now, Branch: newGUID(), CorrelationID: newGUID(),
		ApplicationID: h.svc.Config.ApplicationID, MustExist: mode.MustExist, NoCommit: mode.NoCommit,
		Conditions: session.Conditions{IfMatch: r.Header.Get("If-Match"), IfNoneMatch: r.Header.Get("If-None-Match")}}
	store := h.svc.Store.PutSession
	if mode.MustExist {
		store = h.svc.Store.PutExistingSession
	}
	res, err := store(r.Context(), ref, now, func(stored *session.Session, tpl *session.Template) (*session.Result, error) {
		if via != nil {
			if err := via.Bound(stored); err != nil {
				return nil, err
			}
		}
		put.Stored, put.Template = stored, tpl
		return put.Apply()
	})
	if err != nil {
		current, err := session.FailedPrecondition(err, c)
		if current != nil {
			writeSession(w, r, http.StatusPreconditionFailed, current, c.ID)
			return nil
		}
		return err
	}
	h.svc.Outbox.Deliver(r.Context(), res.Notes)
	shown, err := res.Shown(c)
	if err != nil {
		return err
	}
	switch res.Outcome {
	case session.Deleted:
		httpapi.NoContent(w)
	case session.Created:
		writeSession(w, r, http.StatusCreated, shown, c.ID)
	default:
		writeSession(w, r, http.StatusOK, shown, c.ID)
	}
	return nil
}

// Put serves the session PUT: PUT /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}.
// It creates (201), joins, updates or leaves (200), or answers 204 when no session exists after
// it (the last member left, or a create that would be empty). With ?nocommit=true it answers the
// same without writing the session or sending a shoulder tap.
func (h *Handlers) Put(w http.ResponseWriter, r *http.Request) error {
	req, err := request(r, session.DecodeRequest)
	var noCommit bool
	if err == nil {
		noCommit, err = flag(r, "nocommit")
	}
	if err != nil {
		return err
	}
	return h.write(w, r, req, session.Put{NoCommit: noCommit})
}

// PutProperties serves PUT …/sessions/{name}/properties with a body {system, custom}: a session
// PUT of only properties, except that a missing session is 404.
func (h *Handlers) PutProperties(w http.ResponseWriter, r *http.Request) error {
	req, err := request(r, session.DecodeProperties)
	if err != nil {
		return err
	}
	return h.write(w, r, req, session.Put{MustExist: true})
}

// Get serves GET /serviceconfigs/{scid}/sessionTemplates/{template}/sessions/{name}: the
// session as the caller may see it, 204 when there is none (404 when its template or scid is
// unknown), 304 when If-None-Match names its current ETag. Timers that have fired are applied first (a write), as MPSD evaluates them
// lazily before serving a read.
func (h *Handlers) Get(w http.ResponseWriter, r *http.Request) error {
	ref, err := ref(r)
	if err != nil {
		return err
	}
	return h.read(w, r, ref, caller(r), nil)
}

// read answers the session ref as c may see it (see Get). A read through a handle (via; nil
// otherwise) reaches only the session the handle was made for.
func (h *Handlers) read(w http.ResponseWriter, r *http.Request, ref session.Ref, c session.Caller, via session.Handle) error {
	now := h.svc.Time()
	s, err := h.svc.Store.Session(r.Context(), ref)
	switch {
	case !errs.Is(err, errs.NotFound):
	case via != nil:
		err = nil // the handle is stale: Bound answers 404
	default:
		// no session: 204 when its template exists, else 404 naming the template, as MPSD
		// answers for an unknown template or scid (templates are keyed by both); a hit never
		// reads the template
		_, err = h.svc.Store.Template(r.Context(), ref.SCID, ref.Template)
	}
	if s != nil && s.Due(now) {
		var res *session.Result
		res, err = h.svc.Store.PutExistingSession(r.Context(), ref, now, func(stored *session.Session, _ *session.Template) (*session.Result, error) {
			if stored == nil {
				return &session.Result{Outcome: session.Deleted}, nil
			}
			return session.Refresh(stored, now, h.svc.Config.ApplicationID), nil
		})
		if err == nil {
			h.svc.Outbox.Deliver(r.Context(), res.Notes)
			s = res.Session
		}
	}
	if err == nil && via != nil {
		err = via.Bound(s)
	}
	if err == nil && s == nil {
		httpapi.NoContent(w)
		return nil
	}
	if err == nil {
		err = s.CanRead(c)
	}
	if err != nil {
		return err
	}
	if inm := r.Header.Get("If-None-Match"); inm != "" && session.ETagMatches(inm, s.ETag()) {
		w.Header().Set("ETag", s.ETag())
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	writeSession(w, r, http.StatusOK, s, c.ID)
	return nil
}

// Leave serves DELETE …/sessions/{name}/members/me: the same as a PUT of {"members":{"me":null}}.
func (h *Handlers) Leave(w http.ResponseWriter, r *http.Request) error {
	return h.write(w, r, &session.Request{Leave: true}, session.Put{})
}

// RemoveMember serves DELETE …/sessions/{name}/members/{index}: a server principal removes a
// member by index (anyone else gets 403).
func (h *Handlers) RemoveMember(w http.ResponseWriter, r *http.Request) error {
	raw := r.PathValue("index")
	i, err := strconv.Atoi(raw)
	if err != nil || i < 0 || strconv.Itoa(i) != raw {
		return errs.E(errs.Invalid, "index", "%q is not a member index", raw)
	}
	return h.write(w, r, &session.Request{Indexed: map[int]*session.MemberDelta{i: nil}}, session.Put{})
}

// RemoveServer serves DELETE …/sessions/{name}/servers/{server}: a server principal removes a
// server entry (anyone else gets 403).
func (h *Handlers) RemoveServer(w http.ResponseWriter, r *http.Request) error {
	return h.write(w, r, &session.Request{Servers: map[string]any{r.PathValue("server"): nil}}, session.Put{})
}

// Query serves GET /serviceconfigs/{scid}/sessions?xuid=&keyword=&private=&reservations=&inactive=&take=:
// the sessions with a member (xuid: an OpenPlay player ID) or a keyword, newest first, as
// {"results": [...]}: those among the first session.MaxQueryBytes of stored sessions.
func (h *Handlers) Query(w http.ResponseWriter, r *http.Request) error {
	q, err := decodeQuery(r)
	if err == nil {
		err = q.Authorize(caller(r))
	}
	if err != nil {
		return err
	}
	results := []map[string]any{}
	err = h.svc.Store.QuerySessions(r.Context(), r.PathValue("scid"), q, h.svc.Time(), func(s *session.Session) {
		results = append(results, q.Result(s))
	})
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results})
	return nil
}

// BatchQuery serves POST /serviceconfigs/{scid}/batch with {"xuids": [...]} and the query
// parameters of Query but xuid: each player's sessions as Query finds them, grouped per player
// in request order in one {"results": [...]}, from one query over the newest
// session.MaxQueryBytes of the players' stored sessions.
func (h *Handlers) BatchQuery(w http.ResponseWriter, r *http.Request) error {
	q, err := decodeQuery(r)
	if err == nil && q.Player != "" {
		err = errs.E(errs.Invalid, "xuid", "a batch query names its players in the body (xuids)")
	}
	var body []byte
	if err == nil {
		body, err = httpapi.ReadBody(r)
	}
	var players []string
	if err == nil {
		players, err = session.DecodeBatch(body)
	}
	var b *session.Batch
	if err == nil {
		b, err = q.Batch(players, caller(r))
	}
	if err == nil && q.Take > 0 {
		err = h.svc.Store.BatchQuerySessions(r.Context(), r.PathValue("scid"), b, h.svc.Time())
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": b.Results()})
	return nil
}

// ListTemplates serves GET /serviceconfigs/{scid}/sessionTemplates: the service config's
// templates by name, as {"results": [{"name", "contractVersion"}]}.
func (h *Handlers) ListTemplates(w http.ResponseWriter, r *http.Request) error {
	scid := r.PathValue("scid")
	err := contract(r)
	if err == nil {
		err = session.CheckSCID(scid)
	}
	if err != nil {
		return err
	}
	names, err := h.svc.Store.TemplateNames(r.Context(), scid)
	if err != nil {
		return err
	}
	slices.Sort(names)
	results := make([]map[string]any, 0, len(names))
	for _, name := range names {
		results = append(results, map[string]any{"name": name, "contractVersion": session.ContractVersion})
	}
	httpapi.WriteJSON(w, r, http.StatusOK, map[string]any{"results": results})
	return nil
}

// GetTemplate serves GET /serviceconfigs/{scid}/sessionTemplates/{template}.
func (h *Handlers) GetTemplate(w http.ResponseWriter, r *http.Request) error {
	scid, name := r.PathValue("scid"), r.PathValue("template")
	err := contract(r)
	if err == nil {
		err = session.CheckSCID(scid)
	}
	if err == nil {
		err = session.CheckName(name, "template")
	}
	if err != nil {
		return err
	}
	t, err := h.svc.Store.Template(r.Context(), scid, name)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, r, http.StatusOK, t.Render())
	return nil
}
