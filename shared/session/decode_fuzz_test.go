package session_test

import (
	"testing"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// FuzzDecodeProperties: any PUT …/properties body becomes a request or a 400 naming what is wrong.
func FuzzDecodeProperties(f *testing.F) {
	seeds := []string{``, `{}`, `null`, `[]`, `{"system":{"joinRestriction":"followed","turn":[0,1]},"custom":{"level":3,"map":null}}`,
		`{"system":null,"custom":[1]}`, `{"system":{"keywords":["a","b"],"matchmaking":{"targetSessionConstants":{}}}}`, `{"system":{"turn":"x"}}`, `{"other":1}`}
	testenv.FuzzDecoder(f, seeds, session.DecodeProperties, errs.Invalid, errs.TooLarge)
}

// FuzzParseTemplate: any template file becomes a template or a 400 naming what is wrong (the
// sessiontemplates command reports it).
func FuzzParseTemplate(f *testing.F) {
	seeds := []string{`{}`, `null`, `{"contractVersion":107,"constants":{"system":{"maxMembersCount":8,"visibility":"open","reservedRemovalTimeout":30000,
		"capabilities":{"connectivity":false,"crossPlay":true}},"custom":{}}}`, `{"constants":{"system":{"inactiveRemovalTimeout":null}},"roleTypes":{"lfg":{"roles":{"friend":{"max":2}}}}}`,
		`{"contractVersion":103}`, `{"constants":{"system":{"memberInitialization":{}}}}`, `{"properties":{}}`}
	testenv.FuzzDecoder(f, seeds, func(body []byte) (*session.Template, error) {
		return session.ParseTemplate("00000000-0000-0000-0000-000000000000", "lobby", body)
	}, errs.Invalid)
}

// FuzzDecodeBatch: any batch query body becomes its players or a 400 naming what is wrong.
func FuzzDecodeBatch(f *testing.F) {
	seeds := []string{`{}`, `null`, `[]`, `{"xuids":["ana","ben","ana"]}`, `{"xuids":[]}`, `{"xuids":["a b",1]}`, `{"xuids":"ana","take":1}`}
	testenv.FuzzDecoder(f, seeds, session.DecodeBatch, errs.Invalid)
}

// FuzzDecodeActivity: any POST /handles body of an activity becomes its session reference or a
// 400 naming what is wrong.
func FuzzDecodeActivity(f *testing.F) {
	seeds := []string{`{}`, `null`, `{"type":"activity","version":1,"sessionRef":{"scid":"00000000-0000-0000-0000-000000000000","templateName":"lobby","name":"L1"}}`,
		`{"type":"activity","version":2}`, `{"type":"activity","sessionRef":{"scid":"x"}}`, `{"type":"invite","invitedXuid":"ben"}`}
	testenv.FuzzDecoder(f, seeds, session.DecodeActivity, errs.Invalid)
}

// FuzzDecodeActivityQuery: any POST /handles/query body of an activity query becomes a query or
// a 400 naming what is wrong.
func FuzzDecodeActivityQuery(f *testing.F) {
	seeds := []string{`{}`, `null`, `{"type":"activity","scid":"00000000-0000-0000-0000-000000000000","owners":{"xuids":["ana","ben"]}}`,
		`{"type":"activity","scid":"00000000-0000-0000-0000-000000000000","owners":{"people":{"moniker":"friends","monikerXuid":"1"}}}`,
		`{"type":"activity","owners":{"xuids":[]}}`, `{"type":"search","scid":"x"}`}
	testenv.FuzzDecoder(f, seeds, func(body []byte) (session.ActivityQuery, error) {
		return session.DecodeActivityQuery(body, "relatedInfo")
	}, errs.Invalid)
}

// FuzzDecodeSearchHandle: any POST /handles body of a search handle becomes a handle or a 400
// naming what is wrong.
func FuzzDecodeSearchHandle(f *testing.F) {
	ref := `"sessionRef":{"scid":"00000000-0000-0000-0000-000000000000","templateName":"lobby","name":"L1"}`
	seeds := []string{``, `{}`, `null`, `{"type":"search","version":1,` + ref + `,"searchAttributes":{"tags":["a","b"],"strings":{"Class":"A"},"numbers":{"Skill":10.5}}}`,
		`{"type":"search",` + ref + `,"searchAttributes":{"numbers":{"a":1e999}}}`, `{"type":"search","searchAttributes":{"tags":[1]}}`}
	testenv.FuzzDecoder(f, seeds, session.DecodeSearchHandle, errs.Invalid)
}

// FuzzDecodeSearchQuery: any POST /handles/query body of a search becomes a query or a 400 naming
// what is wrong.
func FuzzDecodeSearchQuery(f *testing.F) {
	base := `"type":"search","scid":"00000000-0000-0000-0000-000000000000","templateName":"lobby"`
	seeds := []string{``, `{}`, `null`, `{` + base + `,"filter":"numbers/a ge 1 and tags/any(d:tolower(d) eq 'x')","orderBy":"numbers/a desc","global":true}`,
		`{` + base + `,"sessionMembers":{"people":{"moniker":"favorites","monikerXuid":"1"}}}`, `{` + base + `,"filter":"("}`}
	testenv.FuzzDecoder(f, seeds, func(body []byte) (*session.SearchQuery, error) { return session.DecodeSearchQuery(body, "") }, errs.Invalid)
}
