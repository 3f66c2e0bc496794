package game

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestAlone(t *testing.T) {
	var c CreateRequest
	assert.False(t, c.Alone(), "not alone without auto-matching")
	c.Auto = &AutoMatch{Min: 1, Max: 1}
	assert.True(t, c.Alone(), "auto-matching with nobody invited is alone")
	c.InviteeIDs = []string{"ben"}
	assert.False(t, c.Alone(), "auto-matching with an invitee is not alone")
}
