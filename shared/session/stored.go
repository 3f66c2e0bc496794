package session

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
)

// Clone copies the session for a rule to change: the session and each member, and the top level
// of every JSON object the rules change key by key (each bag's system and custom part, role
// types, servers, extras, roles). The JSON values below that are shared, as no rule changes one
// in place: a merge replaces a value whole.
func (s *Session) Clone() *Session {
	c := *s
	c.Constants, c.Properties = s.Constants.clone(), s.Properties.clone()
	c.RoleTypes, c.Servers, c.Extra = maps.Clone(s.RoleTypes), maps.Clone(s.Servers), maps.Clone(s.Extra)
	c.Former, c.HostCandidates = slices.Clone(s.Former), slices.Clone(s.HostCandidates)
	if s.Initializing != nil {
		in := *s.Initializing
		c.Initializing = &in
	}
	c.Members = make([]*Member, len(s.Members))
	for i, m := range s.Members {
		mc := *m
		mc.Constants, mc.Properties = m.Constants.clone(), m.Properties.clone()
		mc.Roles, mc.Extra = maps.Clone(m.Roles), maps.Clone(m.Extra)
		c.Members[i] = &mc
	}
	return &c
}

func (b Bag) clone() Bag {
	custom := b.Custom
	if m, ok := custom.(map[string]any); ok {
		custom = maps.Clone(m)
	}
	return Bag{System: maps.Clone(b.System), Custom: custom}
}

// Marshal is the stored form of the session (JSON, numbers as written).
func (s *Session) Marshal() ([]byte, error) { return json.Marshal(s) }

// Unmarshal reads a stored session.
func Unmarshal(raw []byte) (*Session, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	s := &Session{}
	if err := dec.Decode(s); err != nil {
		return nil, err
	}
	return s, nil
}
