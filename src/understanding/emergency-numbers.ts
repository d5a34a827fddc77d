/** The emergency lines by number, as typed digits: 113 police, 114 fire and rescue, 115 medical, 112 the old general line. */
export const EMERGENCY_NUMBERS = ['112', '113', '114', '115'] as const;

const numbers: ReadonlySet<string> = new Set(EMERGENCY_NUMBERS);

/** Whether a typed word is one of the emergency lines' numbers. */
export const isEmergencyNumber = (word: string): boolean => numbers.has(word);
