// Tokens into money: what a number of input tokens costs per use and per month at a model's price.
// The seed's table (copilot-skills-token-consumption): cost = tokens / 1M × price; a month is
// uses per day × working days. Cached input is billed at about a tenth of the input price, so
// tokens in a cached prompt prefix (instruction files) save less money than this says.

export interface PriceSettings {
  /** USD per 1M input tokens (Claude Sonnet 4.6: 3.00; GPT-5.4: 2.50). */
  readonly inputPricePerMillion: number;
  /** How many times a day the tokens are read (requests, or skill runs). */
  readonly usesPerDay: number;
  readonly workingDaysPerMonth: number;
}

export const DEFAULT_PRICES: PriceSettings = { inputPricePerMillion: 3, usesPerDay: 50, workingDaysPerMonth: 20 };

export interface Cost {
  readonly tokens: number;
  readonly perUse: number;
  readonly perMonthTokens: number;
  readonly perMonth: number;
}

export function cost(tokens: number, prices: PriceSettings): Cost {
  const perUse = (tokens / 1_000_000) * prices.inputPricePerMillion;
  const uses = prices.usesPerDay * prices.workingDaysPerMonth;
  return { tokens, perUse, perMonthTokens: tokens * uses, perMonth: perUse * uses };
}

/** `$0.0123`, `$1.23`, `$1,234`: enough digits to tell small amounts apart. */
export function usd(amount: number): string {
  if (amount === 0) return '$0';
  const abs = Math.abs(amount);
  const digits = abs >= 100 ? 0 : abs >= 1 ? 2 : abs >= 0.01 ? 3 : 5;
  return `${amount < 0 ? '-' : ''}$${abs.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

/** `48,211` */
export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
