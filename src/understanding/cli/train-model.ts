/**
 * Run by `npm run build`: trains the parser for the shipped intents and content and leaves the model beside the
 * compiled code (dist/model-cache), where the assistant looks after its data folder. A first start from a fresh build
 * then restores it instead of training (docs/performance.md). Other content trains at start, as before.
 */
import path from 'node:path';
import { projectRoot } from '../../config';
import { loadKnowledge } from '../../knowledge';
import { saveYamlCache, useYamlCache } from '../../util/yaml-cache';
import { createParser } from '..';
import { UNDERSTANDING_YAML_CACHE } from '../parse-thread';

// Beside the compiled code: dist/model-cache, the folder assistant.ts reads after the data folder.
const cacheDir = path.resolve(__dirname, '..', '..', 'model-cache');
// The content and training files parsed here are kept there too (src/util/yaml-cache.ts), each in the file of the
// thread that reads it at start: the content in the main thread's, the training files in the understanding worker's.
useYamlCache([cacheDir]);
const knowledge = loadKnowledge(path.join(projectRoot, 'content'));
saveYamlCache();
useYamlCache([cacheDir], UNDERSTANDING_YAML_CACHE);
const started = performance.now();
createParser({
  intentsDir: path.join(projectRoot, 'intents'),
  procedureAliases: knowledge.procedureAliases(),
  locations: knowledge.locationEntries(),
  cacheDirs: [cacheDir],
});
saveYamlCache();
console.log(`model for the shipped content saved in ${cacheDir} (${Math.round(performance.now() - started)} ms)`);
