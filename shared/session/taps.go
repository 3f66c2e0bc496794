package session

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/openplay-games/openplay/shared/notification"
)

// Changes are the change types between two versions of a session, by XSAPI's client-side diff
// (docs/mpsd.md §11; the server's own triggers are undocumented).
func Changes(before, after *Session) []ChangeType {
	var out []ChangeType
	add := func(c ChangeType, changed bool) {
		if changed {
			out = append(out, c)
		}
	}
	host := func(s *Session) string { h, _ := s.Properties.System["host"].(string); return strings.ToLower(h) }
	add("host", host(before) != host(after))
	add("initialization", !same(before.initialization(), after.initialization()))
	mm := func(s *Session) any { return s.Servers["matchmaking"] }
	add("matchmakingStatus", !same(mm(before), mm(after)))
	add("membersList", !slices.Equal(players(before), players(after)))
	add("membersStatus", memberChanged(before, after, func(m *Member) any { return m.Status() }))
	add("joinability", before.flag("closed") != after.flag("closed") || before.flag("locked") != after.flag("locked") ||
		before.restriction("joinRestriction") != after.restriction("joinRestriction") || before.full() != after.full())
	add("customProperty", !same(before.Properties.Custom, after.Properties.Custom))
	add("membersCustomProperty", memberChanged(before, after, func(m *Member) any { return m.Properties.Custom }))
	return out
}

func players(s *Session) []string {
	var out []string
	for _, m := range s.Members {
		out = append(out, m.Player)
	}
	return out
}

// memberChanged reports whether field differs for a member present before and after (joining
// and leaving are membersList changes, not these).
func memberChanged(before, after *Session, field func(*Member) any) bool {
	for _, m := range after.Members {
		if old := before.Member(m.Player); old != nil && !same(field(old), field(m)) {
			return true
		}
	}
	return false
}

func (s *Session) full() bool { return len(s.Members) >= s.MaxMembers() }

// subscribed returns the change types a member's subscription asks for among changes.
func (m *Member) subscribed(changes []ChangeType) []string {
	sub, _ := m.Properties.System["subscription"].(map[string]any)
	wanted, _ := sub["changeTypes"].([]any)
	var out []string
	for _, c := range changes {
		if slices.Contains(wanted, any(string(c))) || slices.Contains(wanted, any("everything")) {
			out = append(out, string(c))
		}
	}
	return out
}

// taps are the shoulder taps a change from before to after owes: one per subscribed member
// (other than the caller, who has the new session in the answer) whose change types it hits.
func taps(before, after *Session, caller, app string, now time.Time) []notification.Notification {
	changes := Changes(before, after)
	var notes []notification.Notification
	for _, m := range after.Members {
		if m.Player == caller || m.Reserved {
			continue
		}
		hit := m.subscribed(changes)
		if len(hit) == 0 {
			continue
		}
		notes = append(notes, notification.Notification{
			ID:    fmt.Sprintf("session~%s~%s~c%d~m%d", after.Ref.Key(), after.Branch, after.ChangeNumber, m.Index),
			Topic: notification.TopicSessionChanges, Type: notification.SessionChange, Recipient: m.Player,
			ApplicationID: app, SessionRef: after.Ref.String(), Branch: after.Branch, ChangeTypes: hit,
			Version: after.ChangeNumber, CreatedAt: now,
			Text: fmt.Sprintf("Session %s changed: %s", after.Ref.Name, strings.Join(hit, ", ")),
		})
	}
	return notes
}
