// Package faultproxy is a TCP proxy that puts faults between an instance under test and a
// backend it talks to (the Firestore and Pub/Sub emulators speak plaintext HTTP/2, so bytes are
// all it needs to see). Point the instance's FIRESTORE_EMULATOR_HOST or PUBSUB_EMULATOR_HOST at
// Addr, then make the backend behave as a stopped process (Stop: connections stay open, nothing
// is answered), a dead one (Down: every connection is reset, new ones are refused), a restarted
// one (Down then Pass) or a slow one (Delay). The emulator itself is never touched, so its data
// survives and other tests sharing it see no fault.
package faultproxy

import (
	"net"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// state is how the proxy treats traffic.
type state int

const (
	passing state = iota // forward every byte (after the delay)
	stopped              // hold every byte, as a stopped (SIGSTOP) process reads nothing
	down                 // reset every connection and refuse new ones, as a dead process does
)

// Proxy forwards connections accepted on Addr to a target address, with the faults its state
// puts in their way. It is safe for concurrent use.
type Proxy struct {
	target   string
	listener net.Listener

	mu      sync.Mutex
	state   state
	delay   time.Duration
	changed chan struct{} // closed (and replaced) whenever state or delay changes
	links   map[*link]struct{}
	closed  bool

	wg sync.WaitGroup
}

// Start listens on a free loopback port and forwards to target until the test ends.
func Start(t testing.TB, target string) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err, "faultproxy")
	p := &Proxy{target: target, listener: l, changed: make(chan struct{}), links: map[*link]struct{}{}}
	p.wg.Add(1)
	go p.accept()
	t.Cleanup(p.Close)
	return p
}

// Addr is the address to give the instance under test instead of the target's.
func (p *Proxy) Addr() string { return p.listener.Addr().String() }

// Pass forwards traffic again: bytes held while stopped go on, in order.
func (p *Proxy) Pass() { p.set(passing) }

// Stop holds all traffic, on open connections and new ones alike, until Pass or Down.
func (p *Proxy) Stop() { p.set(stopped) }

// Down resets every open connection and refuses new ones until Pass: the backend died (and
// what it held is lost to its callers).
func (p *Proxy) Down() { p.set(down) }

// Delay holds each chunk of bytes d/2 in each direction, so every round trip takes d longer.
func (p *Proxy) Delay(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.delay = d
	p.notify()
}

func (p *Proxy) set(s state) {
	p.mu.Lock()
	p.state = s
	var dead []*link
	if s == down {
		for l := range p.links {
			dead = append(dead, l)
		}
	}
	p.notify()
	p.mu.Unlock()
	for _, l := range dead {
		l.end(true)
	}
}

// notify wakes whoever waits on the state or the delay; p.mu is held.
func (p *Proxy) notify() {
	close(p.changed)
	p.changed = make(chan struct{})
}

// now returns the state, the delay, and a channel closed when either changes.
func (p *Proxy) now() (state, time.Duration, <-chan struct{}) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.state, p.delay, p.changed
}

// Close stops accepting, resets every connection and waits for the proxy's goroutines.
func (p *Proxy) Close() {
	p.mu.Lock()
	p.closed = true
	p.mu.Unlock()
	_ = p.listener.Close()
	p.set(down)
	p.wg.Wait()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		conn, err := p.listener.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.closed || p.state == down {
			p.mu.Unlock()
			resetConn(conn)
			continue
		}
		l := &link{client: conn, done: make(chan struct{})}
		p.links[l] = struct{}{}
		p.wg.Add(1)
		p.mu.Unlock()
		go p.serve(l)
	}
}

// serve connects a link to the target and pumps both ways until either side ends or the link
// is reset.
func (p *Proxy) serve(l *link) {
	defer p.wg.Done()
	defer func() {
		p.mu.Lock()
		delete(p.links, l)
		p.mu.Unlock()
		l.end(false)
	}()
	server, err := net.DialTimeout("tcp", p.target, 5*time.Second)
	if err != nil {
		return
	}
	l.mu.Lock()
	l.server = server
	ended := l.ended
	l.mu.Unlock()
	if ended {
		resetConn(server)
		return
	}
	var pumps sync.WaitGroup
	pumps.Add(2)
	go func() { defer pumps.Done(); p.pump(l, l.client, server) }()
	go func() { defer pumps.Done(); p.pump(l, server, l.client) }()
	pumps.Wait()
}

// chunk is bytes read from one side, with when they were read.
type chunk struct {
	data []byte
	at   time.Time
}

// pump copies src to dst: a reader takes chunks as they come, a writer passes each on once the
// proxy lets it (not stopped, its delay served), so a delay adds latency without limiting
// throughput. When src ends, dst is half-closed after the last chunk.
func (p *Proxy) pump(l *link, src, dst net.Conn) {
	chunks := make(chan chunk, 64)
	read := make(chan struct{})
	defer func() { <-read }()
	go func() {
		defer close(read)
		defer close(chunks)
		for {
			buf := make([]byte, 32<<10)
			n, err := src.Read(buf)
			if n > 0 {
				select {
				case chunks <- chunk{data: buf[:n], at: time.Now()}:
				case <-l.done:
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	for c := range chunks {
		if !p.release(l, c) {
			return
		}
		if _, err := dst.Write(c.data); err != nil {
			l.end(true)
			return
		}
	}
	if tcp, ok := dst.(*net.TCPConn); ok {
		_ = tcp.CloseWrite()
	}
}

// release waits until c may be written: the proxy passes traffic and c's delay has passed. It
// reports false if the link was reset meanwhile.
func (p *Proxy) release(l *link, c chunk) bool {
	for {
		s, d, changed := p.now()
		switch {
		case s == down:
			return false
		case s == stopped:
			select {
			case <-changed:
				continue
			case <-l.done:
				return false
			}
		}
		wait := time.Until(c.at.Add(d / 2))
		if wait <= 0 {
			return true
		}
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
			return true
		case <-changed:
			timer.Stop()
		case <-l.done:
			timer.Stop()
			return false
		}
	}
}

// link is one proxied connection: the caller's side and the target's.
type link struct {
	client net.Conn
	done   chan struct{}

	mu     sync.Mutex
	server net.Conn
	ended  bool
}

// end closes both sides once: with a TCP reset, as a process that died leaves them, when reset
// is set; normally once both directions have ended.
func (l *link) end(reset bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.ended {
		return
	}
	l.ended = true
	close(l.done)
	for _, c := range []net.Conn{l.client, l.server} {
		switch {
		case c == nil:
		case reset:
			resetConn(c)
		default:
			_ = c.Close()
		}
	}
}

func resetConn(c net.Conn) {
	if tcp, ok := c.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = c.Close()
}
