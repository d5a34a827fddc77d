import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import { EMERGENCY_NUMBERS } from '../../understanding/emergency-numbers';
import type { EmergencyService } from '../../understanding/types';
import type { Handler } from '../handler';
import type { Turn } from '../turn';

const hotline = z.enum(EMERGENCY_NUMBERS);
const numbers = z.array(hotline).min(1);
const schema = z.object({
  services: z.object({ police: numbers, fire: numbers, medical: numbers }),
  also: z.array(hotline).default([]),
});

/** The numbers to call, in order, for each service a situation needs (content/emergency.yaml). */
export type EmergencyGuide = z.infer<typeof schema>;

/** Reads and validates the emergency guide; throws naming the file on any problem. */
export function loadEmergencyGuide(file: string): EmergencyGuide {
  return loadYamlFile(file, schema);
}

/** Every number, the service's own first (police when the parse has no judgement, e.g. a button payload). */
export function numbersFor(guide: EmergencyGuide, service: EmergencyService = 'police'): string[] {
  return [...new Set([...guide.services[service], ...guide.also])];
}

/** The graded answers: the card (sure), one line before the normal answer (possible), a sign told, the numbers asked for. */
export interface EmergencyHandlers {
  /** Sure: the very first reply, every fitting hotline in one short message, before anything else. */
  card: Handler;
  /** Possible: one line with the numbers; the normal answer follows. */
  notice: Handler;
  /**
   * A sign told and nothing else asked (intent emergency, grade possible): the line, then a calm word to call even when
   * unsure. It claims no danger, as the card's "KHẨN CẤP" would.
   */
  sign: Handler;
  /** "số điện thoại khẩn cấp", "gọi cảnh sát số mấy": the numbers as an answer, not an alarm. */
  numbers: Handler;
}

export function createEmergencyHandlers(guide: EmergencyGuide): EmergencyHandlers {
  const ordered = (turn: Turn) => numbersFor(guide, turn.parse.emergency?.service);
  const lines = (turn: Turn) => ordered(turn).map((n) => `☎ ${turn.t(`emergency.numbers.${n}`)}`);
  const notice = async (turn: Turn) => {
    const list = ordered(turn).filter((n) => n !== '112').map((n) => turn.t(`emergency.short.${n}`)).join(', ');
    await turn.say({ text: turn.t('emergency.possible', { numbers: list }) });
  };
  return {
    card: async (turn) => {
      await turn.say({ text: [turn.t('emergency.intro'), ...lines(turn), turn.t('emergency.after')].join('\n') });
    },
    notice,
    sign: async (turn) => {
      await notice(turn);
      await turn.say({ text: turn.t('emergency.sign') });
    },
    numbers: async (turn) => {
      await turn.say({ text: [turn.t('emergency.info'), ...lines(turn), turn.t('emergency.free')].join('\n') });
    },
  };
}
