// Gradle builds: javac's diagnostics (see javac.ts) inside Gradle's framing. Errors stay whole,
// warnings are grouped by category; task lines, daemon chatter and the "* Try:" advice are marked;
// "What went wrong", BUILD FAILED/SUCCESSFUL and the task counts stay.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { renderDiagnostics } from './diagnostics';
import { scanJavac } from './javac';

// > Task :app:compileJava   :compileJava   :processResources UP-TO-DATE   > Task :test FAILED
const TASK = /^(?:> Task )?:[\w:-]+(?: (?:UP-TO-DATE|NO-SOURCE|SKIPPED|FROM-CACHE|FAILED))?$/;
// Starting a Gradle Daemon (subsequent builds will be faster)   > Configure project :app
const CHATTER = /^(?:Starting a Gradle Daemon|Daemon will be stopped|> Configure project|Download(?:ing)? https?:|<-+> \d+% )/;
// * Try:   * Get more help at https://help.gradle.org   * Exception is:
const ADVICE_START = /^\* (?:Try|Get more help at)\b/;
// BUILD FAILED in 2s   BUILD SUCCESSFUL in 5s
const RESULT = /^BUILD (?:FAILED|SUCCESSFUL)\b/;
// openjdk version "17.0.15" 2025-04-15 (printed by some launch scripts before Gradle starts)
const JVM_BANNER = /^(?:openjdk|java) version "|^OpenJDK (?:Runtime Environment|64-Bit Server VM)|^Java\(TM\) /;

export const gradle: Compressor = {
  id: 'gradle',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    return command.program === 'gradle' || command.program === 'gradlew' || command.program === 'gradlew.bat';
  },
  sniff(source: Source): boolean {
    return source.lines.slice(-6).some((line) => RESULT.test(line)) && source.lines.some((line) => TASK.test(line) || line === '* What went wrong:');
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const noise = new Map<number, string>();
    let advice = false;
    lines.forEach((line, i) => {
      if (ADVICE_START.test(line)) advice = true;
      else if (line.startsWith('* ') || RESULT.test(line)) advice = false;
      if (advice) noise.set(i, 'lines of Gradle advice');
      else if (TASK.test(line)) noise.set(i, 'task lines');
      else if (CHATTER.test(line) || JVM_BANNER.test(line)) noise.set(i, 'startup lines');
    });
    const scan = scanJavac(lines, (line) => RESULT.test(line) || line.startsWith('FAILURE: ') || line === ' FAILED');
    if (!scan && noise.size === 0) return undefined;
    return renderDiagnostics(context, { diagnostics: [], ...scan, noise, failed: lines.some((line) => /^BUILD FAILED\b/.test(line)) });
  },
};
