/** What a bench hands back to `npm run bench` besides the lines it prints: the figures that have a target. */
export interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

/** How a bench is run: `--quick` asks for a short run (fewer records, seconds instead of tens of seconds). */
export interface BenchOptions {
  quick: boolean;
}

export const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
