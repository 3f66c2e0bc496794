package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/config"
)

// The HTTP floor: takeTurn's floor (a transaction and a publish) done by another process for
// one HTTP request the size of a turn, answered with the turn's data. Every call pays that hop
// (a request handed between processes on the same cores, JSON both ways) and the floors do
// not; the HTTP floor does nothing else a call does (no token, middleware, log, outbox or
// notification), so what takeTurn costs beyond it is OpenPlay's own work. The server is this
// command, built and started with -serve-floor as the dev server is, serving on a listener the
// bench opened and handed to it (so it is ready when started, and no one takes its port).

// floorServer is the HTTP floor's server process. It serves until its standard input, the
// pipe in bench, closes: when stop closes it, or when the bench dies.
type floorServer struct {
	url   string
	cmd   *exec.Cmd
	bench io.WriteCloser
}

// floorListenerFD is the listener's descriptor in the server: the first of cmd.ExtraFiles.
const floorListenerFD = 3

// startFloorServer builds the bench into dir and starts it serving the HTTP floor on a
// loopback port of its own.
func startFloorServer(ctx context.Context, root, dir string, race bool) (*floorServer, error) {
	bin, err := build(ctx, root, dir, "./functions/cmd/bench", race)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	defer l.Close() // the server has its own copy
	file, err := l.(*net.TCPListener).File()
	if err != nil {
		return nil, err
	}
	defer file.Close()
	cmd := exec.Command(bin, "-serve-floor")
	cmd.ExtraFiles = []*os.File{file}
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	bench, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start the HTTP floor's server: %w", err)
	}
	return &floorServer{url: "http://" + l.Addr().String() + "/floor/", cmd: cmd, bench: bench}, nil
}

// stop closes the server's standard input, which is how it is asked to exit. An interrupt
// as well would race with its exit: once serveFloor returns, main stops handling the signal,
// and an interrupt then kills it ("signal: interrupt", a failed bench).
func (f *floorServer) stop() error {
	f.bench.Close()
	return awaitExit(f.cmd, "the HTTP floor's server")
}

// serveFloor is the bench run with -serve-floor: it serves the HTTP floor on the listener it
// was handed, on the emulators of the environment, until ctx ends or its standard input closes.
func serveFloor(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	l, err := net.FileListener(os.NewFile(floorListenerFD, "HTTP floor listener"))
	if err != nil {
		return err
	}
	env, err := config.FromEnv()
	if err != nil {
		return err
	}
	b, err := connect(ctx, env.ProjectID)
	if err != nil {
		return err
	}
	defer b.close()
	mux := http.NewServeMux()
	mux.HandleFunc("PUT /floor/{doc}", b.serveTurn)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// turnBody is the part of a takeTurn request and answer that the HTTP floor sends and answers.
type turnBody struct {
	MatchVersion int `json:"matchVersion"`
	Data         struct {
		Data []byte `json:"data"`
	} `json:"data"`
}

// serveTurn decodes a turn, runs the floor's transaction and publish on its document and answers
// with the turn's data, as takeTurn answers with the match.
func (b *baseline) serveTurn(w http.ResponseWriter, r *http.Request) {
	var turn turnBody
	if err := json.NewDecoder(r.Body).Decode(&turn); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := b.once(r.Context(), floorTxPublish, b.fs.Collection(floorCollection).Doc(r.PathValue("doc"))); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	turn.MatchVersion++
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(turn) // a failed write reaches the client as a short answer
}

// overHTTP is one floorHTTP call: a turn of dataSize bytes on doc, through the HTTP floor's
// server.
func (b *baseline) overHTTP(ctx context.Context, doc *firestore.DocumentRef) error {
	var turn turnBody
	turn.Data.Data = make([]byte, b.dataSize)
	body, err := json.Marshal(turn)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, b.url+doc.ID, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := b.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		msg, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("HTTP floor: %s: %s", resp.Status, msg)
	}
	return json.NewDecoder(resp.Body).Decode(&turn)
}
