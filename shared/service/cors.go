package service

import "context"

// AllowsOrigin reports whether the application lets pages of origin call the API from a
// browser (application.CORS, see httpapi.CrossOrigin). It answers from the settings cache.
func (s *Service) AllowsOrigin(ctx context.Context, origin string) (bool, error) {
	settings, err := s.Settings(ctx)
	return settings.CORS.Allows(origin), err
}
