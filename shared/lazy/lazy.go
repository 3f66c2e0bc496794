// Package lazy holds values that are expensive to create (cloud clients): created on first use,
// once per instance, shared by all goroutines. Unlike a bare sync.Once, a failed creation is not
// remembered: the next caller tries again, so a backend that was down at start-up does not break
// the instance for its whole life.
package lazy

import (
	"context"
	"sync"
)

// Value creates its T on first successful Get.
type Value[T any] struct {
	create func(context.Context) (T, error)

	mu    sync.Mutex
	done  bool
	value T
}

// New returns a Value that calls create until it succeeds once.
func New[T any](create func(context.Context) (T, error)) *Value[T] {
	return &Value[T]{create: create}
}

// Get returns the value, creating it if no earlier call succeeded.
func (v *Value[T]) Get(ctx context.Context) (T, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.done {
		return v.value, nil
	}
	value, err := v.create(ctx)
	if err != nil {
		var zero T
		return zero, err
	}
	v.value, v.done = value, true
	return value, nil
}

// Peek returns the value and true if it has been created, without creating it.
func (v *Value[T]) Peek() (T, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.value, v.done
}
