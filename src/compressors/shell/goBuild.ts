// go build / go vet / go install. Go prints each failing package as `# import/path` followed by its
// errors (ten at most, then "too many errors"); vet prints its findings the same way. Every one of
// them is a reason the command failed, so all stay; only module download chatter is marked.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, messageTemplate, renderDiagnostics } from './diagnostics';

// shipping/shipping.go:5:35: undefined: surcharge   ./main.go:12:2: "os" imported and not used   vet: report/report.go:15:2: …
const HEAD = /^(?:vet: )?(?:\.{0,2}\/)?[^\s:][^:\n]*\.go:\d+(?::\d+)?: (.*)$/;
// # example.com/inventory/shipping
const PACKAGE = /^# \S+$/;
// "\thave (int)" / "\tgo get github.com/google/uuid" — a continuation of the message above
const CONTINUATION = /^\t\S/;
// go: downloading github.com/google/uuid v1.6.0   go: finding module for package …   go: found … in …
const DOWNLOAD = /^go: (?:downloading|finding module|found|extracting|upgraded|added) \S/;

const SUBCOMMANDS = new Set(['build', 'vet', 'install']);

export const goBuild: Compressor = {
  id: 'goBuild',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'go' && SUBCOMMANDS.has(command.args[0] ?? '');
  },
  sniff(source: Source): boolean {
    const lines = source.lines.slice(0, 200);
    return lines.some((line, i) => PACKAGE.test(line) && HEAD.test(lines[i + 1] ?? ''));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    const noise = new Map<number, string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (DOWNLOAD.test(line)) {
        noise.set(i, 'module download lines');
        continue;
      }
      const head = HEAD.exec(line);
      if (!head) continue;
      let end = i + 1;
      while (end < lines.length && CONTINUATION.test(lines[end])) end++;
      diagnostics.push({ from: i, to: end, head: i, messageEnd: end, severity: 'error', rule: messageTemplate(head[1]) });
      i = end - 1;
    }
    if (diagnostics.length === 0 && noise.size === 0) return undefined;
    return renderDiagnostics(context, { diagnostics, noise });
  },
};
