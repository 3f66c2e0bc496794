package signal

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"strconv"
	"time"

	"github.com/openplay-games/openplay/shared/application"
)

// ICEServer is one entry of a WebRTC peer connection's iceServers: STUN servers need no
// credentials, TURN servers the short-lived ones TURNCredential mints.
type ICEServer struct {
	URLs       []string
	Username   string
	Credential string
}

// ICEServers are the ICE servers the player playerID gets at now from the application's realtime
// settings, and when their TURN credentials expire. Without a TURN secret the TURN servers are
// left out: a credential nobody can check is worse than none.
func ICEServers(rt application.Realtime, secret []byte, playerID string, now time.Time) ([]ICEServer, time.Time) {
	expires := now.Add(rt.TURNCredentialTTL).Truncate(time.Second)
	servers := []ICEServer{}
	if len(rt.STUN) > 0 {
		servers = append(servers, ICEServer{URLs: rt.STUN})
	}
	if len(rt.TURN) > 0 && len(secret) > 0 {
		username, credential := TURNCredential(secret, playerID, expires)
		servers = append(servers, ICEServer{URLs: rt.TURN, Username: username, Credential: credential})
	}
	return servers, expires
}

// TURNCredential mints the credentials of the TURN REST API that coturn checks with
// use-auth-secret and static-auth-secret: the username is "<unix expiry>:<playerId>", the
// credential base64(HMAC-SHA1(secret, username)). coturn refuses them after the expiry.
func TURNCredential(secret []byte, playerID string, expires time.Time) (username, credential string) {
	username = strconv.FormatInt(expires.Unix(), 10) + ":" + playerID
	mac := hmac.New(sha1.New, secret)
	mac.Write([]byte(username))
	return username, base64.StdEncoding.EncodeToString(mac.Sum(nil))
}
