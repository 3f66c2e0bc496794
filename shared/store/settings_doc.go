package store

import (
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// settingsDoc is an application's settings as stored (applications/{applicationId}). Durations
// are stored as integers of nanoseconds, as Firestore stores a time.Duration.
type settingsDoc struct {
	Timeouts timeoutsDoc `firestore:"timeouts"`
	Limits   limitsDoc   `firestore:"limits"`
	Auth     authDoc     `firestore:"auth"`
	Realtime realtimeDoc `firestore:"realtime"`
	CORS     corsDoc     `firestore:"cors"`
}

// timeoutsDoc are an application's timeouts, as its settings store them and as every room and
// match stores the copy it was made with. (Games written while application.Timeouts had no
// firestore tags hold "Turn", "AutoMatch", …: Firestore's Go client matches field names without
// regard to case when it decodes, so they still read.)
type timeoutsDoc struct {
	Turn           time.Duration `firestore:"turn"`
	AutoMatch      time.Duration `firestore:"autoMatch"`
	Invitation     time.Duration `firestore:"invitation"`
	RoomConnection time.Duration `firestore:"roomConnection"`
	Unreachable    time.Duration `firestore:"unreachable"`
}

func toTimeoutsDoc(t application.Timeouts) timeoutsDoc {
	return timeoutsDoc{Turn: t.Turn, AutoMatch: t.AutoMatch, Invitation: t.Invitation, RoomConnection: t.RoomConnection, Unreachable: t.Unreachable}
}

func (d timeoutsDoc) timeouts() application.Timeouts {
	return application.Timeouts{Turn: d.Turn, AutoMatch: d.AutoMatch, Invitation: d.Invitation, RoomConnection: d.RoomConnection,
		Unreachable: d.Unreachable}
}

type limitsDoc struct {
	Invitations invitationLimitsDoc `firestore:"invitations"`
}

type invitationLimitsDoc struct {
	Window               time.Duration `firestore:"window"`
	PerSender            int           `firestore:"perSender"`
	PerSenderToOnePlayer int           `firestore:"perSenderToOnePlayer"`
	PerRecipient         int           `firestore:"perRecipient"`
}

type authDoc struct {
	CheckRevoked bool `firestore:"checkRevoked"`
}

type realtimeDoc struct {
	STUN              []string      `firestore:"stun"`
	TURN              []string      `firestore:"turn"`
	TURNCredentialTTL time.Duration `firestore:"turnCredentialTTL"`
}

type corsDoc struct {
	AllowedOrigins []string `firestore:"allowedOrigins"`
}

func toSettingsDoc(s application.Settings) settingsDoc {
	inv := s.Limits.Invitations
	return settingsDoc{
		Timeouts: toTimeoutsDoc(s.Timeouts),
		Limits: limitsDoc{Invitations: invitationLimitsDoc{Window: inv.Window, PerSender: inv.PerSender,
			PerSenderToOnePlayer: inv.PerSenderToOnePlayer, PerRecipient: inv.PerRecipient}},
		Auth:     authDoc{CheckRevoked: s.Auth.CheckRevoked},
		Realtime: realtimeDoc{STUN: s.Realtime.STUN, TURN: s.Realtime.TURN, TURNCredentialTTL: s.Realtime.TURNCredentialTTL},
		CORS:     corsDoc{AllowedOrigins: s.CORS.AllowedOrigins},
	}
}

// settings is what the document says; settings it lacks (an older version wrote it) are zero,
// for WithDefaults to fill.
func (d settingsDoc) settings() application.Settings {
	inv := d.Limits.Invitations
	return application.Settings{
		Timeouts: d.Timeouts.timeouts(),
		Limits: application.Limits{Invitations: application.InvitationLimits{Window: inv.Window, PerSender: inv.PerSender,
			PerSenderToOnePlayer: inv.PerSenderToOnePlayer, PerRecipient: inv.PerRecipient}},
		Auth:     application.Auth{CheckRevoked: d.Auth.CheckRevoked},
		Realtime: application.Realtime{STUN: d.Realtime.STUN, TURN: d.Realtime.TURN, TURNCredentialTTL: d.Realtime.TURNCredentialTTL},
		CORS:     application.CORS{AllowedOrigins: d.CORS.AllowedOrigins},
	}
}
