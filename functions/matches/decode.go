package matches

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/openplay-games/openplay/functions/games"
	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/game"
	"github.com/openplay-games/openplay/shared/gamesv1"
	"github.com/openplay-games/openplay/shared/httpapi"
	"github.com/openplay-games/openplay/shared/match"
)

// maxParticipantID bounds a participant ID in a request; ours are "p_1" … "p_8".
const maxParticipantID = 64

// decodeCreate validates a turnBasedMatches.create body.
func decodeCreate(body []byte) (game.CreateRequest, error) {
	var req gamesv1.TurnBasedMatchCreateRequest
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return game.CreateRequest{}, err
	}
	if err := httpapi.CheckKind("kind", req.Kind, gamesv1.KindTurnBasedMatchCreateRequest); err != nil {
		return game.CreateRequest{}, err
	}
	out := games.NewCreateRequest(req.InvitedPlayerIDs, req.Variant, req.RequestID)
	if c := req.AutoMatchingCriteria; c != nil {
		auto, err := games.DecodeAutoMatch(c.Kind, gamesv1.KindTurnBasedAutoMatchingCriteria,
			c.MinAutoMatchingPlayers, c.MaxAutoMatchingPlayers, c.ExclusiveBitmask)
		if err != nil {
			return game.CreateRequest{}, err
		}
		out.Auto = auto
	}
	return out, nil
}

func decodeTurn(body []byte) (match.Turn, error) {
	var req gamesv1.TurnBasedMatchTurn
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return match.Turn{}, err
	}
	data, hasData, dataErr := decodeData(req.Data)
	results, resultsErr := decodeResults(req.Results)
	err := errors.Join(httpapi.CheckKind("kind", req.Kind, gamesv1.KindTurnBasedMatchTurn), required("matchVersion", req.MatchVersion),
		dataErr, httpapi.CheckString("pendingParticipantId", req.PendingParticipantID, maxParticipantID), resultsErr)
	if err != nil {
		return match.Turn{}, httpapi.FirstError(err)
	}
	return match.Turn{Version: int64(*req.MatchVersion), Data: data, HasData: hasData,
		Next: req.PendingParticipantID, Results: results}, nil
}

func decodeFinish(body []byte) (match.Finish, error) {
	var req gamesv1.TurnBasedMatchResults
	if err := httpapi.DecodeBytes(body, &req); err != nil {
		return match.Finish{}, err
	}
	data, hasData, dataErr := decodeData(req.Data)
	results, resultsErr := decodeResults(req.Results)
	err := errors.Join(httpapi.CheckKind("kind", req.Kind, gamesv1.KindTurnBasedMatchResults), required("matchVersion", req.MatchVersion),
		dataErr, resultsErr)
	if err != nil {
		return match.Finish{}, httpapi.FirstError(err)
	}
	return match.Finish{Version: int64(*req.MatchVersion), Data: data, HasData: hasData, Results: results}, nil
}

func required(field string, v *int32) error {
	if v == nil {
		return errs.E(errs.Invalid, field, "required: the version of the match this call is based on")
	}
	return nil
}

// decodeData reads game state: `format: byte`, base64 with the URL-safe alphabet as the API
// says (the standard alphabet and missing padding are accepted too), at most 128 KiB decoded.
func decodeData(d *gamesv1.TurnBasedMatchDataRequest) ([]byte, bool, error) {
	if d == nil {
		return nil, false, nil
	}
	if err := httpapi.CheckKind("data.kind", d.Kind, gamesv1.KindTurnBasedMatchDataRequest); err != nil {
		return nil, false, err
	}
	if base64.URLEncoding.DecodedLen(len(d.Data)) > match.MaxDataBytes+3 {
		return nil, false, errs.E(errs.TooLarge, "data.data", "at most %d bytes of game state", match.MaxDataBytes)
	}
	text := strings.TrimRight(d.Data, "=")
	b, err := base64.RawURLEncoding.DecodeString(text)
	if err != nil {
		b, err = base64.RawStdEncoding.DecodeString(text)
	}
	if err != nil {
		return nil, false, errs.E(errs.Invalid, "data.data", "not base64 (URL-safe alphabet)")
	}
	if len(b) > match.MaxDataBytes {
		return nil, false, errs.E(errs.TooLarge, "data.data", "at most %d bytes of game state, got %d", match.MaxDataBytes, len(b))
	}
	return b, true, nil
}

func decodeResults(in []gamesv1.ParticipantResult) ([]match.Result, error) {
	if len(in) > game.MaxPlayers {
		return nil, errs.E(errs.Invalid, "results", "at most %d results, got %d", game.MaxPlayers, len(in))
	}
	out := make([]match.Result, 0, len(in))
	for i, r := range in {
		field := fmt.Sprintf("results[%d]", i)
		if err := httpapi.CheckKind(field+".kind", r.Kind, gamesv1.KindParticipantResult); err != nil {
			return nil, err
		}
		if r.ParticipantID == "" {
			return nil, errs.E(errs.Invalid, field+".participantId", "required")
		}
		if !slices.Contains(match.ReportableOutcomes, r.Result) {
			return nil, errs.E(errs.Invalid, field+".result", "unknown value %q; want one of %s", r.Result, strings.Join(match.ReportableOutcomes, ", "))
		}
		out = append(out, match.Result{ParticipantID: r.ParticipantID, Placing: r.Placing, Outcome: match.Outcome(r.Result)})
	}
	return out, nil
}

// leaveTurn is what a leaveTurn call says: the match version it is based on and who plays next.
type leaveTurn struct {
	version int64
	next    string
}

// decodeLeaveTurn decodes a leaveTurn call: no body, its command in the query string.
func decodeLeaveTurn(r *http.Request) func([]byte) (leaveTurn, error) {
	return func(body []byte) (leaveTurn, error) {
		if _, err := games.NoBody(body); err != nil {
			return leaveTurn{}, err
		}
		version, err := queryVersion(r)
		if err != nil {
			return leaveTurn{}, err
		}
		return leaveTurn{version: version, next: r.URL.Query().Get("pendingParticipantId")}, nil
	}
}

// listing is the query parameters list and sync share.
type listing struct {
	limit, maxCompleted int
	withData            bool
	pageToken           string
}

func readListing(r *http.Request) (listing, error) {
	limit, err := games.MaxResults(r)
	if err != nil {
		return listing{}, err
	}
	maxCompleted, err := httpapi.QueryInt(r, "maxCompletedMatches", 0, games.MaxPageSize, noCap)
	if err != nil {
		return listing{}, err
	}
	withData, err := queryBool(r, "includeMatchData", false)
	if err != nil {
		return listing{}, err
	}
	return listing{limit: limit, maxCompleted: maxCompleted, withData: withData, pageToken: r.URL.Query().Get("pageToken")}, nil
}

// queryVersion reads the required matchVersion query parameter (leaveTurn).
func queryVersion(r *http.Request) (int64, error) {
	raw := r.URL.Query().Get("matchVersion")
	v, err := strconv.ParseInt(raw, 10, 32)
	if err != nil {
		return 0, errs.E(errs.Invalid, "matchVersion", "required: the version of the match this call is based on, got %q", raw)
	}
	return v, nil
}

// queryBool reads an optional boolean query parameter.
func queryBool(r *http.Request, name string, fallback bool) (bool, error) {
	raw := r.URL.Query().Get(name)
	if raw == "" {
		return fallback, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return false, errs.E(errs.Invalid, name, "must be true or false, got %q", raw)
	}
	return v, nil
}

// queryRequestID reads the optional int64 requestId query parameter (rematch).
func queryRequestID(r *http.Request) error {
	if raw := r.URL.Query().Get("requestId"); raw != "" {
		if _, err := strconv.ParseInt(raw, 10, 64); err != nil {
			return errs.E(errs.Invalid, "requestId", "must be a decimal int64, got %q", raw)
		}
	}
	return nil
}
