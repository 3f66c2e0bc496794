package service

import "context"

// AllowsOrigin reports whether the application lets pages of origin call the API from a
// browser (application.CORS, see httpapi.CrossOrigin). It answers from the settings cache. It
// runs before a call's deadline is set (a preflight has no route), so it bounds a read of the
// settings itself: others wait for that read.
func (s *Service) AllowsOrigin(ctx context.Context, origin string) (bool, error) {
	ctx, cancel := context.WithTimeout(ctx, s.RequestTimeout)
	defer cancel()
	settings, err := s.Settings(ctx)
	return settings.CORS.Allows(origin), err
}
