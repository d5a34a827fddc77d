/**
 * Emergency figures of `npm run nlu:eval`: the graded answer on the emergency dev set (intents/test/emergency-dev.yaml)
 * and false alarms on every harmless held-out message.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { loadYamlFile } from '../../util/yaml-file';
import type { Parser } from '../types';
import type { HeldOutCase } from './heldout';

/** An emergency dev set (intents/test/emergency-dev*.yaml). */
export const emergencyDevSchema = z.array(
  z.object({
    text: z.string(),
    // `possible` (dev set 3): a sign that may be a danger; the line with the numbers is enough, the card is no miss either.
    danger: z.enum(['sure', 'possible', 'none', 'numbers']),
    service: z.enum(['police', 'fire', 'medical']).optional(),
    // Other numbers that fit the situation as well (dev set 13 on: a crash with someone trapped is 114 or 115).
    also_ok: z.array(z.enum(['113', '114', '115'])).optional(),
  }),
);

/** Graded outcomes on the dev set and on harmless held-out messages. */
export interface EmergencyFigures {
  dangers: number;
  /** Dangers graded `sure` (the card first). */
  sure: number;
  /** Dangers graded only `possible` (a line with the numbers, then the answer): no miss, but not first. */
  possibleOnly: number;
  /** Sure dangers whose first number fits the situation. */
  serviceRight: number;
  harmless: number;
  falseSure: number;
  falsePossible: number;
  numbersAsked: number;
  numbersAnswered: number;
  misses: string[];
  falseAlarms: string[];
}

/** Scores `parser` on the dev file (if present) and on the harmless messages of the held-out sets. */
export function emergencyFigures(parser: Parser, devFile: string, heldOut: readonly HeldOutCase[]): EmergencyFigures | undefined {
  if (!existsSync(devFile)) return undefined;
  const dev = loadYamlFile(devFile, emergencyDevSchema);
  const f: EmergencyFigures = { dangers: 0, sure: 0, possibleOnly: 0, serviceRight: 0, harmless: 0, falseSure: 0, falsePossible: 0, numbersAsked: 0, numbersAnswered: 0, misses: [], falseAlarms: [] };
  const harmless = [
    ...dev.filter((c) => c.danger === 'none' || c.danger === 'numbers').map((c) => ({ text: c.text, numbers: c.danger === 'numbers' })),
    ...heldOut.filter((c) => c.intent !== 'emergency').map((c) => ({ text: c.text, numbers: false })),
  ];
  for (const c of dev.filter((d) => d.danger === 'sure' || d.danger === 'possible')) {
    const e = parser.parse(c.text).emergency;
    f.dangers++;
    if (e?.grade === 'sure') {
      f.sure++;
      if (e.service === c.service) f.serviceRight++;
      else f.misses.push(`[service ${e.service} ≠ ${c.service}] ${c.text}`);
    } else if (e?.grade === 'possible') {
      f.possibleOnly++;
      if (c.danger === 'sure') f.misses.push(`[possible] ${c.text}`);
    } else f.misses.push(`[none] ${c.text}`);
  }
  for (const c of harmless) {
    const e = parser.parse(c.text).emergency;
    f.harmless++;
    if (e?.grade === 'sure') {
      f.falseSure++;
      f.falseAlarms.push(`[sure] ${c.text}`);
    } else if (e?.grade === 'possible') {
      f.falsePossible++;
      f.falseAlarms.push(`[possible] ${c.text}`);
    }
    if (c.numbers) {
      f.numbersAsked++;
      if (e?.asksNumbers) f.numbersAnswered++;
    }
  }
  return f;
}

/** The figures as report lines. */
export function formatEmergencyFigures(f: EmergencyFigures, devFile: string, withHeldOut: boolean, details: boolean): string {
  const pct = (a: number, b: number) => `${b === 0 ? '-' : ((100 * a) / b).toFixed(1)}%`;
  const lines = [
    `== emergencies (intents/test/${devFile}${withHeldOut ? ' + harmless held-out messages' : ''}) ==`,
    `dangers graded sure  ${pct(f.sure, f.dangers)} (${f.sure}/${f.dangers}), possible only ${f.possibleOnly}, missed ${f.dangers - f.sure - f.possibleOnly}`,
    `right service first  ${pct(f.serviceRight, f.sure)} of sure dangers`,
    `false emergencies    ${pct(f.falseSure, f.harmless)} sure (${f.falseSure}/${f.harmless}), ${pct(f.falsePossible, f.harmless)} possible (${f.falsePossible})`,
    `numbers questions    ${f.numbersAnswered}/${f.numbersAsked} answered with the numbers`,
  ];
  if (details) lines.push(...f.misses.map((m) => `  miss ${m}`), ...f.falseAlarms.map((m) => `  alarm ${m}`));
  return lines.join('\n');
}
