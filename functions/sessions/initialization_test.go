package sessions_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/session"
	"github.com/openplay-games/openplay/shared/testenv"
)

// p2pTemplate is a peer-to-peer lobby of 4 with member initialization: 10 s to join, 30 s to
// measure against 250 ms and 10 Mbit/s, the title's own evaluation within 5 s, two to start.
const p2pTemplate = `{"constants":{"system":{"maxMembersCount":4,"inactiveRemovalTimeout":null,
	"capabilities":{"connectivity":true},"peerToPeerRequirements":{"latencyMaximum":250,"bandwidthMinimum":10000},
	"memberInitialization":{"joinTimeout":10000,"measurementTimeout":30000,"evaluationTimeout":5000,
	"externalEvaluation":true,"membersNeededToStart":2}}}}`

// withP2P adds the p2p template to the directory's service config.
func (d *directory) withP2P(t *testing.T) {
	tpl, err := session.ParseTemplate(d.scid, "p2p", []byte(p2pTemplate))
	require.NoError(t, err)
	require.NoError(t, d.svc.Store.WriteTemplates(t.Context(), []*session.Template{tpl}, nil))
}

// measured is a member's measurements to its peers, with the latency given.
func measured(latency string) string {
	return `{"members":{"me":{"properties":{"system":{"measurements":{"peer":{"latency":` + latency +
		`,"bandwidthDown":20000,"bandwidthUp":20000}}}}}}}`
}

// TestMemberInitializationOverHTTP: a three-player P2P lobby goes through member initialization
// over HTTP. Ana creates it with Ben and Cal reserved, all initializing; their joins end the
// joining stage, their measurements the measuring stage (Cal's latency is over the requirement:
// he fails with "latency"), and Ana's evaluation ends the episode. Ana, subscribed to
// initialization changes, is told of each stage. Ben's device, named by its token, hosts.
func TestMemberInitializationOverHTTP(t *testing.T) {
	taps := testenv.Subscribe(t, notification.TopicSessionChanges)
	d := newDirectory(t)
	d.withP2P(t)
	ana, ben, cal := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cal")
	p := d.path("p2p", "lobby")
	doc := d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{
		"me":{"constants":{"system":{"xuid":"`+ana.ID+`","initialize":true}},"properties":{"system":{"active":true,
			"secureDeviceAddress":"QUFB","subscription":{"id":"9D0B8B5C-0000-0000-0000-000000000002","changeTypes":["initialization"]}}}},
		"reserve_0":{"constants":{"system":{"xuid":"`+ben.ID+`","initialize":true}}},
		"reserve_1":{"constants":{"system":{"xuid":"`+cal.ID+`","initialize":true}}}}}`).doc(t)
	assert.Equal(t, "joining", get(doc, "initializing", "stage"))
	assert.Equal(t, "1", js(get(doc, "members", "2", "initializationEpisode")))

	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true,"secureDeviceAddress":"QkJC"}}}}}`)
	doc = d.expect(http.StatusOK, cal.Token, http.MethodPut, p, `{"members":{"me":{"properties":{"system":{"active":true}}}}}`).doc(t)
	assert.Equal(t, "measuring", get(doc, "initializing", "stage"), "everyone joined")

	d.expect(http.StatusBadRequest, ana.Token, http.MethodPut, p, `{"properties":{"system":{"initializationSucceeded":true}}}`,
		"initializationSucceeded")
	d.expect(http.StatusOK, ana.Token, http.MethodPut, p, measured("40"))
	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, measured("60"))
	doc = d.expect(http.StatusOK, cal.Token, http.MethodPut, p, measured("900")).doc(t)
	assert.Equal(t, "evaluating", get(doc, "initializing", "stage"), "everyone measured")
	assert.Equal(t, "latency", get(doc, "members", "2", "initializationFailure"))

	d.expect(http.StatusOK, ben.Token, http.MethodPut, p, `{"properties":{"system":{"initializationSucceeded":true}}}`)
	doc = d.expect(http.StatusOK, ana.Token, http.MethodGet, p, "").doc(t)
	assert.Nil(t, doc["initializing"], "the episode is over: %s", js(doc))
	assert.Nil(t, get(doc, "members", "0", "initializationFailure"))
	assert.Nil(t, get(doc, "members", "1", "initializationFailure"))
	assert.Equal(t, "latency", get(doc, "members", "2", "initializationFailure"))

	// the winner's device hosts: a host naming a member's device token stays, any other goes
	benDevice, _ := get(doc, "members", "1", "deviceToken").(string)
	assert.Regexp(t, `^[0-9a-f]{32}$`, benDevice)
	assert.NotEqual(t, get(doc, "members", "0", "deviceToken"), benDevice)
	doc = d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"host":"`+benDevice+`"}}}`).doc(t)
	assert.Equal(t, benDevice, get(doc, "properties", "system", "host"))
	doc = d.expect(http.StatusOK, ana.Token, http.MethodPut, p, `{"properties":{"system":{"host":"not-a-device"}}}`).doc(t)
	assert.Nil(t, get(doc, "properties", "system", "host"))

	told := received(taps, ana.ID, 3)
	require.Len(t, told, 3, "Ana hears of measuring, evaluating and the end: %+v", told)
	for _, n := range told {
		assert.Equal(t, []string{"initialization"}, n.ChangeTypes)
	}
}

// TestSweeperEndsInitializationStages: nobody reads a lobby whose reserved member never joins;
// the sweeper ends the joining stage at its deadline, the episode fails (one member is fewer than
// the two needed), and Ana, subscribed, is told.
func TestSweeperEndsInitializationStages(t *testing.T) {
	taps := testenv.Subscribe(t, notification.TopicSessionChanges)
	d := newDirectory(t)
	testenv.OwnApplication(t, d.svc, nil) // the sweep below sees only this test's games and sessions
	d.withP2P(t)
	ana, ben := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben")
	p := d.path("p2p", "alone")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, p, `{"members":{
		"me":{"constants":{"system":{"xuid":"`+ana.ID+`","initialize":true}},"properties":{"system":{"active":true,
			"subscription":{"id":"9D0B8B5C-0000-0000-0000-000000000003","changeTypes":["initialization"]}}}},
		"reserve_0":{"constants":{"system":{"xuid":"`+ben.ID+`","initialize":true}}}}}`)

	var swept struct{ Sessions int }
	d.OK(testenv.Player{Name: "scheduler"}, http.MethodPost, "/operations/sweep", nil, &swept)
	assert.Equal(t, 0, swept.Sessions, "the join timeout has not passed")

	d.clock.Advance(10 * time.Second)
	d.OK(testenv.Player{Name: "scheduler"}, http.MethodPost, "/operations/sweep", nil, &swept)
	assert.Equal(t, 1, swept.Sessions)
	stored, err := d.svc.Store.Session(t.Context(), session.Ref{SCID: d.scid, Template: "p2p", Name: "alone"})
	require.NoError(t, err)
	doc := stored.Render(ana.ID)
	assert.Equal(t, `{"episode":1,"stage":"failed","stageStartTime":"`+session.FormatTime(stored.StartTime.Add(10*time.Second))+`"}`,
		js(doc["initializing"]), "stored as the sweeper left it")
	assert.False(t, slices.ContainsFunc(stored.Members, func(m *session.Member) bool { return m.Player == ben.ID }), "Ben's reservation is gone")
	told := received(taps, ana.ID, 1)
	require.Len(t, told, 1)
	assert.Equal(t, []string{"initialization"}, told[0].ChangeTypes)

	d.OK(testenv.Player{Name: "scheduler"}, http.MethodPost, "/operations/sweep", nil, &swept)
	assert.Equal(t, 0, swept.Sessions, "a failed episode has no deadline left")
}
