import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import { foldForMatch } from '../../util/fold-text';
import type { Locale } from '../../understanding/types';

const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const schema = z.object({
  agencies: z.array(z.object({ id: z.string(), keywords: z.array(z.string().min(1)).min(1), topic: text, agency: text })),
});

/** Topics other agencies handle, so an out-of-scope question still gets a useful pointer (content/other-agencies.yaml). */
export type OtherAgencies = z.infer<typeof schema>;

/** Reads and validates the other-agencies list; throws naming the file on any problem. */
export function loadOtherAgencies(file: string): OtherAgencies {
  return loadYamlFile(file, schema);
}

/** The agency that handles what the text talks about, in the citizen's language, if one matches. */
export function findOtherAgency(list: OtherAgencies, message: string, locale: Locale): { topic: string; agency: string } | undefined {
  const folded = ` ${foldForMatch(message)} `;
  const hit = list.agencies.find((a) => a.keywords.some((k) => folded.includes(` ${k} `)));
  return hit && { topic: hit.topic[locale], agency: hit.agency[locale] };
}
