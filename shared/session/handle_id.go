package session

import "fmt"

// A handle's ID says where the handle is kept, so that GET and DELETE /handles/{handleId} read
// that one place instead of looking in each in turn. OpenPlay makes handle IDs as version-8
// GUIDs (RFC 9562's layout for IDs of an application's own design): the digit after the version
// names the place, the other 118 bits are random. A GUID of another version names no place: the
// random version-4 IDs OpenPlay gave handles before are looked for everywhere, as they were.

// HandlePlace is where a handle is kept.
type HandlePlace byte

const (
	// InHandles: an invite or transfer handle, a document of its own.
	InHandles HandlePlace = 1 + iota
	// InSession: a search handle, in its session's document.
	InSession
	// InActivity: an activity handle, in its owner's activity document.
	InActivity
)

// NewHandleID is the ID of a new handle kept at place, made of the bytes of random.
func NewHandleID(place HandlePlace, random [16]byte) string {
	random[6] = 0x80 | byte(place) // version 8, then the place
	return guid(random)
}

// GUIDv4 is the random (version 4) GUID made of the bytes of random.
func GUIDv4(random [16]byte) string {
	random[6] = random[6]&0x0f | 0x40
	return guid(random)
}

// guid writes b as a GUID of RFC 9562's variant, in lower case (the case handle IDs are stored
// under).
func guid(b [16]byte) string {
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// HandlePlaces is where to look for the handle id (as ParseHandleID returns it): the place its
// ID names, or every place, in turn, for an ID that names none.
func HandlePlaces(id string) []HandlePlace {
	if len(id) == 36 && id[14] == '8' {
		switch p := HandlePlace(id[15] - '0'); p {
		case InHandles, InSession, InActivity:
			return []HandlePlace{p}
		}
	}
	return []HandlePlace{InHandles, InSession, InActivity}
}
