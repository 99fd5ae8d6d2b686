// Maven builds. The compiler plugin prints javac's diagnostics as `[ERROR] /path/File.java:[21,28] message`
// (detail lines follow unprefixed), then repeats every error under "Failed to execute goal". Errors
// stay whole once; the repeat is marked only when it matches them line for line; warnings are grouped;
// [INFO] progress (plugin headers, downloads, separators) and the "[Help 1]" advice are marked.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, messageTemplate, renderDiagnostics } from './diagnostics';

// [ERROR] /tmp/p/src/main/java/com/example/Report.java:[21,28] cannot find symbol
// [WARNING] /tmp/p/src/main/java/com/example/Item.java:[6,44] found raw type: java.lang.Comparable
const HEAD = /^\[(ERROR|WARNING)\] (\S[^\n]*\.(?:java|kt|scala|groovy)):\[\d+(?:,\d+)?\] (.*)$/;
// [INFO] 3 errors    [INFO] 20 warnings
const COUNT = /^\[INFO\] (\d+) (errors?|warnings?) ?$/;
// [ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.13.0:compile (default-compile) on project inventory: …
const FAILED_GOAL = /^\[ERROR\] Failed to execute goal /;
// [ERROR]   symbol:   method totl(com.example.inventory.Store)  (a detail line inside the repeat)
const REPEAT_DETAIL = /^\[ERROR\] {3,}\S/;
// [ERROR] -> [Help 1]   [ERROR] To see the full stack trace …   [ERROR] [Help 1] http://cwiki.apache.org/…
const HELP = /^\[ERROR\] (?:-> \[Help \d+\]|To see the full stack trace|Re-run Maven using|For more information about the errors|\[Help \d+\] |After correcting the problems)|^\[ERROR\] ?$/;
// [INFO] lines that only report progress or timing.
const PROGRESS = /^\[INFO\] (?:Scanning for projects|-{3,}|-* ?< [^>]+ >-*$|-*\[ \w+ \]-*$|Building (?!jar)\S|--- \S|Recompiling the module|Compiling \d+ source files?|Changes detected|Nothing to compile|skip non existing resourceDirectory|Copying \d+ resources?|Using '[^']+' encoding|Downloading from|Downloaded from|Total time: |Finished at:| ?$)|^(?:Downloading|Downloaded|Progress) \(?\d|^\[INFO\] Download(?:ing|ed) /;

// [INFO] BUILD FAILURE
const BUILD_RESULT = /^\[INFO\] BUILD (?:SUCCESS|FAILURE)/;

const PROGRAMS = new Set(['mvn', 'mvnw', 'mvnw.cmd', 'mvnd']);

export const maven: Compressor = {
  id: 'maven',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return PROGRAMS.has(command.program);
  },
  sniff(source: Source): boolean {
    return source.lines.slice(0, 5).some((line) => line.startsWith('[INFO] Scanning for projects')) && source.lines.some((line) => BUILD_RESULT.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    const noise = new Map<number, string>();
    const seenErrors = new Set<string>();
    let errors: number | undefined;
    let warnings: number | undefined;
    let repeat = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (FAILED_GOAL.test(line)) {
        repeat = true;
        continue;
      }
      if (HELP.test(line)) {
        noise.set(i, 'Maven help lines');
        continue;
      }
      if (PROGRESS.test(line)) {
        noise.set(i, 'progress lines');
        continue;
      }
      const count = COUNT.exec(line);
      if (count) {
        if (count[2].startsWith('error')) errors = (errors ?? 0) + Number(count[1]);
        else warnings = (warnings ?? 0) + Number(count[1]);
        continue;
      }
      const head = HEAD.exec(line);
      if (!head) continue;
      const [, level, , message] = head;
      if (repeat && level === 'ERROR' && seenErrors.has(line)) {
        // The goal failure lists the errors again; each repeated line, and its [ERROR]-prefixed details, is marked.
        let end = i + 1;
        while (end < lines.length && REPEAT_DETAIL.test(lines[end])) end++;
        for (let k = i; k < end; k++) noise.set(k, 'lines repeating the errors above');
        i = end - 1;
        continue;
      }
      let end = i + 1;
      while (end < lines.length && !lines[end].startsWith('[') && lines[end].trim() !== '') end++;
      if (level === 'ERROR') seenErrors.add(line);
      diagnostics.push({ from: i, to: end, head: i, severity: level === 'ERROR' ? 'error' : 'warning', rule: warningRule(message) });
      i = end - 1;
    }
    if (diagnostics.length === 0 && noise.size === 0) return undefined;
    const reported = errors === undefined && warnings === undefined ? undefined : { errors: errors ?? 0, warnings: warnings ?? 0 };
    const failed = lines.some((line) => line.startsWith('[INFO] BUILD FAILURE'));
    return renderDiagnostics(context, { diagnostics, noise, reported, failed });
  },
};

/** Maven drops javac's [category]: group by the message's first words ("found raw type", "unchecked call to"). */
function warningRule(message: string): string {
  return messageTemplate(message).split(' ').slice(0, 3).join(' ');
}
