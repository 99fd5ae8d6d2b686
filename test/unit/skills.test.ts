// CLI-optimized skills without VS Code: front matter, names, the generated SKILL.md and script run
// on real data (real logs, real JSON, real config files, a real command), measured with the real
// tokenizer, and "Check Skills" on good and bad skills.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Runtime } from '../../src/runtime/runtime';
import { checkSkill, findSkills } from '../../src/skills/checkSkills';
import { parseFrontMatter } from '../../src/skills/frontMatter';
import { readTemplate, requestProblem, skillFiles, writeSkill, type SkillRequest } from '../../src/skills/generateSkill';
import { measureSkill } from '../../src/skills/measureSkill';
import { checkSkillFrontMatter, skillNameProblem, toSkillName } from '../../src/skills/skillSpec';
import { runCommand } from '../../src/runtime/runCommand';
import { ASSET_DIR, ROOT } from '../helpers/engines';

const NODE = { command: `'${process.execPath}'` };

describe('skills', function () {
  this.timeout(60_000);
  let runtime: Runtime;
  let root: string;
  const countTokens = (text: string) => runtime.countTokens(text);
  const template = readTemplate(ROOT);

  before(() => { runtime = new Runtime({ assetDir: ASSET_DIR }); });
  after(() => runtime.dispose());
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'hr-skills-')); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const copy = (from: string, to: string) => {
    mkdirSync(dirname(join(root, to)), { recursive: true });
    cpSync(from, join(root, to));
  };
  /** Generates, writes and measures a skill in the test workspace. */
  async function scaffold(request: SkillRequest) {
    assert.equal(requestProblem(request), undefined);
    const files = skillFiles(request, template);
    assert.deepEqual(writeSkill(root, files), { ok: true });
    const measurement = await measureSkill({ root, script: join(root, files.scriptPath), skillMd: files.skillMd, node: NODE, countTokens });
    assert.equal(measurement.error, undefined, measurement.summary);
    const report = await checkSkill(root, files.skillMdPath, { countTokens, runScripts: true });
    assert.deepEqual(report.errors, [], report.errors.join('\n'));
    assert.deepEqual(report.findings, [], JSON.stringify(report.findings));
    return { files, measurement };
  }

  describe('front matter', () => {
    it('reads scalars, quotes, block scalars, booleans and lists', () => {
      const fm = parseFrontMatter('---\nname: logs\ndescription: >-\n  Folded\n  text.\nquoted: "a: b \\"c\\""\nsingle: \'it\'\'s\'\nflag: false\ntools: [\'a\', "b", c]\nlist:\n  - one\n  - "two"\n---\nBody\n');
      assert.deepEqual(fm.errors, []);
      assert.deepEqual(fm.data, { name: 'logs', description: 'Folded text.', quoted: 'a: b "c"', single: "it's", flag: false, tools: ['a', 'b', 'c'], list: ['one', 'two'] });
      assert.equal(fm.body, 'Body\n');
      assert.equal(fm.bodyLine, 14);
      assert.equal(fm.lines.tools, 9);
    });

    it('reports malformed front matter instead of guessing', () => {
      assert.match(parseFrontMatter('---\nname: x\nno closing line\n').errors[0], /no closing ---/);
      assert.match(parseFrontMatter('---\nname: x\nname: y\n---\n').errors[0], /given twice/);
      assert.match(parseFrontMatter('---\n\tname: x\n---\n').errors[0], /tabs/);
      assert.match(parseFrontMatter('---\njust text\n---\n').errors[0], /expected "key: value"/);
      assert.match(parseFrontMatter('---\ndescription: Use when: logs\n---\n').errors[0], /put the value in quotes/);
      assert.match(parseFrontMatter('---\nd: "open\n---\n').errors[0], /unterminated/);
      assert.equal(parseFrontMatter('# no front matter').present, false);
      assert.equal(parseFrontMatter('\uFEFF---\r\nname: crlf\r\n---\r\n').data.name, 'crlf');
    });
  });

  describe('names', () => {
    it('accepts lowercase-hyphen names up to 64 characters, and makes one from free text', () => {
      assert.equal(skillNameProblem('summarize-build-logs'), undefined);
      for (const bad of ['', 'Logs', 'a--b', '-a', 'a-', 'a_b', 'a.b', 'a/b', 'x'.repeat(65)]) assert.ok(skillNameProblem(bad), bad);
      assert.equal(toSkillName('Parse the Build Logs!'), 'parse-the-build-logs');
      assert.equal(toSkillName('x'.repeat(70)), '');
      assert.equal(toSkillName('word '.repeat(30)).length <= 64, true);
    });
  });

  it('scaffolds a log skill on real logs: valid SKILL.md, a script that runs, ~10× fewer tokens', async () => {
    const logs = join(ROOT, 'test', 'fixtures', 'log', 'log');
    for (const name of ['java-ledger-sync', 'go-shipping-quotes', 'python-invoice-worker', 'pino-orders-api', 'rust-thumbnailer-panic']) copy(join(logs, `${name}.txt`), `logs/${name}.log`);
    // Folder links that loop are not followed.
    symlinkSync(join(root, 'logs'), join(root, 'logs', 'again'));
    symlinkSync(root, join(root, 'logs', 'up'));
    const { files, measurement } = await scaffold({ name: 'summarize-logs', kind: 'logs', inputs: ['logs/**/*.log'], purpose: 'Triage the service logs' });
    const fm = parseFrontMatter(files.skillMd);
    assert.deepEqual(checkSkillFrontMatter(fm, 'summarize-logs').errors, []);
    assert.match(fm.data.description as string, /^Triage the service logs\. Summarizes the log files logs\/\*\*\/\*\.log with a script/);
    assert.match(fm.body, /\[scripts\/summarize-logs\.mjs\]\(\.\/scripts\/summarize-logs\.mjs\)/);
    assert.match(fm.body, /```sh\nnode \.github\/skills\/summarize-logs\/scripts\/summarize-logs\.mjs\n```/);
    console.log(`      logs: raw ${measurement.rawTokens} tokens vs ${measurement.viaSkillTokens} via the skill (summary ${measurement.summaryTokens} + body ${measurement.bodyTokens}) = ${(measurement.rawTokens / measurement.viaSkillTokens).toFixed(1)}×`);
    assert.ok(measurement.rawTokens > 8 * measurement.viaSkillTokens);
    for (const fact of ['java.lang.IllegalStateException: overdraft limit exceeded for ACC-1000: -100000', 'Exception in thread "main" java.lang.NullPointerException', 'panic: runtime error: index out of range [2] with length 2', 'query timeout after 2000ms', 'KeyError']) assert.ok(measurement.summary.includes(fact), fact);
    assert.match(measurement.summary, /^logs: 5 files, 2916 lines/);
    // The drill-down really works, from the workspace root as an agent runs it.
    const grep = await runCommand({ command: `${files.runCommand} --grep "overdraft limit"`, cwd: root });
    assert.match(grep.output.toString(), /^logs\/java-ledger-sync\.log:3: java\.lang\.IllegalStateException: overdraft limit exceeded/m);
    assert.match(grep.output.toString(), /11 matching lines, all shown/);
  });

  it('scaffolds a JSON skill: problem records first (a crash-looping pod, failed tests)', async () => {
    const json = join(ROOT, 'test', 'fixtures', 'json', 'json');
    for (const name of ['kubectl-get-pods-crashing', 'mocha-json-report', 'github-issues', 'npm-outdated']) copy(join(json, `${name}.txt`), `reports/${name}.json`);
    const { files, measurement } = await scaffold({ name: 'read-reports', kind: 'json', inputs: ['reports/*.json'] });
    console.log(`      json: raw ${measurement.rawTokens} tokens vs ${measurement.viaSkillTokens} via the skill = ${(measurement.rawTokens / measurement.viaSkillTokens).toFixed(1)}×`);
    assert.ok(measurement.rawTokens > 5 * measurement.viaSkillTokens);
    assert.match(measurement.summary, /status\.containerStatuses\[\]\.state\.waiting\.reason=CrashLoopBackOff/);
    assert.match(measurement.summary, /failures: 3 records in reports\/mocha-json-report\.json\n  problem records \(3\), all shown/);
    assert.match(measurement.summary, /state \[string\]: open 17, closed 7/);
    const where = await runCommand({ command: `${files.runCommand} --where status.phase=Pending`, cwd: root });
    assert.match(where.output.toString(), /1 matching records, all shown/);
  });

  it('scaffolds a config-files skill on real package.json files', async () => {
    const packages = readdirSync(join(ROOT, 'node_modules', '@types')).sort();
    for (const name of packages) copy(join(ROOT, 'node_modules', '@types', name, 'package.json'), `config/${name}/package.json`);
    writeFileSync(join(root, 'config', 'broken.json'), '{ "name": "broken", }');
    const { measurement } = await scaffold({ name: 'read-configs', kind: 'files', inputs: ['config/**/*.json'] });
    console.log(`      files: raw ${measurement.rawTokens} tokens vs ${measurement.viaSkillTokens} via the skill = ${(measurement.rawTokens / measurement.viaSkillTokens).toFixed(1)}×`);
    assert.match(measurement.summary, new RegExp(`^files: ${packages.length + 1} files`));
    assert.match(measurement.summary, /unparseable \(1\):\n {2}config\/broken\.json: /, 'broken files come first');
    assert.match(measurement.summary, new RegExp(`license: MIT ${packages.length}`));
    assert.ok(measurement.rawTokens > measurement.summaryTokens);
  });

  it('scaffolds a command skill that runs the command and keeps its exit code', async () => {
    const { measurement } = await scaffold({ name: 'list-binaries', kind: 'command', inputs: [], command: 'ls -l /usr/bin; ls /no/such/dir' });
    assert.match(measurement.summary, /^\$ ls -l \/usr\/bin; ls \/no\/such\/dir\nexit code 2;/);
    assert.match(measurement.summary, /No such file or directory/);
    console.log(`      command: raw ${measurement.rawTokens} tokens vs ${measurement.viaSkillTokens} via the skill = ${(measurement.rawTokens / measurement.viaSkillTokens).toFixed(1)}×`);
    assert.ok(measurement.rawTokens > 2 * measurement.viaSkillTokens);
  });

  it('refuses bad requests and never overwrites an existing skill', () => {
    assert.match(requestProblem({ name: 'Bad Name', kind: 'logs', inputs: ['*.log'] })!, /lowercase/);
    assert.match(requestProblem({ name: 'x', kind: 'logs', inputs: [] })!, /file pattern/);
    assert.match(requestProblem({ name: 'x', kind: 'logs', inputs: ['../outside/*.log'] })!, /inside/);
    assert.match(requestProblem({ name: 'x', kind: 'command', inputs: [] })!, /command/);
    const files = skillFiles({ name: 'x', kind: 'logs', inputs: ['*.log'] }, template);
    assert.deepEqual(writeSkill(root, files), { ok: true });
    const again = writeSkill(root, files);
    assert.equal(again.ok, false);
  });

  it('measures honestly when the script fails (no data) and says why', async () => {
    const files = skillFiles({ name: 'empty', kind: 'logs', inputs: ['nothing/*.log'] }, template);
    writeSkill(root, files);
    const m = await measureSkill({ root, script: join(root, files.scriptPath), skillMd: files.skillMd, node: NODE, countTokens });
    assert.match(m.error!, /exited with 2: no files match nothing\/\*\.log/);
  });

  it('checks existing skills: name and folder, description, links, malformed YAML, raw-printing scripts', async () => {
    const skill = (folder: string, md: string, script?: [string, string]) => {
      mkdirSync(join(root, '.github', 'skills', folder, 'scripts'), { recursive: true });
      writeFileSync(join(root, '.github', 'skills', folder, 'SKILL.md'), md);
      if (script) writeFileSync(join(root, '.github', 'skills', folder, 'scripts', script[0]), script[1]);
    };
    skill('mismatch', '---\nname: other\ndescription: Reads the build logs and says what failed, with counts.\n---\nRun it.\n');
    skill('no-description', '---\nname: no-description\n---\nBody.\n');
    skill('too-long', `---\nname: too-long\ndescription: '${'x'.repeat(1100)}'\n---\nBody.\n`);
    skill('bad-yaml', '---\nname: bad-yaml\ndescription: Use when: you need logs\n---\nBody.\n');
    skill('no-front-matter', '# Just markdown\n');
    skill('dumps', '---\nname: dumps\ndescription: Prints every log line so the agent can read them all, which is expensive.\n---\nRun:\n\n```sh\nnode .github/skills/dumps/scripts/dump.mjs\n```\n\nSee [the script](./scripts/dump.mjs) and [missing](./scripts/missing.py).\n',
      ['dump.mjs', "import { readFileSync } from 'node:fs';\nfor (let i = 0; i < 3000; i++) console.log(`line ${i} of the raw data, unsummarized, with some words, ${i * 7919 % 104729}`);\nconsole.log(readFileSync(new URL(import.meta.url)));\n"]);
    mkdirSync(join(root, '.claude', 'skills', 'latin1'), { recursive: true });
    writeFileSync(join(root, '.claude', 'skills', 'latin1', 'SKILL.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    const found = findSkills(root);
    assert.deepEqual(found, ['.github/skills/bad-yaml/SKILL.md', '.github/skills/dumps/SKILL.md', '.github/skills/mismatch/SKILL.md', '.github/skills/no-description/SKILL.md', '.github/skills/no-front-matter/SKILL.md', '.github/skills/too-long/SKILL.md', '.claude/skills/latin1/SKILL.md']);
    const reports = await Promise.all(found.map((p) => checkSkill(root, p, { countTokens, runScripts: true })));
    const by = (name: string) => reports.find((r) => r.path.includes(`/${name}/`))!;
    assert.match(by('mismatch').errors.join('\n'), /"name" is "other" but the folder is "mismatch"/);
    assert.match(by('no-description').errors.join('\n'), /"description" is missing/);
    assert.match(by('too-long').errors.join('\n'), /"description" is 1100 characters; at most 1024/);
    assert.match(by('bad-yaml').errors.join('\n'), /put the value in quotes/);
    assert.match(by('no-front-matter').errors.join('\n'), /no front matter/);
    assert.match(by('latin1').errors.join('\n'), /not UTF-8/);
    const dumps = by('dumps');
    assert.match(dumps.errors.join('\n'), /the link \.\/scripts\/missing\.py points to a file that does not exist/);
    assert.deepEqual(dumps.commands, ['node .github/skills/dumps/scripts/dump.mjs']);
    assert.ok(dumps.measured[0].tokens > 5000, String(dumps.measured[0].tokens));
    assert.match(dumps.findings.map((f) => f.message).join('\n'), /prints a whole file it read \(line 3/);
    assert.match(dumps.findings.map((f) => f.message).join('\n'), /prints \d+ tokens: that is raw data, not a summary/);
    // Without permission to run, nothing runs.
    assert.deepEqual((await checkSkill(root, '.github/skills/dumps/SKILL.md', { countTokens })).measured, []);
  });

  it('keeps the template\'s config block replaceable and the script self-contained', () => {
    const script = skillFiles({ name: 'x', kind: 'json', inputs: ['a/*.json'] }, template).script;
    assert.match(script, /const CONFIG = \/\* headroom:config \*\/ \{\n {2}"name": "x",\n {2}"kind": "json",\n {2}"inputs": \[\n {4}"a\/\*\.json"\n {2}\],/);
    assert.deepEqual([...script.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]).filter((m) => !m.startsWith('node:')), [], 'node: built-ins only');
    assert.equal(readFileSync(join(ROOT, 'src', 'skills', 'templates', 'digest.mjs'), 'utf8'), template);
  });
});
