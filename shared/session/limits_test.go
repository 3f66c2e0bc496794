package session

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/errs"
)

// nested is a custom value of depth levels of arrays around a number.
func nested(depth int) string { return strings.Repeat("[", depth) + "1" + strings.Repeat("]", depth) }

// bigCustom is a custom object of MaxStringBytes strings, more than n bytes in all.
func bigCustom(n int) string {
	var keys []string
	for i := 0; i*MaxStringBytes <= n; i++ {
		keys = append(keys, fmt.Sprintf(`"k%d":"%s"`, i, strings.Repeat("x", MaxStringBytes)))
	}
	return "{" + strings.Join(keys, ",") + "}"
}

// list is a JSON array of n copies of item.
func list(n int, item string) string {
	return "[" + strings.TrimSuffix(strings.Repeat(item+",", n), ",") + "]"
}

// TestRequestLimits: a body beyond a limit is a 400 that names where the limit was hit and the
// limit; a body at the limits decodes. The 20 KB of nested arrays the attacker review sent
// (issue #14) is refused, so it is never stored and rendered.
func TestRequestLimits(t *testing.T) {
	custom := func(v string) string { return `{"properties":{"custom":{"a":` + v + `}}}` }
	keys := func(n int) string {
		var kv []string
		for i := range n {
			kv = append(kv, fmt.Sprintf(`"k%d":1`, i))
		}
		return "{" + strings.Join(kv, ",") + "}"
	}
	cases := []struct {
		name, body, field, message string
	}{
		// the body, properties and custom are three levels: a's arrays may nest MaxDepth-3 deep
		{"the review's nested arrays", custom(nested(10000)), "properties.custom.a" + strings.Repeat("[0]", MaxDepth-3), "nest at most 16 levels"},
		{"one level too deep", custom(nested(MaxDepth - 2)), "properties.custom.a" + strings.Repeat("[0]", MaxDepth-3), "nest at most 16 levels"},
		{"too deep in a member", `{"members":{"me":{"properties":{"custom":` + nested(MaxDepth-3) + `}}}}`,
			"members.me.properties.custom" + strings.Repeat("[0]", MaxDepth-4), "nest at most 16 levels"},
		{"a long key", custom(`{"` + strings.Repeat("k", MaxKeyBytes+1) + `":1}`), "properties.custom.a." + strings.Repeat("k", MaxKeyBytes+1), "at most 256 bytes"},
		{"a long string", custom(`"` + strings.Repeat("x", MaxStringBytes+1) + `"`), "properties.custom.a", "at most 16384 bytes"},
		{"too many keys", custom(keys(MaxEntries + 1)), "properties.custom.a", "at most 1000 keys"},
		{"too many items", custom(list(MaxEntries+1, "1")), "properties.custom.a", "at most 1000 items"},
		{"too many values", custom(list(MaxEntries, list(4, "1"))), "properties.custom.a[818][1]", "more than 4096 JSON values"},
		{"malformed", `{"properties":{"custom":{"a":[1,}}}`, "properties.custom.a[1]", "malformed JSON"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := DecodeRequest([]byte(c.body))
			require.Error(t, err)
			var e *errs.Error
			require.ErrorAs(t, err, &e)
			assert.Equal(t, errs.Invalid, e.Kind)
			assert.Equal(t, c.field, e.Field)
			assert.Contains(t, e.Message, c.message)
		})
	}
	for name, body := range map[string]string{
		"the deepest custom value": custom(nested(MaxDepth - 3)),
		"the longest key":          custom(`{"` + strings.Repeat("k", MaxKeyBytes) + `":1}`),
		"the longest string":       custom(`"` + strings.Repeat("x", MaxStringBytes) + `"`),
		"the most keys":            custom(keys(MaxEntries)),
		"the most items":           custom(list(MaxEntries, "1")),
		// the body, properties and custom objects, a's 4001 values and b's 92
		"exactly the most values": custom(list(1000, list(3, "1")) + `,"b":` + list(91, "1")),
		"duplicate keys":          custom(`{` + strings.TrimSuffix(strings.Repeat(`"k":1,`, MaxEntries+1), ",") + `}`),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := DecodeRequest([]byte(body))
			assert.NoError(t, err)
		})
	}
}

// TestDecodeKeepsJSON: the bounded decoder builds what encoding/json builds (numbers as
// json.Number, empty arrays and objects non-nil), so values round-trip.
func TestDecodeKeepsJSON(t *testing.T) {
	body := `{"a":[],"b":{},"c":[1.50,"x",true,null,{"d":-0}],"e":"\u00e9\n"}`
	got, err := decodeJSON([]byte(body))
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(body))
	dec.UseNumber()
	var want any
	require.NoError(t, dec.Decode(&want))
	assert.Equal(t, want, got)
	assert.Equal(t, `{"a":[],"b":{},"c":[1.50,"x",true,null,{"d":-0}],"e":"é\n"}`, js(got))
}

// TestSessionLimits: a write that would make the session larger than MaxSessionBytes (counting
// the fields queries use) or MaxSessionValues is a 413 and changes nothing; one within them is
// stored.
func TestSessionLimits(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":100,"inactiveRemovalTimeout":null}}}`)
	base := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	// fill adds n keys of a custom object of items small arrays each, n PUTs of one key at a time.
	fill := func(t *testing.T, s *Session, keys, items int) *Session {
		for i := range keys {
			s = must(t, s, tpl, ana, fmt.Sprintf(`{"properties":{"custom":{"k%d":%s}}}`, i, list(items, "[1]")), t0).Session
		}
		return s
	}
	cases := []struct {
		name    string
		stored  *Session
		body    string
		message string
	}{
		{"too many bytes", base, `{"properties":{"custom":` + bigCustom(MaxSessionBytes) + `}}`, fmt.Sprintf("a session holds at most %d", MaxSessionBytes)},
		// 4 keys of 1000 arrays of one number are 4 × 2001 values: the fifth key is too many
		{"too many values", fill(t, base, 4, 1000), `{"properties":{"custom":{"last":` + list(1000, "[1]") + `}}}`, fmt.Sprintf("a session holds at most %d", MaxSessionValues)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before, _ := c.stored.Marshal()
			_, err := put(t, c.stored, tpl, ana, c.body, t0, Conditions{})
			require.Error(t, err)
			assert.Equal(t, errs.TooLarge, errs.KindOf(err))
			assert.Contains(t, err.Error(), c.message)
			after, _ := c.stored.Marshal()
			assert.Equal(t, string(before), string(after), "the stored session was changed")
		})
	}
	t.Run("within the limits", func(t *testing.T) {
		s := fill(t, base, 4, 1000)
		assert.LessOrEqual(t, s.values(), MaxSessionValues)
		raw, _ := s.Marshal()
		assert.Less(t, len(raw), MaxSessionBytes)
	})
}

// TestIndexFieldsCount: the fields queries use are stored beside the document and count toward
// MaxSessionBytes, so a session can never grow past Firestore's document limit through them.
func TestIndexFieldsCount(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":100,"inactiveRemovalTimeout":null}}}`)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}},"properties":{"system":{"keywords":["alpha","beta"]}}}`, t0).Session
	s.Properties.Custom = map[string]any{"p": ""}
	raw, err := s.Marshal()
	require.NoError(t, err)
	// the document alone is one byte under the limit
	s.Properties.Custom = map[string]any{"p": strings.Repeat("x", MaxSessionBytes-len(raw)-1)}
	raw, err = s.Marshal()
	require.NoError(t, err)
	require.Equal(t, MaxSessionBytes-1, len(raw))
	err = s.checkSize(raw)
	require.Error(t, err)
	assert.Equal(t, errs.TooLarge, errs.KindOf(err))
	assert.Contains(t, err.Error(), fmt.Sprintf("would take %d bytes", len(raw)+len("active|public|ana")+len("alpha")+len("beta")))
}

// TestLargeSessionFits: a large session of its most members (1,000), each of whom only joined
// (a Firebase uid of 28 characters, a display name of 32, active), fits the limits.
func TestLargeSessionFits(t *testing.T) {
	tpl := template(t, `{"constants":{"system":{"maxMembersCount":1000,"capabilities":{"large":true},"inactiveRemovalTimeout":null}}}`)
	s := must(t, nil, tpl, ana, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`, t0).Session
	joiner := Caller{ID: strings.Repeat("u", 28), Name: strings.Repeat("n", 32)}
	s = must(t, s, tpl, joiner, `{"members":{"me":{"constants":{"system":{"xuid":"`+joiner.ID+`"}},"properties":{"system":{"active":true}}}}}`, t0).Session
	joined := s.Member(joiner.ID)
	for i := 2; i < 1000; i++ { // as many more members, each as that join left it
		m := *joined
		m.Index, m.Player = i, fmt.Sprintf("%028d", i)
		m.Constants = Bag{System: map[string]any{"xuid": m.Player}}
		s.Members = append(s.Members, &m)
	}
	s.MembersNext = 1000
	raw, err := s.Marshal()
	require.NoError(t, err)
	assert.NoError(t, s.checkSize(raw))
}

// TestTemplateLimit: a template is at most as large as a session, since its constants become
// every session's it makes.
func TestTemplateLimit(t *testing.T) {
	_, err := ParseTemplate(lobby.SCID, "big", []byte(`{"constants":{"custom":`+bigCustom(MaxSessionBytes)+`}}`))
	require.Error(t, err)
	assert.Equal(t, errs.Invalid, errs.KindOf(err))
	assert.Contains(t, err.Error(), fmt.Sprintf("at most %d bytes", MaxSessionBytes))
}
