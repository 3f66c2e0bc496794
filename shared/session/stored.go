package session

import (
	"encoding/json"
	"slices"
	"strings"
)

// Clone deep-copies the session.
func (s *Session) Clone() *Session {
	c := *s
	c.Constants, c.Properties = s.Constants.clone(), s.Properties.clone()
	c.RoleTypes, c.Servers, c.Extra = cloneMap(s.RoleTypes), cloneMap(s.Servers), cloneMap(s.Extra)
	c.Former = slices.Clone(s.Former)
	c.Members = make([]*Member, len(s.Members))
	for i, m := range s.Members {
		mc := *m
		mc.Constants, mc.Properties = m.Constants.clone(), m.Properties.clone()
		mc.Roles, mc.Extra = cloneMap(m.Roles), cloneMap(m.Extra)
		c.Members[i] = &mc
	}
	return &c
}

func (b Bag) clone() Bag { return Bag{System: cloneMap(b.System), Custom: clone(b.Custom)} }

// sameAs reports whether s and other are the same document, ignoring the change number.
func (s *Session) sameAs(other *Session) bool {
	a, b := *s, *other
	a.ChangeNumber, b.ChangeNumber = 0, 0
	ra, _ := a.Marshal()
	rb, _ := b.Marshal()
	return string(ra) == string(rb)
}

// Marshal is the stored form of the session (JSON, numbers as written).
func (s *Session) Marshal() ([]byte, error) { return json.Marshal(s) }

// Unmarshal reads a stored session.
func Unmarshal(raw []byte) (*Session, error) {
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	s := &Session{}
	if err := dec.Decode(s); err != nil {
		return nil, err
	}
	return s, nil
}
