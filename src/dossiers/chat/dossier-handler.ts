import type { Handler } from '../../bot/handler';
import { menuButton } from '../../bot/handlers/menu';
import { normaliseDossierCode } from '../dossier-code';
import { citizenActor } from '../lookup-audit';
import type { DossierChatDeps } from './dossier-chat-deps';
import { DOSSIER_DIALOG, type DossierDialogOptions } from './dossier-dialog';
import { subscribedButtons } from './subscribed-buttons';

/**
 * `dossier_status`: starts the lookup dialog with the code the parser found (if any). Button payloads may carry
 * `dossier_action`: `subscribe` (done at once when the citizen verified this code moments ago, else after verifying)
 * or `unsubscribe` (needs no proof: it reveals nothing and only stops messages to this very conversation).
 */
export function createDossierHandler(deps: Pick<DossierChatDeps, 'dossiers' | 'guard' | 'audit'>): Handler {
  return async (turn) => {
    const raw = turn.entity('dossier_code');
    const code = raw ? normaliseDossierCode(raw) : undefined;
    const action = turn.entity('dossier_action');
    const user = { channel: turn.channel, userId: turn.userId };
    if (code && action === 'unsubscribe') {
      await deps.dossiers.unwatch(code, user);
      await turn.say({ text: turn.t('dossier:unsubscribed', { code }), buttons: [menuButton(turn.t)] });
      return;
    }
    if (code && action === 'subscribe' && (await deps.guard.isVerified(user, code))) {
      await deps.dossiers.watch(code, { ...user, locale: turn.locale });
      await deps.audit(citizenActor(user), 'dossier.subscribe', code);
      await turn.say({ text: turn.t('dossier:subscribed', { code }), buttons: subscribedButtons(turn.t, code) });
      return;
    }
    const options: DossierDialogOptions = { subscribe: action === 'subscribe' };
    if (code) options.code = code;
    await turn.dialogs.beginDialog(DOSSIER_DIALOG, options);
  };
}
