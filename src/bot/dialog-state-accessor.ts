import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { ConversationMemory } from './memory';

const memoryKey = Symbol('conversation-memory');

/** Makes this turn's memory reachable from the dialog-state accessor. */
export function attachMemory(context: TurnContext, memory: ConversationMemory): void {
  context.turnState.set(memoryKey, memory);
}

function memoryOf(context: TurnContext): ConversationMemory {
  const memory = context.turnState.get(memoryKey) as ConversationMemory | undefined;
  if (!memory) throw new Error('No conversation memory attached to this context');
  return memory;
}

/**
 * botbuilder's DialogSet reads its stack through this accessor. It points into our own memory
 * (loaded and saved once per turn with an eTag), instead of BotState, which always writes with eTag '*'.
 */
export class DialogStateAccessor implements StatePropertyAccessor<DialogState> {
  async get(context: TurnContext, defaultValue?: DialogState): Promise<DialogState> {
    const memory = memoryOf(context);
    if (!memory.dialogState && defaultValue) memory.dialogState = structuredClone(defaultValue);
    return memory.dialogState as DialogState;
  }

  async set(context: TurnContext, value: DialogState): Promise<void> {
    memoryOf(context).dialogState = value;
  }

  async delete(context: TurnContext): Promise<void> {
    delete memoryOf(context).dialogState;
  }
}
