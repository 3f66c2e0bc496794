package sessions

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/session"
)

// caller is the signed-in player as the session rules see them.
func caller(r *http.Request) session.Caller {
	p := httpapi.Player(r.Context())
	return session.Caller{ID: p.ID, Name: p.DisplayName, Server: p.Server}
}

// contract checks X-Xbl-Contract-Version, which MPSD requires on every request (104 or more).
func contract(r *http.Request) error {
	raw := r.Header.Get("X-Xbl-Contract-Version")
	n, err := strconv.Atoi(strings.TrimSpace(raw))
	if raw == "" || err != nil || n < session.MinContractVersion {
		return errs.E(errs.Invalid, "X-Xbl-Contract-Version", "send the header with the MPSD contract version, %d or more (OpenPlay renders %d)",
			session.MinContractVersion, session.ContractVersion)
	}
	return nil
}

// ref reads and checks the session reference in the path.
func ref(r *http.Request) (session.Ref, error) {
	if err := contract(r); err != nil {
		return session.Ref{}, err
	}
	return session.ParseRef(r.PathValue("scid"), r.PathValue("template"), r.PathValue("name"))
}

// handleID checks the contract header and the handle ID in the path.
func handleID(r *http.Request) (string, error) {
	if err := contract(r); err != nil {
		return "", err
	}
	return session.ParseHandleID(r.PathValue("handleId"))
}

// request checks the contract header and decodes a write's body with decode.
func request(r *http.Request, decode func([]byte) (*session.Request, error)) (*session.Request, error) {
	if err := contract(r); err != nil {
		return nil, err
	}
	body, err := httpapi.ReadBody(r)
	if err != nil {
		return nil, err
	}
	return decode(body)
}

func decodeQuery(r *http.Request) (session.Query, error) {
	if err := contract(r); err != nil {
		return session.Query{}, err
	}
	if err := session.CheckSCID(r.PathValue("scid")); err != nil {
		return session.Query{}, err
	}
	v := r.URL.Query()
	q := session.Query{Player: v.Get("xuid"), Keyword: v.Get("keyword")}
	for name, dst := range map[string]*bool{"private": &q.Private, "reservations": &q.Reservations, "inactive": &q.Inactive} {
		var err error
		if *dst, err = flag(r, name); err != nil {
			return q, err
		}
	}
	q.Visibility = v.Get("visibility")
	if q.Visibility != "" && q.Visibility != "open" && !(q.Visibility == "private" && q.Private) {
		return q, errs.E(errs.Invalid, "visibility", "only open, or private with private=true, is supported")
	}
	var err error
	q.Take, err = httpapi.QueryInt(r, "take", 0, session.MaxTake, session.MaxTake)
	return q, err
}

// flag reads a true/false query parameter (false when absent).
func flag(r *http.Request, name string) (bool, error) {
	switch r.URL.Query().Get(name) {
	case "", "false":
		return false, nil
	case "true":
		return true, nil
	}
	return false, errs.E(errs.Invalid, name, "must be true or false")
}
