package lazy

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
)

func TestValueRetriesAfterFailureThenCreatesOnce(t *testing.T) {
	var calls atomic.Int32
	v := New(func(context.Context) (int, error) {
		if calls.Add(1) == 1 {
			return 0, errors.New("backend down")
		}
		return 42, nil
	})
	if _, err := v.Get(context.Background()); err == nil {
		t.Fatal("first Get: want the creation error")
	}
	if _, ok := v.Peek(); ok {
		t.Fatal("Peek after a failed creation: want not created")
	}
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got, err := v.Get(context.Background())
			if err != nil || got != 42 {
				t.Errorf("Get = %d, %v; want 42, nil", got, err)
			}
		}()
	}
	wg.Wait()
	if n := calls.Load(); n != 2 {
		t.Fatalf("create called %d times, want 2 (one failure, one success)", n)
	}
}
