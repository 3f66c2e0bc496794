package service

import "context"

// checkRevoked tells the Firebase adapter whether the application holds every call's ID token
// to its account (application.Auth.CheckRevoked). It is asked on every authenticated call, and
// answers from the settings cache.
func (s *Service) checkRevoked(ctx context.Context) (bool, error) {
	settings, err := s.Settings(ctx)
	return settings.Auth.CheckRevoked, err
}
