/** Where fetched pages go: a folder filled under a temporary name and put in place when complete. */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export class PageFolder {
  private readonly partial: string;
  pages = 0;

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    rmSync(this.partial, { recursive: true, force: true });
    mkdirSync(this.partial, { recursive: true });
  }

  /** Writes one API answer as it came, so the importer reads exactly what the API said. */
  write(prefix: string, text: string): void {
    this.pages++;
    writeFileSync(join(this.partial, `${prefix}-${String(this.pages).padStart(4, '0')}.json`), text);
  }

  /** Replaces whatever an earlier fetch left at `path`. */
  complete(): void {
    rmSync(this.path, { recursive: true, force: true });
    mkdirSync(dirname(this.path), { recursive: true });
    renameSync(this.partial, this.path);
  }

  discard(): void {
    rmSync(this.partial, { recursive: true, force: true });
  }
}
