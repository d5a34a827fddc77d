import type { TFunction } from 'i18next';
import { formatVietnamDate } from '../../dossiers/format-date';
import type { ChannelUser, DeliveryRow } from '../../store/ports';
import { csvCell } from '../../util/csv-cell';

const COLUMNS = ['channel', 'recipient', 'outcome', 'reason', 'updatedAt'] as const;
const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The delivery report's CSV header, in the staff's words (console:deliveries.columns), with the BOM Excel needs for UTF-8. */
export function deliveryCsvHeader(t: TFunction): string {
  return `\uFEFF${COLUMNS.map((c) => csvCell(t(`console:deliveries.columns.${c}`))).join(',')}\r\n`;
}

/** One recipient as a CSV line: channel name, id, outcome and reason in words (the platform's code kept), Vietnam time. */
export function deliveryCsvLine(row: DeliveryRow, t: TFunction): string {
  const cells = [
    t(`console:channels.${row.channel}`, { defaultValue: row.channel }),
    row.userId,
    t(`console:deliveries.outcomes.${row.outcome}`, { defaultValue: row.outcome }),
    row.reason === undefined ? '' : reasonWords(row.reason, t),
    vietnamDateTime(row.updatedAt),
  ];
  return `${cells.map((c) => csvCell(c)).join(',')}\r\n`;
}

/** `rejected:-201` reads as the words of `rejected` with Zalo's code after them; an unknown reason shows as it is. */
function reasonWords(reason: string, t: TFunction): string {
  const split = reason.indexOf(':');
  const [base, code] = split < 0 ? [reason, undefined] : [reason.slice(0, split), reason.slice(split + 1)];
  const words = t(`console:deliveries.reasons.${base}`, { defaultValue: '' });
  if (!words) return reason;
  return code ? t('console:deliveries.platformCode', { reason: words, code }) : words;
}

function vietnamDateTime(at: Date): string {
  return `${formatVietnamDate(at)} ${new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(11, 19)}`;
}

/** Every delivery row of an announcement, a page at a time (never all in memory). */
export async function* deliveryPages(
  deliveries: (limit: number, after?: ChannelUser) => Promise<DeliveryRow[]>,
  pageSize: number,
): AsyncGenerator<DeliveryRow[]> {
  let after: ChannelUser | undefined;
  for (;;) {
    const page = await deliveries(pageSize, after);
    if (page.length) yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1];
  }
}
