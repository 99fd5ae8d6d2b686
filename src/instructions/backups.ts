// Byte-exact backups of instruction files Headroom rewrote, kept outside the workspace (in the
// extension's storage) so Copilot never reads them as instructions. A manifest records, per file,
// the backup, the hash of the original and the hash of what Headroom wrote — restore uses them to
// tell "still as Headroom left it" from "edited since".
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BackupEntry {
  /** The instruction file, relative to the workspace root. */
  readonly path: string;
  /** The backup's file name in the backup folder. */
  readonly backup: string;
  readonly originalSha256: string;
  readonly writtenSha256: string;
  /** ISO time of the rewrite. */
  readonly at: string;
}

const MANIFEST = 'manifest.json';
// `.github/instructions/a b.md` → `.github_instructions_a_b.md`: one flat, safe file name
const UNSAFE_NAME_CHARS = /[^A-Za-z0-9._-]/g;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export class InstructionBackups {
  /** `dir` belongs to one workspace folder. */
  constructor(readonly dir: string, private readonly now: () => Date = () => new Date()) {}

  list(): BackupEntry[] {
    const path = join(this.dir, MANIFEST);
    if (!existsSync(path)) return [];
    try {
      const parsed = JSON.parse(readFileSync(path, 'utf8')) as { entries?: BackupEntry[] };
      return Array.isArray(parsed.entries) ? parsed.entries : [];
    } catch {
      return [];
    }
  }

  /** Keeps `original` for `path` and records what was written; verified by reading the backup back. */
  save(path: string, original: Uint8Array, written: Uint8Array): { ok: true; entry: BackupEntry } | { ok: false; error: string } {
    try {
      mkdirSync(this.dir, { recursive: true });
      const originalSha256 = sha256(original);
      const backup = `${originalSha256.slice(0, 12)}-${path.replace(UNSAFE_NAME_CHARS, '_')}`;
      const file = join(this.dir, backup);
      writeFileSync(file, original);
      if (sha256(readFileSync(file)) !== originalSha256) return { ok: false, error: `the backup ${file} does not read back the same` };
      const entry: BackupEntry = { path, backup, originalSha256, writtenSha256: sha256(written), at: this.now().toISOString() };
      // A file compressed again keeps its first original: that is what the user wants back.
      const earlier = this.list().find((e) => e.path === path);
      const keep = earlier && earlier.writtenSha256 === originalSha256 ? { ...entry, backup: earlier.backup, originalSha256: earlier.originalSha256 } : entry;
      if (keep.backup !== backup) rmSync(file, { force: true });
      this.writeManifest([...this.list().filter((e) => e.path !== path), keep]);
      return { ok: true, entry: keep };
    } catch (error) {
      return { ok: false, error: (error as Error).message };
    }
  }

  read(entry: BackupEntry): { ok: true; bytes: Buffer } | { ok: false; error: string } {
    try {
      const bytes = readFileSync(join(this.dir, entry.backup));
      if (sha256(bytes) !== entry.originalSha256) return { ok: false, error: `the backup of ${entry.path} is damaged (its hash changed)` };
      return { ok: true, bytes };
    } catch (error) {
      return { ok: false, error: `the backup of ${entry.path} cannot be read: ${(error as Error).message}` };
    }
  }

  /** Drops the entry for `path` and its backup file. */
  forget(path: string): void {
    const entries = this.list();
    const gone = entries.filter((e) => e.path === path);
    this.writeManifest(entries.filter((e) => e.path !== path));
    for (const e of gone) if (!entries.some((o) => o.path !== path && o.backup === e.backup)) rmSync(join(this.dir, e.backup), { force: true });
  }

  private writeManifest(entries: readonly BackupEntry[]): void {
    mkdirSync(this.dir, { recursive: true });
    const temp = join(this.dir, `${MANIFEST}.tmp`);
    writeFileSync(temp, JSON.stringify({ entries }, null, 2) + '\n');
    renameSync(temp, join(this.dir, MANIFEST));
  }
}
