import type { DeliveryReport, DeliveryRow } from './ports';

/** Folds (outcome, reason, count) groups into a report; shared by both adapters so they count alike. */
export function summarise(groups: readonly { outcome: DeliveryRow['outcome']; reason?: string; n: number }[]): DeliveryReport {
  const report: DeliveryReport = { total: 0, sent: 0, pending: 0, attempting: 0, failed: {}, skipped: {} };
  for (const g of groups) {
    report.total += g.n;
    if (g.outcome === 'failed' || g.outcome === 'skipped') {
      const key = g.reason ?? 'unknown';
      report[g.outcome][key] = (report[g.outcome][key] ?? 0) + g.n;
    } else report[g.outcome] += g.n;
  }
  return report;
}
