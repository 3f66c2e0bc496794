package outbox_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/ids"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/player"
	"github.com/openplay-games/openplay/shared/room"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/testenv"
)

// relayBacklog is how many pending records BenchmarkRelayBacklog leaves for the relay: about
// what a few seconds of Pub/Sub outage leave at a busy hour.
const relayBacklog = 2_000

// BenchmarkRelayBacklog measures how fast relay passes drain a backlog of pending outbox records
// (what a Pub/Sub outage or crashed instances leave behind), in records a second, on the
// emulators; docs/capacity.md's relay limit is this figure. Each iteration leaves a fresh
// backlog (untimed), then runs passes until one finds nothing. `make bench` runs it once
// (-benchtime 1x): one iteration writes relayBacklog records.
func BenchmarkRelayBacklog(b *testing.B) {
	svc := testenv.Service(b)
	for range b.N {
		b.StopTimer()
		leaveBacklog(b, svc, relayBacklog)
		b.StartTimer()
		start, drained, passes := time.Now(), 0, 0
		for {
			res, err := svc.Outbox.Relay(b.Context(), 0)
			require.NoError(b, err, "relay pass")
			passes++
			if res.Claimed == 0 {
				break
			}
			drained += res.Claimed
		}
		require.GreaterOrEqual(b, drained, relayBacklog, "records the passes published")
		b.ReportMetric(float64(drained)/time.Since(start).Seconds(), "records/s")
		b.ReportMetric(float64(passes), "passes")
	}
}

// leaveBacklog commits rooms whose invitations are written to the outbox and never published,
// as when the instance that made them died before its publish: n records in all, seven to a
// room, eight rooms committed at a time.
func leaveBacklog(b *testing.B, svc *service.Service, n int) {
	b.Helper()
	const perRoom, parallel = 7, 8
	rooms := make(chan int, n/perRoom+1)
	for i := range n/perRoom + 1 {
		rooms <- i
	}
	close(rooms)
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for range rooms {
				id := ids.Random()
				var invitees []player.Profile
				for j := range perRoom {
					invitees = append(invitees, player.Profile{ID: fmt.Sprintf("guest%d-%s", j, id)})
				}
				_, _, _, err := svc.Store.Rooms().Create(b.Context(), id, nil, func() (*room.Room, []notification.Notification, error) {
					return room.New(room.Create{Create: game.Create{ID: id, ApplicationID: "app",
						Creator: player.Profile{ID: "host-" + id}, Invitees: invitees}}, svc.Time())
				})
				assert.NoError(b, err, "Rooms().Create") // require cannot stop the benchmark from this goroutine
			}
		})
	}
	wg.Wait()
	if b.Failed() {
		b.FailNow()
	}
}
