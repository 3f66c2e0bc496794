package gamesv1

import "strconv"

// Kinds of the events resource's types.
const (
	KindEventRecordRequest          = "games#eventRecordRequest"
	KindEventPeriodUpdate           = "games#eventPeriodUpdate"
	KindEventPeriodRange            = "games#eventPeriodRange"
	KindEventUpdateRequest          = "games#eventUpdateRequest"
	KindEventUpdateResponse         = "games#eventUpdateResponse"
	KindEventBatchRecordFailure     = "games#eventBatchRecordFailure"
	KindEventRecordFailure          = "games#eventRecordFailure"
	KindPlayerEvent                 = "games#playerEvent"
	KindPlayerEventListResponse     = "games#playerEventListResponse"
	KindEventDefinition             = "games#eventDefinition"
	KindEventDefinitionListResponse = "games#eventDefinitionListResponse"
	KindEventChild                  = "games#eventChild"
)

type EventRecordRequest struct {
	Kind              string              `json:"kind,omitempty"`
	CurrentTimeMillis *Int64              `json:"currentTimeMillis,omitempty"`
	RequestID         *Int64              `json:"requestId,omitempty"`
	TimePeriods       []EventPeriodUpdate `json:"timePeriods,omitempty"`
}

type EventPeriodUpdate struct {
	Kind       string               `json:"kind,omitempty"`
	TimePeriod *EventPeriodRange    `json:"timePeriod,omitempty"`
	Updates    []EventUpdateRequest `json:"updates,omitempty"`
}

type EventPeriodRange struct {
	Kind              string `json:"kind,omitempty"`
	PeriodEndMillis   *Int64 `json:"periodEndMillis,omitempty"`
	PeriodStartMillis *Int64 `json:"periodStartMillis,omitempty"`
}

type EventUpdateRequest struct {
	Kind         string    `json:"kind,omitempty"`
	DefinitionID string    `json:"definitionId,omitempty"`
	UpdateCount  Int64Text `json:"updateCount,omitempty"`
}

// Int64Text is an int64 field whose bad values the API reports per item instead of refusing
// the request (events.record answers INVALID_UPDATE_VALUE for a count that is not an int64). It
// keeps the text it was given; Value parses it.
type Int64Text string

func (t *Int64Text) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	*t = Int64Text(s)
	return nil
}

func (t Int64Text) MarshalJSON() ([]byte, error) { return []byte(strconv.Quote(string(t))), nil }

// Value is the int64 the text holds; ok is false if it holds none.
func (t Int64Text) Value() (v int64, ok bool) {
	v, err := strconv.ParseInt(string(t), 10, 64)
	return v, err == nil
}

type EventUpdateResponse struct {
	Kind          string                    `json:"kind"`
	BatchFailures []EventBatchRecordFailure `json:"batchFailures,omitempty"`
	EventFailures []EventRecordFailure      `json:"eventFailures,omitempty"`
	PlayerEvents  []PlayerEvent             `json:"playerEvents,omitempty"`
}

type EventBatchRecordFailure struct {
	Kind         string            `json:"kind"`
	FailureCause string            `json:"failureCause,omitempty"`
	Range        *EventPeriodRange `json:"range,omitempty"`
}

type EventRecordFailure struct {
	Kind         string `json:"kind"`
	EventID      string `json:"eventId,omitempty"`
	FailureCause string `json:"failureCause,omitempty"`
}

type PlayerEvent struct {
	Kind               string `json:"kind"`
	DefinitionID       string `json:"definitionId,omitempty"`
	FormattedNumEvents string `json:"formattedNumEvents,omitempty"`
	NumEvents          Int64  `json:"numEvents"`
	PlayerID           string `json:"playerId,omitempty"`
}

type PlayerEventListResponse struct {
	Kind          string        `json:"kind"`
	Items         []PlayerEvent `json:"items,omitempty"`
	NextPageToken string        `json:"nextPageToken,omitempty"`
}

type EventDefinition struct {
	Kind              string       `json:"kind"`
	ChildEvents       []EventChild `json:"childEvents,omitempty"`
	Description       string       `json:"description,omitempty"`
	DisplayName       string       `json:"displayName,omitempty"`
	ID                string       `json:"id,omitempty"`
	ImageURL          string       `json:"imageUrl,omitempty"`
	IsDefaultImageURL bool         `json:"isDefaultImageUrl,omitempty"`
	Visibility        string       `json:"visibility,omitempty"`
}

type EventChild struct {
	Kind    string `json:"kind"`
	ChildID string `json:"childId,omitempty"`
}

type EventDefinitionListResponse struct {
	Kind          string            `json:"kind"`
	Items         []EventDefinition `json:"items,omitempty"`
	NextPageToken string            `json:"nextPageToken,omitempty"`
}
