package sessions_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/testenv"
)

// TestInviteLimits: a player's invite handles count toward their invitation limits (429 past
// them, naming invitedXuid and the limit); a server principal's, which invite for many players,
// do not.
func TestInviteLimits(t *testing.T) {
	d := newDirectory(t)
	settings := application.Defaults
	settings.Limits.Invitations.PerSender = 2
	testenv.OwnApplication(t, d.svc, &settings)
	ana, ben, cy := testenv.NewPlayer(t, "Ana"), testenv.NewPlayer(t, "Ben"), testenv.NewPlayer(t, "Cy")
	d.expect(http.StatusCreated, ana.Token, http.MethodPut, d.path("game", "limits"), `{"members":{"me":{"properties":{"system":{"active":true}}}}}`)
	d.invite(ana, ben.ID, "game", "limits")
	d.invite(ana, cy.ID, "game", "limits")

	third := `{"type":"invite","version":1,"sessionRef":{"scid":"` + d.scid + `","templateName":"game","name":"limits"},"invitedXuid":"` + ben.ID + `"}`
	refused := d.expect(http.StatusTooManyRequests, ana.Token, http.MethodPost, "/handles", third,
		`"location":"invitedXuid"`, "limits.invitations.perSender allows a player 2 invitations every 10m0s", "rateLimitExceeded")
	assert.NotEmpty(t, refused.header.Get("Retry-After"))
	d.expect(http.StatusCreated, serverToken(t, ana), http.MethodPost, "/handles", third)
}
