package gamesv1

// Kinds of the turnBasedMatches resource's types.
const (
	KindTurnBasedMatch                = "games#turnBasedMatch"
	KindTurnBasedMatchList            = "games#turnBasedMatchList"
	KindTurnBasedMatchSync            = "games#turnBasedMatchSync"
	KindTurnBasedMatchRematch         = "games#turnBasedMatchRematch"
	KindTurnBasedMatchParticipant     = "games#turnBasedMatchParticipant"
	KindTurnBasedMatchModification    = "games#turnBasedMatchModification"
	KindTurnBasedMatchData            = "games#turnBasedMatchData"
	KindTurnBasedMatchDataRequest     = "games#turnBasedMatchDataRequest"
	KindTurnBasedAutoMatchingCriteria = "games#turnBasedAutoMatchingCriteria"
	KindTurnBasedMatchCreateRequest   = "games#turnBasedMatchCreateRequest"
	KindTurnBasedMatchTurn            = "games#turnBasedMatchTurn"
	KindTurnBasedMatchResults         = "games#turnBasedMatchResults"
	KindParticipantResult             = "games#participantResult"
)

type TurnBasedMatch struct {
	Kind                 string                         `json:"kind"`
	ApplicationID        string                         `json:"applicationId,omitempty"`
	AutoMatchingCriteria *TurnBasedAutoMatchingCriteria `json:"autoMatchingCriteria,omitempty"`
	CreationDetails      *TurnBasedMatchModification    `json:"creationDetails,omitempty"`
	Data                 *TurnBasedMatchData            `json:"data,omitempty"`
	Description          string                         `json:"description,omitempty"`
	InviterID            string                         `json:"inviterId,omitempty"`
	LastUpdateDetails    *TurnBasedMatchModification    `json:"lastUpdateDetails,omitempty"`
	MatchID              string                         `json:"matchId,omitempty"`
	MatchNumber          int32                          `json:"matchNumber,omitempty"`
	MatchVersion         int32                          `json:"matchVersion,omitempty"`
	Participants         []TurnBasedMatchParticipant    `json:"participants,omitempty"`
	PendingParticipantID string                         `json:"pendingParticipantId,omitempty"`
	PreviousMatchData    *TurnBasedMatchData            `json:"previousMatchData,omitempty"`
	RematchID            string                         `json:"rematchId,omitempty"`
	Results              []ParticipantResult            `json:"results,omitempty"`
	Status               string                         `json:"status,omitempty"`
	UserMatchStatus      string                         `json:"userMatchStatus,omitempty"`
	Variant              *int32                         `json:"variant,omitempty"`
	WithParticipantID    string                         `json:"withParticipantId,omitempty"`
}

type TurnBasedAutoMatchingCriteria struct {
	Kind                   string `json:"kind,omitempty"`
	ExclusiveBitmask       *Int64 `json:"exclusiveBitmask,omitempty"`
	MaxAutoMatchingPlayers *int32 `json:"maxAutoMatchingPlayers,omitempty"`
	MinAutoMatchingPlayers *int32 `json:"minAutoMatchingPlayers,omitempty"`
}

type TurnBasedMatchModification struct {
	Kind                    string `json:"kind"`
	ModifiedTimestampMillis Int64  `json:"modifiedTimestampMillis"`
	ParticipantID           string `json:"participantId,omitempty"`
}

// TurnBasedMatchData is game state: Data is `format: byte`, base64 with the URL-safe alphabet.
type TurnBasedMatchData struct {
	Kind          string `json:"kind"`
	Data          string `json:"data,omitempty"`
	DataAvailable bool   `json:"dataAvailable"`
}

type TurnBasedMatchParticipant struct {
	Kind              string           `json:"kind"`
	AutoMatched       bool             `json:"autoMatched,omitempty"`
	AutoMatchedPlayer *AnonymousPlayer `json:"autoMatchedPlayer,omitempty"`
	ID                string           `json:"id,omitempty"`
	Player            *Player          `json:"player,omitempty"`
	Status            string           `json:"status,omitempty"`
}

type ParticipantResult struct {
	Kind          string `json:"kind,omitempty"`
	ParticipantID string `json:"participantId,omitempty"`
	Placing       *int32 `json:"placing,omitempty"`
	Result        string `json:"result,omitempty"`
}

type TurnBasedMatchCreateRequest struct {
	Kind                 string                         `json:"kind,omitempty"`
	AutoMatchingCriteria *TurnBasedAutoMatchingCriteria `json:"autoMatchingCriteria,omitempty"`
	InvitedPlayerIDs     []string                       `json:"invitedPlayerIds,omitempty"`
	RequestID            *Int64                         `json:"requestId,omitempty"`
	Variant              *int32                         `json:"variant,omitempty"`
}

type TurnBasedMatchDataRequest struct {
	Kind string `json:"kind,omitempty"`
	Data string `json:"data,omitempty"`
}

type TurnBasedMatchTurn struct {
	Kind                 string                     `json:"kind,omitempty"`
	Data                 *TurnBasedMatchDataRequest `json:"data,omitempty"`
	MatchVersion         *int32                     `json:"matchVersion,omitempty"`
	PendingParticipantID string                     `json:"pendingParticipantId,omitempty"`
	Results              []ParticipantResult        `json:"results,omitempty"`
}

type TurnBasedMatchResults struct {
	Kind         string                     `json:"kind,omitempty"`
	Data         *TurnBasedMatchDataRequest `json:"data,omitempty"`
	MatchVersion *int32                     `json:"matchVersion,omitempty"`
	Results      []ParticipantResult        `json:"results,omitempty"`
}

type TurnBasedMatchList struct {
	Kind          string           `json:"kind"`
	Items         []TurnBasedMatch `json:"items,omitempty"`
	NextPageToken string           `json:"nextPageToken,omitempty"`
}

type TurnBasedMatchSync struct {
	Kind          string           `json:"kind"`
	Items         []TurnBasedMatch `json:"items,omitempty"`
	MoreAvailable bool             `json:"moreAvailable,omitempty"`
	NextPageToken string           `json:"nextPageToken,omitempty"`
}

type TurnBasedMatchRematch struct {
	Kind          string          `json:"kind"`
	PreviousMatch *TurnBasedMatch `json:"previousMatch,omitempty"`
	Rematch       *TurnBasedMatch `json:"rematch,omitempty"`
}
