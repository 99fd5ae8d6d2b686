// Reads mypy's grouped output back into the one-line diagnostics it stands for, independently of the
// filter's code: `213× error: …` then `  each followed by note: …` and `  file.py:16,21,26` lines.
// The tests compare the result with the input's lines to prove the grouping lost nothing.

// `162× error: Function is missing a return type annotation  [no-untyped-def]`
const GROUP = /^(\d+)× ((?:error|warning|note): .*)$/;
// `  each followed by note: Use "-> None" if function does not return a value`
const NOTE = /^ {2}each followed by (note: .*)$/;
// `  pyflakes/test/test_imports.py:16,21,26`
const LOCATIONS = /^ {2}(\S[^:]*\.pyi?):(\d[\d:,]*)$/;

/** Every line of the output, with each group replaced by its diagnostics (and notes) one per line. */
export function expandMypyGroups(output: string): string[] {
  const out: string[] = [];
  let group: { text: string; count: number; note?: string; seen: number } | undefined;
  const close = () => {
    if (group && group.seen !== group.count) throw new Error(`group "${group.text}" lists ${group.seen} locations, says ${group.count}`);
    group = undefined;
  };
  for (const line of output.split('\n')) {
    const head = GROUP.exec(line);
    const note = NOTE.exec(line);
    const locations = LOCATIONS.exec(line);
    if (head) {
      close();
      group = { text: head[2], count: Number(head[1]), seen: 0 };
    } else if (group && note && group.seen === 0) group.note = note[1];
    else if (group && locations) {
      for (const position of locations[2].split(',')) {
        out.push(`${locations[1]}:${position}: ${group.text}`);
        if (group.note) out.push(`${locations[1]}:${position}: ${group.note}`);
        group.seen++;
      }
    } else {
      close();
      out.push(line);
    }
  }
  close();
  return out;
}
