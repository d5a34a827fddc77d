import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import { foldForMatch } from '../../util/fold-text';
import type { Handler } from '../handler';

const hotline = z.enum(['112', '113', '114', '115']);
const schema = z.object({
  situations: z.array(z.object({ id: z.string(), numbers: z.array(hotline).min(1), keywords: z.array(z.string().min(1)).min(1) })),
  default: z.array(hotline).min(1),
});

/** Emergency situations and the numbers to call for each (content/emergency.yaml). */
export type EmergencyGuide = z.infer<typeof schema>;

/** Reads and validates the emergency guide; throws naming the file on any problem. */
export function loadEmergencyGuide(file: string): EmergencyGuide {
  return loadYamlFile(file, schema);
}

/** The numbers fitting what the citizen wrote: the matching situations' numbers first, then every other one. */
export function numbersFor(guide: EmergencyGuide, text: string): string[] {
  const folded = ` ${foldForMatch(text).replace(/[^a-z0-9]+/g, ' ')} `;
  const first = guide.situations
    .filter((s) => s.keywords.some((k) => folded.includes(` ${k} `)))
    .flatMap((s) => s.numbers);
  return [...new Set([...first, ...guide.default])];
}

/** The very first reply in danger: every fitting hotline in one short message, before anything else. */
export function createEmergencyHandler(guide: EmergencyGuide): Handler {
  return async (turn) => {
    const { t } = turn;
    const lines = numbersFor(guide, turn.text).map((n) => `☎ ${t(`emergency.numbers.${n}`)}`);
    await turn.say({ text: [t('emergency.intro'), ...lines, t('emergency.after')].join('\n') });
  };
}
