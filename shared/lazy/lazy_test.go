package lazy

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestValueRetriesAfterFailureThenCreatesOnce(t *testing.T) {
	var calls atomic.Int32
	v := New(func(context.Context) (int, error) {
		if calls.Add(1) == 1 {
			return 0, errors.New("backend down")
		}
		return 42, nil
	})
	_, err := v.Get(context.Background())
	require.Error(t, err, "first Get: want the creation error")
	_, ok := v.Peek()
	require.False(t, ok, "Peek after a failed creation: want not created")
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := v.Get(context.Background())
			assert.NoError(t, err, "Get")
			assert.Equal(t, 42, got, "Get")
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(2), calls.Load(), "calls to create: one failure, one success")
}
