// Keeps the ledger across reloads in one JSON-lines file in the extension's storage. Each window
// appends its own entries (appends of one short line do not interleave), and the file is rewritten
// compactly (folded totals + the recent entries) when it has grown past twice the entries it keeps.
// Bad lines are skipped, never fatal. No vscode.
import { appendFile, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Ledger, type Aggregate, type LedgerEntry } from './ledger';

const VERSION = 1;
/** A file larger than this is not ours to parse (or was damaged): it is set aside and a new one started. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

type Line = { v: number; entry: LedgerEntry } | { v: number; folded: Aggregate };

export interface Persisted {
  readonly folded?: Aggregate;
  readonly entries: readonly LedgerEntry[];
  /** Lines that could not be read. */
  readonly skipped: number;
}

export class LedgerFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly path: string, private readonly maxEntries: number) {}

  /** Reads the file (missing: empty), compacting it first when it has grown too long. */
  load(): Promise<Persisted> {
    return this.enqueue(async () => {
      const persisted = await this.read();
      if (persisted.entries.length > 2 * this.maxEntries || persisted.skipped > 0) await this.rewrite(persisted);
      return persisted;
    });
  }

  /** Appends one entry; failures are reported to `onError`, never thrown. */
  append(entry: LedgerEntry, onError: (error: unknown) => void = () => undefined): Promise<void> {
    return this.enqueue(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${JSON.stringify({ v: VERSION, entry } satisfies Line)}\n`);
    }).catch(onError);
  }

  /** Replaces the file with nothing (after the user cleared the history). */
  clear(): Promise<void> {
    return this.enqueue(() => writeFile(this.path, ''));
  }

  /** Resolves when every write so far is on disk. */
  flush(): Promise<void> {
    return this.enqueue(async () => undefined);
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<Persisted> {
    let size: number;
    try {
      size = (await stat(this.path)).size;
    } catch {
      return { entries: [], skipped: 0 };
    }
    if (size > MAX_FILE_BYTES) {
      await rename(this.path, `${this.path}.too-large`);
      return { entries: [], skipped: 1 };
    }
    const text = await readFile(this.path, 'utf8');
    const entries: LedgerEntry[] = [];
    let folded: Aggregate | undefined;
    let skipped = 0;
    for (const raw of text.split('\n')) {
      if (!raw.trim()) continue;
      try {
        const line = JSON.parse(raw) as Line;
        if ('entry' in line && line.entry && typeof line.entry === 'object') entries.push(line.entry);
        else if ('folded' in line && line.folded && typeof line.folded === 'object') folded = folded ? combine(folded, line.folded) : line.folded;
        else skipped++;
      } catch {
        skipped++;
      }
    }
    return { folded, entries, skipped };
  }

  /** Writes folded totals + the newest entries to a temporary file and moves it over the old one. */
  private async rewrite(persisted: Persisted): Promise<void> {
    const ledger = new Ledger({ maxEntries: this.maxEntries });
    ledger.load(persisted);
    const { folded, entries } = ledger.snapshot();
    const lines = [JSON.stringify({ v: VERSION, folded } satisfies Line), ...entries.map((entry) => JSON.stringify({ v: VERSION, entry } satisfies Line))];
    const temp = `${this.path}.${process.pid}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(temp, `${lines.join('\n')}\n`);
    await rename(temp, this.path);
  }
}

function combine(a: Aggregate, b: Aggregate): Aggregate {
  const ledger = new Ledger();
  ledger.load({ folded: a });
  ledger.load({ folded: b });
  return ledger.snapshot().folded;
}
