package store

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/application"
)

// Applications is the collection of per-application settings, one document per application ID.
const Applications = "applications"

// Settings reads an application's settings; an application with none stored gets the defaults.
func (s *Store) Settings(ctx context.Context, applicationID string) (application.Settings, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return application.Settings{}, err
	}
	snap, err := client.Collection(Applications).Doc(applicationID).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return application.Defaults, nil
	}
	if err != nil {
		return application.Settings{}, backendError(err, "read the settings of "+applicationID)
	}
	var stored settingsDoc
	if err := snap.DataTo(&stored); err != nil {
		return application.Settings{}, backendError(err, "decode the settings of "+applicationID)
	}
	return stored.settings().WithDefaults(), nil
}

// PutSettings stores an application's settings.
func (s *Store) PutSettings(ctx context.Context, applicationID string, settings application.Settings) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	_, err = client.Collection(Applications).Doc(applicationID).Set(ctx, toSettingsDoc(settings))
	return backendError(err, "store the settings of "+applicationID)
}
