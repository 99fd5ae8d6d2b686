// What a saved token is worth. Prices are US dollars per million tokens. GitHub Copilot bills by
// token since June 2026 in AI credits (1 credit = $0.01) at the rates of GitHub's models-and-pricing
// table (default tier, ≤ the long-context threshold); a few models that Copilot does not offer keep
// the list prices quoted in the token-economics articles this project started from. No vscode.

export interface ModelPrice {
  readonly name: string;
  /** $ per 1M input tokens. */
  readonly input: number;
  /** $ per 1M cached input tokens, when the provider discounts them. */
  readonly cachedInput?: number;
  /** $ per 1M output tokens. */
  readonly output: number;
  /** `copilot`: GitHub Copilot's AI-credit price; `list`: the provider's list price; `custom`: a user setting. */
  readonly source: 'copilot' | 'list' | 'custom';
}

/** One GitHub AI credit in dollars. */
export const CREDIT_USD = 0.01;

export const DEFAULT_PRICE_MODEL = 'Claude Sonnet 4.6';

const copilot = (name: string, input: number, cachedInput: number, output: number): ModelPrice => ({ name, input, cachedInput, output, source: 'copilot' });
const list = (name: string, input: number, output: number): ModelPrice => ({ name, input, output, source: 'list' });

export const MODEL_PRICES: readonly ModelPrice[] = [
  copilot('GPT-5 mini', 0.25, 0.025, 2),
  copilot('GPT-5.3-Codex', 1.75, 0.175, 14),
  copilot('GPT-5.4', 2.5, 0.25, 15),
  copilot('GPT-5.4 mini', 0.75, 0.075, 4.5),
  copilot('GPT-5.4 nano', 0.2, 0.02, 1.25),
  copilot('GPT-5.5', 5, 0.5, 30),
  copilot('GPT-5.6 Luna', 0.2, 0.02, 1.2),
  copilot('GPT-5.6 Sol', 5, 0.5, 30),
  copilot('GPT-5.6 Terra', 2, 0.2, 12),
  copilot('Claude Haiku 4.5', 1, 0.1, 5),
  copilot('Claude Sonnet 4', 3, 0.3, 15),
  copilot('Claude Sonnet 4.5', 3, 0.3, 15),
  copilot('Claude Sonnet 4.6', 3, 0.3, 15),
  copilot('Claude Sonnet 5', 2, 0.2, 10),
  copilot('Claude Opus 4.5', 5, 0.5, 25),
  copilot('Claude Opus 4.6', 5, 0.5, 25),
  copilot('Claude Opus 4.7', 5, 0.5, 25),
  copilot('Claude Opus 4.8', 5, 0.5, 25),
  copilot('Claude Opus 5', 5, 0.5, 25),
  copilot('Gemini 3.1 Pro', 2, 0.2, 12),
  copilot('Gemini 3.5 Flash', 1.5, 0.15, 9),
  copilot('Gemini 3.6 Flash', 0.75, 0.075, 3.75),
  copilot('Grok 4.5', 2, 0.5, 6),
  copilot('Grok 4.6', 2, 0.5, 6),
  copilot('Raptor mini', 0.25, 0.025, 2),
  copilot('Kimi K3', 3, 0.3, 15),
  list('GPT-4o', 2.5, 10),
  list('o3', 2, 8),
  list('o4-mini', 0.55, 2.2),
  list('GPT-5.5 Pro', 30, 180),
  list('Gemini 2.5 Pro', 1.25, 10),
  list('Gemini 2.5 Flash', 0.3, 2.5),
  list('Gemini 2.5 Flash-Lite', 0.1, 0.4),
  list('Mistral Large 3', 0.5, 1.5),
  list('DeepSeek V3.2', 0.14, 0.28),
  list('DeepSeek R1', 3, 7),
];

/** User-defined prices (`headroom.pricing.custom`): name → $ per 1M tokens. */
export type CustomPrices = Readonly<Record<string, { readonly input?: unknown; readonly cachedInput?: unknown; readonly output?: unknown }>>;

/** Custom prices first (they may override a known name), then the built-in table. Invalid custom rows are skipped. */
export function priceTable(custom: CustomPrices = {}): ModelPrice[] {
  const own: ModelPrice[] = [];
  for (const [name, value] of Object.entries(custom)) {
    const input = price(value?.input);
    if (input === undefined) continue;
    const cachedInput = price(value.cachedInput);
    own.push({ name, input, output: price(value.output) ?? 0, ...(cachedInput === undefined ? {} : { cachedInput }), source: 'custom' });
  }
  const overridden = new Set(own.map((p) => modelKey(p.name)));
  return [...own, ...MODEL_PRICES.filter((p) => !overridden.has(modelKey(p.name)))];
}

/**
 * The price of a model named by any of its names (`claude-sonnet-4.6`, `Claude Sonnet 4.6`, a family
 * such as `gpt-5.4-2026-03-05`): an exact key match first, then the longest table name the
 * candidate starts with (followed by `-` or its end). Undefined when nothing matches.
 */
export function findPrice(names: readonly (string | undefined)[], table: readonly ModelPrice[] = MODEL_PRICES): ModelPrice | undefined {
  const keys = names.filter((n): n is string => !!n).map(modelKey).filter(Boolean);
  for (const key of keys) {
    const exact = table.find((p) => modelKey(p.name) === key);
    if (exact) return exact;
  }
  let best: ModelPrice | undefined;
  for (const key of keys) {
    for (const p of table) {
      const name = modelKey(p.name);
      if (key.startsWith(`${name}-`) && (!best || name.length > modelKey(best.name).length)) best = p;
    }
  }
  return best;
}

/** Lowercase, every run of other characters than letters, digits and dots made one `-`. */
export function modelKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '');
}

/** Dollars that `tokens` input tokens cost at `price`. */
export function inputCost(tokens: number, price: ModelPrice): number {
  return (Math.max(0, tokens) * price.input) / 1_000_000;
}

/** `$0.42`, `$0.0031`, `<$0.0001`, `$1,234.50`: enough digits to show a small saving. */
export function formatUsd(usd: number): string {
  if (!(usd > 0)) return '$0';
  if (usd < 0.0001) return '<$0.0001';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 1) return `$${usd.toFixed(3)}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** AI credits for a dollar amount, e.g. `1.2 credits`. */
export function formatCredits(usd: number): string {
  const credits = Math.max(0, usd) / CREDIT_USD;
  const shown = credits >= 100 ? Math.round(credits).toLocaleString('en-US') : credits >= 1 ? credits.toFixed(1) : credits.toFixed(2);
  return `${shown} ${credits === 1 ? 'credit' : 'credits'}`;
}

/** `12,345`; `1.2k`, `3.4M` when `compact`. */
export function formatTokens(tokens: number, compact = false): string {
  if (!compact || tokens < 1000) return Math.round(tokens).toLocaleString('en-US');
  if (tokens < 1_000_000) return `${(tokens / 1000).toFixed(tokens < 10_000 ? 1 : 0)}k`;
  return `${(tokens / 1_000_000).toFixed(tokens < 10_000_000 ? 1 : 0)}M`;
}

function price(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}
