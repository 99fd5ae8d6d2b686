// The vscode-free parts of @headroom: history kept within budget, terse levels.
import assert from 'node:assert/strict';
import { turnsWithinBudget } from '../../src/chatParticipant/historyBudget';
import { TERSE_LEVELS, isTerseLevel, terseInstruction } from '../../src/chatParticipant/terse';

describe('@headroom history budget', () => {
  const turns = [1, 2, 3, 4].map((n) => ({ user: `q${n}`, assistant: `a${n}`, tokens: n * 10 }));

  it('keeps the newest whole turns that fit, oldest dropped first, in order', () => {
    assert.deepEqual(turnsWithinBudget(turns, 75).map((t) => t.user), ['q3', 'q4']);
    assert.deepEqual(turnsWithinBudget(turns, 100).map((t) => t.user), ['q1', 'q2', 'q3', 'q4']);
    assert.deepEqual(turnsWithinBudget(turns, 39), []);
    assert.deepEqual(turnsWithinBudget([], 1000), []);
  });

  it('never skips a turn to fit an older one (the kept turns are always a suffix)', () => {
    const kept = turnsWithinBudget([{ user: 'old', assistant: '', tokens: 1 }, { user: 'big', assistant: '', tokens: 100 }, { user: 'new', assistant: '', tokens: 1 }], 50);
    assert.deepEqual(kept.map((t) => t.user), ['new']);
  });
});

describe('@headroom terse levels', () => {
  it('says nothing when off and always keeps code, errors, numbers and negations at every other level', () => {
    assert.equal(terseInstruction('off'), '');
    for (const level of TERSE_LEVELS.filter((l) => l !== 'off')) {
      const text = terseInstruction(level);
      for (const kept of ['code', 'error messages', 'numbers', 'negation']) assert.ok(text.includes(kept), `${level} must keep ${kept}`);
    }
    assert.ok(terseInstruction('ultra').length > 0 && terseInstruction('lite') !== terseInstruction('ultra'));
  });

  it('recognises only its levels', () => {
    assert.ok(isTerseLevel('full'));
    assert.ok(!isTerseLevel('FULL') && !isTerseLevel(undefined) && !isTerseLevel('max'));
  });
});
