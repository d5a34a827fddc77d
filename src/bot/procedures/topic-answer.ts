import type { Knowledge, Topic } from '../../knowledge';
import { menuButton } from '../handlers/menu';
import type { Turn } from '../turn';
import { ContentReader } from './fact-text';
import { translationNotes } from './procedure-answer';
import { procedureButton } from './procedure-handlers';

/** The answer to a police question that is not a whole procedure: its text, how sure it is, where to check. */
export async function sayTopic(turn: Turn, topic: Topic): Promise<void> {
  const { t } = turn;
  const reader = new ContentReader(turn.locale);
  const answer = reader.read(topic.answer);
  const caution = topic.status === 'current' ? [] : [t(`procedure:status.${topic.status}`)];
  const text = [...translationNotes(t, reader), ...caution, answer, t('procedure:checkAt', { url: topic.checkAt })].join('\n');
  if (topic.procedure) turn.memory.procedure = topic.procedure;
  await turn.say({ text, buttons: [...(topic.procedure ? [procedureButton(t, topic.procedure)] : []), menuButton(t)] });
}

/**
 * Answers the turn from a police topic when the citizen typed one ("khai báo vũ khí thô sơ", "tài khoản VNeID bị
 * khóa"); false when the message names none. Button payloads never do: a tap asks for exactly what it says.
 */
export function createTopicAnswerer(knowledge: () => Knowledge): (turn: Turn) => Promise<boolean> {
  return async (turn) => {
    if (turn.text.startsWith('/')) return false;
    const topic = knowledge().findTopic(turn.text);
    if (!topic) return false;
    await sayTopic(turn, topic);
    return true;
  };
}
