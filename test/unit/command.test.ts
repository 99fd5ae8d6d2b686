import assert from 'node:assert/strict';
import { parseCommand } from '../../src/compressors/shared/command';

describe('command-line parsing', () => {
  const cases: [string, string, string[]][] = [
    ['npm test', 'npm', ['test']],
    ['CI=1 npx jest --ci 2>&1 | tail -50', 'jest', ['--ci']],
    ['cd app && time python -m pytest -x', 'pytest', ['-x']],
    ['git log --oneline | head -n 20', 'git', ['log', '--oneline']],
    ['pnpm exec vitest run', 'vitest', ['run']],
    ['timeout 30 cargo test --workspace', 'cargo', ['test', '--workspace']],
    ['env -i FOO=1 go test ./...', 'go', ['test', './...']],
    ['./node_modules/.bin/tsc --noEmit > out.txt', 'tsc', ['--noEmit']],
    ['grep -rn "a | b" src | sort', 'sort', []],
    ['echo "a && b"', 'echo', ['a && b']],
    ['uv run pytest', 'pytest', []],
    ['', '', []],
  ];
  for (const [line, program, args] of cases) {
    it(`reads "${line}" as ${program || 'nothing'}`, () => {
      const parsed = parseCommand(line);
      assert.equal(parsed.program, program);
      assert.deepEqual(parsed.args, args);
    });
  }

  it('keeps every pipeline stage', () => {
    assert.deepEqual(parseCommand('npm ls --all | grep lodash | head').stages.map((s) => s.program), ['npm', 'grep', 'head']);
  });

  it('survives unbalanced quotes and long input', () => {
    assert.equal(parseCommand('echo "unterminated').program, 'echo');
    assert.equal(parseCommand('a'.repeat(100000)).program.length, 100000);
  });
});
