/** Zod schema for one row of content/offices.csv and the Office it becomes. */
import { z } from 'zod';
import { KnownStatusSchema } from './fact-schema';
import { parseHours } from './hours';
import { isProcedureId, type ProcedureId } from './taxonomy';

/** The CSV header, in order. Multi-valued cells use "|". */
export const OFFICE_COLUMNS = [
  'id',
  'kind',
  'unit_code',
  'name',
  'area',
  'former_units',
  'former_districts',
  'aliases',
  'procedures',
  'address',
  'address_status',
  'phone',
  'phone_status',
  'hours',
  'hours_status',
  'lat',
  'lon',
  'coord_status',
  'check_at',
  'sources',
  'note',
  'reviewed_at',
] as const;

/** A CSV column name. */
export type OfficeColumn = (typeof OFFICE_COLUMNS)[number];

const list = (cell: string) => cell.split('|').map((v) => v.trim()).filter(Boolean);
const FactStatus = z.enum([...KnownStatusSchema.options, 'missing']);
const cell = z.string().transform((v) => v.trim());

/** One raw CSV row (every column a string); refinements name the offending column in the issue path. */
export const OfficeRowSchema = z
  .strictObject({
    id: cell.pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case ascii words joined by "-"')),
    kind: cell.pipe(z.enum(['commune', 'provincial', 'service-centre'])),
    unit_code: cell.pipe(z.string().regex(/^(\d{5})?$/, 'a 5-digit commune code, or empty')),
    name: cell.pipe(z.string().min(1, 'required')),
    area: cell,
    former_units: cell,
    former_districts: cell,
    aliases: cell,
    procedures: cell,
    address: cell,
    address_status: cell.pipe(FactStatus),
    phone: cell,
    phone_status: cell.pipe(FactStatus),
    hours: cell,
    hours_status: cell.pipe(FactStatus),
    lat: cell,
    lon: cell,
    coord_status: cell.pipe(z.enum(['exact', 'approximate', 'missing'])),
    check_at: cell.pipe(z.url({ protocol: /^https?$/ })),
    sources: cell,
    note: cell,
    reviewed_at: cell.pipe(z.iso.date()),
  })
  .superRefine((row, ctx) => {
    const issue = (path: OfficeColumn, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    for (const [value, status] of [
      ['address', 'address_status'],
      ['phone', 'phone_status'],
      ['hours', 'hours_status'],
    ] as const) {
      if (row[status] === 'missing' && row[value] !== '') issue(status, `is "missing" but ${value} has a value`);
      if (row[status] !== 'missing' && row[value] === '') issue(value, `is empty but ${status} is "${row[status]}"`);
    }
    if (row.hours !== '') {
      const parsed = parseHours(row.hours);
      if (typeof parsed === 'string') issue('hours', parsed);
    }
    for (const id of list(row.procedures)) if (!isProcedureId(id)) issue('procedures', `unknown procedure id "${id}"`);
    if (row.kind === 'commune' && list(row.procedures).length === 0) issue('procedures', 'a commune unit must list its procedures');
    if (row.kind === 'commune' && row.unit_code === '') issue('unit_code', 'a commune unit needs its 5-digit code');
    if (row.coord_status === 'missing') {
      if (row.lat !== '' || row.lon !== '') issue('coord_status', 'is "missing" but lat/lon have values');
    } else {
      const lat = Number(row.lat);
      const lon = Number(row.lon);
      if (row.lat === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) issue('lat', 'a latitude in degrees is required');
      if (row.lon === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) issue('lon', 'a longitude in degrees is required');
    }
  })
  .transform((row) => toOffice(row));

type Row = {
  [K in OfficeColumn]: string;
};

/** A fact with a status flag, or missing. */
export type OfficeFact<T> = { status: 'missing' } | { status: z.infer<typeof KnownStatusSchema>; value: T };

function fact<T>(status: string, value: T): OfficeFact<T> {
  return status === 'missing' ? { status: 'missing' } : { status: status as z.infer<typeof KnownStatusSchema>, value };
}

function toOffice(row: Row) {
  const hours = row.hours === '' ? undefined : parseHours(row.hours);
  return {
    id: row.id,
    kind: row.kind as 'commune' | 'provincial' | 'service-centre',
    unitCode: row.unit_code || undefined,
    name: row.name,
    area: row.area || undefined,
    formerUnits: list(row.former_units),
    formerDistricts: list(row.former_districts),
    aliases: list(row.aliases),
    procedures: list(row.procedures) as ProcedureId[],
    address: fact(row.address_status, row.address),
    phone: fact(row.phone_status, row.phone),
    hours: fact(row.hours_status, { text: row.hours, rules: typeof hours === 'object' ? hours : [] }),
    location:
      row.coord_status === 'missing'
        ? ({ status: 'missing' } as const)
        : { status: row.coord_status as 'exact' | 'approximate', lat: Number(row.lat), lon: Number(row.lon) },
    checkAt: row.check_at,
    sources: list(row.sources),
    note: row.note || undefined,
    reviewedAt: row.reviewed_at,
  };
}
