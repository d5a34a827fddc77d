/**
 * Serialises state for storage, refusing values JSON cannot hold.
 * Both adapters store the same JSON text, so every store answers the same shape
 * (Dates come back as strings, undefined members vanish) as botbuilder's MemoryStorage does.
 */
export function stateToJson(key: string, data: unknown): string {
  const json = JSON.stringify(data) as string | undefined;
  if (json === undefined) throw new TypeError(`State "${key}" must be JSON-serialisable, got ${typeof data}`);
  return json;
}
