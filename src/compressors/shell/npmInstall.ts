// npm, pnpm and yarn (classic) install output: install, ci, add, update, remove. Drops registry
// traffic, verbose chatter, progress and funding lines; folds deprecation warnings into one line
// that names every deprecated package@version; keeps errors, peer-dependency (ERESOLVE) conflicts,
// audit results, install-script output and the final summary verbatim.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';

const SUBCOMMANDS: Record<string, ReadonlySet<string>> = {
  npm: new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'install-clean', 'isntall-clean', 'update', 'up', 'upgrade', 'udpate', 'uninstall', 'remove', 'rm', 'r', 'un', 'unlink', 'dedupe', 'ddp', 'prune', 'install-test', 'it', 'install-ci-test', 'cit']),
  pnpm: new Set(['install', 'i', 'add', 'update', 'up', 'upgrade', 'remove', 'rm', 'uninstall', 'un', 'prune', 'dedupe', 'fetch']),
  yarn: new Set(['install', 'add', 'upgrade', 'up', 'remove', 'dedupe']),
};
/** Global options of the three clients that take a value (`npm --prefix app install`). */
const VALUE_OPTIONS = new Set(['--prefix', '-C', '--dir', '--cwd', '--filter', '-F', '-w', '--workspace', '--registry', '--loglevel', '--cache', '--cache-folder', '--userconfig', '--store-dir', '--modules-folder']);

// "npm http fetch GET 200 https://registry.invalid/express 136ms (cache miss)"
const NPM_HTTP = /^npm (?:http|HTTP) /;
// "npm verbose cli /usr/bin/node /usr/bin/npm", "npm info using npm@11.19.1", "npm timing idealTree Completed in 52ms"
const NPM_CHATTER = /^npm (verbose|info|timing|sill|silly|notice) /;
// "npm warn deprecated rimraf@3.0.2: Rimraf versions prior to v4 are no longer supported" (npm ≤ 8: "npm WARN deprecated")
const NPM_DEPRECATED = /^npm (?:warn|WARN) deprecated (\S+@\S+?): /;
// "⸨░░░░░░░░░░░░░░░░░░⸩ ⠙ idealTree:app: sill idealTree buildDeps" (npm 7/8) or "[..................] / rollbackFailedOptional" (npm 6)
const NPM_PROGRESS = /^(?:⸨[░█#]*⸩|\[[.#]+\]) /;
// "43 packages are looking for funding" and the "  run `npm fund` for details" line after it
const FUNDING = /^\d+ packages? (?:is|are) looking for funding$/;
const FUNDING_HINT = /^ +run `npm fund` for details$/;
// "Progress: resolved 231, reused 0, downloaded 160, added 0" (pnpm)
const PNPM_PROGRESS = /^Progress: resolved \d+, reused \d+, downloaded \d+, added \d+/;
// "++++++++++++++++++++++++++++++++++++++++" (pnpm's bar of packages added and removed)
const PNPM_BAR = /^[+-]{8,}$/;
// " WARN  deprecated eslint@8.57.1: This version is no longer supported." (pnpm; the spaces are U+2009)
const PNPM_DEPRECATED = /^\s?WARN\s+deprecated (\S+@\S+?): /;
// "[2/4] Fetching packages..." (yarn classic)
const YARN_STEP = /^\[\d+\/\d+\] [A-Z][a-z]+ [a-z ]+\.\.\.$/;
// "warning eslint > file-entry-cache > flat-cache > rimraf@3.0.2: Rimraf versions prior to v4 are no longer supported"
const YARN_DEPRECATED = /^warning ([^":]*@\d[^":\s]*): /;
// "info All dependencies" and its "├─ acorn@8.19.0" list
const YARN_ALL_HEADER = /^info All dependencies$/;
const YARN_LIST_ITEM = /^[├└]─ \S/;
// Lines only these clients print: proof that the text is an install log.
const SIGNATURE = /^(?:npm (?:http|warn|WARN|error|ERR!|notice|verbose|info|timing)\b|(?:added|removed|changed|audited) \d+ packages?|up to date\b|Progress: resolved \d|Packages: [+-]\d|Done in \d|yarn (?:install|add|upgrade|remove) v\d|success Saved|\s?ERR_PNPM_|\s?WARN\s)/;
// "npm warn ERESOLVE overriding peer dependency", the first line of a peer-conflict report
const ERESOLVE_HEADER = /^npm (?:warn|WARN) ERESOLVE overriding peer dependency$/;
// The other lines of that report: "npm warn While resolving: x@1", "npm warn   react@"18.3.1" from the root project", "npm warn"
const ERESOLVE_LINE = /^npm (?:warn|WARN)(?:$| (?:While resolving: |Found: |Could not resolve dependency:$|Conflicting peer dependency: |peer(?:Optional)? |node_modules\/| ))/;

const HTTP: DropKind = { detail: 'npm http request lines', grep: 'npm http' };
const CHATTER: Record<string, DropKind> = {};
for (const level of ['verbose', 'info', 'timing', 'sill', 'silly', 'notice']) CHATTER[level] = { detail: `npm ${level} lines`, grep: `npm ${level}` };
const DEPRECATION: DropKind = { detail: 'deprecation messages', grep: 'deprecated' };
const PEER_REPORT: DropKind = { detail: 'peer-dependency report details', grep: 'npm warn' };
const PROGRESS: DropKind = { detail: 'progress lines', grep: 'Progress' };
const PNPM_BAR_KIND: DropKind = { detail: 'progress bar' };
const NPM_PROGRESS_KIND: DropKind = { detail: 'progress bar frames' };
const FUNDING_KIND: DropKind = { detail: 'funding notice' };
const STEPS: DropKind = { detail: 'yarn step lines', grep: '/4]' };

export const npmInstall: Compressor = {
  id: 'npmInstall',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const subcommands = SUBCOMMANDS[command.program];
    if (!subcommands) return false;
    const sub = positionals(command.args, VALUE_OPTIONS)[0];
    return sub === undefined ? command.program === 'yarn' || command.program === 'pnpm' : subcommands.has(sub);
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => SIGNATURE.test(line))) return undefined;
    const plan = new LinePlan(context);
    const deprecations: { index: number; spec: string }[] = [];
    let lastPnpmProgress = -1;
    let allDependencies = 0;

    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m: RegExpExecArray | null;
      if (NPM_HTTP.test(line)) plan.drop(i, HTTP);
      else if ((m = NPM_CHATTER.exec(line))) plan.drop(i, CHATTER[m[1]]);
      else if ((m = NPM_DEPRECATED.exec(line) ?? PNPM_DEPRECATED.exec(line))) deprecations.push({ index: i, spec: m[1] });
      else if ((m = YARN_DEPRECATED.exec(line))) deprecations.push({ index: i, spec: leafOf(m[1]) });
      else if (ERESOLVE_HEADER.test(line)) {
        let end = i + 1;
        while (end < lines.length && ERESOLVE_LINE.test(lines[end])) end++;
        const summary = summarizePeerReport(lines.slice(i, end));
        if (summary) {
          plan.write(i, summary);
          plan.dropRange(i, end, PEER_REPORT);
        }
        i = end - 1;
      }
      else if (NPM_PROGRESS.test(line)) plan.drop(i, NPM_PROGRESS_KIND);
      else if (FUNDING.test(line)) {
        plan.drop(i, FUNDING_KIND);
        if (FUNDING_HINT.test(lines[i + 1] ?? '')) plan.drop(++i, FUNDING_KIND);
      } else if (PNPM_PROGRESS.test(line)) {
        plan.drop(i, PROGRESS);
        lastPnpmProgress = i;
      } else if (PNPM_BAR.test(line)) plan.drop(i, PNPM_BAR_KIND);
      else if (YARN_STEP.test(line)) plan.drop(i, STEPS);
      else if (YARN_ALL_HEADER.test(line)) {
        let end = i + 1;
        while (end < lines.length && YARN_LIST_ITEM.test(lines[end])) end++;
        allDependencies = end - i - 1;
        if (allDependencies > 0) {
          plan.write(i, `info All dependencies: ${allDependencies} packages (name@version list cut below)`);
          plan.dropRange(i, end, { detail: 'the name@version lines' });
        }
        i = end - 1;
      }
    }
    // pnpm's last progress line carries the final counts ("…, added 251, done"): keep it.
    if (lastPnpmProgress >= 0) plan.keep(lastPnpmProgress);

    if (deprecations.length > 0) {
      const specs = [...new Set(deprecations.map((d) => d.spec))];
      const warnings = deprecations.length === specs.length ? '' : `, ${deprecations.length} warnings`;
      const first = lines[deprecations[0].index];
      const prefix = YARN_DEPRECATED.test(first) ? 'warning deprecated' : first.slice(0, first.indexOf('deprecated') + 'deprecated'.length).trim();
      for (const d of deprecations) plan.drop(d.index, DEPRECATION);
      // Written before the run of cut lines the first warning is in, so that run stays one marker.
      let at = deprecations[0].index;
      while (at > 0 && plan.isDropped(at - 1)) at--;
      plan.write(at, `${prefix} (${specs.length} packages${warnings}): ${specs.join(', ')}`);
    }
    if (plan.droppedCount === 0) return undefined;
    const notes: [string, string][] = [['npm-install', `dropped ${plan.droppedCount} progress, registry and notice lines`]];
    if (deprecations.length > 0) notes.push(['deprecations', `${deprecations.length} deprecation warnings folded into one line naming every package@version`]);
    return plan.render(notes);
  },
};

/** `eslint > flat-cache > rimraf@3.0.2` → `rimraf@3.0.2` (yarn names the chain that pulled a package in). */
function leafOf(chain: string): string {
  const at = chain.lastIndexOf(' > ');
  return at < 0 ? chain : chain.slice(at + 3);
}

// "npm warn While resolving: x@1" → "x@1"; the other three facts of a report likewise
const REPORT_FACTS = [
  ['while resolving', /^npm (?:warn|WARN) While resolving: (.+)$/],
  ['found', /^npm (?:warn|WARN) Found: (.+)$/],
  ['could not resolve', /^npm (?:warn|WARN) (peer(?:Optional)? .+ from .+)$/],
  ['conflicting peer dependency', /^npm (?:warn|WARN) Conflicting peer dependency: (.+)$/],
] as const;

/**
 * One line with the four facts of an ERESOLVE report (who was resolved, what was found, which peer
 * range could not be met, what would have satisfied it), or undefined when the report is not in
 * exactly that shape: then it is kept whole.
 */
function summarizePeerReport(report: readonly string[]): string | undefined {
  const facts: string[] = [];
  for (const [label, pattern] of REPORT_FACTS) {
    const found = report.map((line) => pattern.exec(line)?.[1]).filter((fact) => fact !== undefined);
    if (found.length === 0) return undefined;
    // "could not resolve" appears again, indented, under "Conflicting peer dependency": the first is the one.
    facts.push(`${label} ${found[0]}`);
  }
  return `${report[0]}: ${facts.join('; ')}`;
}
