/** Prints scores as plain-text tables. */
import type { Scores } from './metrics';

const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';

/** A readable summary of one data set's scores. */
export function formatScores(title: string, s: Scores): string {
  const lines = [`\n== ${title} (${s.count} messages) ==`];
  lines.push(`intent accuracy     ${pct(s.intentAccuracy)}`);
  lines.push(`procedure accuracy  ${pct(s.procedureAccuracy)}  (${s.procedureCount} labelled)`);
  const p = s.procedure;
  lines.push(`procedure naming    precision ${pct(p.precision)}  recall ${pct(p.recall)}  wrong ${p.wrong} (of which spurious ${p.spurious}), missing ${p.missing}`);
  lines.push(`emergency recall    ${pct(s.emergencyRecall)}   precision ${pct(s.emergencyPrecision)}`);
  lines.push(`calibration         ECE ${s.calibration.ece.toFixed(3)}, below clarify threshold ${pct(s.calibration.belowThreshold)}, accuracy above it ${pct(s.calibration.accuracyAboveThreshold)}`);
  lines.push('\nintent                 precision  recall     f1  support');
  for (const [name, v] of Object.entries(s.perIntent)) {
    lines.push(`${name.padEnd(22)} ${pct(v.precision)}  ${pct(v.recall)} ${pct(v.f1)}  ${String(v.support).padStart(5)}`);
  }
  lines.push('\nby tag                 count  intent  procedure  proc.prec  proc.rec  wrong  missing');
  for (const [tag, v] of Object.entries(s.byTag)) {
    const q = v.procedure;
    lines.push(`${tag.padEnd(22)} ${String(v.count).padStart(5)}  ${pct(v.intentAccuracy)}     ${pct(v.procedureAccuracy)}     ${pct(q.precision)}    ${pct(q.recall)}  ${String(q.wrong).padStart(5)}  ${String(q.missing).padStart(7)}`);
  }
  if (s.confusions.length > 0) {
    lines.push('\ntop confusions (expected → predicted)');
    for (const c of s.confusions) lines.push(`  ${String(c.count).padStart(3)}  ${c.intent} → ${c.predicted}`);
  }
  return lines.join('\n');
}
