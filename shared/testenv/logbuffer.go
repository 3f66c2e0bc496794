package testenv

import (
	"bytes"
	"sync"
)

// LogBuffer keeps what a service logs, written from the goroutines of its requests, for the test
// to read while they run.
type LogBuffer struct {
	// Max, unless 0, is how many bytes it keeps: what comes once it holds that many is dropped,
	// so that a long run cannot fill the memory with what nobody reads.
	Max int

	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.Max == 0 || b.buf.Len() < b.Max {
		b.buf.Write(p)
	}
	return len(p), nil
}

// String is everything logged so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// Take is everything logged since the last Take, which it empties.
func (b *LogBuffer) Take() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	b.buf.Reset()
	return s
}
