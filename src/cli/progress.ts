/** A one-line progress display on stderr for long runs; silent when stderr is not a terminal. */
export class Progress {
  private count = 0;
  private lastDraw = 0;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {}

  tick(note = ''): void {
    this.count++;
    const now = Date.now();
    if (this.total > 1 && this.stream.isTTY && (now - this.lastDraw > 100 || this.count === this.total)) {
      this.lastDraw = now;
      const width = 30;
      const filled = Math.round((this.count / this.total) * width);
      this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.count}/${this.total} ${this.label} ${note}`.padEnd(100).slice(0, 100));
    }
  }

  done(): void {
    if (this.total > 1) {
      const seconds = (Date.now() - this.started) / 1000;
      if (this.stream.isTTY) this.stream.write('\n');
      this.stream.write(`${this.count} ${this.label} in ${seconds.toFixed(1)} s\n`);
    }
  }
}
