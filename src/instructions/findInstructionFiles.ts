// The instruction files Copilot adds to requests: `.github/copilot-instructions.md`,
// `.github/instructions/**/*.instructions.md`, `AGENTS.md`, `CLAUDE.md` (and `.claude/CLAUDE.md`).
// Headroom's own terse-mode file is left out: it is written terse already.
import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { TERSE_FILE } from './terse';

const FIXED = ['.github/copilot-instructions.md', 'AGENTS.md', 'CLAUDE.md', '.claude/CLAUDE.md'];
const INSTRUCTIONS_DIR = '.github/instructions';
/** Bounds on the walk of `.github/instructions`, so a strange tree cannot stall the command. */
const MAX_DEPTH = 8;
const MAX_FILES = 500;

/** Relative `/`-separated paths of the instruction files under `root`, in a stable order. */
export function findInstructionFiles(root: string): string[] {
  const found: string[] = [];
  for (const path of FIXED) if (isFile(join(root, path))) found.push(path);
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return; // missing folder, or unreadable
    }
    for (const name of names) {
      const path = join(dir, name);
      let stat;
      try {
        stat = lstatSync(path); // symbolic links are not followed: they may point outside the workspace
      } catch {
        continue;
      }
      if (stat.isDirectory()) walk(path, depth + 1);
      else if (stat.isFile() && name.endsWith('.instructions.md')) {
        const rel = relative(root, path).split(sep).join('/');
        if (rel !== TERSE_FILE && found.length < MAX_FILES) found.push(rel);
      }
    }
  };
  walk(join(root, INSTRUCTIONS_DIR), 0);
  return found;
}

function isFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
