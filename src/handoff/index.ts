import type { Router } from 'express';
import type { AdminAuth } from '../admin';
import { createAuditTrail } from '../admin/audit-trail';
import type { Handler } from '../bot/handler';
import type { OfficerPresence } from '../bot/officer-presence';
import type { HandoffControl, OfficerSignals } from '../channels/officer-signals';
import type { ChannelSender } from '../channels/outbound/channel-sender';
import type { Translator } from '../i18n/translator';
import type { Logger } from '../ops/logger';
import type { Store } from '../store/ports';
import { systemClock, type Clock } from '../store/store-options';
import { createHandoffChat } from './chat/handoff-chat';
import type { DutySchedule } from './duty-hours';
import { createHandoffNotices } from './handoff-notices';
import { createHandoffService, type HandoffService } from './handoff-service';
import { createHandoffRoutes } from './http/handoff-routes';

export type { DutySchedule } from './duty-hours';
export type { Delivery, DeliveryFailure, HandoffService } from './handoff-service';

/** What the hand-off module is built from; the channels fill `senders` and `controls`, keyed by channel name. */
export interface HandoffModuleDeps {
  store: Pick<Store, 'handoffs' | 'audit'>;
  senders: ReadonlyMap<string, ChannelSender>;
  /** Channels with a thread-control protocol (Messenger's handover); others have none. */
  controls: ReadonlyMap<string, HandoffControl>;
  translator: Translator;
  auth: Pick<AdminAuth, 'requireRole'>;
  schedule: DutySchedule;
  /** How long the bot stays quiet after an officer wrote from the platform's own tool (HANDOFF_BOT_PAUSE_MINUTES). */
  pauseMs: number;
  logger: Logger;
  now?: Clock;
}

/** The human hand-off: the desk's API, the chat handler, the bot's presence check, and the platforms' officer signals. */
export interface HandoffModule {
  router: Router;
  handlers: { human_agent: Handler };
  presence: OfficerPresence;
  /** For channel routers: an officer wrote from the platform's tool, or its inbox handed the citizen back. */
  signals: OfficerSignals;
  service: HandoffService;
}

/** Assembles the hand-off module. */
export function createHandoffModule(deps: HandoffModuleDeps): HandoffModule {
  const now = deps.now ?? systemClock;
  const service = createHandoffService({
    handoffs: deps.store.handoffs,
    senders: deps.senders,
    controls: deps.controls,
    notices: createHandoffNotices(deps.translator),
    audit: createAuditTrail(deps.store.audit, now),
    schedule: deps.schedule,
    pauseMs: deps.pauseMs,
    now,
    logger: deps.logger,
  });
  const chat = createHandoffChat(service, deps.schedule);
  return {
    router: createHandoffRoutes({ service, handoffs: deps.store.handoffs, auth: deps.auth }),
    handlers: { human_agent: chat.handler },
    presence: chat.presence,
    signals: { officerSpoke: service.officerSpoke, handedBack: service.handedBack },
    service,
  };
}
