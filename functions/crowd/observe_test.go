package crowd_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"cloud.google.com/go/firestore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/match"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// observeEvery is how often the observer reads the crowd's games.
const observeEvery = 250 * time.Millisecond

// game is what the figures need of a room or a match: whether it is live (a player in it is
// playing it or waiting for it to fill), the players joined in it, and whether it is full.
type game struct {
	id        string
	live      bool
	joined    []string
	openSlots int
}

func (g game) full() bool { return g.live && g.openSlots == 0 && len(g.joined) == seats }

// stored is what the observer reads of a stored room or match: the fields the store writes
// (their names are pinned by the store's document tests). It reads every game in one query, so
// that a move between two games is seen whole, before or after.
type stored struct {
	Status       string `firestore:"status"`
	OpenSlots    int    `firestore:"openSlots"`
	Participants []struct {
		Status string `firestore:"status"`
		Player struct {
			ID string `firestore:"id"`
		} `firestore:"player"`
	} `firestore:"participants"`
}

// games reads every game of the application.
func games(ctx context.Context, svc *service.Service, app string, k kind) ([]game, error) {
	client, err := svc.Store.Client(ctx)
	if err != nil {
		return nil, err
	}
	collection := store.Rooms
	if k == matches {
		collection = store.Matches
	}
	snaps, err := client.Collection(collection).Where("applicationId", "==", app).Documents(ctx).GetAll()
	if err != nil {
		return nil, err
	}
	out := make([]game, 0, len(snaps))
	for _, snap := range snaps {
		var d stored
		if err := snap.DataTo(&d); err != nil {
			return nil, err
		}
		g := game{id: snap.Ref.ID, openSlots: d.OpenSlots}
		if k == rooms {
			g.live = room.Status(d.Status) != room.Deleted
		} else {
			g.live = match.Status(d.Status) == match.Active || match.Status(d.Status) == match.AutoMatching
		}
		for _, p := range d.Participants {
			if p.Status == string(room.Joined) || p.Status == string(match.Joined) {
				g.joined = append(g.joined, p.Player.ID)
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// observer reads the crowd's games every observeEvery and notes when each player was first seen
// in a full game, counted from the moment the crowd arrived.
type observer struct {
	mu        sync.Mutex
	firstFull map[string]time.Duration
	allFull   chan struct{}
	done      sync.WaitGroup
}

// observed is what the observer saw.
type observed struct {
	firstFull map[string]time.Duration
	players   int
}

func observe(ctx context.Context, t *testing.T, svc *service.Service, app string, k kind, players []testenv.Player, start time.Time) *observer {
	o := &observer{firstFull: map[string]time.Duration{}, allFull: make(chan struct{})}
	o.done.Go(func() {
		tick := time.NewTicker(observeEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			gs, err := games(ctx, svc, app, k)
			if err != nil {
				if ctx.Err() == nil {
					assert.NoError(t, err, "observer")
				}
				return
			}
			at := time.Since(start)
			o.mu.Lock()
			for _, g := range gs {
				for _, id := range g.joined {
					if _, seen := o.firstFull[id]; g.full() && !seen {
						o.firstFull[id] = at
					}
				}
			}
			all := len(o.firstFull) == len(players)
			o.mu.Unlock()
			if all {
				close(o.allFull)
				return
			}
		}
	})
	return o
}

// waitAllFull waits until every player was seen in a full game, or for at most d.
func (o *observer) waitAllFull(d time.Duration) {
	select {
	case <-o.allFull:
	case <-time.After(d):
	}
}

func (o *observer) wait() { o.done.Wait() }

func (o *observer) result() observed {
	o.mu.Lock()
	defer o.mu.Unlock()
	return observed{firstFull: o.firstFull}
}

// durations are measurements whose percentiles the figures show.
type durations []time.Duration

// p is the q-th percentile (nearest rank), 0 if there are none.
func (d durations) p(q int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Sorted(slices.Values(d))
	i := (q*len(s) + 99) / 100
	return s[max(i-1, 0)]
}

// figures are a crowd's results.
type figures struct {
	observed
	creates       durations
	failedCreates int
	failures      []string
	toFull        durations
	allFull       time.Duration
	stranded      int
	inTwo         int
	overFilled    int
	moved         int
}

// fullAt is the share of the crowd seen in a full game by d after it arrived.
func (f figures) fullAt(d time.Duration) float64 {
	n := 0
	for _, at := range f.firstFull {
		if at <= d {
			n++
		}
	}
	return float64(n) / float64(f.players)
}

// audit reads the games as they ended: who is in a full game, in two live games, and which
// games hold too many.
func (f *figures) audit(t *testing.T, svc *service.Service, app string, k kind, players []testenv.Player) {
	gs, err := games(context.Background(), svc, app, k)
	require.NoError(t, err)
	f.players = len(players)
	live, full := map[string]int{}, map[string]bool{}
	for _, g := range gs {
		if len(g.joined) > seats || g.openSlots < 0 {
			f.overFilled++
		}
		for _, id := range g.joined {
			if g.live {
				live[id]++
			}
			full[id] = full[id] || g.full()
		}
	}
	for _, p := range players {
		if live[p.ID] > 1 {
			f.inTwo++
		}
		if !full[p.ID] {
			f.stranded++
		}
		if at, ok := f.firstFull[p.ID]; ok {
			f.toFull = append(f.toFull, at)
		}
	}
	if len(f.toFull) == len(players) {
		f.allFull = f.toFull.p(100)
	}
	if f.stranded > 0 {
		for _, g := range gs {
			if g.live && !g.full() {
				t.Logf("left partial: %s with %d joined, %d open slots", g.id, len(g.joined), g.openSlots)
			}
		}
	}
}

// tidy deletes the crowd's games, their tickets and outbox records, so that the emulator the
// other packages share does not keep them.
func tidy(t *testing.T, svc *service.Service, app string) {
	ctx := context.Background() // after the test, when its context is done
	client, err := svc.Store.Client(ctx)
	if !assert.NoError(t, err) {
		return
	}
	var refs []*firestore.DocumentRef
	var gameIDs []string
	for _, c := range []string{store.Rooms, store.Matches, store.Outbox} {
		snaps, err := client.Collection(c).Where("applicationId", "==", app).Select().Documents(ctx).GetAll()
		if !assert.NoError(t, err, c) {
			return
		}
		for _, s := range snaps {
			refs = append(refs, s.Ref)
			if c != store.Outbox {
				gameIDs = append(gameIDs, s.Ref.ID)
			}
		}
	}
	for ids := range slices.Chunk(gameIDs, 30) { // an "in" filter takes at most 30 values
		snaps, err := client.Collection(store.Tickets).Where("gameId", "in", ids).Select().Documents(ctx).GetAll()
		if !assert.NoError(t, err, store.Tickets) {
			return
		}
		for _, s := range snaps {
			refs = append(refs, s.Ref)
		}
	}
	bw := client.BulkWriter(ctx)
	for _, ref := range refs {
		_, err := bw.Delete(ref)
		assert.NoError(t, err, ref.Path)
	}
	bw.End()
}
