import type { TFunction } from 'i18next';

/**
 * Answers drawn from content, remembered by translate function (one per language and set of locale files), content
 * object (one per content load: a procedure, an office) and a key of whatever else the drawing reads, so a reload
 * starts afresh and old answers go with the old objects. Only for drawings that are pure functions of those: most
 * citizens ask about the same few procedures and offices, and drawing (i18next interpolation) was the largest part of
 * a turn's own work (docs/performance.md). At most `perObject` answers an object, so no input a citizen can steer
 * grows it.
 */
export function drawnAnswers<O extends object>(perObject: number): (t: TFunction, object: O, key: string, draw: () => string) => string {
  const drawn = new WeakMap<TFunction, WeakMap<O, Map<string, string>>>();
  return (t, object, key, draw) => {
    let byObject = drawn.get(t);
    if (!byObject) drawn.set(t, (byObject = new WeakMap()));
    let answers = byObject.get(object);
    if (!answers) byObject.set(object, (answers = new Map()));
    const known = answers.get(key);
    if (known !== undefined) return known;
    const text = draw();
    if (answers.size < perObject) answers.set(key, text);
    return text;
  };
}
