import type { TFunction } from 'i18next';
import type { Knowledge, Office } from '../../knowledge';
import type { Handler } from '../handler';
import { menuButton } from '../handlers/menu';
import { facetButtons } from '../procedures/facets';
import { corrections, reviewFooter, translationNotes } from '../procedures/procedure-answer';
import { ContentReader, factCaution } from '../procedures/fact-text';
import { payload, SHARE_LOCATION_PAYLOAD, type Button } from '../reply';
import type { Turn } from '../turn';
import { formerProvinceNotice } from './former-province-notice';
import { describeOffice } from './office-text';

export interface OfficeHandlerDeps {
  knowledge: () => Knowledge;
  now?: () => Date;
  /** Answers a police topic the message names ("khai báo vũ khí ở đâu"); false when it names none. */
  answerTopic?: (turn: Turn) => Promise<boolean>;
  /** A shared location farther than this from every unit is outside the province: said so, not answered with a "nearest". */
  nearestWithinKm: number;
}

const NEAREST = 3;

/** Asks the page or app for the citizen's position; the web chat answers it with an office_location payload. */
function shareLocationButton(t: TFunction): Button {
  return { title: t('office:shareLocation'), payload: SHARE_LOCATION_PAYLOAD };
}
/** Units offered per page when an old district now spans several; "Xem thêm" shows the next page. */
const PAGE_SIZE = 8;

/** A coordinate as the page sends it (decimal degrees), or NaN for anything else: empty, null, "1e400", text. */
function degrees(value: string | undefined): number {
  return value !== undefined && /^[-+]?\d{1,3}(\.\d{1,15})?$/.test(value.trim()) ? Number(value) : Number.NaN;
}

function askPlace(turn: Turn, key = 'office:ask'): Promise<void> {
  const { t } = turn;
  return turn.say({ text: t(key), buttons: [shareLocationButton(t), menuButton(t)] });
}

/** Platforms cap button titles at 20 characters: the area name ("xã Tân Cương"), without its leading unit word when too long. */
function shortLabel(office: Office): string {
  const label = office.area ?? office.name;
  if (label.length <= 20) return label;
  const withoutType = label.replace(/^\S+\s+/, '');
  return withoutType.length <= 20 ? withoutType : `${withoutType.slice(0, 19)}…`;
}

function officeButton(office: Office, intent = 'office_location', title = shortLabel(office)): Button {
  return { title, payload: payload(intent, { location: office.id }) };
}

/** The offices a place text points to (current or former names): an old district maps to several new units. */
function resolvePlace(k: Knowledge, text: string): { offices: Office[]; place: string } | undefined {
  const matches = k.findOffices(text);
  if (matches.length === 0) return undefined;
  const best = matches[0];
  const offices = best.matchedBy === 'district' ? matches.filter((m) => m.matchedBy === 'district').map((m) => m.office) : [best.office];
  return { offices, place: best.matchedName };
}

/**
 * The place a message names. The whole message is searched first, because the parser's location entity
 * points at a commune while the citizen may have said "huyện …" (an old district now split between units);
 * a button payload carries the directory key itself.
 */
function placeOf(turn: Turn, k: Knowledge): { offices: Office[]; place: string } | undefined {
  const key = turn.entity('location');
  const exact = key ? k.getOffice(key) : undefined;
  // A payload carries a directory key, or an old district's name (the "Xem thêm" button of its unit list).
  if (turn.text.startsWith('/')) return exact ? { offices: [exact], place: exact.name } : key ? resolvePlace(k, key) : undefined;
  return resolvePlace(k, turn.text) ?? (exact ? { offices: [exact], place: exact.name } : key ? (resolvePlace(k, key) ?? { offices: [], place: key }) : undefined);
}

/**
 * Offices: by a shared location (nearest units with distance), by a named place (current or former name),
 * with hours and "open now"; without either, ask for the place.
 */
export function createOfficeHandlers(deps: OfficeHandlerDeps) {
  const now = deps.now ?? (() => new Date());

  /** Several units for one old name: every unit named in the text, and their buttons a page at a time. */
  async function answerSeveral(turn: Turn, offices: Office[], place: string, withHours: boolean, notice: string[]): Promise<void> {
    const { t } = turn;
    const pages = Math.ceil(offices.length / PAGE_SIZE);
    const page = Math.min(Math.max(Number(turn.entity('page')) || 1, 1), pages);
    const shown = offices.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const text =
      page === 1
        ? t('office:several', { place, count: offices.length, names: offices.map((o) => o.area ?? o.name).join(', ') })
        : t('office:severalPage', { place, page, pages });
    const intent = withHours ? 'office_hours' : 'office_location';
    const more = page < pages ? [{ title: t('office:more'), payload: payload(intent, { location: place, page: page + 1 }) }] : [];
    await turn.say({ text: [...notice, text].join('\n'), buttons: [...shown.map((o) => officeButton(o, intent)), ...more, menuButton(t)] });
  }

  async function answerOffices(turn: Turn, offices: Office[], place: string, withHours: boolean): Promise<void> {
    const { t } = turn;
    const k = deps.knowledge();
    const notice = [formerProvinceNotice(turn, k)].filter((n): n is string => n !== undefined);
    if (offices.length === 0) {
      await turn.say({ text: [...notice, t('office:notFound', { place })].join('\n'), buttons: [shareLocationButton(t), menuButton(t)] });
      return;
    }
    if (offices.length > 1) return answerSeveral(turn, offices, place, withHours, notice);
    const [office] = offices;
    turn.memory.location = office.id;
    const open = withHours || office.hours.status !== 'missing' ? k.isOpenAt(office, now()) : undefined;
    // A button for the hours only when there are hours to show; the card already says when they are missing.
    const hoursButton = office.hours.status === 'missing' || withHours ? [] : [officeButton(office, 'office_hours', t('office:hoursButton'))];
    await turn.say({ text: [...notice, describeOffice(t, office, { open })].join('\n'), buttons: [...hoursButton, menuButton(t)] });
  }

  async function answerNearest(turn: Turn, lat: number, lon: number): Promise<void> {
    const { t } = turn;
    const nearest = deps.knowledge().nearestOffices(lat, lon, NEAREST);
    if (nearest.length === 0) return askPlace(turn, 'office:noCoordinates');
    if (nearest[0].distanceKm > deps.nearestWithinKm) return askPlace(turn, 'office:outsideProvince');
    turn.memory.location = nearest[0].office.id;
    const cards = nearest.map(({ office, distanceKm }) => describeOffice(t, office, { distanceKm }));
    await turn.say({ text: [t('office:nearest'), ...cards].join('\n\n'), buttons: [...nearest.map((n) => officeButton(n.office)), menuButton(t)] });
  }

  /** "Nơi nộp" for a procedure: where the content says, then the unit for the citizen's place when known; `more` buttons under it. */
  async function answerWhere(turn: Turn, procedureId: string, more: Button[] = []): Promise<void> {
    const { t } = turn;
    const k = deps.knowledge();
    const procedure = k.getProcedure(procedureId)!;
    const reader = new ContentReader(turn.locale);
    const title = reader.read(procedure.title);
    const where = procedure.where.status === 'missing' ? t('procedure:status.missing') : reader.read(procedure.where.value.text);
    const facts = factCaution(t, reader, procedure.where, procedure.sourceUrl);
    // "Lý lịch tư pháp xin ở Sở Tư pháp hay công an?": a where question often repeats where it used to be done.
    const message = turn.text.startsWith('/') ? '' : turn.text;
    // Like every procedure answer, it says when its facts were reviewed; a dossier filed with the former Bắc Kạn police
    // ("nộp ở công an tỉnh Bắc Kạn năm ngoái, giờ hỏi ở đâu") gets the merger explained first.
    const notice = [formerProvinceNotice(turn, k)].filter((n): n is string => n !== undefined);
    const lines = [...notice, t('office:whereIntro', { title, where }), ...translationNotes(t, reader), ...facts, ...corrections(t, reader, procedure, message), reviewFooter(t, procedure)];
    const commune = procedure.where.status !== 'missing' && procedure.where.value.levels.includes('commune');
    const place = turn.memory.location;
    const offices = k.officesFor(procedureId, place ? { placeText: k.getOffice(place)?.name ?? place } : {});
    if (commune && !place) {
      lines.push(t('office:whereAsk'));
      await turn.say({ text: lines.join('\n'), buttons: [shareLocationButton(t), ...more, menuButton(t)] });
      return;
    }
    const shown = offices.slice(0, commune ? 1 : 2);
    await turn.say({ text: [lines.join('\n'), ...shown.map((o) => describeOffice(t, o.office))].join('\n\n'), buttons: [...more, menuButton(t)] });
  }

  const locate = (withHours: boolean): Handler =>
    async (turn) => {
      if (turn.entity('latitude') !== undefined || turn.entity('longitude') !== undefined) {
        const [lat, lon] = [degrees(turn.entity('latitude')), degrees(turn.entity('longitude'))];
        // A shared position comes from the page or app; anything off the globe is a broken or forged payload.
        if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) return askPlace(turn, 'office:badLocation');
        return answerNearest(turn, lat, lon);
      }
      const found = placeOf(turn, deps.knowledge());
      // "Khai báo vũ khí thô sơ ở đâu": a police topic named without a place is answered from content, before the
      // procedure it belongs to ("mất hộ chiếu khi đang ở nước ngoài thì báo ở đâu" is the embassy, not a commune unit).
      if (!found && (await deps.answerTopic?.(turn))) return;
      // "Nộp ở đâu?" right after a procedure answer is about that procedure.
      const procedure = turn.entity('procedure') ?? (found ? undefined : turn.memory.procedure);
      if (!withHours && procedure && deps.knowledge().getProcedure(procedure)) {
        // "Làm tạm trú ở Trưng Vương nộp ở đâu": the place narrows where to apply for the procedure.
        if (found?.offices.length === 1) turn.memory.location = found.offices[0].id;
        turn.memory.procedure = procedure;
        return answerWhere(turn, procedure, facetButtons(turn.t, procedure, ['where']));
      }
      if (found) return answerOffices(turn, found.offices, found.place, withHours);
      const remembered = turn.memory.location && deps.knowledge().getOffice(turn.memory.location);
      if (withHours && remembered) return answerOffices(turn, [remembered], remembered.name, true);
      return askPlace(turn, withHours ? 'office:hoursAsk' : 'office:ask');
    };

  return { officeLocation: locate(false), officeHours: locate(true), answerWhere };
}
