// Writes a CLI-optimized skill: `.github/skills/<name>/SKILL.md`, whose body tells the agent to run
// the script and read its summary instead of the raw data, and `scripts/<name>.mjs`, a copy of the
// dependency-free digest template (src/skills/templates/digest.mjs) configured for the data.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_DESCRIPTION_LENGTH, skillNameProblem } from './skillSpec';

export type DataKind = 'logs' | 'json' | 'files' | 'command';
export const DATA_KINDS: readonly DataKind[] = ['logs', 'json', 'files', 'command'];

export interface SkillRequest {
  readonly name: string;
  readonly kind: DataKind;
  /** Globs relative to the workspace root (logs, json, files). */
  readonly inputs: readonly string[];
  /** The command whose output the skill digests (command). */
  readonly command?: string;
  /** What the skill is for, in the user's words; becomes the start of the description. */
  readonly purpose?: string;
}

/** Where skills live in a workspace (VS Code's default `chat.agentSkillsLocations`). */
export const SKILLS_DIR = join('.github', 'skills');
const CONFIG_START = '/* headroom:config */';
const CONFIG_END = '/* headroom:end */';
// `/`, `\` — path separators in a pattern
const PATH_SEPARATOR = /[\\/]/;
// runs of spaces and line breaks in the user's words
const WHITESPACE = /\s+/g;
// `.`, `!`, `?` ending a sentence
const SENTENCE_END = /[.!?]$/;

export interface SkillFiles {
  /** Relative to the workspace root, `/`-separated. */
  readonly skillDir: string;
  readonly skillMdPath: string;
  readonly scriptPath: string;
  readonly skillMd: string;
  readonly script: string;
  /** The command line an agent runs from the workspace root. */
  readonly runCommand: string;
}

export interface MeasuredNumbers {
  readonly rawTokens: number;
  readonly scriptTokens: number;
  readonly estimated: boolean;
}

/** Why the request cannot make a skill, or undefined. */
export function requestProblem(request: SkillRequest): string | undefined {
  const name = skillNameProblem(request.name);
  if (name) return name;
  if (request.kind === 'command') return request.command?.trim() ? undefined : 'give the command whose output the skill summarizes';
  if (request.inputs.length === 0 || request.inputs.some((g) => !g.trim())) return 'give at least one file pattern, e.g. logs/**/*.log';
  if (request.inputs.some((g) => g.startsWith('/') || g.split(PATH_SEPARATOR).includes('..'))) return 'file patterns must be relative to the workspace and stay inside it';
  return undefined;
}

/** The two files of a skill, from the digest template's text. */
export function skillFiles(request: SkillRequest, template: string, measured?: MeasuredNumbers): SkillFiles {
  const skillDir = `${SKILLS_DIR.split('\\').join('/')}/${request.name}`;
  const scriptName = `${request.name}.mjs`;
  const scriptPath = `${skillDir}/scripts/${scriptName}`;
  const runCommand = `node ${scriptPath}`;
  return {
    skillDir,
    skillMdPath: `${skillDir}/SKILL.md`,
    scriptPath,
    skillMd: skillMarkdown(request, runCommand, `./scripts/${scriptName}`, measured),
    script: configureTemplate(template, request),
    runCommand,
  };
}

/** Writes the skill; refuses to replace an existing skill folder's files. */
export function writeSkill(root: string, files: SkillFiles): { ok: true } | { ok: false; error: string } {
  const md = join(root, files.skillMdPath);
  const script = join(root, files.scriptPath);
  for (const path of [md, script]) if (existsSync(path)) return { ok: false, error: `${path} already exists; choose another name or delete it first` };
  try {
    mkdirSync(join(root, files.skillDir, 'scripts'), { recursive: true });
    writeFileSync(script, files.script, { mode: 0o755 });
    writeFileSync(md, files.skillMd);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: `could not write the skill: ${(error as Error).message}` };
  }
}

/**
 * The template with its config block replaced by this skill's settings. `root` is the workspace
 * root as the script finds it: relative to the script's folder (the default, for the skill as
 * written), or absolute (for measuring a copy in a temporary folder before anything is written).
 */
export function configureTemplate(template: string, request: SkillRequest, root = '../../../..'): string {
  const start = template.indexOf(CONFIG_START);
  const end = template.indexOf(CONFIG_END);
  if (start < 0 || end < start) throw new Error('the digest template has no config block');
  const config = {
    name: request.name,
    kind: request.kind,
    inputs: request.kind === 'command' ? [] : request.inputs,
    command: request.kind === 'command' ? request.command ?? '' : '',
    // The script lives in <root>/.github/skills/<name>/scripts/.
    root,
  };
  return `${template.slice(0, start)}${CONFIG_START} ${JSON.stringify(config, null, 2)} ${template.slice(end)}`;
}

/** Where the template is, relative to the extension (or repository) root; .vscodeignore packs it. */
export const TEMPLATE_PATH = join('src', 'skills', 'templates', 'digest.mjs');

/** Reads the digest template from the extension's (or the repository's) root folder. */
export function readTemplate(extensionRoot: string): string {
  return readFileSync(join(extensionRoot, TEMPLATE_PATH), 'utf8');
}

function skillMarkdown(request: SkillRequest, runCommand: string, scriptLink: string, measured?: MeasuredNumbers): string {
  const what = dataWords(request);
  const description = describe(request, what);
  const drill = request.kind === 'json'
    ? `- \`${runCommand} --where FIELD=VALUE\` prints the records whose field has that value (dotted fields: \`status.phase=Failed\`).\n- \`${runCommand} --grep "TEXT"\` prints the records containing TEXT.`
    : `- \`${runCommand} --grep "TEXT"\` prints the matching lines with file:line.`;
  const numbers = measured
    ? `\nWhen this skill was made, reading the raw data took ${measured.estimated ? 'about ' : ''}${measured.rawTokens.toLocaleString('en-US')} tokens and the summary ${measured.scriptTokens.toLocaleString('en-US')}.\n`
    : '';
  return `---
name: ${request.name}
description: ${yamlQuote(description)}
---

# ${request.name}

${what[0].toUpperCase()}${what.slice(1)} ${request.kind === 'command' ? 'is' : 'are'} summarized by a script: counts, groups, outliers, errors first. Run it and read its output; do not read the raw data itself (${request.kind === 'command' ? 'do not run the command directly' : `do not open or \`cat\` ${request.inputs.map((g) => `\`${g}\``).join(', ')}`}).
${numbers}
\`\`\`sh
${runCommand}
\`\`\`

To look closer, ask the script, not the raw data:

${drill}
- \`${runCommand} --limit 30\` shows more items per list.
${request.kind === 'command' ? '' : `- \`${runCommand} other/**/*.log\` summarizes other files the same way.\n`}
The script: [${scriptLink.slice(2)}](${scriptLink}) (no dependencies; Node 18 or later). It was generated by Headroom and can be edited.
`;
}

function dataWords(request: SkillRequest): string {
  const globs = request.inputs.map((g) => `\`${g}\``).join(', ');
  switch (request.kind) {
    case 'logs': return `the log files ${globs}`;
    case 'json': return `the JSON files ${globs}`;
    case 'files': return `the files ${globs}`;
    case 'command': return `the output of \`${request.command}\``;
  }
}

function describe(request: SkillRequest, what: string): string {
  const purpose = request.purpose?.trim().replace(WHITESPACE, ' ');
  const base = `Summarizes ${what.replaceAll('`', '')} with a script (counts, groups, outliers, errors first). Use it instead of reading the raw data.`;
  const text = purpose ? `${purpose}${SENTENCE_END.test(purpose) ? '' : '.'} ${base}` : base;
  return text.length > MAX_DESCRIPTION_LENGTH ? `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…` : text;
}

/** A YAML single-quoted scalar: always valid, whatever the text holds. */
function yamlQuote(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
