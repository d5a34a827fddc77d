/** The value below which `p` percent of the sorted samples fall (nearest-rank). */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** A start of a built server: wall and CPU time to its first 200 on /healthz (processes.ts `startAssistant`). */
export interface StartTime {
  readyMs: number;
  readyCpuMs: number;
}

/** The start whose wall time is the median (the upper one of an even count). */
export function medianStart<S extends StartTime>(starts: readonly S[]): S {
  return [...starts].sort((a, b) => a.readyMs - b.readyMs)[Math.floor(starts.length / 2)];
}

/** A start as the reports print it: "1097 ms (1400 ms CPU)". */
export function startText(start: StartTime): string {
  return `${Math.round(start.readyMs)} ms (${start.readyCpuMs} ms CPU)`;
}
