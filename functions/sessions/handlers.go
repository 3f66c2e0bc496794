// Package sessions serves the multiplayer session directory in the style of Xbox Live's MPSD:
// the session PUT and GET, leaving and removing members and servers, queries, templates and
// invite handles, each its own entry point. Every write is one Firestore transaction on the
// session document (see store.PutSession) with its shoulder taps written to the outbox; the rules
// live in shared/session. MPSD's HTTP conventions apply: 201/200/204, ETag and If-Match,
// If-None-Match, X-Xbl-Contract-Version, Expires from nextTimer, and 412 with the current session.
package sessions

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

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

// caller is the signed-in player as the session rules see them.
func caller(r *http.Request) session.Caller {
	p := httpapi.Player(r.Context())
	return session.Caller{ID: p.ID, Name: p.DisplayName, Server: p.Server}
}

// contract checks X-Xbl-Contract-Version, which MPSD requires on every request (104 or more).
func contract(r *http.Request) error {
	raw := r.Header.Get("X-Xbl-Contract-Version")
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if raw == "" || err != nil || n < session.MinContractVersion {
		return errs.E(errs.Invalid, "X-Xbl-Contract-Version", "send the header with the MPSD contract version, %d or more (OpenPlay renders %d)",
			session.MinContractVersion, session.ContractVersion)
	}
	return nil
}

// ref reads and checks the session reference in the path.
func ref(r *http.Request) (session.Ref, error) {
	if err := contract(r); err != nil {
		return session.Ref{}, err
	}
	return session.ParseRef(r.PathValue("scid"), r.PathValue("template"), r.PathValue("name"))
}

// newGUID is a random (version 4) GUID, for branches, correlation IDs and handles.
func newGUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// write runs a session write from req on the session the path names (on an existing session
// only, with mustExist) and answers it as MPSD does.
func (h *Handlers) write(w http.ResponseWriter, r *http.Request, req *session.Request, mustExist bool) {
	ref, err := ref(r)
	if err != nil {
		httpapi.WriteError(w, r, err)
		return
	}
	h.apply(w, r, ref, caller(r), req, mustExist, nil)
}

// apply runs a session write from req by c on the session ref and answers it as MPSD does: one
// transaction, which reads the template only when the write may create the session. A write
// through a handle (via; nil otherwise) reaches only the session the handle was made for.
func (h *Handlers) apply(w http.ResponseWriter, r *http.Request, ref session.Ref, c session.Caller, req *session.Request, mustExist bool, via *session.Invite) {
	now := h.svc.Time()
	put := session.Put{Ref: ref, Request: req, Caller: c, Now: now, Branch: newGUID(), CorrelationID: newGUID(),
		ApplicationID: h.svc.Config.ApplicationID, MustExist: mustExist,
		Conditions: session.Conditions{IfMatch: r.Header.Get("If-Match"), IfNoneMatch: r.Header.Get("If-None-Match")}}
	store := h.svc.Store.PutSession
	if mustExist {
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
		if s := session.StaleSession(err); s != nil {
			if s.CanRead(c) == nil {
				writeSession(w, r, http.StatusPreconditionFailed, s, c.ID)
				return
			}
			failed := &errs.Error{Message: "a precondition failed"}
			errors.As(err, &failed)
			err = errs.E(errs.Precondition, failed.Field, "%s (the current session is not attached: the caller may not read it)", failed.Message)
		}
		httpapi.WriteError(w, r, err)
		return
	}
	h.svc.Deliver(r.Context(), res.Notes)
	if res.Session != nil && !res.WasMember && res.Session.Member(c.ID) == nil {
		// a caller who neither was nor became a member (a non-member leaving, even when the call
		// ran the session's due timers) must not see a session they may not read
		if err := res.Session.CanRead(c); err != nil {
			httpapi.WriteError(w, r, err)
			return
		}
	}
	switch res.Outcome {
	case session.Deleted:
		httpapi.NoContent(w)
	case session.Created:
		writeSession(w, r, http.StatusCreated, res.Session, c.ID)
	default:
		writeSession(w, r, http.StatusOK, res.Session, c.ID)
	}
}

// writeSession answers with the session document, its ETag and, when a timer is pending,
// Expires (the nextTimer).
func writeSession(w http.ResponseWriter, r *http.Request, code int, s *session.Session, viewer string) {
	w.Header().Set("ETag", s.ETag())
	if at, ok := s.NextTimer(); ok {
		w.Header().Set("Expires", at.UTC().Format(http.TimeFormat))
	}
	httpapi.WriteJSON(w, r, code, s.Render(viewer))
}
