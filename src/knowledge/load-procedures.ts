/** Loads and validates content/fields.yaml and content/procedures/*.yaml. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { shorthandProblems } from './citizen-text';
import { issuePath, type ContentProblem } from './content-problem';
import { FieldsFileSchema, ProcedureSchema } from './procedure-schema';
import { readYaml } from './read-yaml';
import { PROCEDURE_FIELDS, PROCEDURE_IDS, isProcedureId, type ProcedureId } from './taxonomy';
import type { FieldInfo, Procedure } from './types';

/** What the procedure side of the content holds once valid. */
export interface ProcedureContent {
  procedures: Map<ProcedureId, Procedure>;
  fields: FieldInfo[];
  placeTypes: string[];
  districtTypes: string[];
}

/** Loads fields and procedures; returns everything valid plus every problem found. */
export function loadProcedureContent(contentDir: string): ProcedureContent & { problems: ContentProblem[] } {
  const problems: ContentProblem[] = [];
  const fieldsFile = 'fields.yaml';
  const fieldsYaml = readYaml(join(contentDir, fieldsFile), fieldsFile);
  problems.push(...fieldsYaml.problems);
  let fields: FieldInfo[] = [];
  let placeTypes: string[] = [];
  let districtTypes: string[] = [];
  if (fieldsYaml.problems.length === 0) {
    const parsed = FieldsFileSchema.safeParse(fieldsYaml.data);
    if (parsed.success) {
      fields = parsed.data.fields
        .map((f) => ({ ...f, procedureIds: PROCEDURE_IDS.filter((id) => PROCEDURE_FIELDS[id] === f.id) }))
        .sort((a, b) => a.order - b.order);
      placeTypes = parsed.data.placeTypes;
      districtTypes = parsed.data.districtTypes;
      const ids = new Set(fields.map((f) => f.id));
      for (const fieldId of new Set(Object.values(PROCEDURE_FIELDS)))
        if (!ids.has(fieldId)) problems.push({ file: fieldsFile, field: 'fields', message: `field "${fieldId}" is missing` });
    } else {
      for (const i of parsed.error.issues) problems.push({ file: fieldsFile, field: issuePath(i.path), message: i.message });
    }
  }

  const procedures = new Map<ProcedureId, Procedure>();
  const dir = join(contentDir, 'procedures');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml')) : [];
  for (const name of files.sort()) {
    const file = `procedures/${name}`;
    const id = name.replace(/\.ya?ml$/, '');
    if (!isProcedureId(id)) {
      problems.push({ file, field: '', message: `"${id}" is not a taxonomy procedure id; rename or remove the file` });
      continue;
    }
    const yaml = readYaml(join(dir, name), file);
    problems.push(...yaml.problems);
    if (yaml.problems.length > 0) continue;
    const parsed = ProcedureSchema.safeParse(yaml.data);
    if (!parsed.success) {
      for (const i of parsed.error.issues) problems.push({ file, field: issuePath(i.path), message: i.message });
      continue;
    }
    const fileProblems = crossCheck(parsed.data, id, file);
    problems.push(...fileProblems);
    if (fileProblems.length === 0) procedures.set(id, parsed.data);
  }
  for (const id of PROCEDURE_IDS)
    if (!files.some((f) => f.replace(/\.ya?ml$/, '') === id))
      problems.push({ file: `procedures/${id}.yaml`, field: '', message: 'missing: every taxonomy procedure needs a file' });
  return { procedures, fields, placeTypes, districtTypes, problems };
}

// Checks the schema cannot express: the file name, the taxonomy field and the source tags must agree,
// and no research shorthand reaches citizen-facing text.
function crossCheck(p: Procedure, id: ProcedureId, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  if (p.id !== id) problems.push({ file, field: 'id', message: `"${p.id}" does not match the file name "${id}"` });
  if (p.field !== PROCEDURE_FIELDS[id])
    problems.push({ file, field: 'field', message: `the taxonomy puts "${id}" in "${PROCEDURE_FIELDS[id]}", not "${p.field}"` });
  const tags = new Set(p.sources.map((s) => s.id));
  const check = (field: string, sources: string[] | undefined) => {
    for (const tag of sources ?? [])
      if (!tags.has(tag)) problems.push({ file, field, message: `source "${tag}" is not listed under sources` });
  };
  for (const [key, value] of Object.entries(p)) {
    if (value && typeof value === 'object' && 'status' in value && 'sources' in value)
      check(`${key}.sources`, (value as { sources?: string[] }).sources);
  }
  p.pitfalls.forEach((x, i) => check(`pitfalls.${i}.sources`, x.sources));
  p.outdated.forEach((x, i) => check(`outdated.${i}.sources`, x.sources));
  problems.push(...shorthandProblems(p, file));
  return problems;
}
