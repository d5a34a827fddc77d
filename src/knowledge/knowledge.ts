/** Builds the query surface (Knowledge) over validated content. */
import { rankByDistance } from './geo';
import { openAt } from './hours';
import { bestMentioned } from './mentions';
import { buildPlaceIndex } from './office-search';
import { PROCEDURE_FIELDS, PROCEDURE_IDS, isProcedureId, type ProcedureId } from './taxonomy';
import type { FieldInfo, FormerProvince, Knowledge, Near, Office, OfficeDistance, OpenState, Procedure, Topic } from './types';

/** Everything a Knowledge is built from. */
export interface KnowledgeParts {
  contentDir: string;
  procedures: Map<ProcedureId, Procedure>;
  fields: FieldInfo[];
  placeTypes: string[];
  districtTypes: string[];
  offices: Office[];
  topics: Topic[];
  formerProvinces: FormerProvince[];
}

/** Creates the pure, synchronous queries over one snapshot of content. */
export function createKnowledge(parts: KnowledgeParts): Knowledge {
  const { procedures, fields, offices } = parts;
  const places = buildPlaceIndex(offices, parts.placeTypes, parts.districtTypes);
  const officeById = new Map(offices.map((o) => [o.id, o]));
  const ordered = PROCEDURE_IDS.map((id) => procedures.get(id)).filter((p): p is Procedure => p !== undefined);
  const aliases = Object.fromEntries(
    ordered.map((p) => {
      const names = [p.title.vi, ...(p.officialName.status === 'missing' ? [] : [p.officialName.value]), ...p.aliases];
      return [p.id, [...new Set(names)]];
    }),
  ) as Record<ProcedureId, string[]>;
  const locations = places.entries();

  function officesFor(procedureId: string, near: Near = {}): OfficeDistance[] {
    if (!isProcedureId(procedureId)) return [];
    const handlers = offices.filter((o) => o.procedures.includes(procedureId));
    const communes = handlers.filter((o) => o.kind === 'commune');
    const others = handlers.filter((o) => o.kind !== 'commune');
    let local: OfficeDistance[] = communes.map((office) => ({ office }));
    if (near.placeText) {
      const matched = new Set(places.find(near.placeText).map((m) => m.office.id));
      const here = communes.filter((o) => matched.has(o.id));
      // A place we know narrows commune units to that place; an unknown place keeps them all.
      if (here.length > 0) local = here.map((office) => ({ office }));
    }
    // With a place, the citizen's own commune unit comes first; otherwise the provincial department does.
    const provincial = others.map((office) => ({ office }));
    const list = near.placeText || near.lat !== undefined ? [...local, ...provincial] : [...provincial, ...local];
    if (near.lat === undefined || near.lon === undefined) return list;
    // With coordinates, units we can place come nearest first; the rest keep their order after them.
    const ranked: OfficeDistance[] = rankByDistance(
      list.map((d) => d.office),
      near.lat,
      near.lon,
    );
    const rankedIds = new Set(ranked.map((r) => r.office.id));
    return [...ranked, ...list.filter((d) => !rankedIds.has(d.office.id))];
  }

  const formerProvinceNames = new Map(parts.formerProvinces.map((p) => [p, [...p.names, ...p.districts]]));
  return {
    contentDir: parts.contentDir,
    loadedAt: new Date(),
    getProcedure: (id) => (isProcedureId(id) ? procedures.get(id) : undefined),
    listProcedures: () => ordered,
    proceduresByField: (field) => ordered.filter((p) => PROCEDURE_FIELDS[p.id] === field),
    listFields: () => fields,
    procedureAliases: () => aliases,
    listOffices: () => offices,
    getOffice: (id) => officeById.get(id),
    findOffices: (placeText) => places.find(placeText),
    officesFor,
    nearestOffices: (lat, lon, limit = 5) => rankByDistance(offices, lat, lon).slice(0, Math.max(0, limit)),
    isOpenAt: (office: Office, date: Date): OpenState =>
      office.hours.status === 'missing' ? 'unknown' : openAt(office.hours.value.rules, date),
    locationEntries: () => locations,
    listTopics: () => parts.topics,
    findTopic: (text) => bestMentioned(text, parts.topics, (t) => t.keywords),
    formerProvinceIn: (text) => bestMentioned(text, parts.formerProvinces, (p) => formerProvinceNames.get(p) ?? []),
  };
}
