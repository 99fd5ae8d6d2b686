// Keeps the originals behind markers so any cut can be read back byte for byte: a bounded
// in-memory cache for this process in front of a content-addressed directory on disk.
// Limits: `maxBytes` on disk (oldest evicted first), `maxAgeMs` per original, `memoryBytes` in RAM.
// An evicted or expired id leaves a small tombstone, so retrieval can say "expired" rather than "unknown".
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Original } from '../compressors/types';
import { isMarkerId } from '../compressors/shared/markers';

export const DEFAULT_STORE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_STORE_AGE_MS = 7 * 24 * 60 * 60 * 1000;
const DEFAULT_MEMORY_BYTES = 32 * 1024 * 1024;
const MAX_TOMBSTONES = 10_000;
const TOMBSTONE_SUFFIX = '.gone';
/** The directory is rescanned (expiry, size) at the first write and then every this many writes. */
const RESCAN_EVERY = 64;

export interface StoreOptions {
  /** Directory for the on-disk store; omitted: memory only. */
  readonly dir?: string;
  readonly maxBytes?: number;
  readonly maxAgeMs?: number;
  readonly memoryBytes?: number;
  /** Clock, injectable for tests. */
  readonly now?: () => number;
}

export type Lookup =
  | { readonly found: true; readonly bytes: Uint8Array }
  | { readonly found: false; readonly reason: 'expired' | 'unknown' | 'invalid-id'; readonly message: string };

export class OriginalsStore {
  private readonly memory = new Map<string, Uint8Array>();
  private memoryUsed = 0;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly memoryBytes: number;
  private readonly now: () => number;
  private writesSinceScan = RESCAN_EVERY;
  private diskBytesEstimate = 0;

  constructor(private readonly options: StoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_STORE_BYTES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_STORE_AGE_MS;
    this.memoryBytes = options.memoryBytes ?? DEFAULT_MEMORY_BYTES;
    this.now = options.now ?? Date.now;
  }

  get dir(): string | undefined {
    return this.options.dir;
  }

  /** Stores originals (idempotent: the id is the content hash). Never throws; returns ids it could not keep on disk. */
  put(originals: readonly Original[]): string[] {
    const failed: string[] = [];
    for (const original of originals) {
      this.remember(original.id, original.bytes);
      if (!this.options.dir) continue;
      try {
        this.diskBytesEstimate += this.writeToDisk(original);
        this.writesSinceScan++;
      } catch {
        failed.push(original.id);
      }
    }
    if (this.options.dir && (this.writesSinceScan >= RESCAN_EVERY || this.diskBytesEstimate > this.maxBytes)) this.evict();
    return failed;
  }

  get(id: string): Lookup {
    if (!isMarkerId(id)) return { found: false, reason: 'invalid-id', message: `"${id}" is not a marker id: ids are the 12 hex digits after "hr:" in a marker such as [hr:3f9a0c1b2d4e omitted 40 lines L10-49].` };
    const cached = this.memory.get(id);
    if (cached) {
      this.memory.delete(id);
      this.memory.set(id, cached);
      return { found: true, bytes: cached };
    }
    const dir = this.options.dir;
    if (dir) {
      const path = join(dir, id);
      try {
        const stat = statSync(path);
        if (this.now() - stat.mtimeMs > this.maxAgeMs) {
          this.bury(id);
        } else {
          const bytes = new Uint8Array(readFileSync(path));
          this.remember(id, bytes);
          return { found: true, bytes };
        }
      } catch {
        // not on disk: fall through to the tombstone check
      }
      if (this.hasTombstone(id)) {
        return { found: false, reason: 'expired', message: `The original hr:${id} has expired (originals are kept ${describeAge(this.maxAgeMs)} and ${describeSize(this.maxBytes)} at most). Re-run the command or re-read the file to see it again.` };
      }
    }
    return { found: false, reason: 'unknown', message: `No original hr:${id} in this store${dir ? ` (${dir})` : ''}. It was made by another store or process, or has been cleared. Re-run the command or re-read the file to see it again.` };
  }

  /** Removes every original and tombstone. */
  clear(): void {
    this.memory.clear();
    this.memoryUsed = 0;
    if (this.options.dir) rmSync(this.options.dir, { recursive: true, force: true });
  }

  private remember(id: string, bytes: Uint8Array): void {
    if (bytes.length > this.memoryBytes) return;
    if (!this.memory.has(id)) this.memoryUsed += bytes.length;
    this.memory.delete(id);
    this.memory.set(id, bytes);
    for (const [oldest, old] of this.memory) {
      if (this.memoryUsed <= this.memoryBytes) break;
      this.memory.delete(oldest);
      this.memoryUsed -= old.length;
    }
  }

  /** Returns the bytes added to the directory. */
  private writeToDisk(original: Original): number {
    const dir = this.options.dir!;
    const path = join(dir, original.id);
    const time = new Date(this.now());
    try {
      utimesSync(path, time, time); // already stored: refresh its age
      return 0;
    } catch {
      // not there yet
    }
    if (original.bytes.length > this.maxBytes) throw new Error('larger than the whole store');
    mkdirSync(dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, original.bytes);
    utimesSync(temp, time, time);
    renameSync(temp, path);
    rmSync(path + TOMBSTONE_SUFFIX, { force: true });
    return original.bytes.length;
  }

  /** Deletes expired originals, then the oldest until the store fits in `maxBytes`. */
  private evict(): void {
    const dir = this.options.dir!;
    this.writesSinceScan = 0;
    let entries: { id: string; size: number; mtime: number }[];
    try {
      entries = readdirSync(dir)
        .filter(isMarkerId)
        .map((id) => {
          const stat = statSync(join(dir, id));
          return { id, size: stat.size, mtime: stat.mtimeMs };
        });
    } catch {
      return;
    }
    entries.sort((a, b) => a.mtime - b.mtime || (a.id < b.id ? -1 : 1));
    let total = entries.reduce((sum, e) => sum + e.size, 0);
    const now = this.now();
    for (const entry of entries) {
      if (now - entry.mtime <= this.maxAgeMs && total <= this.maxBytes) break;
      this.bury(entry.id);
      total -= entry.size;
    }
    this.diskBytesEstimate = total;
    this.trimTombstones();
  }

  private bury(id: string): void {
    const dir = this.options.dir!;
    rmSync(join(dir, id), { force: true });
    this.memory.delete(id);
    try {
      writeFileSync(join(dir, id + TOMBSTONE_SUFFIX), '');
    } catch {
      // a missing tombstone only makes the message less specific
    }
  }

  private hasTombstone(id: string): boolean {
    try {
      statSync(join(this.options.dir!, id + TOMBSTONE_SUFFIX));
      return true;
    } catch {
      return false;
    }
  }

  private trimTombstones(): void {
    const dir = this.options.dir!;
    const tombstones = readdirSync(dir).filter((name) => name.endsWith(TOMBSTONE_SUFFIX));
    if (tombstones.length <= MAX_TOMBSTONES) return;
    const byAge = tombstones.map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
    for (const { name } of byAge.slice(0, tombstones.length - MAX_TOMBSTONES)) rmSync(join(dir, name), { force: true });
  }
}

/** The CLI's store directory: $HEADROOM_STORE_DIR, else $XDG_CACHE_HOME/headroom/originals, else ~/.cache/headroom/originals. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HEADROOM_STORE_DIR) return env.HEADROOM_STORE_DIR;
  const cache = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'headroom', 'originals');
}

function describeAge(ms: number): string {
  const days = ms / 86_400_000;
  return days >= 1 ? `${Math.round(days)} days` : `${Math.round(ms / 60_000)} minutes`;
}

function describeSize(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
