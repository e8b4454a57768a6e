// Lets long calls of every lane run side by side, except one that must run alone (#14).

/**
 * Long calls of every lane run side by side ('shared'), except an exclusive one (a restore
 * replaces the library file): it waits until none runs, and holds every later one until it ends.
 */
export class ExclusiveGate {
  private sharedRunning = 0;
  private exclusiveRun: Promise<void> | null = null;
  private drained: Array<() => void> = [];

  async shared<T>(call: () => Promise<T>): Promise<T> {
    while (this.exclusiveRun) await this.exclusiveRun;
    this.sharedRunning++;
    try {
      return await call();
    } finally {
      if (--this.sharedRunning === 0) for (const resolve of this.drained.splice(0)) resolve();
    }
  }

  async exclusive<T>(call: () => Promise<T>): Promise<T> {
    while (this.exclusiveRun) await this.exclusiveRun;
    let release!: () => void;
    this.exclusiveRun = new Promise<void>((resolve) => (release = resolve));
    try {
      while (this.sharedRunning > 0) await new Promise<void>((resolve) => this.drained.push(resolve));
      return await call();
    } finally {
      this.exclusiveRun = null;
      release();
    }
  }
}
