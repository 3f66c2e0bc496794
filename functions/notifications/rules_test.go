package notifications_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"

	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInboxRules reads inbox documents as a Firebase client SDK does, at the path
// docs/notifications.md gives, through the rules the Firestore emulator runs: their owner may read
// them and list them, including players whose uids are escaped in the path; every other player
// and a signed-out client are refused, and so is every write: an update, a delete, a forged
// notification. Nothing else in the database is readable: not the room the notification is
// about, nor its outbox record.
func TestInboxRules(t *testing.T) {
	svc := testenv.Service(t)
	client := testenv.NewAsClient(t, svc.Config.ProjectID)
	ana := testenv.NewPlayer(t, "Ana")
	owners := []testenv.Player{testenv.NewPlayer(t, "Ben")}
	for _, uid := range testenv.OddPlayerIDs {
		owners = append(owners, testenv.PlayerWithID(t, uid))
	}
	for _, owner := range owners {
		n := roomBehindTheOutbox(t, svc, ana, owner)
		_, err := svc.Store.Deliver(t.Context(), n, svc.Time())
		require.NoError(t, err)
		inbox := "players/" + store.PlayerDocID(owner.ID) + "/inbox"
		doc := inbox + "/" + n.ID
		assert.Equal(t, codes.OK, client.Read(doc, owner.Token), "%q reads their inbox", owner.ID)
		assert.Equal(t, codes.OK, client.List(inbox, owner.Token), "%q lists their inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Read(doc, ""), "a signed-out client reads %q's inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.List(inbox, ""), "a signed-out client lists %q's inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Write(doc, owner.Token), "%q writes their inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Delete(doc, owner.Token), "%q deletes from their inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Write(inbox+"/forged", owner.Token), "%q adds to their inbox", owner.ID)
		for _, other := range append([]testenv.Player{ana}, owners...) {
			if other.ID != owner.ID {
				assert.Equal(t, codes.PermissionDenied, client.Read(doc, other.Token), "%q reads %q's inbox", other.ID, owner.ID)
				assert.Equal(t, codes.PermissionDenied, client.List(inbox, other.Token), "%q lists %q's inbox", other.ID, owner.ID)
				assert.Equal(t, codes.PermissionDenied, client.Write(inbox+"/forged", other.Token), "%q adds to %q's inbox", other.ID, owner.ID)
			}
		}
		assert.Equal(t, codes.PermissionDenied, client.Read(store.Rooms+"/"+n.RoomID, owner.Token), "%q reads the room", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Read(store.Outbox+"/"+n.ID, owner.Token), "%q reads the outbox", owner.ID)
	}
	assert.Equal(t, codes.PermissionDenied, client.List(store.Rooms, ana.Token), "a player lists the rooms")
	assert.Equal(t, codes.PermissionDenied, client.List(store.Matches, ana.Token), "a player lists the matches")
	assert.Equal(t, codes.PermissionDenied, client.List(store.Sessions, ana.Token), "a player lists the sessions")
	assert.Equal(t, codes.PermissionDenied, client.List(store.Outbox, ana.Token), "a player lists the outbox")
}
