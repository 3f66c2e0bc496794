package signals_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"google.golang.org/grpc/codes"

	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestSignalRules reads a signal as a browser's Firebase SDK would, through the rules the Firestore
// emulator runs: its recipient may read and list their signals, the sender and a signed-out
// client may not, and nobody may write, delete or forge one.
func TestSignalRules(t *testing.T) {
	g := newGame(t)
	client := testenv.NewAsClient(t, g.api.Svc.Config.ProjectID)
	sig := g.send(g.ana, g.benID, "offer", 1, "v=0")
	doc := "players/" + store.PlayerDocID(g.ben.ID) + "/signals/" + sig.ID
	assert.Equal(t, codes.OK, client.Read(doc, g.ben.Token), "the recipient reads")
	assert.Equal(t, codes.PermissionDenied, client.Read(doc, g.ana.Token), "the sender reads")
	assert.Equal(t, codes.PermissionDenied, client.Read(doc, ""), "a signed-out client reads")
	assert.Equal(t, codes.PermissionDenied, client.Write(doc, g.ben.Token), "the recipient writes")
	assert.Equal(t, codes.PermissionDenied, client.Write(doc, g.ana.Token), "the sender writes")
	signals := "players/" + store.PlayerDocID(g.ben.ID) + "/signals"
	assert.Equal(t, codes.OK, client.List(signals, g.ben.Token), "the recipient lists")
	assert.Equal(t, codes.PermissionDenied, client.List(signals, g.ana.Token), "the sender lists")
	assert.Equal(t, codes.PermissionDenied, client.Delete(doc, g.ben.Token), "the recipient deletes")
	assert.Equal(t, codes.PermissionDenied, client.Write(signals+"/forged", g.ana.Token), "the sender forges one")
	assert.Equal(t, codes.PermissionDenied, client.Write(signals+"/forged", g.ben.Token), "the recipient forges one")
}
