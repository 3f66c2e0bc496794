package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/openplay-games/openplay/shared/application"
	"github.com/openplay-games/openplay/shared/event"
	"github.com/openplay-games/openplay/shared/service"
	"github.com/openplay-games/openplay/shared/session"
)

// benchApplication is the application the bench's dev server serves (OPENPLAY_APPLICATION_ID).
const benchApplication = "openplay-bench"

// benchSettings lift the invitation limits: a simulated player invites the same friends many
// times a second. Every invitation is still charged to its sender's window in the call's
// transaction, so the cost is the production cost.
const benchSettings = `{"limits": {"invitations": {"window": "1s", "perSender": 1000, "perSenderToOnePlayer": 1000, "perRecipient": 1000}}}`

// sampleEvents reads the sample event definitions (infra/events.json) the scenarios record.
func sampleEvents(root string) ([]event.Definition, error) {
	raw, err := os.ReadFile(filepath.Join(root, "infra", "events.json"))
	if err != nil {
		return nil, err
	}
	var file struct{ Events []event.Definition }
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, fmt.Errorf("infra/events.json: %w", err)
	}
	return event.Prepare(file.Events)
}

// loadSamples stores the bench's settings for svc's application, the sample event definitions
// and the sample lobby template the scenarios use, as `make run` loads them.
func loadSamples(ctx context.Context, svc *service.Service, root string) error {
	settings, err1 := application.Parse([]byte(benchSettings))
	defs, err2 := sampleEvents(root)
	raw, err3 := os.ReadFile(filepath.Join(root, "infra", "session-templates", lobbyServiceConfig, lobbyTemplate+".json"))
	lobby, err4 := session.ParseTemplate(lobbyServiceConfig, lobbyTemplate, raw)
	if err := errors.Join(err1, err2, err3, err4); err != nil {
		return err
	}
	return errors.Join(svc.Store.PutSettings(ctx, svc.Config.ApplicationID, settings), svc.Store.WriteDefinitions(ctx, defs, nil),
		svc.Store.WriteTemplates(ctx, []*session.Template{lobby}, nil))
}
