/** Counts facts by status so staff see how much still needs checking, and which procedures lack English. */
import { missingEnglish } from '../citizen-text';
import type { Knowledge } from '../types';

/** One line per status with the number of procedure facts and office cells carrying it. */
export function flagSummary(knowledge: Knowledge): string {
  const counts = new Map<string, number>();
  const bump = (status: string) => counts.set(status, (counts.get(status) ?? 0) + 1);
  for (const p of knowledge.listProcedures())
    for (const value of Object.values(p))
      if (value && typeof value === 'object' && 'status' in value) bump(String((value as { status: string }).status));
  const officeCounts = new Map<string, number>();
  for (const o of knowledge.listOffices())
    for (const f of [o.address, o.phone, o.hours, o.location])
      officeCounts.set(f.status, (officeCounts.get(f.status) ?? 0) + 1);
  const fmt = (m: Map<string, number>) => [...m].map(([k, v]) => `${k}=${v}`).join(' ');
  return `procedure facts: ${fmt(counts)}\noffice cells (address, phone, hours, coordinates): ${fmt(officeCounts)}`;
}

/** One line per procedure whose English answer would fall back to Vietnamese somewhere, naming the fields. */
export function englishSummary(knowledge: Knowledge): string {
  const lines = knowledge
    .listProcedures()
    .map((p) => [p.id, missingEnglish(p)] as const)
    .filter(([, fields]) => fields.length > 0)
    .map(([id, fields]) => `  ${id}: ${fields.join(', ')}`);
  return lines.length === 0 ? 'english: every procedure answer is translated' : `english missing (answered in Vietnamese with a note):\n${lines.join('\n')}`;
}
