// How brief @headroom's answers are. Output tokens cost five to eight times input tokens, so a terse
// answer saves real money; what must never be shortened is code, errors, numbers and negations. No vscode.

export const TERSE_LEVELS = ['off', 'lite', 'full', 'ultra'] as const;
export type TerseLevel = (typeof TERSE_LEVELS)[number];

const KEEP_EXACT = 'Keep code, commands, paths, error messages, numbers, versions and every negation (not, never, no, without) exactly as they are.';

const INSTRUCTIONS: Readonly<Record<Exclude<TerseLevel, 'off'>, string>> = {
  lite: `Answer briefly: no greetings, no filler, no restating the question, no closing offers. ${KEEP_EXACT}`,
  full: `Answer tersely: short sentences or fragments, bullet points over paragraphs, no greetings, filler, hedging, restating or closing offers; say each thing once. ${KEEP_EXACT}`,
  ultra: `Answer as tersely as possible: fragments and bullet points only, the fewest words that keep the meaning, no prose around code, no greetings, filler, hedging or summaries. ${KEEP_EXACT}`,
};

export function isTerseLevel(value: unknown): value is TerseLevel {
  return typeof value === 'string' && (TERSE_LEVELS as readonly string[]).includes(value);
}

/** The instruction for the model at this level; empty for `off`. */
export function terseInstruction(level: TerseLevel): string {
  return level === 'off' ? '' : INSTRUCTIONS[level];
}
