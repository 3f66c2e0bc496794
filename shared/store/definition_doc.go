package store

import "github.com/openplay-games/openplay/shared/event"

// definitionDoc is an event definition as stored (eventDefinitions/{id}).
type definitionDoc struct {
	ID                string           `firestore:"id"`
	DisplayName       string           `firestore:"displayName"`
	Description       string           `firestore:"description,omitempty"`
	ImageURL          string           `firestore:"imageUrl,omitempty"`
	IsDefaultImageURL bool             `firestore:"isDefaultImageUrl,omitempty"`
	Visibility        event.Visibility `firestore:"visibility"`
	ChildEvents       []string         `firestore:"childEvents,omitempty"`
	Ancestors         []string         `firestore:"ancestors,omitempty"`
}

func toDefinitionDoc(d event.Definition) definitionDoc {
	return definitionDoc{ID: d.ID, DisplayName: d.DisplayName, Description: d.Description, ImageURL: d.ImageURL,
		IsDefaultImageURL: d.IsDefaultImageURL, Visibility: d.Visibility, ChildEvents: d.ChildEvents, Ancestors: d.Ancestors}
}

func (d definitionDoc) definition() event.Definition {
	return event.Definition{ID: d.ID, DisplayName: d.DisplayName, Description: d.Description, ImageURL: d.ImageURL,
		IsDefaultImageURL: d.IsDefaultImageURL, Visibility: d.Visibility, ChildEvents: d.ChildEvents, Ancestors: d.Ancestors}
}
