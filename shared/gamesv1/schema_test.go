package gamesv1

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type discoveryProperty struct {
	Type   string             `json:"type"`
	Format string             `json:"format"`
	Ref    string             `json:"$ref"`
	Items  *discoveryProperty `json:"items"`
}

func loadSchemas(t *testing.T) map[string]struct {
	Properties map[string]discoveryProperty `json:"properties"`
} {
	t.Helper()
	raw, err := os.ReadFile("games-v1-discovery.json")
	require.NoError(t, err)
	var doc struct {
		Schemas map[string]struct {
			Properties map[string]discoveryProperty `json:"properties"`
		} `json:"schemas"`
	}
	require.NoError(t, json.Unmarshal(raw, &doc), "the discovery document")
	return doc.Schemas
}

// notServed lists schema fields OpenPlay deliberately leaves out, with the reason in the Player
// type's comment: they describe Play Games features (levels, banners) that OpenPlay does not have.
var notServed = map[string]bool{
	"Player.bannerUrlLandscape": true, "Player.bannerUrlPortrait": true, "Player.experienceInfo": true,
	"Player.lastPlayedWith": true, "Player.name": true, "Player.originalPlayerId": true,
	"Player.playerStattus": true, "Player.profileSettings": true, "Player.title": true,
}

// TestTypesMatchDiscovery checks every wire type field for field against the discovery document:
// same JSON names, int64 as Int64 (a string on the wire), int32 as int32, and nothing extra.
func TestTypesMatchDiscovery(t *testing.T) {
	schemas := loadSchemas(t)
	types := []any{Room{}, RoomAutoMatchingCriteria{}, RoomAutoMatchStatus{}, RoomModification{}, RoomParticipant{},
		AnonymousPlayer{}, Player{}, RoomClientAddress{}, RoomCreateRequest{}, RoomJoinRequest{}, RoomLeaveRequest{},
		NetworkDiagnostics{}, RoomLeaveDiagnostics{}, PeerSessionDiagnostics{}, PeerChannelDiagnostics{},
		AggregateStats{}, RoomP2PStatuses{}, RoomP2PStatus{}, RoomList{}, RoomStatus{},
		TurnBasedMatch{}, TurnBasedAutoMatchingCriteria{}, TurnBasedMatchModification{}, TurnBasedMatchData{},
		TurnBasedMatchParticipant{}, ParticipantResult{}, TurnBasedMatchCreateRequest{}, TurnBasedMatchDataRequest{},
		TurnBasedMatchTurn{}, TurnBasedMatchResults{}, TurnBasedMatchList{}, TurnBasedMatchSync{}, TurnBasedMatchRematch{},
		EventRecordRequest{}, EventPeriodUpdate{}, EventPeriodRange{}, EventUpdateRequest{}, EventUpdateResponse{},
		EventBatchRecordFailure{}, EventRecordFailure{}, PlayerEvent{}, PlayerEventListResponse{}, EventDefinition{},
		EventChild{}, EventDefinitionListResponse{}}
	for _, v := range types {
		typ := reflect.TypeOf(v)
		schema, ok := schemas[typ.Name()]
		if !assert.True(t, ok, "%s: want a schema of that name in the discovery document", typ.Name()) {
			continue
		}
		fields := map[string]reflect.Type{}
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
			fields[name] = typ.Field(i).Type
		}
		for name, prop := range schema.Properties {
			goType, ok := fields[name]
			if !ok {
				assert.True(t, notServed[typ.Name()+"."+name], "%s.%s: in the discovery document, missing from the Go type", typ.Name(), name)
				continue
			}
			checkType(t, typ.Name()+"."+name, prop, goType)
			delete(fields, name)
		}
		for name := range fields {
			assert.Fail(t, "a field the discovery document does not have", "%s.%s: in the Go type, not in the discovery document", typ.Name(), name)
		}
	}
}

func checkType(t *testing.T, where string, p discoveryProperty, goType reflect.Type) {
	t.Helper()
	for goType.Kind() == reflect.Pointer {
		goType = goType.Elem()
	}
	var want reflect.Kind
	switch {
	case p.Ref != "":
		assert.Equal(t, p.Ref, goType.Name(), "%s: Go type %s, discovery $ref %s", where, goType, p.Ref)
		return
	case p.Type == "array":
		if assert.Equal(t, reflect.Slice, goType.Kind(), "%s: Go type %s, discovery array", where, goType) {
			checkType(t, where+"[]", *p.Items, goType.Elem())
		}
		return
	case p.Format == "int64":
		assert.Contains(t, []reflect.Type{reflect.TypeFor[Int64](), reflect.TypeFor[Int64Text]()}, goType,
			"%s: Go type %s, want Int64 (int64 travels as a string)", where, goType)
		return
	case p.Format == "int32":
		want = reflect.Int32
	case p.Format == "byte":
		want = reflect.String // base64 text
	case p.Type == "string":
		want = reflect.String
	case p.Type == "boolean":
		want = reflect.Bool
	case p.Type == "object":
		return // free-form objects are in notServed
	}
	assert.Equal(t, want, goType.Kind(), "%s: Go kind %s, discovery %s/%s", where, goType.Kind(), p.Type, p.Format)
}

func TestInt64(t *testing.T) {
	var got struct {
		A Int64  `json:"a"`
		B *Int64 `json:"b"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"a":"-9223372036854775808","b":42}`), &got))
	require.Equal(t, Int64(-9223372036854775808), got.A, "decoded a")
	require.NotNil(t, got.B, "decoded b")
	require.Equal(t, Int64(42), *got.B, "decoded b")
	out, _ := json.Marshal(got)
	require.Equal(t, `{"a":"-9223372036854775808","b":"42"}`, string(out), "encoded")
	for _, bad := range []string{`{"a":"12x"}`, `{"a":"9223372036854775808"}`, `{"a":1.5}`, `{"a":true}`, `{"a":""}`} {
		err := json.Unmarshal([]byte(bad), &got)
		if assert.Error(t, err, "%s: want an error naming field a", bad) {
			assert.True(t, strings.Contains(err.Error(), "field a") || strings.Contains(err.Error(), ".a"), "%s: err = %v, want an error naming field a", bad, err)
		}
	}
}
