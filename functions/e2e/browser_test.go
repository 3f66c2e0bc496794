package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// The browser tests play the sample games (clients/samples, which `make test` builds) in headless
// Chromium, each player in a browser context of their own, against the dev server TestMain
// started. They save screenshots and the numbers they measured in testOutput.
var testOutput = filepath.Join("..", "..", "test-output", "browser")

// chromium starts a headless Chromium for the test, with WebRTC allowed over loopback: host
// candidates are plain local addresses (not mDNS names) and loopback ones are kept.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	require.NoError(t, err, "Chromium is needed for the browser tests: `make chromium` installs Debian's package")
	_, err = os.Stat(filepath.Join("..", "..", "clients", "samples", "dist", "index.html"))
	require.NoError(t, err, "the sample games are not built: `make clients` builds them")
	require.NoError(t, os.MkdirAll(testOutput, 0o755))
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(900, 900),
		// This machine reaches nothing outside: Chromium must not try.
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("allow-loopback-in-peer-connection", true),
		chromedp.Flag("disable-features", "WebRtcHideLocalIpsWithMdns"),
		// Every player's tab runs at full speed, as if each had its own screen.
		chromedp.Flag("disable-background-timer-throttling", true), chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	browser, cancelBrowser := chromedp.NewContext(alloc)
	require.NoError(t, chromedp.Do(browser)) // start it now, so a failure to start is reported here
	t.Cleanup(func() { cancelBrowser(); cancelAlloc() })
	return browser
}

// tab is one player's page, in a browser context of its own (its own storage, so its own player).
type tab struct {
	t    *testing.T
	ctx  context.Context
	name string
	// ID is the player's ID, once the page signed in.
	ID  string
	log *pageLog
}

// open loads a sample game (path under /play/) as a new player called name.
func open(t *testing.T, browser context.Context, path, name string) *tab {
	t.Helper()
	return openAt(t, browser, devServer, path, name)
}

// openAt is open with the game served by site (a URL) rather than the dev server.
func openAt(t *testing.T, browser context.Context, site, path, name string) *tab {
	t.Helper()
	page := &pageLog{name: name, requests: map[network.RequestID]request{}}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext(), chromedp.WithListener(page.listen))
	t.Cleanup(func() {
		page.report(t) // before the tab closes: what it reports while closing is not the test's
		cancel()
	})
	p := &tab{t: t, ctx: ctx, name: name, log: page}
	err := chromedp.Do(ctx, chromedp.Navigate(site+"/play/"+path+"?name="+name))
	require.NoError(t, err)
	p.waitFor("window.sample !== undefined && document.getElementById('me').dataset.playerId !== undefined", 30*time.Second)
	p.ID = eval[string](p, "document.getElementById('me').dataset.playerId")
	return p
}

// pageLog keeps what a page reported, its console's errors and warnings and the exceptions it
// did not catch, each with when, for the test to report when it ends, and the HTTP requests it
// has in flight, for a condition that did not hold to show what the page still waits for.
// chromedp's listener writes it from a goroutine of its own, which may still run once the test
// is over, when the test may no longer log.
type pageLog struct {
	name       string
	mu         sync.Mutex
	lines      []string
	exceptions int
	requests   map[network.RequestID]request
	// blockedURLs are the requests the test had the browser refuse (network.SetBlockedURLs).
	blockedURLs []string
	// stream is the traffic of the page's Firestore listen stream, newest last (at most
	// listenLines): when a listener does not deliver, whether the page asked and what came back.
	stream []string
}

const listenLines = 200

// note adds a line about the listen stream's request id; the caller holds mu.
func (l *pageLog) note(id network.RequestID, format string, args ...any) {
	if _, ok := l.requests[id]; !ok || !strings.Contains(l.requests[id].url, "Firestore/Listen/channel") {
		return
	}
	line := time.Now().Format("15:04:05.000") + " #" + string(id) + " " + fmt.Sprintf(format, args...)
	l.stream = append(l.stream[max(0, len(l.stream)+1-listenLines):], line)
}

type request struct {
	method, url string
	sent        time.Time
}

func (l *pageLog) listen(ev any) {
	var line string
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.mu.Lock()
		defer l.mu.Unlock()
		l.requests[ev.RequestID] = request{ev.Request.Method, ev.Request.URL, time.Now()}
		var body []byte
		for _, e := range ev.Request.PostDataEntries {
			body = append(body, e.Bytes...)
		}
		l.note(ev.RequestID, "%s sent (%d bytes of body, addTarget %t, removeTarget %t)", ev.Request.Method, len(body),
			strings.Contains(string(body), "addTarget"), strings.Contains(string(body), "removeTarget"))
		return
	case *network.EventDataReceived:
		l.mu.Lock()
		defer l.mu.Unlock()
		l.note(ev.RequestID, "received %d bytes", ev.DataLength)
		return
	case *network.EventLoadingFinished:
		l.mu.Lock()
		l.note(ev.RequestID, "finished")
		l.mu.Unlock()
		l.done(ev.RequestID)
		return
	case *network.EventLoadingFailed:
		l.mu.Lock()
		defer l.mu.Unlock()
		l.note(ev.RequestID, "failed: %s", ev.ErrorText)
		if ev.BlockedReason == network.BlockedReasonInspector {
			l.blockedURLs = append(l.blockedURLs, l.requests[ev.RequestID].url)
		}
		delete(l.requests, ev.RequestID)
		return
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeWarning {
			return
		}
		var args []string
		for _, a := range ev.Args {
			args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
		}
		line = fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " "))
	case *runtime.EventExceptionThrown:
		line = fmt.Sprintf("uncaught exception: %s %s", ev.ExceptionDetails.Text, exceptionText(ev.ExceptionDetails))
	default:
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, time.Now().Format("15:04:05.000")+" "+line)
	if _, thrown := ev.(*runtime.EventExceptionThrown); thrown {
		l.exceptions++
	}
}

func (l *pageLog) done(id network.RequestID) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.requests, id)
}

// listenTraffic is the listen stream's traffic, one line each.
func (l *pageLog) listenTraffic() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.stream, "\n")
}

// blocked lists the URLs of the requests the test had the browser refuse.
func (l *pageLog) blocked() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.blockedURLs)
}

// inFlight lists the requests the page has sent and not finished, oldest first, with their age
// (a Firestore listener's stream is one that is always open).
func (l *pageLog) inFlight() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var open []request
	for _, r := range l.requests {
		open = append(open, r)
	}
	sort.Slice(open, func(i, j int) bool { return open[i].sent.Before(open[j].sent) })
	var b strings.Builder
	for _, r := range open {
		fmt.Fprintf(&b, "%s %s, sent %s ago\n", r.method, r.url[:min(len(r.url), 160)], time.Since(r.sent).Round(time.Millisecond))
	}
	return b.String()
}

// report logs what the page reported, and fails the test if it threw an exception it did not
// catch: the client library and the samples handle their errors.
func (l *pageLog) report(t *testing.T) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, line := range l.lines {
		t.Logf("%s %s", l.name, line)
	}
	if l.exceptions > 0 {
		t.Errorf("%s: %d exceptions the page did not catch (logged above)", l.name, l.exceptions)
	}
}

// eval runs a JavaScript expression in the page (awaiting a promise) and returns its value. It
// fails the test if the expression fails, so it must be called from the test's goroutine;
// elsewhere use evalErr.
func eval[T any](p *tab, expression string) T {
	p.t.Helper()
	v, err := evalErr[T](p, expression)
	require.NoError(p.t, err, "%s: %s", p.name, expression)
	return v
}

// evalErr is eval returning the expression's error, for a goroutine other than the test's.
func evalErr[T any](p *tab, expression string) (T, error) {
	return chromedp.Run(p.ctx, chromedp.Evaluate[T](expression, chromedp.EvalAwaitPromise))
}

// do runs JavaScript statements in the page.
func (p *tab) do(script string) {
	p.t.Helper()
	eval[bool](p, "(async () => { "+script+"; return true })()")
}

// waitFor waits until a JavaScript condition holds in the page, failing the test after within.
func (p *tab) waitFor(condition string, within time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(within)
	for {
		ok, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool]("Boolean("+condition+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			log, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string]("document.getElementById('log')?.innerText ?? ''"))
			require.FailNow(p.t, "a condition did not hold", "%s: %q did not hold within %s (error: %v); the page's log:\n%s\nits requests in flight:\n%s\nits Firestore listen stream:\n%s",
				p.name, condition, within, err, log, p.log.inFlight(), p.log.listenTraffic())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenshot saves the page as test-output/browser/NAME.png.
func (p *tab) screenshot(name string) {
	p.t.Helper()
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100)) // 100: PNG
	require.NoError(p.t, err)
	require.NoError(p.t, os.WriteFile(filepath.Join(testOutput, name+".png"), png, 0o644))
}

// quote is s as a JavaScript string literal.
func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// percentiles formats the p50 and p95 of samples (milliseconds).
func percentiles(samples []float64) string {
	sort.Float64s(samples)
	at := func(q float64) float64 { return samples[int(q*float64(len(samples)-1))] }
	return fmt.Sprintf("p50 %.1f ms, p95 %.1f ms (%d samples)", at(0.5), at(0.95), len(samples))
}

// report appends a line to test-output/browser/numbers.txt (which `make test` prints) and the test log.
func report(t *testing.T, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	f, err := os.OpenFile(filepath.Join(testOutput, "numbers.txt"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	require.NoError(t, err)
	defer f.Close()
	_, err = fmt.Fprintln(f, strings.TrimSpace(line))
	require.NoError(t, err)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}
