// `docker build` / `docker buildx build` / `docker compose build` output (BuildKit's plain progress,
// and the classic builder's "Step 1/8 :" form). Every build step's instruction stays (with CACHED
// folded into its line), and so does everything about a failure: the failed step's output, the
// Dockerfile excerpt, the final ERROR. Layer download and extract progress, timings, internal steps
// and the output of steps that succeeded are cut — except their warning and error lines, which stay.
import type { CompressContext, Compressor, Draft, ParsedCommand, Source } from '../types';
import { LinePlan, type DropKind } from './linePlan';
import { positionals } from './positionals';
import { isErrorLine, isWarningLine } from '../shared/patterns';

const VALUE_OPTIONS = new Set(['-f', '--file', '-t', '--tag', '--build-arg', '--target', '--platform', '--progress', '--context', '-H', '--host', '--label', '--network', '--secret', '--ssh', '--cache-from', '--cache-to', '-o', '--output', '--builder', '-p', '--project-name', '--env-file']);

// "#8 [build 4/6] RUN npm ci" / "#2 [internal] load metadata for …" — a step's header
const STEP = /^#(\d+) \[(.+?)\] (.*)$/;
// "#8 DONE 15.2s", "#6 CACHED", "#10 ERROR: process … did not complete successfully: exit code: 2", "#12 CANCELED"
const STEP_END = /^#(\d+) (DONE [\d.]+s|CACHED|CANCELED|ERROR: .*)$/;
// "#8 12.345 npm warn deprecated …" — a line of a RUN step's output, with its time
const OUTPUT = /^#(\d+) \d+\.\d+ ?(.*)$/;
// "#4 sha256:0a9a… 12.58MB / 42.30MB 0.5s", "#4 extracting sha256:0a9a… 0.2s done", "#4 resolve registry.invalid/… 0.0s done",
// "#5 transferring context: 1.21MB 0.1s done", "#12 exporting layers 2.4s done", "#0 building with "default" instance using docker driver"
const PROGRESS = /^#\d+ (?:sha256:[0-9a-f]+ |extracting sha256:|resolve |transferring |exporting (?:layers|manifest|config|attestation|to client)|preparing layers|writing layer|building with |pushing layers|DONE \d)/;
// "#12 writing image sha256:7c1e… done", "#12 naming to registry.invalid/shop/api:1.9.0 done": the result, kept
// Classic builder: " ---> 1a2b3c4d5e6f", " ---> Running in 8d7c6b5a4f3e", " ---> Using cache", "Removing intermediate container 8d7c6b5a4f3e"
const CLASSIC_NOISE = /^(?: ---> |Removing intermediate container |Sending build context to Docker daemon)/;
// "Step 3/8 : RUN npm ci" (classic builder)
const CLASSIC_STEP = /^Step \d+\/\d+ : /;
/** Lines read to recognise a build without a command, and how many step headers and ends make it certain. */
const SNIFF_LINES = 300;
const SNIFF_STEPS = 2;

const PROGRESS_KIND: DropKind = { detail: 'layer progress, context transfer, timings' };
const INTERNAL: DropKind = { detail: 'BuildKit internal steps' };
const OUTPUT_KIND: DropKind = { detail: 'output of steps that succeeded' };
const REPEAT: DropKind = { detail: "the failed step's output again" };

export const dockerBuild: Compressor = {
  id: 'dockerBuild',
  type: 'shell',
  matches(command: ParsedCommand): boolean {
    const words = positionals(command.args, VALUE_OPTIONS);
    if (command.program === 'docker-compose') return words[0] === 'build';
    if (command.program !== 'docker') return false;
    return words[0] === 'build' || (['buildx', 'image', 'builder', 'compose'].includes(words[0]) && words[1] === 'build');
  },
  sniff(source: Source): boolean {
    // Without a command: BuildKit's "#N [stage] …" headers with their "#N DONE 0.4s" ends, or the
    // classic builder's "Step 1/8 : …" lines with its " ---> " results.
    const head = source.lines.slice(0, SNIFF_LINES);
    const count = (re: RegExp) => head.filter((line) => re.test(line)).length;
    if (count(STEP) >= SNIFF_STEPS && count(STEP_END) >= SNIFF_STEPS) return true;
    return count(CLASSIC_STEP) >= SNIFF_STEPS && head.some((line) => CLASSIC_NOISE.test(line));
  },
  compress(context: CompressContext): Draft | undefined {
    const { lines } = context.source;
    const buildkit = lines.some((line) => STEP.test(line));
    const classic = lines.some((line) => CLASSIC_STEP.test(line));
    if (!buildkit && !classic) return undefined;
    const plan = new LinePlan(context);

    // Which steps failed, and which are internal, decides what their output lines are worth.
    const failed = new Set<string>();
    const internal = new Set<string>();
    const headers = new Map<string, number>();
    for (let i = 0; i < lines.length; i++) {
      const end = STEP_END.exec(lines[i]);
      if (end && end[2].startsWith('ERROR')) failed.add(end[1]);
      const step = STEP.exec(lines[i]);
      if (step) {
        if (step[2] === 'internal') internal.add(step[1]);
        if (!headers.has(step[1])) headers.set(step[1], i);
      }
    }
    const failedOutput = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      let m: RegExpExecArray | null;
      if ((m = STEP.exec(line))) {
        if (internal.has(m[1]) && !failed.has(m[1])) plan.drop(i, INTERNAL);
      } else if ((m = STEP_END.exec(line))) {
        const id = m[1];
        if (m[2] === 'CACHED' && headers.has(id) && !internal.has(id)) {
          plan.replace(headers.get(id)!, `${lines[headers.get(id)!]} (CACHED)`);
          plan.absorb(i);
        } else if (!m[2].startsWith('ERROR')) plan.drop(i, internal.has(id) ? INTERNAL : PROGRESS_KIND);
      } else if (PROGRESS.test(line)) plan.drop(i, internal.has(/^#(\d+)/.exec(line)![1]) ? INTERNAL : PROGRESS_KIND);
      else if ((m = OUTPUT.exec(line))) {
        if (failed.has(m[1])) failedOutput.add(m[2]);
        else if (!isErrorLine(m[2]) && !isWarningLine(m[2])) plan.drop(i, OUTPUT_KIND);
      } else if (CLASSIC_NOISE.test(line)) plan.drop(i, PROGRESS_KIND);
      else if (line === '' && buildkit) plan.absorb(i);
    }
    // BuildKit's error summary ("------ / > [build 6/6] RUN …: / 3.078 <line>") repeats the failed step's last lines.
    for (let i = 0; i < lines.length; i++) {
      const m = /^\d+\.\d+ ?(.*)$/.exec(lines[i]);
      if (m && failedOutput.has(m[1])) plan.drop(i, REPEAT);
    }
    if (plan.droppedCount === 0) return undefined;
    return plan.render([['docker-build', `${headers.size} steps kept${failed.size ? `, ${failed.size} failed step shown whole` : ''}; progress and successful output cut`]]);
  },
};
