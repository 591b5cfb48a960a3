// C8: how the dashboard's copy of the online visitors list follows the server's batches.
import { compareOnlineVisitors, type OnlineVisitor, type OnlineVisitorsChanges } from '@palique/protocol';

/** Applies one batch to the rows by id. */
export function applyChanges(rows: Map<string, OnlineVisitor>, changes: OnlineVisitorsChanges): Map<string, OnlineVisitor> {
  const next = changes.reset ? new Map<string, OnlineVisitor>() : new Map(rows);
  for (const id of changes.removals) next.delete(id);
  for (const row of changes.upserts) next.set(row.visitorId, row);
  return next;
}

/** In the server's order (longest on the site first). */
export function ordered(rows: Map<string, OnlineVisitor>): OnlineVisitor[] {
  return [...rows.values()].sort(compareOnlineVisitors);
}
