/** Holds the current Knowledge and swaps it on reload or file change, keeping the last good one. */
import { watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import type { ContentProblem } from './content-problem';
import { importOfficesCsv, type ImportResult } from './import-offices-csv';
import { loadKnowledge, tryLoadKnowledge } from './load-knowledge';
import type { Knowledge } from './types';

/** Outcome of a reload: ok, or why the new content was refused (the previous content stays). */
export interface ReloadResult {
  ok: boolean;
  errors: ContentProblem[];
}

/** Options for the holder. */
export interface KnowledgeHolderOptions {
  /** Quiet period after the last file event before reloading (editors write in bursts). */
  debounceMs?: number;
  /** Called after every reload attempt, e.g. to log refused content. */
  onReload?: (result: ReloadResult) => void;
}

/** Owns the live Knowledge: current(), reload(), watch()/close(), and a CSV import that reloads. */
export class KnowledgeHolder {
  readonly contentDir: string;
  private knowledge: Knowledge;
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly debounceMs: number;
  private readonly onReload?: (result: ReloadResult) => void;

  /** Loads the content at once; throws a ContentError when it is invalid (refuse to boot on bad content). */
  constructor(contentDir: string, options: KnowledgeHolderOptions = {}) {
    this.contentDir = contentDir;
    this.debounceMs = options.debounceMs ?? 300;
    this.onReload = options.onReload;
    this.knowledge = loadKnowledge(contentDir);
  }

  /** The last valid content. */
  current(): Knowledge {
    return this.knowledge;
  }

  /** Re-reads every content file; swaps only when all are valid. */
  reload(): ReloadResult {
    const { knowledge, problems } = tryLoadKnowledge(this.contentDir);
    if (knowledge) this.knowledge = knowledge;
    const result = { ok: knowledge !== undefined, errors: problems };
    this.onReload?.(result);
    return result;
  }

  /** Replaces the office directory from CSV text (all or nothing), then reloads. */
  importOfficesCsv(csvText: string): ImportResult & { reload?: ReloadResult } {
    const result = importOfficesCsv(this.contentDir, csvText);
    return result.ok ? { ...result, reload: this.reload() } : result;
  }

  /** Watches the content dir and procedures/ and reloads after a quiet period. */
  watch(): this {
    if (this.watchers.length > 0) return this;
    const onEvent = (_event: string, name: string | Buffer | null) => {
      // Temp files of atomic writes and editor swap files start with a dot; the rename that follows is what counts.
      if (name && String(name).startsWith('.')) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.reload(), this.debounceMs);
    };
    for (const dir of [this.contentDir, join(this.contentDir, 'procedures')]) this.watchers.push(watch(dir, onEvent));
    return this;
  }

  /** Stops watching. */
  close(): void {
    clearTimeout(this.timer);
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }
}
