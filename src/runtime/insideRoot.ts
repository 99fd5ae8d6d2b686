// Confines a path a model or a user supplied to one of a set of root folders. Symbolic links are
// resolved first, so `link-to-etc/passwd` inside the root is still outside it. No vscode import.
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

export type Confined = { readonly ok: true; readonly path: string; readonly root: string } | { readonly ok: false; readonly error: string };

/**
 * Resolves `path` (absolute, or relative to the first root) and returns it when it lies inside one
 * of `roots`. A path that does not exist yet is checked through its nearest existing parent.
 */
export function insideRoot(roots: readonly string[], path: string): Confined {
  if (roots.length === 0) return { ok: false, error: 'no workspace folder is open' };
  if (path.includes('\0')) return { ok: false, error: 'the path contains a NUL character' };
  const wanted = isAbsolute(path) ? resolve(path) : resolve(roots[0], path);
  const real = realExisting(wanted);
  for (const root of roots) {
    const realRoot = realExisting(resolve(root));
    if (real === realRoot || isUnder(realRoot, real)) return { ok: true, path: wanted, root };
  }
  return { ok: false, error: `${path} is outside the workspace (${roots.join(', ')}); only paths inside it are allowed` };
}

function isUnder(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel);
}

/** The real path of `path`, or of its nearest existing ancestor with the rest appended. */
function realExisting(path: string): string {
  const tail: string[] = [];
  let current = path;
  for (;;) {
    try {
      return resolve(realpathSync(current), ...tail.reverse());
    } catch {
      const parent = resolve(current, '..');
      if (parent === current) return path;
      tail.push(relative(parent, current));
      current = parent;
    }
  }
}
