import type { Knowledge } from '../../knowledge';
import type { Handler } from '../handler';
import { ContentReader } from '../procedures/fact-text';
import type { Turn } from '../turn';

/**
 * The merger explained, when a typed message names a province merged into this one (Bắc Kạn, its police or one of
 * its old districts): a dossier filed with the former police, or an office there, is now this department's.
 */
export function formerProvinceNotice(turn: Turn, knowledge: Knowledge): string | undefined {
  if (turn.text.startsWith('/')) return undefined;
  const province = knowledge.formerProvinceIn(turn.text);
  return province && new ContentReader(turn.locale).read(province.notice);
}

/** Runs `handler` after saying the merger notice when the message names a former province (dossier questions). */
export function withFormerProvinceNotice(knowledge: () => Knowledge, handler: Handler): Handler {
  return async (turn) => {
    const notice = formerProvinceNotice(turn, knowledge());
    if (notice) await turn.say({ text: notice });
    await handler(turn);
  };
}
