/**
 * A progress bar for long command-line work (install, seeding, reindex, export): redraws one line on a
 * terminal, prints a line per 10 % otherwise (CI logs), and always ends with the rate achieved.
 */
export class Progress {
  private readonly started = performance.now();
  private lastDecile = -1;
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private total: number,
    private readonly out: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Updates the known total (e.g. once a count arrives). */
  setTotal(total: number): void {
    this.total = total;
  }

  /** Reports `done` units finished so far. */
  update(done: number): void {
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 0;
    if (this.out.isTTY) {
      const now = performance.now();
      if (now - this.lastDraw < 100 && done < this.total) return;
      this.lastDraw = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      this.out.write(
        `\r${this.label} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(fraction * 100).toFixed(1)}% ${done}/${this.total} ${this.rate(done)}/s `,
      );
      return;
    }
    const decile = Math.floor(fraction * 10);
    if (decile > this.lastDecile) {
      this.lastDecile = decile;
      this.out.write(`${this.label}: ${decile * 10}% (${done}/${this.total}, ${this.rate(done)}/s)\n`);
    }
  }

  /** Ends the bar and returns elapsed seconds. */
  finish(done: number): number {
    const seconds = (performance.now() - this.started) / 1000;
    if (this.out.isTTY) this.out.write('\n');
    this.out.write(`${this.label}: ${done} in ${seconds.toFixed(1)} s (${this.rate(done)}/s)\n`);
    return seconds;
  }

  private rate(done: number): string {
    const seconds = (performance.now() - this.started) / 1000;
    return seconds > 0 ? Math.round(done / seconds).toString() : '0';
  }
}
