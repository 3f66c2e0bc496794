package store

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/session"
)

var sessionOfHandle = session.Ref{SCID: "scid", Template: "lobby", Name: "one"}

func TestHandleDocsRoundTrip(t *testing.T) {
	inv := &session.Invite{ID: "i1", Ref: sessionOfHandle, Branch: "b1", Invited: "2", Sender: "1", Attributes: `{"a":1}`,
		Protocol: "game", Expiration: docTime}
	requireFilled(t, *inv)
	assert.Equal(t, inv, toInviteDoc(inv).invite())

	tr := &session.Transfer{ID: "t1", Type: "transfer", Ref: sessionOfHandle, Branch: "b1",
		Origin: session.Ref{SCID: "scid", Template: "game", Name: "two"}, OriginBranch: "b2", Sender: "1", Expiration: docTime}
	requireFilled(t, *tr)
	assert.Equal(t, tr, toTransferDoc(tr).transfer())

	act := &session.Activity{ID: "a1", Ref: sessionOfHandle, Branch: "b1", Owner: "1", Since: docTime}
	requireFilled(t, *act)
	d := toActivityDoc(act, docTime.Add(time.Hour))
	assert.Equal(t, docTime.Add(time.Hour), d.ExpireAt)
	assert.Equal(t, act, d.activity())
}

// TestHandleDocFieldNames pins the stored names: the handle queries and indexes, the TTL policies
// and handles already stored use them.
func TestHandleDocFieldNames(t *testing.T) {
	for _, tt := range []struct {
		doc  any
		want string
	}{
		{refDoc{}, "scid templateName name"},
		{inviteDoc{}, "id sessionRef branch invitedXuid senderXuid attributes inviteProtocol expiration"},
		{transferDoc{}, "id type sessionRef branch originSessionRef originBranch senderXuid expiration"},
		{activityDoc{}, "id sessionRef branch ownerXuid since expireAt"},
	} {
		typ := reflect.TypeOf(tt.doc)
		var names []string
		for i := range typ.NumField() {
			name, _, _ := strings.Cut(typ.Field(i).Tag.Get("firestore"), ",")
			names = append(names, name)
		}
		assert.Equal(t, tt.want, strings.Join(names, " "), typ.Name())
	}
}
