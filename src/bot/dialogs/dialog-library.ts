/**
 * The botbuilder-dialogs classes the assistant runs, each from its own file. The package index also loads every
 * Recognizers-Text culture (date-time, number and choice recognisers for prompts we never use): importing these
 * from their files instead saves ~30 MB of memory and ~0.6 s of start-up (docs/performance.md). The layout is that of
 * the pinned botbuilder-dialogs 4.23.3; types still come from the package index (`import type` costs nothing at run time).
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { DialogContext } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { TextPrompt } from 'botbuilder-dialogs/lib/prompts/textPrompt';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
