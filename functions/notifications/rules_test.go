package notifications_test

import (
	"bytes"
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

// TestInboxRules loads infra/firestore.rules into the Firestore emulator and reads inbox
// documents over gRPC as a Firebase client SDK does, at the path docs/notifications.md gives:
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
	rules, err := os.ReadFile("../../infra/firestore.rules")
	require.NoError(t, err)
	body, _ := json.Marshal(map[string]any{"rules": map[string]any{"files": []map[string]string{{"name": "firestore.rules", "content": string(rules)}}}})
	req, _ := http.NewRequest(http.MethodPut, "http://"+host+"/emulator/v1/projects/"+svc.Config.ProjectID+":securityRules", bytes.NewReader(body))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode, "loading the rules")

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
