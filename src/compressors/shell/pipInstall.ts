// `pip install` (also `pip3`, `python -m pip`, `uv pip`). Keeps errors, dependency conflicts,
// deprecations, uninstalls and the final "Successfully installed" line that names every package and
// version; drops per-package download and build progress; folds "Requirement already satisfied"
// lines into one line naming every package and version; repeated warnings (network retries, ignored
// index locations) are shown once, the repetitions cut with a marker.
import type { CompressContext, Compressor, Draft, ParsedCommand } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';

const VALUE_OPTIONS = new Set(['-r', '--requirement', '-c', '--constraint', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--python', '--timeout', '--retries', '--cache-dir', '--log', '--proxy', '--cert', '--client-cert', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--upgrade-strategy', '--src', '-e', '--editable']);

// "Collecting flask", "  Downloading flask-3.1.3-py3-none-any.whl (103 kB)", "  Using cached idna-3.7-py3-none-any.whl",
// "Processing /opt/wheels/flask-3.1.3-py3-none-any.whl (from -r req.txt (line 1))", "Obtaining file:///tmp/pkg"
const PROGRESS = /^(?:Collecting |Processing |Obtaining | +Downloading | +Using cached | +Obtaining dependency information | +File was already downloaded )/;
// "   ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━ 103.3/103.3 kB 2.1 MB/s eta 0:00:00" (the last frame of a bar)
const BAR = /^ *[━╸╺─ ]+\d[\d.]*\/\d[\d.]* [kMG]?B /;
// "  Installing build dependencies: started" / "…: finished with status 'done'"
const STEP = /^ +[A-Z][^:]*: (?:started|finished with status 'done')$/;
// "  Created wheel for mypkg: filename=… size=1163 sha256=…" and "  Stored in directory: /tmp/pip-ephem-wheel-cache-…",
// "Building wheels for collected packages: werkzeug" (its outcome is the "Successfully built" or "Failed to build" line)
const WHEEL_DETAIL = /^(?: +Created wheel for | +Stored in directory: |Building wheels for collected packages: )/;
// "  Attempting uninstall: werkzeug", "    Found existing installation: Werkzeug 3.1.9", "    Uninstalling Werkzeug-3.1.9:"
const UNINSTALL_STEP = /^ +(?:Attempting uninstall: |Found existing installation: |Uninstalling \S+:$)/;
// "      Successfully uninstalled Werkzeug-3.1.9": what the steps above it came to
const UNINSTALLED = /^ +Successfully uninstalled \S/;
// "Requirement already satisfied: flask>=3 in ./py/lib/python3.11/site-packages (from mypkg==0.3.1) (3.1.3)"
const SATISFIED = /^Requirement already satisfied: ([A-Za-z0-9._-]+)(?:[<>=!~;[][^ ]*)? in .+ \(([^()\s]+)\)$/;
// "[notice] A new release of pip is available: 23.2.1 -> 24.0" and "[notice] To update, run: pip install --upgrade pip"
const NOTICE = /^\[notice\] /;
// "WARNING: Retrying (Retry(total=4, …)) after connection broken by 'NewConnectionError(…)': /simple/requests/"
const WARNING = /^WARNING: /;
// "Collecting flask", "Processing ./wz", "Obtaining file:///tmp/pkg": which package pip works on next
const PACKAGE_HEADER = /^(?:Collecting|Processing|Obtaining) \S/;
// "ERROR: Could not find a version…", "error: subprocess-exited-with-error", "  × Getting requirements to build wheel did not run successfully."
const ERROR = /^(?:ERROR: |error: | *× )/;
// "Installing collected packages: markupsafe, click, flask" and "Successfully installed click-8.5.0 flask-3.1.3 markupsafe-3.0.3"
const INSTALLING = /^Installing collected packages: /;
const INSTALLED = /^Successfully installed /;
// Lines only pip prints: proof that the text is its output.
const SIGNATURE = /^(?:Collecting |Requirement already satisfied: |Successfully installed |Looking in indexes: |Processing |Obtaining |Installing collected packages: |ERROR: (?:Could not|No matching|pip's|Cannot install))/;

const PROGRESS_KIND: DropKind = { detail: 'download/build progress' };
const INSTALLING_KIND: DropKind = { detail: '"Installing collected packages" (names repeated below)' };
const NOTICE_KIND: DropKind = { detail: 'pip notices', grep: '[notice]' };
const UNINSTALL_KIND: DropKind = { detail: 'uninstall steps' };

export const pipInstall: Compressor = {
  id: 'pipInstall',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const words = positionals(command.args, VALUE_OPTIONS);
    if (/^pip[0-9.]*$/.test(command.program)) return words[0] === 'install';
    if (command.program === 'uv') return words[0] === 'pip' && words[1] === 'install';
    return false;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    if (!lines.some((line) => SIGNATURE.test(line))) return undefined;
    const plan = new LinePlan(context);
    const satisfied: { index: number; name: string; version: string }[] = [];
    const warnings = new Map<string, { first: number; kind: DropKind; count: number }>();

    let lastPackage = -1;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m: RegExpExecArray | null;
      if (PACKAGE_HEADER.test(line)) lastPackage = i;
      if (ERROR.test(line) && lastPackage >= 0) {
        // The package being collected when pip failed says what failed: keep its line.
        plan.keep(lastPackage);
        lastPackage = -1;
      }
      if (PROGRESS.test(line) || BAR.test(line) || STEP.test(line) || WHEEL_DETAIL.test(line)) plan.drop(i, PROGRESS_KIND);
      else if (NOTICE.test(line)) plan.drop(i, NOTICE_KIND);
      else if (UNINSTALL_STEP.test(line)) {
        // Only a complete sequence whose last line says it succeeded.
        let end = i;
        while (end < lines.length && UNINSTALL_STEP.test(lines[end])) end++;
        if (UNINSTALLED.test(lines[end] ?? '')) plan.dropRange(i, end, UNINSTALL_KIND);
        i = end - 1;
      }
      else if ((m = SATISFIED.exec(line))) satisfied.push({ index: i, name: m[1], version: m[2] });
      else if (WARNING.test(line)) {
        // The same warning for another URL or object: shown once, the repetitions cut.
        const shape = warningShape(line);
        const seen = warnings.get(shape);
        const words = line.split(' ', 2).join(' ');
        if (!seen) warnings.set(shape, { first: i, kind: { detail: `repeated "${words}" warnings`, grep: words }, count: 1 });
        else {
          plan.drop(i, seen.kind);
          seen.count++;
        }
      }
    }
    // "Installing collected packages: a, b" names what "Successfully installed a-1 b-2" names again with versions.
    const installing = lines.findIndex((line) => INSTALLING.test(line));
    if (installing >= 0 && lines.slice(installing + 1).some((line) => INSTALLED.test(line))) plan.drop(installing, INSTALLING_KIND);
    if (satisfied.length > 1) {
      plan.write(satisfied[0].index, `Requirement already satisfied (${satisfied.length}): ${satisfied.map((s) => `${s.name} ${s.version}`).join(', ')}`);
      for (const s of satisfied) plan.drop(s.index, { detail: '"Requirement already satisfied" lines', grep: 'already satisfied' });
    }
    if (plan.droppedCount === 0) return undefined;
    const repeated = [...warnings.values()].filter((w) => w.count > 1).map((w) => w.count - 1);
    return plan.render([['pip', `dropped ${plan.droppedCount} lines: progress, notices, ${satisfied.length} satisfied requirements folded, ${repeated.reduce((a, b) => a + b, 0)} repeated warnings`]]);
  },
};

/** A warning with its variable parts (quoted values, numbers, addresses, URL paths) masked. */
function warningShape(line: string): string {
  return line.replace(/'[^']*'/g, "'…'").replace(/0x[0-9a-f]+|\d+/gi, '#').replace(/: \/\S*$/, ': /…');
}
