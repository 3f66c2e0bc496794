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
// them, including players whose uids are escaped in the path; every other player, a signed-out
// client and writes are refused.
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
		doc := "players/" + store.PlayerDocID(owner.ID) + "/inbox/" + n.ID
		assert.Equal(t, codes.OK, client.Read(doc, owner.Token), "%q reads their inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Read(doc, ""), "a signed-out client reads %q's inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, client.Write(doc, owner.Token), "%q writes their inbox", owner.ID)
		for _, other := range append([]testenv.Player{ana}, owners...) {
			if other.ID != owner.ID {
				assert.Equal(t, codes.PermissionDenied, client.Read(doc, other.Token), "%q reads %q's inbox", other.ID, owner.ID)
			}
		}
	}
}
