package store

import (
	"context"
	"strings"
	"time"

	"cloud.google.com/go/firestore"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/openplay-games/openplay/shared/errs"
	"github.com/openplay-games/openplay/shared/notification"
	"github.com/openplay-games/openplay/shared/ratelimit"
	"github.com/openplay-games/openplay/shared/session"
)

// Collections of the session directory. A session's document ID is its case-folded reference
// scid~template~name (MPSD treats template and session names case-insensitively); a template's
// is scid~name, folded the same way; a handle's (of any type) is its GUID.
const (
	Sessions         = "sessions"
	SessionTemplates = "sessionTemplates"
	SessionHandles   = "sessionHandles"
)

// EndedSessionRetention is how long the document of a session that ended keeps its correlationId
// for a session made again under its name (MPSD keeps it; it does not say for how long).
const EndedSessionRetention = 7 * 24 * time.Hour

// sessionDoc is a session as stored: the document as JSON (its bags hold arbitrary client JSON,
// which Firestore's types cannot all hold, such as arrays of arrays), and the fields queries use.
// When the session ends its document is replaced by one that keeps only CorrelationID and
// ExpireAt (the TTL field; the other fields are empty), so that a session made again under the
// name keeps the ID; no query finds it.
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
	// Search, SearchTime and SearchID index the session's search handle (absent when it has
	// none; see search.go).
	Search        string    `firestore:"search,omitempty"`
	SearchTime    time.Time `firestore:"searchTime,omitempty"`
	SearchID      string    `firestore:"searchId,omitempty"`
	CorrelationID string    `firestore:"correlationId,omitempty"`
	ExpireAt      time.Time `firestore:"expireAt,omitempty"`
}

// ended is the document of a session that ended at now.
func ended(s *session.Session, now time.Time) sessionDoc {
	return sessionDoc{CorrelationID: s.CorrelationID, ExpireAt: now.Add(EndedSessionRetention)}
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
		d.Search, d.SearchTime, d.SearchID = s.SearchKey(), s.Search.Created, s.Search.ID
	}
	return d, err
}

// session decodes the stored session: nil for no document or the document of one that ended.
func (d *sessionDoc) session() (*session.Session, error) {
	if d == nil || d.Doc == "" {
		return nil, nil
	}
	return session.Unmarshal([]byte(d.Doc))
}

// correlationID is the correlationId a session made now under the name keeps: that of the
// session stored, whose timers may have ended it, or of the one that ended before ("": none).
func (d *sessionDoc) correlationID(stored *session.Session) string {
	switch {
	case stored != nil:
		return stored.CorrelationID
	case d != nil:
		return d.CorrelationID
	}
	return ""
}

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

// PutSession runs one session write: it reads the session and, only when there is none (or a
// timer due at now may end it), its template; fn decides (pure); the session is then written or
// deleted with the outbox records of the shoulder taps it owes, in one transaction, on condition
// that the session is unchanged since it was read (or still missing), as games are written (see
// Update). The transaction holds no lock on the session while fn runs, so members writing a
// session at once from several instances do not wait for one another's locks; when another
// write came first, the session is read again and fn runs again (untilUncontended). fn may run
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
	err = untilUncontended("put session "+ref.String(), func() error {
		return s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
			result = nil
			d, read, err := readDocument[sessionDoc](ctx, doc)
			if err != nil {
				return err
			}
			stored, err := d.session()
			if err != nil {
				return backendError(err, "decode session "+ref.String())
			}
			var tpl *session.Template
			if creates && (stored == nil || stored.Due(now)) {
				if tpl, err = s.Template(ctx, ref.SCID, ref.Template); errs.Is(err, errs.NotFound) {
					tpl, err = nil, nil
				}
				if err != nil {
					return err
				}
			}
			res, err := fn(stored, tpl)
			if err != nil {
				return err
			}
			result = res
			var next sessionDoc
			switch {
			case !res.Changed:
				return nil
			case res.Session == nil && stored == nil:
				return nil
			case res.Session == nil:
				next = ended(stored, now)
			default:
				if res.Outcome == session.Created && d.correlationID(stored) != "" {
					res.Session.CorrelationID = d.correlationID(stored) // made again: it keeps its ID
				}
				if next, err = toSessionDoc(res.Session); err != nil {
					return err
				}
			}
			if err := writeIfUnchanged(tx, doc, &next, read); err != nil {
				return err
			}
			return writeOutbox(client, tx, res.Notes)
		}, firestore.MaxAttempts(1))
	})
	if err != nil {
		return nil, backendError(err, "put session "+ref.String())
	}
	return result, nil
}

// Session reads a session; a missing one is a NotFound error. The calls that only check a
// session before writing something else (an invite, an activity, a transfer) read it here, not
// in their transactions: a transaction's read locks the session until it commits, and the
// members' own writes of the session wait for it (with a lobby's eight members setting their
// properties and their activity at once, the activities took 23 to 29 ms at the median read in
// a transaction, 9 to 14 ms read here). What they checked may change before they write, as it
// may just after: a handle is checked again when used.
func (s *Store) Session(ctx context.Context, ref session.Ref) (*session.Session, error) {
	d, err := get[sessionDoc](ctx, s, func(c *firestore.Client) *firestore.DocumentRef { return sessionRef(c, ref) }, errNoSession(ref))
	if err != nil {
		return nil, err
	}
	out, err := d.session()
	if err == nil && out == nil {
		return nil, errNoSession(ref)
	}
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
// session.MaxQueryBytes of stored documents hold (MaxTake at most). A query with both a player
// and a keyword reads the player's sessions and keeps those with the keyword.
func (s *Store) QuerySessions(ctx context.Context, scid string, q session.Query, now time.Time, found func(*session.Session)) error {
	if q.Take == 0 {
		return nil
	}
	scid = strings.ToLower(scid)
	taken := 0
	return s.scanSessions(ctx, queryScan, func(c *firestore.Client) firestore.Query {
		if q.Player != "" {
			return sessionsByMemberQuery.build(c, scid, q.PlayerKeys())
		}
		return sessionsByKeywordQuery.build(c, scid, strings.ToLower(q.Keyword))
	}, func(stored *session.Session) bool {
		if current, ok := q.Matches(stored, now); ok {
			found(current)
			taken++
		}
		return taken < q.Take
	})
}

// BatchQuerySessions files in b the sessions of scid with one of b's players, as one query by
// member (b.Keys), newest first, among the first session.MaxQueryBytes of stored documents.
func (s *Store) BatchQuerySessions(ctx context.Context, scid string, b *session.Batch, now time.Time) error {
	scid = strings.ToLower(scid)
	return s.scanSessions(ctx, queryScan, func(c *firestore.Client) firestore.Query {
		return sessionsByMemberQuery.build(c, scid, b.Keys())
	}, func(stored *session.Session) bool { return b.Add(stored, now) })
}

// sessionScan bounds a scan of stored sessions: how many documents, and how many bytes of them.
type sessionScan struct{ docs, bytes int }

// queryScan is what a query or batch query reads.
var queryScan = sessionScan{docs: session.MaxTake, bytes: session.MaxQueryBytes}

// scanSessions visits the stored sessions query finds, in its order, until visit says no more or
// the scan's bounds are reached: it decodes them one at a time and closes the query once it has
// read that much, so a query holds about one session in memory.
func (s *Store) scanSessions(ctx context.Context, bounds sessionScan, query func(*firestore.Client) firestore.Query, visit func(*session.Session) (more bool)) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	read := 0
	return scan(ctx, query(client).Select("doc"), bounds.docs, func(snap *firestore.DocumentSnapshot) (bool, error) {
		if read >= bounds.bytes {
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
		if stored == nil {
			return true, nil // an ended session's document (the queries' filters leave them out)
		}
		return visit(stored), nil
	})
}

// CreateInvite makes an invite handle for the session ref: fn checks the session (pure), read
// before the transaction, and makes the handle and its notification, which is charged to the
// sender's invitation window as charge says (nil: not charged); one transaction writes the
// handle, the window and the outbox record together. The session is read, not locked (see
// Session).
func (s *Store) CreateInvite(ctx context.Context, ref session.Ref, charge *ratelimit.Invitations, fn func(*session.Session) (*session.Invite, notification.Notification, error)) (*session.Invite, notification.Notification, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, notification.Notification{}, err
	}
	stored, err := s.Session(ctx, ref)
	if err != nil {
		return nil, notification.Notification{}, err
	}
	inv, note, err := fn(stored)
	if err != nil {
		return nil, notification.Notification{}, err
	}
	window := s.sentWindow(client, charge)
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{window}, func(ctx context.Context, tx *firestore.Transaction) error {
		if charge != nil {
			sent, err := tx.GetAll([]*firestore.DocumentRef{window})
			if err != nil {
				return err
			}
			if err := chargeSent(tx, sent[0], *charge); err != nil {
				return err
			}
		}
		if err := tx.Create(handleRef(client, inv.ID), toInviteDoc(inv)); err != nil {
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

// Handle reads a handle of any type (id as session.ParseHandleID returns it); a missing one is
// NotFound.
func (s *Store) Handle(ctx context.Context, id string) (session.Handle, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	snap, err := handleRef(client, id).Get(ctx)
	if status.Code(err) == codes.NotFound {
		return nil, session.HandleNotFound(id)
	}
	if err != nil {
		return nil, backendError(err, "get handle "+id)
	}
	hd, err := handleOf(snap)
	if err != nil {
		return nil, backendError(err, "decode handle "+id)
	}
	return hd, nil
}

// DeleteHandle deletes a handle of any type in one transaction, if check (pure) allows it.
func (s *Store) DeleteHandle(ctx context.Context, id string, check func(session.Handle) error) error {
	client, err := s.Client(ctx)
	if err != nil {
		return err
	}
	doc := handleRef(client, id)
	err = s.runTransaction(ctx, client, []*firestore.DocumentRef{doc}, func(ctx context.Context, tx *firestore.Transaction) error {
		snap, err := tx.Get(doc)
		if status.Code(err) == codes.NotFound {
			return session.HandleNotFound(id)
		}
		if err != nil {
			return err
		}
		hd, err := handleOf(snap)
		if err != nil {
			return err
		}
		if err := check(hd); err != nil {
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
	docs, err := readAll[templateDoc](ctx, templatesQuery.build(client, strings.ToLower(scid)).Limit(maxTemplates))
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

// templatesQuery is a service config's templates, by name (their IDs start with the SCID).
var templatesQuery = Query{Collection: SessionTemplates, Filters: []Filter{{Field: "scid", Op: "=="}},
	Orders: []Order{{Field: firestore.DocumentID, Dir: firestore.Asc}}}

// maxTemplates bounds a service config's templates (a listing is one read).
const maxTemplates = 500

// TemplateNames reads the names of a service config's templates (not the templates).
func (s *Store) TemplateNames(ctx context.Context, scid string) ([]string, error) {
	client, err := s.Client(ctx)
	if err != nil {
		return nil, err
	}
	docs, err := readAll[templateDoc](ctx, templatesQuery.build(client, strings.ToLower(scid)).Select("name").Limit(maxTemplates))
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
