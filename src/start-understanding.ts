/**
 * The content and the understanding's build, begun before the rest of the assistant is loaded: `src/main.ts` starts the
 * understanding's worker before its own modules, and calls this as soon as the configuration is read, so the worker
 * builds (restoring the model, the analyser's indexes) while the main thread loads and composes the rest
 * (docs/performance.md, "Start-to-ready round"). `createAssistant` takes what this returns, or calls it itself.
 * Readiness is unchanged: nothing listens before `ready()` has resolved (src/assistant.ts).
 */
import path from 'node:path';
import type { Config } from './config';
import { KnowledgeHolder, type Knowledge } from './knowledge';
import type { Logger } from './ops/logger';
import { ParseThread } from './understanding/parse-thread';
import type { ParserOptions } from './understanding/types';
import { saveYamlCache, useYamlCache } from './util/yaml-cache';

/**
 * Trained models are kept under the data folder, so a restart restores them instead of training (docs/performance.md);
 * `npm run build` leaves one for the shipped content beside the compiled code, so even a first start skips training.
 */
export function modelCacheDirs(config: Config): string[] {
  return [path.join(config.dataDir, 'model-cache'), path.join(__dirname, 'model-cache')];
}

/** The live content and the understanding built (or building) from it. */
export interface StartedUnderstanding {
  knowledge: KnowledgeHolder;
  understanding: ParseThread;
}

/**
 * Reads the content (a bad file throws, naming it) and has `thread` (started without options, or a new one) build the
 * understanding from it; a content reload rebuilds it, and a refused reload is logged.
 */
export function startUnderstanding(config: Config, logger: Logger, thread?: ParseThread): StartedUnderstanding {
  // Parsed content and training files are cached where the models are, and saved once start-up has read them all.
  useYamlCache(modelCacheDirs(config));
  const parserOptions = (k: Knowledge): ParserOptions => ({
    intentsDir: config.intentsDir,
    procedureAliases: k.procedureAliases(),
    locations: k.locationEntries(),
    cacheDirs: modelCacheDirs(config),
  });
  const knowledge: KnowledgeHolder = new KnowledgeHolder(config.contentDir, {
    onReload: (result) => {
      if (result.ok) {
        // Texts asked for from now on are understood with the new content; the worker keeps its parser if this fails.
        understanding.rebuild(parserOptions(knowledge.current())).catch((err: unknown) => logger.error({ err }, 'understanding not rebuilt after the content reload; the previous one answers'));
        saveYamlCache();
      } else logger.warn({ errors: result.errors }, 'content reload refused; previous content kept');
    },
  });
  const understanding = thread ?? new ParseThread();
  void understanding.build(parserOptions(knowledge.current())).catch(() => undefined);
  return { knowledge, understanding };
}
