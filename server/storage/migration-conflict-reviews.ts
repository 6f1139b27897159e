import type { Migration } from './migrations.ts';

// A conflict is named by its kind and the id of its row in order_conflicts or
// pick_conflicts, e.g. `sale-12`: rows there are never deleted or renumbered, so that name
// stays valid. A resolution is kept apart from the conflict, because the conflict rows are
// written inside the order's or pick's transaction and never change afterwards. The
// received_at indexes serve the serial export's date ranges.
const CONFLICT_REVIEWS_SQL = `
  CREATE TABLE conflict_resolutions (
    kind TEXT NOT NULL CHECK (kind IN ('sale', 'pick')),
    conflict_id BIGINT NOT NULL,
    resolved_at TEXT NOT NULL,
    resolved_by TEXT NOT NULL,
    note TEXT NOT NULL,
    PRIMARY KEY (kind, conflict_id)
  );
  CREATE INDEX order_conflicts_by_flagged_at ON order_conflicts (flagged_at);
  CREATE INDEX pick_conflicts_by_flagged_at ON pick_conflicts (flagged_at);
  CREATE INDEX serials_by_received_at ON serials (received_at);
  CREATE INDEX pick_completions_by_received_at ON pick_completions (received_at);
`;

/** SQLite version 4: resolutions of flagged conflicts, and indexes for the back office. */
export const CONFLICT_REVIEWS_MIGRATION: Migration = {
  version: 4,
  name: 'conflict resolutions and export indexes',
  sql: CONFLICT_REVIEWS_SQL,
};

/** PostgreSQL version 3: the same change as SQLite version 4. */
export const POSTGRES_CONFLICT_REVIEWS_MIGRATION: Migration = {
  version: 3,
  name: 'conflict resolutions and export indexes',
  sql: CONFLICT_REVIEWS_SQL,
};
