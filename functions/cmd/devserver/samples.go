package main

import (
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"

	"github.com/openplay-games/openplay/shared/config"
)

// samplesPath is where the dev server serves the sample games (docs/realtime.md).
const samplesPath = "/play/"

// serveSamples serves the built sample games in dir (clients/samples/dist, which `make run`
// builds) at /play/, and at /play/config.json what their pages need to reach this server and the
// emulators: the client library's OpenPlayConfig. It reports false when dir holds no build.
func serveSamples(mux *http.ServeMux, dir string, cfg config.Config) bool {
	if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
		return false
	}
	pageConfig, _ := json.Marshal(map[string]string{
		"apiBase":               "", // the page's own origin: this server
		"projectId":             cfg.ProjectID,
		"apiKey":                "openplay-local", // the emulators take any key
		"authEmulatorHost":      cfg.AuthEmulator,
		"firestoreEmulatorHost": cfg.FirestoreEmulator,
	})
	mux.Handle("GET "+samplesPath, http.StripPrefix(samplesPath, http.FileServer(http.Dir(dir))))
	mux.HandleFunc("GET "+samplesPath+"config.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(pageConfig)
	})
	return true
}
