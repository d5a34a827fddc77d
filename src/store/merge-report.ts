import type { DossierReportCounts } from './ports';

type Received = Pick<DossierReportCounts, 'group' | 'received' | 'receivedOnline' | 'receivedInPerson'>;
type Returned = Pick<DossierReportCounts, 'group' | 'returned' | 'returnedEarly' | 'returnedOnTime' | 'returnedLate'>;

/** Joins the "received" and "returned" aggregates (counted over different dates) into one line per group, sorted by group. */
export function mergeReportCounts(received: Received[], returned: Returned[]): DossierReportCounts[] {
  const lines = new Map<string, DossierReportCounts>();
  const line = (group: string) => {
    let l = lines.get(group);
    if (!l) {
      l = { group, received: 0, receivedOnline: 0, receivedInPerson: 0, returned: 0, returnedEarly: 0, returnedOnTime: 0, returnedLate: 0 };
      lines.set(group, l);
    }
    return l;
  };
  for (const r of received) Object.assign(line(r.group), r);
  for (const r of returned) Object.assign(line(r.group), r);
  return [...lines.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
}
