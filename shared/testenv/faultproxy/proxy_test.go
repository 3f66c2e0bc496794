package faultproxy_test

import (
	"bufio"
	"io"
	"net"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/openplay-games/openplay/shared/testenv/faultproxy"
)

// echoServer answers every line it reads with the same line, until the test ends.
func echoServer(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = io.Copy(c, c)
			}()
		}
	}()
	return l.Addr().String()
}

// conn is a client connection through the proxy.
type conn struct {
	t *testing.T
	net.Conn
	lines *bufio.Reader
}

func dial(t *testing.T, p *faultproxy.Proxy) *conn {
	c, err := net.Dial("tcp", p.Addr())
	require.NoError(t, err)
	t.Cleanup(func() { _ = c.Close() })
	return &conn{t: t, Conn: c, lines: bufio.NewReader(c)}
}

// answers reports whether a new connection through p gets an echo: false if it is refused,
// whether at connect or at once after.
func answers(p *faultproxy.Proxy) bool {
	c, err := net.Dial("tcp", p.Addr())
	if err != nil {
		return false
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte("anyone?\n")); err != nil {
		return false
	}
	_, err = bufio.NewReader(c).ReadString('\n')
	return err == nil
}

func (c *conn) send(line string) {
	_, err := c.Write([]byte(line + "\n"))
	require.NoError(c.t, err)
}

// receive reads a line, waiting at most wait.
func (c *conn) receive(wait time.Duration) (string, error) {
	require.NoError(c.t, c.SetReadDeadline(time.Now().Add(wait)))
	return c.lines.ReadString('\n')
}

func TestPassForwardsBothWays(t *testing.T) {
	p := faultproxy.Start(t, echoServer(t))
	c := dial(t, p)
	c.send("hello")
	got, err := c.receive(5 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, "hello\n", got)
}

// TestStopHoldsTrafficUntilPass: a stopped backend answers nothing on open connections or new
// ones, and what was sent meanwhile arrives, in order, once it goes on.
func TestStopHoldsTrafficUntilPass(t *testing.T) {
	p := faultproxy.Start(t, echoServer(t))
	open := dial(t, p)
	open.send("before")
	_, err := open.receive(5 * time.Second)
	require.NoError(t, err)

	p.Stop()
	open.send("one")
	open.send("two")
	late := dial(t, p)
	late.send("three")
	for _, c := range []*conn{open, late} {
		_, err := c.receive(300 * time.Millisecond)
		var ne net.Error
		require.ErrorAs(t, err, &ne, "nothing is answered while stopped")
		assert.True(t, ne.Timeout())
	}

	p.Pass()
	for _, want := range []string{"one\n", "two\n"} {
		got, err := open.receive(5 * time.Second)
		require.NoError(t, err)
		assert.Equal(t, want, got)
	}
	got, err := late.receive(5 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, "three\n", got)
}

// TestDownResetsAndRefusesUntilPass: a dead backend drops its connections and takes no new
// ones; after Pass (restarted) new connections work again.
func TestDownResetsAndRefusesUntilPass(t *testing.T) {
	p := faultproxy.Start(t, echoServer(t))
	open := dial(t, p)
	open.send("before")
	_, err := open.receive(5 * time.Second)
	require.NoError(t, err)

	p.Down()
	_, err = open.receive(5 * time.Second)
	assert.Error(t, err, "an open connection is reset")
	assert.False(t, answers(p), "a new connection is refused")

	p.Pass()
	again := dial(t, p)
	again.send("back")
	got, err := again.receive(5 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, "back\n", got)
}

// TestDelayAddsToEachRoundTrip: with a delay set, no answer comes back sooner than the delay.
func TestDelayAddsToEachRoundTrip(t *testing.T) {
	const delay = 200 * time.Millisecond
	p := faultproxy.Start(t, echoServer(t))
	c := dial(t, p)
	p.Delay(delay)
	for range 3 {
		start := time.Now()
		c.send("slow")
		got, err := c.receive(5 * time.Second)
		require.NoError(t, err)
		assert.Equal(t, "slow\n", got)
		assert.GreaterOrEqual(t, time.Since(start), delay)
	}
}
