// Package ids makes the IDs of rooms and matches: 26 characters of lowercase base32 (128 bits),
// either random or derived from what makes a request unique (so that a retry lands on the same
// document).
package ids

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
)

var encoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// Random is a fresh random ID.
func Random() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // crypto/rand.Read never fails on supported platforms
	return encoding.EncodeToString(b)
}

// Derived is the ID determined by parts: the same parts always give the same ID.
func Derived(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return encoding.EncodeToString(h.Sum(nil)[:16])
}

// Valid reports whether id has the shape of an ID made here.
func Valid(id string) bool {
	if len(id) != 26 {
		return false
	}
	_, err := encoding.DecodeString(id)
	return err == nil
}
