/** Reads one YAML file into plain data, turning syntax errors into content problems. */
import { readFileSync } from 'node:fs';
import { YAMLParseError } from 'yaml';
import { parseYaml } from '../util/yaml-cache';
import type { ContentProblem } from './content-problem';

/** Parses a YAML file; on failure returns the problems (with line and column) instead of throwing. */
export function readYaml(absPath: string, file: string): { data?: unknown; problems: ContentProblem[] } {
  let text: string;
  try {
    text = readFileSync(absPath, 'utf8');
  } catch (err) {
    return { problems: [{ file, field: '', message: `cannot read: ${(err as Error).message}` }] };
  }
  try {
    return { data: parseYaml(text, { prettyErrors: true, uniqueKeys: true }), problems: [] };
  } catch (err) {
    if (err instanceof YAMLParseError) {
      const pos = err.linePos?.[0];
      const at = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      return { problems: [{ file, field: '', message: `YAML syntax error at ${at}${err.message.split('\n')[0]}` }] };
    }
    throw err;
  }
}
