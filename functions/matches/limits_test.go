package matches_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/functions/functionstest"
	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInvitationLimits: a create's invitations are charged to the creator all or nothing; a
// retried requestId and a refused call are not charged.
func TestInvitationLimits(t *testing.T) {
	svc := testenv.Service(t)
	settings := application.Defaults
	settings.Limits.Invitations.PerSender, settings.Limits.Invitations.PerSenderToOnePlayer = 4, 2
	testenv.OwnApplication(t, svc, &settings)
	a := &api{functionstest.Serve(t, svc)}
	ana, ben, cy, dee := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cy"), testenv.NewPlayer(t, "Dee")

	first := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, cy.ID}, "requestId": "7"})
	again := a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID, cy.ID}, "requestId": "7"})
	assert.Equal(t, first.MatchID, again.MatchID, "a retry gets the match it made")
	a.Fails(ana.Token, http.MethodPost, tb+"/create", map[string]any{"invitedPlayerIds": []string{ben.ID, cy.ID, dee.ID}},
		http.StatusTooManyRequests, "invitedPlayerIds: too many invitations: limits.invitations.perSender allows a player 4 invitations every 10m0s, and 2 were sent")
	a.create(ana, map[string]any{"invitedPlayerIds": []string{ben.ID}}) // neither the retry nor the refused call counted
	a.Fails(ana.Token, http.MethodPost, tb+"/create", map[string]any{"invitedPlayerIds": []string{ben.ID}},
		http.StatusTooManyRequests, "limits.invitations.perSenderToOnePlayer allows a player 2 invitations to player "+ben.ID)

	var list gamesv1.TurnBasedMatchList
	a.OK(ana, http.MethodGet, tb, nil, &list)
	assert.Len(t, list.Items, 2, "the refused calls made no match")
	a.create(ana, map[string]any{"autoMatchingCriteria": map[string]any{"minAutoMatchingPlayers": 1, "maxAutoMatchingPlayers": 1}}) // inviting nobody is not limited
}
