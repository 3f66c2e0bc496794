package testenv

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"cloud.google.com/go/firestore/apiv1/firestorepb"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// AsClient reaches the Firestore emulator as a game's Firebase client SDK does: over gRPC, with the
// player's ID token, so the security rules the emulator runs decide. It first requires those rules
// to be infra/firestore.rules (emulators/run starts the emulator with them): a test of the rules
// must never pass against an emulator that runs others.
type AsClient struct {
	t       testing.TB
	project string
	client  firestorepb.FirestoreClient
}

// NewAsClient connects to the Firestore emulator for project.
func NewAsClient(t testing.TB, project string) *AsClient {
	t.Helper()
	host := os.Getenv("FIRESTORE_EMULATOR_HOST")
	requireRepositoryRules(t, "http://"+host, project)
	conn, err := grpc.NewClient(host, grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return &AsClient{t: t, project: project, client: firestorepb.NewFirestoreClient(conn)}
}

// Read reads the document at path (such as "players/ana/inbox/n1") as the player whose token this
// is (signed out if empty), and reports the status code the rules gave.
func (c *AsClient) Read(path, token string) codes.Code {
	_, err := c.client.GetDocument(c.signedIn(token), &firestorepb.GetDocumentRequest{Name: c.name(path)})
	return status.Code(err)
}

// List reads the documents of the collection at path (such as "players/ana/inbox") as the
// player whose token this is, as a listener on the collection does, and reports the status code
// the rules gave.
func (c *AsClient) List(path, token string) codes.Code {
	parent, collection := "", path
	if i := strings.LastIndex(path, "/"); i >= 0 {
		parent, collection = path[:i], path[i+1:]
	}
	_, err := c.client.ListDocuments(c.signedIn(token), &firestorepb.ListDocumentsRequest{
		Parent: strings.TrimSuffix(c.name(parent), "/"), CollectionId: collection})
	return status.Code(err)
}

// Delete tries to delete the document at path as the player whose token this is.
func (c *AsClient) Delete(path, token string) codes.Code {
	_, err := c.client.DeleteDocument(c.signedIn(token), &firestorepb.DeleteDocumentRequest{Name: c.name(path)})
	return status.Code(err)
}

// Write tries to set a field of the document at path as the player whose token this is: an
// update of a document that exists, the creation of one that does not.
func (c *AsClient) Write(path, token string) codes.Code {
	_, err := c.client.UpdateDocument(c.signedIn(token), &firestorepb.UpdateDocumentRequest{
		Document:   &firestorepb.Document{Name: c.name(path), Fields: map[string]*firestorepb.Value{"forged": {ValueType: &firestorepb.Value_BooleanValue{BooleanValue: true}}}},
		UpdateMask: &firestorepb.DocumentMask{FieldPaths: []string{"forged"}}})
	return status.Code(err)
}

func (c *AsClient) name(path string) string {
	return "projects/" + c.project + "/databases/(default)/documents/" + path
}

func (c *AsClient) signedIn(token string) context.Context {
	if token == "" {
		return c.t.Context()
	}
	return metadata.AppendToOutgoingContext(c.t.Context(), "authorization", "Bearer "+token)
}

// requireRepositoryRules fails the test unless the Firestore emulator at host runs exactly
// infra/firestore.rules for project.
func requireRepositoryRules(t testing.TB, host, project string) {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	want, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "infra", "firestore.rules"))
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
