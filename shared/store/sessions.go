package store

import (
	"context"
	"strings"
	"time"

	"cloud.google.com/go/firestore"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/session"
)

// Collections of the session directory. A session's document ID is its case-folded reference
// scid~template~name (MPSD treats template and session names case-insensitively); a template's
// is scid~name, folded the same way; an invite handle's is its GUID.
const (
	Sessions         = "sessions"
	SessionTemplates = "sessionTemplates"
	SessionHandles   = "sessionHandles"
)

// sessionDoc is a session as stored: the document as JSON (its bags hold arbitrary client JSON,
// which Firestore's types cannot all hold, such as arrays of arrays), and the fields queries use.
type sessionDoc struct {
	Doc       string    `firestore:"doc"`
	SCID      string    `firestore:"scid"`
	Members   []string  `firestore:"members"`
	Keywords  []string  `firestore:"keywords"`
	StartTime time.Time `firestore:"startTime"`
	// ApplicationID and Deadline (the stage deadline of a member initialization episode, absent
	// when none runs) are what the sweeper's query looks for, as it does in rooms and matches.
	ApplicationID string    `firestore:"applicationId,omitempty"`
	Deadline      time.Time `firestore:"deadline,omitempty"`
	// Search and SearchTime index the session's search handle (absent when it has none; see
	// search.go).
	Search     string    `firestore:"search,omitempty"`
	SearchTime time.Time `firestore:"searchTime,omitempty"`
}

// templateDoc is a template as stored.
type templateDoc struct {
	Doc  string `firestore:"doc"`
	SCID string `firestore:"scid"`
	Name string `firestore:"name"`
}

func toSessionDoc(s *session.Session) (sessionDoc, error) {
	raw, err := s.Marshal()
	deadline, _ := s.InitializationDeadline()
	d := sessionDoc{Doc: string(raw), SCID: strings.ToLower(s.Ref.SCID), Members: s.MemberKeys(),
		Keywords: s.KeywordKeys(), StartTime: s.StartTime, ApplicationID: s.ApplicationID, Deadline: deadline}
	if s.Search != nil {
		d.Search, d.SearchTime = s.SearchKey(), s.Search.Created
	}
	return d, err
}

func (d *sessionDoc) session() (*session.Session, error) { return session.Unmarshal([]byte(d.Doc)) }

func sessionRef(c *firestore.Client, ref session.Ref) *firestore.DocumentRef {
	return c.Collection(Sessions).Doc(ref.Key())
}

func templateRef(c *firestore.Client, scid, name string) *firestore.DocumentRef {
	return c.Collection(SessionTemplates).Doc(session.TemplateKey(scid, name))
}

// errNoSession is how the store says a session does not exist (the handlers answer 204).
func errNoSession(ref session.Ref) error {
	return errs.E(errs.NotFound, "name", "no session %s", ref)
}

// PutSession runs one session write in one transaction: it reads the session and, only when
// there is none (or a timer due at now may end it), its template; fn decides (pure); the session
// is then written or deleted with the outbox records of the shoulder taps it owes. fn may run
// more than once.
func (s *Store) PutSession(ctx context.Context, ref session.Ref, now time.Time, fn func(stored *session.Session, tpl *session.Template) (*session.Result, error)) (*session.Result, error) {
	return s.putSession(ctx, ref, now, true, fn)
}

// PutExistingSession is PutSession for a write that never creates the session (PUT
// …/properties, a write through a handle, a read applying its timers): it never reads the
// template, so fn gets none.
func (s *Store) PutExistingSession(ctx context.Context, ref session.Ref, now time.Time, fn func(stored *session.Session, tpl *session.Template) (*session.Result, error)) (*session.Result, error) {
	return s.putSession(ctx, ref, now, false, fn)
}

func (s *Store) putSession(ctx context.Context, ref session.Ref, now time.Time, creates bool, fn func(stored *session.Session, tpl *session.Template) (*session.Result, error)) (*session.Result, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	doc := sessionRef(client, ref)
	var result *session.Result
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
		result = nil
		stored, err := txSession(tx, doc, ref)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		var tpl *session.Template
		if creates && (stored == nil || stored.Due(now)) {
			if tpl, err = txTemplate(tx, templateRef(client, ref.SCID, ref.Template)); err != nil {
				return err
			}
		}
		res, err := fn(stored, tpl)
		if err != nil {
			return err
		}
		result = res
		switch {
		case !res.Changed:
			return nil
		case res.Session == nil:
			return tx.Delete(doc)
		}
		d, err := toSessionDoc(res.Session)
		if err != nil {
			return err
		}
		if err := tx.Set(doc, d); err != nil {
			return err
		}
		return writeOutbox(client, tx, res.Notes)
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return nil, backendError(err, "put session "+ref.String())
	}
	return result, nil
}

func txSession(tx *firestore.Transaction, doc *firestore.DocumentRef, ref session.Ref) (*session.Session, error) {
	d, err := txGet[sessionDoc](tx, doc, errNoSession(ref))
	if err != nil {
		return nil, err
	}
	return d.session()
}

// txTemplate reads a template in a transaction; nil if there is none.
func txTemplate(tx *firestore.Transaction, doc *firestore.DocumentRef) (*session.Template, error) {
	d, err := txGet[templateDoc](tx, doc, errs.E(errs.NotFound, "template", "no such template"))
	if errs.Is(err, errs.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return session.UnmarshalTemplate([]byte(d.Doc))
}

// Session reads a session; a missing one is a NotFound error.
func (s *Store) Session(ctx context.Context, ref session.Ref) (*session.Session, error) {
	d, err := get[sessionDoc](ctx, s, func(c *firestore.Client) *firestore.DocumentRef { return sessionRef(c, ref) }, errNoSession(ref))
	if err != nil {
		return nil, err
	}
	out, err := d.session()
	return out, backendError(err, "decode session "+ref.String())
}

// sessionsByMemberQuery finds a service config's sessions with one of some member index
// entries (status, privacy, player), newest first.
var sessionsByMemberQuery = Query{
	Collection: Sessions,
	Filters:    []Filter{{Field: "scid", Op: "=="}, {Field: "members", Op: "array-contains-any"}},
	Orders:     []Order{{Field: "startTime", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// sessionsByKeywordQuery finds a service config's non-private sessions with a keyword.
var sessionsByKeywordQuery = Query{
	Collection: Sessions,
	Filters:    []Filter{{Field: "scid", Op: "=="}, {Field: "keywords", Op: "array-contains"}},
	Orders:     []Order{{Field: "startTime", Dir: firestore.Desc}, {Field: firestore.DocumentID, Dir: firestore.Desc}},
}

// QuerySessions calls found with each session of scid that matches q at now (see
// session.Query.Matches), newest first: at most q.Take of them, among the sessions that the first
// session.MaxQueryBytes of stored documents hold (MaxTake at most). It decodes them one at a
// time and closes the query once it has read that much, so a query holds about one session in
// memory. A query with both a player and a keyword reads the player's sessions and keeps those
// with the keyword.
func (s *Store) QuerySessions(ctx context.Context, scid string, q session.Query, now time.Time, found func(*session.Session)) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	scid = strings.ToLower(scid)
	var fq firestore.Query
	if q.Player != "" {
		fq = sessionsByMemberQuery.build(client, scid, q.PlayerKeys())
	} else {
		fq = sessionsByKeywordQuery.build(client, scid, strings.ToLower(q.Keyword))
	}
	if q.Take == 0 {
		return nil
	}
	taken, read := 0, 0
	return scan(ctx, fq.Select("doc"), session.MaxTake, func(snap *firestore.DocumentSnapshot) (bool, error) {
		if taken == q.Take || read >= session.MaxQueryBytes {
			return false, nil
		}
		var d sessionDoc
		if err := snap.DataTo(&d); err != nil {
			return false, backendError(err, "decode "+snap.Ref.Path)
		}
		read += len(d.Doc)
		stored, err := d.session()
		if err != nil {
			return false, backendError(err, "decode "+snap.Ref.Path)
		}
		if current, ok := q.Matches(stored, now); ok {
			found(current)
			taken++
		}
		return true, nil
	})
}

// CreateInvite makes an invite handle for the session ref in one transaction: fn checks the
// session (pure) and makes the handle and its notification, which is charged to the sender's
// invitation window as charge says (nil: not charged); the handle, the window and the outbox
// record are written together.
func (s *Store) CreateInvite(ctx context.Context, ref session.Ref, charge *ratelimit.Invitations, fn func(*session.Session) (*session.Invite, notification.Notification, error)) (*session.Invite, notification.Notification, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, notification.Notification{}, err
	}
	var inv *session.Invite
	var note notification.Notification
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{sessionRef(client, ref), s.sentWindow(client, charge)}, func(ctx context.Context, tx *firestore.Transaction) error {
		stored, err := txSession(tx, sessionRef(client, ref), ref)
		if err != nil {
			return err
		}
		if inv, note, err = fn(stored); err != nil {
			return err
		}
		if charge != nil {
			sent, err := tx.GetAll([]*firestore.DocumentRef{s.sentWindow(client, charge)})
			if err != nil {
				return err
			}
			if err := chargeSent(tx, sent[0], *charge); err != nil {
				return err
			}
		}
		if err := tx.Create(handleRef(client, inv.ID), inv); err != nil {
			return err
		}
		return writeOutbox(client, tx, []notification.Notification{note})
	}, firestore.MaxAttempts(maxAttempts))
	if err != nil {
		return nil, notification.Notification{}, backendError(err, "invite to "+ref.String())
	}
	return inv, note, nil
}

func handleRef(c *firestore.Client, id string) *firestore.DocumentRef {
	return c.Collection(SessionHandles).Doc(id)
}

// Invite reads an invite handle (id as session.ParseHandleID returns it); a missing one is
// NotFound.
func (s *Store) Invite(ctx context.Context, id string) (*session.Invite, error) {
	return get[session.Invite](ctx, s, func(c *firestore.Client) *firestore.DocumentRef { return handleRef(c, id) }, session.HandleNotFound(id))
}

// DeleteInvite deletes an invite handle in one transaction, if check (pure) allows it.
func (s *Store) DeleteInvite(ctx context.Context, id string, check func(*session.Invite) error) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	doc := handleRef(client, id)
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
		inv, err := txGet[session.Invite](tx, doc, session.HandleNotFound(id))
		if err != nil {
			return err
		}
		if err := check(inv); err != nil {
			return err
		}
		return tx.Delete(doc)
	}, firestore.MaxAttempts(maxAttempts))
	return backendError(err, "delete handle "+id)
}

// Templates reads the templates of a service config, by name.
func (s *Store) Templates(ctx context.Context, scid string) ([]*session.Template, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	docs, err := readAll[templateDoc](ctx, client.Collection(SessionTemplates).Where("scid", "==", strings.ToLower(scid)).Limit(maxTemplates))
	if err != nil {
		return nil, err
	}
	out := make([]*session.Template, 0, len(docs))
	for _, d := range docs {
		t, err := session.UnmarshalTemplate([]byte(d.Doc))
		if err != nil {
			return nil, backendError(err, "decode template "+d.Name)
		}
		out = append(out, t)
	}
	return out, nil
}

// maxTemplates bounds a service config's templates (a listing is one read).
const maxTemplates = 500

// TemplateNames reads the names of a service config's templates (not the templates).
func (s *Store) TemplateNames(ctx context.Context, scid string) ([]string, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	docs, err := readAll[templateDoc](ctx, client.Collection(SessionTemplates).Where("scid", "==", strings.ToLower(scid)).Select("name").Limit(maxTemplates))
	if err != nil {
		return nil, err
	}
	names := make([]string, len(docs))
	for i, d := range docs {
		names[i] = d.Name
	}
	return names, nil
}

// Template reads one template; a missing one is NotFound.
func (s *Store) Template(ctx context.Context, scid, name string) (*session.Template, error) {
	d, err := get[templateDoc](ctx, s, func(c *firestore.Client) *firestore.DocumentRef { return templateRef(c, scid, name) },
		errs.E(errs.NotFound, "template", "no session template %q in service config %s", name, scid))
	if err != nil {
		return nil, err
	}
	t, err := session.UnmarshalTemplate([]byte(d.Doc))
	return t, backendError(err, "decode template "+name)
}

// WriteTemplates stores templates (created or changed) and deletes the ones in remove (keys).
func (s *Store) WriteTemplates(ctx context.Context, put []*session.Template, remove []*session.Template) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	bw := client.BulkWriter(ctx)
	var jobs []*firestore.BulkWriterJob
	for _, t := range put {
		raw, err := t.Marshal()
		if err == nil {
			var job *firestore.BulkWriterJob
			job, err = bw.Set(templateRef(client, t.SCID, t.Name), templateDoc{Doc: string(raw), SCID: strings.ToLower(t.SCID), Name: t.Name})
			jobs = append(jobs, job)
		}
		if err != nil {
			bw.End()
			return backendError(err, "write template "+t.Name)
		}
	}
	for _, t := range remove {
		job, err := bw.Delete(templateRef(client, t.SCID, t.Name))
		if err != nil {
			bw.End()
			return backendError(err, "delete template "+t.Name)
		}
		jobs = append(jobs, job)
	}
	bw.End()
	for _, job := range jobs {
		if _, err := job.Results(); err != nil {
			return backendError(err, "write templates")
		}
	}
	return nil
}
