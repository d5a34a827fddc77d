import { ActionTypes, ActivityTypes, type Activity } from 'botbuilder-core';

/** A tappable choice: the title the citizen sees and the payload sent back as the next message. */
export interface Button {
  title: string;
  payload: string;
}

/** What a dialog says: text in the citizen's language plus optional buttons. Channels decide how to draw it. */
export interface Reply {
  text: string;
  buttons?: Button[];
}

/**
 * The payload of a button that asks the citizen's device for its position (the web chat answers it with an
 * office_location payload carrying coordinates). Channels that cannot ask for a position leave the button out.
 */
export const SHARE_LOCATION_PAYLOAD = '/share_location';

/** Builds a Rasa-style button payload: `/intent{"entity":"value"}`, parsed back by the understanding layer. */
export function payload(intent: string, entities?: Record<string, string | number>): string {
  return entities && Object.keys(entities).length ? `/${intent}${JSON.stringify(entities)}` : `/${intent}`;
}

/** Turns a reply into the Activity botbuilder carries to the channel adapter. */
export function replyToActivity(reply: Reply): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text };
  if (reply.buttons?.length) {
    activity.suggestedActions = {
      to: [],
      actions: reply.buttons.map((b) => ({ type: ActionTypes.ImBack, title: b.title, value: b.payload })),
    };
  }
  return activity;
}

/** A reply as a channel collects it: its text, and its buttons when it has some (what activityToReply reads back). */
export function collectedReply(reply: Reply): Reply {
  return reply.buttons?.length ? { text: reply.text, buttons: reply.buttons.map((b) => ({ title: b.title, payload: b.payload })) } : { text: reply.text };
}

/** Reads a reply back out of an outgoing Activity (what renderers draw). */
export function activityToReply(activity: Partial<Activity>): Reply {
  const buttons = (activity.suggestedActions?.actions ?? []).map((a) => ({
    title: String(a.title ?? a.value),
    payload: String(a.value ?? a.title),
  }));
  return buttons.length ? { text: activity.text ?? '', buttons } : { text: activity.text ?? '' };
}
