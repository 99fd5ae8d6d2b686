// gcc, g++ and clang diagnostics, alone or as printed by make, cmake or ninja. Every error keeps its
// location, message, context (`In file included from`, `required from here`) and the start of its
// frame and notes; warnings are grouped by their `-W` flag; make's `Error 1` lines and clang's
// "N warnings generated." stay. Echoed compiler commands and build progress are marked as noise.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { type Diagnostic, messageTemplate, renderDiagnostics } from './diagnostics';

// src/main.c:29:10: error: ‘undefined_status’ undeclared (first use in this function)
// include/util.h:5:12: warning: ‘clamp’ defined but not used [-Wunused-function]
const HEAD = /^([^\s:][^:\n]*):(\d+)(?::\d+)?: (fatal error|error|warning|note): (.*)$/;
// cc1: error: unrecognized command-line option ‘-Wbogus’ / collect2: error: ld returned 1 exit status
const TOOL_HEAD = /^(?:cc1\w*|collect2|gcc|g\+\+|cc|c\+\+|clang|clang\+\+|clang-\d+): (fatal error|error|warning|note): (.*)$/;
// main.c:(.text+0x1e): undefined reference to `helper'
const LINK_ERROR = /: undefined reference to [`'‘]|: multiple definition of [`'‘]|^(?:\S*\/)?ld(?:\.\w+)?: cannot find /;
// In file included from src/main.c:3:
const INCLUDED_FROM = /^In file included from \S/;
//                  from report.cpp:2:
const FROM = /^ +from \S[^\n]*[:,]$/;
// src/main.c: In function ‘main’:   include/util.h: At top level:   x.h: In instantiation of ‘…’:
const SCOPE = /^[^\s:][^:\n]*: (?:In |At )[^\n]*:$/;
// /usr/include/c++/12/bits/stl_algo.h:1854:25:   required from ‘void std::__final_insertion_sort(…)’
const REQUIRED = /^[^\s:][^:\n]*:\d+:\d+: {2,}(?:required|recursively required|in ['‘]constexpr)/;
// /usr/bin/ld: build/main.o: in function `main':
const LINK_CONTEXT = /^(?:\S*\/)?ld(?:\.\w+)?: [^\n]*: in function [`'‘]/;
// [-Wunused-variable] at the end of a warning
const FLAG = /\[(-W[\w=+-]+)\]$/;
// 6 warnings generated.   3 warnings and 1 error generated.   2 errors generated.
const CLANG_COUNT = /^(?:(\d+) warnings? )?(?:and )?(?:(\d+) errors? )?generated\.$/;
// make: *** [Makefile:9: build/net.o] Error 1   make[1]: Entering directory '/src'
const MAKE_LINE = /^g?make(?:\[\d+\])?: /;
// make[1]: Entering directory '/tmp/p'
const MAKE_DIRECTORY = /^g?make(?:\[\d+\])?: (?:Entering|Leaving) directory /;
// cc -Wall -O2 -c src/main.c -o build/main.o   /usr/bin/g++-12 -std=c++17 …
const COMMAND = /^(?:\S*\/)?(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|ar|ld|ranlib)(?:-\d+)? -/;
// [ 25%] Building C object CMakeFiles/app.dir/src/main.c.o   [3/10] Building CXX object …
const BUILD_PROGRESS = /^\[(?: *\d+%|\d+\/\d+)\] (?:Building|Linking|Built target|Generating|Scanning)\b/;
// Scanning dependencies of target app / Consolidate compiler generated dependencies of target app
const CMAKE_CHATTER = /^(?:Scanning dependencies of target|Consolidate compiler generated dependencies of target) /;

// src/main.c, include/util.h, report.cpp, /usr/include/c++/12/bits/stl_algo.h (no extension: not claimed)
const C_FAMILY_FILE = /\.(?:c|cc|cpp|cxx|h|hh|hpp|hxx|m|mm|inl|tcc)$/;
// gcc, clang++-14, x86_64-linux-gnu-gcc-12
const COMPILERS = /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|(?:gcc|g\+\+|clang|clang\+\+)-\d+|[\w-]+-linux-gnu-(?:gcc|g\+\+)(?:-\d+)?)$/;
const BUILDERS = new Set(['make', 'gmake', 'ninja']);

export const gcc: Compressor = {
  id: 'gcc',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    if (COMPILERS.test(command.program) || BUILDERS.has(command.program)) return true;
    return command.program === 'cmake' && command.args.includes('--build');
  },
  sniff(source: Source): boolean {
    let heads = 0;
    for (const line of source.lines.slice(0, 300)) {
      const head = HEAD.exec(line);
      if (head && C_FAMILY_FILE.test(head[1])) heads++;
    }
    return heads >= 2;
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const diagnostics: Diagnostic[] = [];
    const noise = new Map<number, string>();
    let reportedErrors = 0;
    let reportedWarnings = 0;
    let counted = false;
    let contextStart: number | undefined;
    let open: { from: number; head: number; severity: 'error' | 'warning'; rule: string; repeats: boolean } | undefined;
    const close = (to: number) => {
      if (open) diagnostics.push({ from: open.from, to, head: open.head, severity: open.severity, rule: open.rule, ...(open.repeats ? { repeats: true } : {}) });
      open = undefined;
    };
    // Error messages seen so far: a template error instantiated again repeats its notes word for word.
    const messages = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const head = HEAD.exec(line);
      const tool = head ? undefined : TOOL_HEAD.exec(line);
      const severity = head?.[3] ?? tool?.[1];
      if (INCLUDED_FROM.test(line) || FROM.test(line) || SCOPE.test(line) || REQUIRED.test(line) || LINK_CONTEXT.test(line)) {
        contextStart ??= i; // belongs to the next head
        continue;
      }
      if (severity === 'note' && open) {
        contextStart = undefined; // a note, with its context, belongs to the diagnostic above
        continue;
      }
      if (severity !== undefined || LINK_ERROR.test(line)) {
        close(contextStart ?? i);
        const message = head?.[4] ?? tool?.[2] ?? line;
        const isError = severity === undefined || severity === 'error' || severity === 'fatal error';
        open = {
          from: contextStart ?? i,
          head: i,
          severity: isError ? 'error' : 'warning',
          rule: severity === 'note' ? 'note' : (!isError && FLAG.exec(message)?.[1]) || messageTemplate(message),
          repeats: isError && head !== null && messages.has(message),
        };
        if (isError && head) messages.add(message);
        contextStart = undefined;
        continue;
      }
      const count = CLANG_COUNT.exec(line);
      const isNoise = MAKE_DIRECTORY.test(line) || COMMAND.test(line) || BUILD_PROGRESS.test(line) || CMAKE_CHATTER.test(line);
      if (count || isNoise || MAKE_LINE.test(line) || line.trim() === '') {
        close(contextStart ?? i);
        contextStart = undefined;
        if (count) {
          counted = true;
          reportedWarnings += Number(count[1] ?? 0);
          reportedErrors += Number(count[2] ?? 0);
        }
        if (isNoise) noise.set(i, MAKE_DIRECTORY.test(line) ? 'make directory lines' : COMMAND.test(line) ? 'compiler command lines' : 'build progress lines');
        continue;
      }
      // Anything else under an open diagnostic is its frame (gcc `  14 | …`, clang's bare source and caret lines).
      contextStart = undefined;
    }
    close(contextStart ?? lines.length);
    if (diagnostics.length === 0 && noise.size === 0) return undefined;
    // clang counts each file's diagnostics; gcc prints no counts.
    const reported = counted ? { errors: reportedErrors, warnings: reportedWarnings } : undefined;
    return renderDiagnostics(context, { diagnostics, noise, reported }, { errorBodyLines: 12 });
  },
};
