import type { TFunction } from 'i18next';
import { menuButton } from '../../bot/handlers/menu';
import { payload, type Button } from '../../bot/reply';

/** After subscribing: a way to stop, and the menu. */
export function subscribedButtons(t: TFunction, code: string): Button[] {
  return [{ title: t('dossier:buttons.unsubscribe'), payload: payload('dossier_status', { dossier_code: code, dossier_action: 'unsubscribe' }) }, menuButton(t)];
}
