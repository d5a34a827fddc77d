/** One schema change of the embedded store. Versions only grow; a released migration is never edited. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Every schema change, in order. Add new ones at the end with the next version number. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'state',
    up: `CREATE TABLE state (
      key TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      etag TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX state_updated_at ON state (updated_at);`,
  },
  {
    version: 2,
    name: 'feedback',
    // The counter row per Vietnamese day is bumped in the same transaction as the insert, so numbers never repeat.
    up: `CREATE TABLE feedback_counters (
      day TEXT PRIMARY KEY,
      last_sequence INTEGER NOT NULL
    );
    CREATE TABLE feedback (
      reference TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      text TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (day, sequence)
    );
    CREATE INDEX feedback_created_at ON feedback (created_at);`,
  },
  {
    version: 3,
    name: 'handoffs',
    // The partial unique index is what makes "one open hand-off per user" hold under concurrent opens.
    up: `CREATE TABLE handoffs (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      reason TEXT NOT NULL,
      last_message TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX handoffs_one_open_per_user ON handoffs (channel, user_id) WHERE status = 'open';
    CREATE INDEX handoffs_status_created_at ON handoffs (status, created_at);`,
  },
  {
    version: 4,
    name: 'unanswered',
    up: `CREATE TABLE unanswered (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      text TEXT NOT NULL,
      intent TEXT NOT NULL,
      confidence REAL NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX unanswered_created_at ON unanswered (created_at);`,
  },
  {
    version: 5,
    name: 'accounts',
    // No foreign key from sessions to accounts: MongoDB cannot enforce one, and both stores must behave alike.
    up: `CREATE TABLE accounts (
      username TEXT PRIMARY KEY,
      password_hash TEXT NOT NULL,
      roles TEXT NOT NULL,
      disabled INTEGER NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE TABLE sessions (
      token_hash TEXT PRIMARY KEY,
      username TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX sessions_username ON sessions (username);
    CREATE INDEX sessions_expires_at ON sessions (expires_at);`,
  },
  {
    version: 6,
    name: 'audit',
    up: `CREATE TABLE audit (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      target TEXT NOT NULL,
      detail TEXT
    );
    CREATE INDEX audit_at ON audit (at);
    CREATE INDEX audit_action_at ON audit (action, at);
    CREATE INDEX audit_target_at ON audit (target, at);`,
  },
  {
    version: 7,
    name: 'dossiers',
    // WITHOUT ROWID: the code is the key citizens look up by, so the table itself is the code index (one B-tree probe).
    // Report queries scan by received_at / completed_at ranges, hence those two indexes.
    up: `CREATE TABLE dossiers (
      code TEXT PRIMARY KEY,
      procedure TEXT NOT NULL,
      status TEXT NOT NULL,
      received_at TEXT NOT NULL,
      due_at TEXT NOT NULL,
      completed_at TEXT,
      updated_at TEXT NOT NULL,
      status_changed_at TEXT NOT NULL,
      submission TEXT,
      return_method TEXT,
      unit TEXT,
      note TEXT,
      applicant_masked TEXT NOT NULL,
      phone_last4 TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX dossiers_received_at ON dossiers (received_at);
    CREATE INDEX dossiers_completed_at ON dossiers (completed_at) WHERE completed_at IS NOT NULL;
    CREATE TABLE dossier_history (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      code TEXT NOT NULL,
      status TEXT NOT NULL,
      at TEXT NOT NULL
    );
    CREATE INDEX dossier_history_code ON dossier_history (code, at);
    CREATE TABLE dossier_watchers (
      code TEXT NOT NULL,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      locale TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (code, channel, user_id)
    ) WITHOUT ROWID;`,
  },
  {
    version: 8,
    name: 'outbox',
    // The UNIQUE key is what makes "one message per change" hold when a change is reported twice.
    up: `CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      kind TEXT NOT NULL,
      data TEXT NOT NULL,
      created_at TEXT NOT NULL,
      claimed_until TEXT,
      delivered_at TEXT
    );
    CREATE INDEX outbox_pending ON outbox (channel, user_id, created_at) WHERE delivered_at IS NULL;`,
  },
  {
    version: 9,
    name: 'contacts',
    // WITHOUT ROWID keyed by (channel, user_id): the audience is streamed in that order with keyset paging.
    // topics and communes are JSON arrays, matched with json_each; the partial index keeps subscribers apart.
    up: `CREATE TABLE contacts (
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      locale TEXT NOT NULL,
      first_seen_at TEXT NOT NULL,
      last_interaction_at TEXT NOT NULL,
      following INTEGER,
      unreachable_at TEXT,
      subscribed_at TEXT,
      topics TEXT NOT NULL DEFAULT '[]',
      communes TEXT NOT NULL DEFAULT '[]',
      PRIMARY KEY (channel, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX contacts_subscribers ON contacts (channel, user_id) WHERE subscribed_at IS NOT NULL AND unreachable_at IS NULL;`,
  },
  {
    version: 10,
    name: 'channel_tokens',
    // One row per platform: refreshes compare-and-set on refresh_token, so a burnt token is never written back.
    up: `CREATE TABLE channel_tokens (
      channel TEXT PRIMARY KEY,
      access_token TEXT NOT NULL,
      refresh_token TEXT NOT NULL,
      access_expires_at TEXT NOT NULL,
      seed TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      failed_at TEXT,
      failure_reason TEXT,
      failure_terminal INTEGER
    ) WITHOUT ROWID;`,
  },
  {
    version: 11,
    name: 'inbound',
    // seen_events: platform event keys with their expiry, so webhook redeliveries are dropped across restarts.
    // inbound_journal: acknowledged deliveries until processed; the lease index finds those a dead process left.
    up: `CREATE TABLE seen_events (
      key TEXT PRIMARY KEY,
      expires_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX seen_events_expiry ON seen_events (expires_at);
    CREATE TABLE inbound_journal (
      id TEXT PRIMARY KEY,
      channel TEXT NOT NULL,
      body TEXT NOT NULL,
      received_at TEXT NOT NULL,
      leased_until TEXT NOT NULL
    );
    CREATE INDEX inbound_journal_lease ON inbound_journal (channel, leased_until);`,
  },
  {
    version: 12,
    name: 'handoff-transcripts',
    // Hand-offs get a short daily reference as their key (HT-YYYYMMDD-NNNN, numbered like feedback), a status an
    // officer can move, and a transcript. The CHECK on status cannot be altered in place, so the table is rebuilt;
    // earlier rows keep their order, take references numbered by their Vietnamese day, and their last message
    // becomes the first line of their transcript.
    up: `CREATE TABLE handoff_counters (
      day TEXT PRIMARY KEY,
      last_sequence INTEGER NOT NULL
    );
    CREATE TABLE handoffs_next (
      id TEXT PRIMARY KEY,
      day TEXT NOT NULL,
      sequence INTEGER NOT NULL,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      locale TEXT NOT NULL,
      reason TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('waiting', 'engaged', 'closed')),
      created_at TEXT NOT NULL,
      last_message TEXT NOT NULL,
      citizen_wrote_at TEXT,
      officer_wrote_at TEXT,
      claimed_by TEXT,
      claimed_at TEXT,
      closed_at TEXT,
      UNIQUE (day, sequence)
    );
    CREATE TABLE handoff_messages (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      handoff_id TEXT NOT NULL,
      at TEXT NOT NULL,
      sender TEXT NOT NULL CHECK (sender IN ('citizen', 'bot', 'officer')),
      text TEXT NOT NULL,
      officer TEXT,
      failure TEXT
    );
    CREATE INDEX handoff_messages_by_handoff ON handoff_messages (handoff_id, id);
    CREATE TEMP TABLE handoff_renumbered AS
      SELECT h.*, strftime('%Y%m%d', h.created_at, '+7 hours') AS day,
             ROW_NUMBER() OVER (PARTITION BY strftime('%Y%m%d', h.created_at, '+7 hours') ORDER BY h.created_at, h.rowid) AS sequence
      FROM handoffs h;
    INSERT INTO handoffs_next (id, day, sequence, channel, user_id, locale, reason, status, created_at, last_message, citizen_wrote_at, closed_at)
      SELECT 'HT-' || day || '-' || printf('%04d', sequence), day, sequence, channel, user_id, 'vi', reason,
             CASE status WHEN 'open' THEN 'waiting' ELSE 'closed' END, created_at, last_message,
             CASE WHEN last_message <> '' THEN created_at END, CASE WHEN status = 'closed' THEN created_at END
      FROM handoff_renumbered ORDER BY created_at, rowid;
    INSERT INTO handoff_messages (handoff_id, at, sender, text)
      SELECT 'HT-' || day || '-' || printf('%04d', sequence), created_at, 'citizen', last_message
      FROM handoff_renumbered WHERE last_message <> '' ORDER BY created_at, rowid;
    INSERT INTO handoff_counters (day, last_sequence) SELECT day, MAX(sequence) FROM handoffs_next GROUP BY day;
    DROP TABLE handoff_renumbered;
    DROP TABLE handoffs;
    ALTER TABLE handoffs_next RENAME TO handoffs;
    CREATE UNIQUE INDEX handoffs_one_open_per_user ON handoffs (channel, user_id) WHERE status <> 'closed';
    CREATE INDEX handoffs_open_queue ON handoffs (created_at) WHERE status <> 'closed';`,
  },
  {
    version: 13,
    name: 'announcements',
    // announcements: what propaganda staff send; JSON lists like contacts'; the cursor is where planning resumes.
    // announcement_deliveries: one row per announcement and recipient, written before any send (the idempotency
    // key); a send happens only after a row moved pending → attempting, so nobody is sent to twice.
    up: `CREATE TABLE announcements (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      body TEXT NOT NULL,
      topics TEXT NOT NULL,
      channels TEXT NOT NULL,
      communes TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'done', 'cancelled')),
      author TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      scheduled_at TEXT,
      started_at TEXT,
      finished_at TEXT,
      cursor_channel TEXT,
      cursor_user_id TEXT,
      planned INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX announcements_by_created ON announcements (created_at);
    CREATE INDEX announcements_due ON announcements (scheduled_at) WHERE status = 'scheduled';
    CREATE TABLE announcement_deliveries (
      announcement_id TEXT NOT NULL,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      locale TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('pending', 'attempting', 'sent', 'failed', 'skipped')),
      reason TEXT,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (announcement_id, channel, user_id)
    ) WITHOUT ROWID;
    CREATE INDEX announcement_deliveries_by_outcome ON announcement_deliveries (announcement_id, outcome, channel, user_id);`,
  },
  {
    version: 14,
    name: 'announcement-deliveries-by-citizen',
    // A citizen's deliveries are found by (channel, user_id) for export and erasure (docs/personal-data.md).
    up: 'CREATE INDEX announcement_deliveries_user ON announcement_deliveries (channel, user_id);',
  },
  {
    version: 15,
    name: 'console',
    // The staff console: the dossier list filters by status and due date, procedure or unit; the charts read turns
    // counted per Vietnamese day, channel and intent (answered or not), and who wrote each day (conversations).
    up: `CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
    CREATE INDEX dossiers_procedure ON dossiers (procedure, received_at);
    CREATE INDEX dossiers_unit ON dossiers (unit, received_at);
    CREATE TABLE turn_stats (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      intent TEXT NOT NULL,
      answered INTEGER NOT NULL,
      turns INTEGER NOT NULL,
      PRIMARY KEY (day, channel, intent, answered)
    ) WITHOUT ROWID;
    CREATE TABLE conversation_days (
      day TEXT NOT NULL,
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      PRIMARY KEY (day, channel, user_id)
    ) WITHOUT ROWID;`,
  },
  {
    version: 16,
    name: 'personal-data',
    // A citizen's records are found by (channel, user_id) for export and erasure, and each kind is swept by its age
    // (docs/personal-data.md): every such read is an index probe, not a scan of the whole table.
    up: `CREATE INDEX feedback_user ON feedback (channel, user_id);
    CREATE INDEX unanswered_user ON unanswered (channel, user_id);
    CREATE INDEX handoffs_user ON handoffs (channel, user_id);
    CREATE INDEX handoffs_closed_at ON handoffs (closed_at) WHERE status = 'closed';
    CREATE INDEX audit_actor ON audit (actor);
    CREATE INDEX dossier_watchers_user ON dossier_watchers (channel, user_id);
    CREATE INDEX dossier_watchers_created_at ON dossier_watchers (created_at);
    CREATE INDEX outbox_user ON outbox (channel, user_id);
    CREATE INDEX outbox_created_at ON outbox (created_at);
    CREATE INDEX contacts_last_interaction ON contacts (last_interaction_at);`,
  },
  {
    version: 17,
    name: 'journal-attempts',
    // A delivery whose processing keeps failing is retried with a growing delay and given up after a bounded number of
    // attempts (src/channels/delivery-journal.ts), instead of being replayed every lease for ever.
    up: `ALTER TABLE inbound_journal ADD COLUMN attempts INTEGER NOT NULL DEFAULT 1;`,
  },
  {
    version: 18,
    name: 'journal-progress',
    // What failed attempts at a delivery had done (JSON, DeliveryProgress), so its replay neither runs an event twice
    // nor drops one when Redis lost its seen keys or an answer meanwhile (issue 12). NULL until an attempt fails.
    up: `ALTER TABLE inbound_journal ADD COLUMN progress TEXT;`,
  },
  {
    version: 19,
    name: 'conversation-lines',
    // The last few lines of each conversation, out of its memory (which every turn reads and writes whole): a turn
    // writes each line into the conversation's next slot of a fixed ring (RECENT_LINE_WINDOW slots, src/store/ports/
    // recent-lines.ts), ordered by seq; a hand-off reads them when it opens (docs/performance.md, eighth round).
    up: `CREATE TABLE conversation_lines (
      channel TEXT NOT NULL,
      user_id TEXT NOT NULL,
      slot INTEGER NOT NULL,
      seq INTEGER NOT NULL,
      at TEXT NOT NULL,
      speaker TEXT NOT NULL,
      text TEXT NOT NULL,
      PRIMARY KEY (channel, user_id, slot)
    ) WITHOUT ROWID;`,
  },
];
