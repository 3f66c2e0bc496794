package notifications_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"testing"

	"cloud.google.com/go/firestore/apiv1/firestorepb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/store"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInboxRules reads inbox documents over gRPC as a Firebase client SDK does, at the path
// docs/notifications.md gives, through the rules the Firestore emulator runs, which must be
// infra/firestore.rules (emulators/run starts it with them):
// their owner may read them, including players whose uids are escaped in the path; every other
// player, a signed-out client and writes are refused.
func TestInboxRules(t *testing.T) {
	svc := testenv.Service(t)
	ana := testenv.NewPlayer(t, "Ana")
	owners := []testenv.Player{testenv.NewPlayer(t, "Ben")}
	for _, uid := range testenv.OddPlayerIDs {
		owners = append(owners, testenv.PlayerWithID(t, uid))
	}
	host := os.Getenv("FIRESTORE_EMULATOR_HOST")
	requireRepositoryRules(t, "http://"+host, svc.Config.ProjectID)

	conn, err := grpc.NewClient(host, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	client := firestorepb.NewFirestoreClient(conn)
	for _, owner := range owners {
		n := roomBehindTheOutbox(t, svc, ana, owner)
		_, err := svc.Store.Deliver(t.Context(), n, svc.Time())
		require.NoError(t, err)
		doc := "projects/" + svc.Config.ProjectID + "/databases/(default)/documents/players/" + store.PlayerDocID(owner.ID) + "/inbox/" + n.ID
		read := func(token string) codes.Code {
			_, err := client.GetDocument(signedIn(t, token), &firestorepb.GetDocumentRequest{Name: doc})
			return status.Code(err)
		}
		assert.Equal(t, codes.OK, read(owner.Token), "%q reads their inbox", owner.ID)
		assert.Equal(t, codes.PermissionDenied, read(""), "a signed-out client reads %q's inbox", owner.ID)
		_, err = client.UpdateDocument(signedIn(t, owner.Token), &firestorepb.UpdateDocumentRequest{
			Document:   &firestorepb.Document{Name: doc, Fields: map[string]*firestorepb.Value{"read": {ValueType: &firestorepb.Value_BooleanValue{BooleanValue: true}}}},
			UpdateMask: &firestorepb.DocumentMask{FieldPaths: []string{"read"}}})
		assert.Equal(t, codes.PermissionDenied, status.Code(err), "%q writes their inbox", owner.ID)
		for _, other := range append([]testenv.Player{ana}, owners...) {
			if other.ID != owner.ID {
				assert.Equal(t, codes.PermissionDenied, read(other.Token), "%q reads %q's inbox", other.ID, owner.ID)
			}
		}
	}
}

// signedIn is the test's context carrying token as a Firebase client SDK sends it (none if
// empty).
func signedIn(t *testing.T, token string) context.Context {
	if token == "" {
		return t.Context()
	}
	return metadata.AppendToOutgoingContext(t.Context(), "authorization", "Bearer "+token)
}

// requireRepositoryRules fails the test unless the Firestore emulator at host runs exactly
// infra/firestore.rules for project.
func requireRepositoryRules(t *testing.T, host, project string) {
	t.Helper()
	want, err := os.ReadFile("../../infra/firestore.rules")
	require.NoError(t, err)
	res, err := http.Get(host + "/emulator/v1/projects/" + project + ":securityRules")
	require.NoError(t, err)
	defer res.Body.Close()
	var running struct {
		Rules struct {
			Files []struct{ Name, Content string }
		}
	}
	require.Equal(t, http.StatusOK, res.StatusCode, "reading the emulator's rules")
	require.NoError(t, json.NewDecoder(res.Body).Decode(&running))
	var names []string
	for _, f := range running.Rules.Files {
		if f.Content == string(want) {
			return
		}
		names = append(names, f.Name)
	}
	require.Failf(t, "the Firestore emulator does not run infra/firestore.rules",
		"it runs %v. emulators/run starts it with them; this one was started elsewhere, or before the rules changed: stop it and run the tests again", names)
}
