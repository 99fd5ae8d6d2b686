// The rules a skill must follow to load at all (VS Code ignores an invalid SKILL.md silently):
// `name` equals the folder name, lowercase letters, digits and single hyphens, at most 64
// characters; `description` is required and at most 1024 characters.
import type { FrontMatter } from './frontMatter';

export const MAX_NAME_LENGTH = 64;
export const MAX_DESCRIPTION_LENGTH = 1024;
// `parse-build-logs` — lowercase words joined by single hyphens
const SKILL_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
// ` `, `_`, `!` — anything that separates words in a name typed by a person
const NON_NAME_CHARS = /[^a-z0-9]+/;
/** Front matter keys VS Code or the agentskills.io spec define for skills. */
export const SKILL_KEYS = new Set(['name', 'description', 'argument-hint', 'user-invocable', 'disable-model-invocation', 'context', 'license', 'compatibility', 'allowed-tools', 'metadata']);
const BOOLEAN_KEYS = ['user-invocable', 'disable-model-invocation'];

/** Why `name` cannot be a skill name, or undefined when it can. */
export function skillNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a skill needs a name';
  if (name.length > MAX_NAME_LENGTH) return `the name is ${name.length} characters; at most ${MAX_NAME_LENGTH}`;
  if (!SKILL_NAME.test(name)) return 'use lowercase letters, digits and single hyphens (e.g. summarize-build-logs), not starting or ending with a hyphen';
  return undefined;
}

/** A skill name made from free text: `Parse Build Logs!` → `parse-build-logs`. */
export function toSkillName(text: string): string {
  const words = text.toLowerCase().normalize('NFKD').split(NON_NAME_CHARS).filter(Boolean);
  let name = '';
  for (const word of words) {
    const next = name ? `${name}-${word}` : word;
    if (next.length > MAX_NAME_LENGTH) break;
    name = next;
  }
  return name;
}

export interface SkillProblems {
  readonly errors: string[];
  readonly warnings: string[];
}

/** Checks a parsed SKILL.md against the rules; `folder` is the name of the folder holding it. */
export function checkSkillFrontMatter(frontMatter: FrontMatter, folder: string): SkillProblems {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!frontMatter.present) {
    errors.push('no front matter: SKILL.md must start with a --- block holding name and description');
    return { errors, warnings };
  }
  errors.push(...frontMatter.errors);
  const { data } = frontMatter;
  const name = data.name;
  if (name === undefined) errors.push('"name" is missing');
  else if (typeof name !== 'string') errors.push('"name" must be a single value');
  else {
    const problem = skillNameProblem(name);
    if (problem) errors.push(`"name" ${JSON.stringify(name)}: ${problem}`);
    if (name !== folder) errors.push(`"name" is ${JSON.stringify(name)} but the folder is ${JSON.stringify(folder)}; they must be equal or the skill does not load`);
  }
  const description = data.description;
  if (description === undefined) errors.push('"description" is missing: agents pick skills by it');
  else if (typeof description !== 'string' || description.trim() === '') errors.push('"description" must be non-empty text');
  else if (description.length > MAX_DESCRIPTION_LENGTH) errors.push(`"description" is ${description.length} characters; at most ${MAX_DESCRIPTION_LENGTH}`);
  else if (description.length < 40) warnings.push('"description" is very short: say what the skill does and when to use it');
  for (const key of BOOLEAN_KEYS) {
    if (data[key] !== undefined && typeof data[key] !== 'boolean') errors.push(`"${key}" must be true or false`);
  }
  for (const key of Object.keys(data)) {
    if (!SKILL_KEYS.has(key)) warnings.push(`unknown key "${key}" (VS Code ignores it)`);
  }
  if (frontMatter.body.trim() === '') warnings.push('the body is empty: tell the agent what to do');
  return { errors, warnings };
}
