package routefuzz_test

import (
	"context"
	"testing"
	"time"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/store"
)

// state is when each document that holds what a request addressed was last written (the zero
// time for one that does not exist). Firestore moves a document's update time on every write that
// changes it, so equal states mean nothing was changed.
type state map[string]time.Time

// stateOf reads the state of the world's resources the request names, and of the caller's
// invitation window (players/{player}/state/invitationsSent, docs/api.md), which a refused call
// must not charge.
func (w *world) stateOf(t testing.TB, req request) state {
	ctx := context.Background()
	client, err := w.svc.Store.Client(ctx)
	require.NoError(t, err)
	var refs []*firestore.DocumentRef
	for name := range req.named {
		refs = append(refs, client.Doc(w.res[name].doc(w, w.res[name].id)))
	}
	if req.caller.player != "" {
		refs = append(refs, client.Doc("players/"+store.PlayerDocID(req.caller.player)+"/state/invitationsSent"))
	}
	snaps, err := client.GetAll(ctx, refs)
	require.NoError(t, err)
	out := state{}
	for i, s := range snaps {
		out[refs[i].Path] = s.UpdateTime // zero when the document does not exist
	}
	return out
}

// changed are the resources a successful mutating request may have changed: those its path
// addressed, what they reach, and what is built on those.
func (w *world) changed(req request) []string {
	set := map[string]bool{}
	var add func(name string)
	add = func(name string) {
		if set[name] {
			return
		}
		set[name] = true
		for _, d := range append(w.res[name].reaches, w.res[name].dependents...) {
			add(d)
		}
	}
	for name := range req.addressed {
		add(name)
	}
	var out []string
	for _, name := range w.resOrder {
		if set[name] {
			out = append(out, name)
		}
	}
	return out
}
