// The skill and the custom agent the extension ships (contributes.chatSkills / chatAgents): valid
// front matter, packed into the .vsix, and every tool, command and CLI flag they mention exists.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { headroomTools } from '../../src/mcp/tools';
import type { Runtime } from '../../src/runtime/runtime';
import { parseFrontMatter } from '../../src/skills/frontMatter';
import { checkSkillFrontMatter } from '../../src/skills/skillSpec';
import { ROOT } from '../helpers/engines';

interface Manifest {
  readonly name: string;
  readonly publisher: string;
  readonly contributes: {
    readonly chatSkills?: { path: string }[];
    readonly chatAgents?: { path: string }[];
    readonly commands: { command: string }[];
    readonly languageModelTools?: { name: string; toolReferenceName?: string }[];
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const extensionId = `${manifest.publisher}.${manifest.name}`;
/** Built-in tools and tool sets the agent may list (docs: agents/reference/tools-reference.md). */
const BUILT_IN = new Set(['edit', 'search', 'todos', 'read/problems', 'search/codebase', 'search/usages', 'search/changes', 'web/fetch', 'agent', 'vscode/askQuestions']);
/** The built-in tools the agent must not offer: Headroom's replace them. */
const REPLACED = ['execute', 'execute/runInTerminal', 'read', 'read/readFile', 'runInTerminal', 'readFile'];
const files = [...(manifest.contributes.chatSkills ?? []), ...(manifest.contributes.chatAgents ?? [])].map((e) => join(ROOT, e.path));

describe('shipped skill and agent', () => {
  it('are declared, exist and are packed into the extension', () => {
    assert.equal(manifest.contributes.chatSkills?.length, 1);
    assert.equal(manifest.contributes.chatAgents?.length, 1);
    const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const file of files) assert.ok(existsSync(file), file);
    for (const line of ['!skills/**', '!agents/**', '!src/skills/templates/digest.mjs']) assert.ok(ignore.includes(line), `.vscodeignore packs ${line.slice(1)}`);
  });

  it('the skill has valid front matter: name equal to its folder, a description within 1024 characters', () => {
    const path = join(ROOT, manifest.contributes.chatSkills![0].path);
    const fm = parseFrontMatter(readFileSync(path, 'utf8'));
    const folder = path.split('/').slice(-2, -1)[0];
    const problems = checkSkillFrontMatter(fm, folder);
    assert.deepEqual(problems.errors, []);
    assert.deepEqual(problems.warnings, []);
  });

  it('the agent has valid front matter and offers Headroom\'s tools instead of the terminal and file reader', () => {
    const fm = parseFrontMatter(readFileSync(join(ROOT, manifest.contributes.chatAgents![0].path), 'utf8'));
    assert.deepEqual(fm.errors, []);
    assert.equal(fm.data.name, 'Headroom');
    assert.ok(typeof fm.data.description === 'string' && fm.data.description.length > 40);
    const tools = fm.data.tools;
    assert.ok(Array.isArray(tools), 'tools is a list');
    const declared = new Set((manifest.contributes.languageModelTools ?? []).map((t) => `${extensionId}/${t.toolReferenceName}`));
    for (const tool of tools as string[]) {
      assert.ok(BUILT_IN.has(tool) || declared.has(tool), `the agent lists ${tool}, which is neither a built-in tool nor one of package.json's languageModelTools (${[...declared].join(', ') || 'none declared'})`);
    }
    for (const tool of REPLACED) assert.ok(!(tools as string[]).includes(tool), `the agent must not offer ${tool}`);
    assert.ok((tools as string[]).some((t) => t.endsWith('Run')) && (tools as string[]).some((t) => t.endsWith('Retrieve')));
  });

  it('every tool, command and CLI flag they mention exists', () => {
    const toolNames = new Set((manifest.contributes.languageModelTools ?? []).map((t) => t.name));
    const mcpNames = new Set(headroomTools({ runtime: {} as Runtime, root: ROOT, allowRun: true, maxTimeoutSeconds: 600 }).map((t) => t.name));
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    const help = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), '--help']).stdout.toString();
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [name] of text.matchAll(/\bheadroom_[a-z]+\b/g)) assert.ok(toolNames.has(name), `${file} mentions the tool ${name}, which package.json does not declare`);
      // The line about the MCP server names its tools in backticks.
      for (const line of text.split('\n').filter((l) => l.includes('MCP server'))) {
        for (const [, name] of line.matchAll(/`([a-z]+)`/g)) assert.ok(mcpNames.has(name), `${file} mentions the MCP tool ${name}; the server has ${[...mcpNames].join(', ')}`);
      }
      for (const [id] of text.matchAll(/\bheadroom\.[a-zA-Z]+\b/g)) assert.ok(commands.has(id) || id === 'headroom.headroom', `${file} mentions the command ${id}`);
      for (const [flag] of text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)) assert.ok(help.includes(flag), `${file} mentions the CLI flag ${flag}, which \`headroom --help\` does not list`);
      for (const [, sub] of text.matchAll(/cli\.js (\w+)/g)) assert.match(help, new RegExp(`headroom ${sub}\\b`), `${file} mentions the CLI command ${sub}`);
    }
  });
});
