/**
 * Whether a channel can talk to its platform: a refused credential makes it not ready (for /readyz and an alert)
 * until a call goes through again.
 */
export class ChannelHealth {
  private problem: string | undefined;

  /** `onChange` hears every switch between ready and not ready (logs, a metric for alerts). */
  constructor(
    readonly channel: string,
    private readonly onChange: (ready: boolean, problem?: string) => void = () => undefined,
  ) {}

  /** The platform refused our credentials. */
  refused(problem: string): void {
    const was = this.problem;
    this.problem = problem;
    if (was === undefined) this.onChange(false, problem);
  }

  /** A call went through: the credentials work. */
  accepted(): void {
    if (this.problem === undefined) return;
    this.problem = undefined;
    this.onChange(true);
  }

  /** Readiness check: throws naming the problem while the credentials are refused. */
  async check(): Promise<void> {
    if (this.problem !== undefined) throw new Error(this.problem);
  }
}
