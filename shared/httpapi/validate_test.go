package httpapi

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/openplay-games/openplay/shared/errs"
)

func TestFirstErrorNamesOneField(t *testing.T) {
	first, second := errs.E(errs.Invalid, "a", "bad"), errs.E(errs.Invalid, "b", "bad")
	assert.Equal(t, first, FirstError(errors.Join(nil, errors.Join(first, second), second)))
	assert.Equal(t, second, FirstError(second), "a single error as it is")
	assert.NoError(t, FirstError(nil))
}
