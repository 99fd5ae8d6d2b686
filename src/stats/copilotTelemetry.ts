// Reads what Copilot's own requests cost from its OpenTelemetry file export
// (`github.copilot.chat.otel.exporterType: "file"` + `outfile`, or COPILOT_OTEL_FILE_EXPORTER_PATH).
// The exporter appends one JSON object per line: spans (`{traceId, spanId, name, startTime:[s,ns],
// attributes}`), log records and metrics. A language-model call is a span whose
// `gen_ai.operation.name` is `chat`, with `gen_ai.usage.*` token counts. No vscode.
import { open, stat } from 'node:fs/promises';
import { dayOf } from './ledger';
import { findPrice, type ModelPrice } from './pricing';

/** Only the end of a big file is read: the dashboard shows recent usage. */
export const DEFAULT_READ_BYTES = 16 * 1024 * 1024;

export interface UsageTotals {
  readonly calls: number;
  readonly inputTokens: number;
  /** Part of inputTokens served from the provider's prompt cache. */
  readonly cachedInputTokens: number;
  readonly outputTokens: number;
}

export interface CopilotUsage extends UsageTotals {
  readonly byModel: Readonly<Record<string, UsageTotals>>;
  readonly byDay: Readonly<Record<string, UsageTotals>>;
  /** Epoch ms of the first and last call read. */
  readonly first?: number;
  readonly last?: number;
  /** True when the file was larger than what was read (older calls are left out). */
  readonly partial: boolean;
}

const ZERO: UsageTotals = { calls: 0, inputTokens: 0, cachedInputTokens: 0, outputTokens: 0 };

/** Sums the chat spans in exporter output. Unparseable lines and non-span records are ignored; each span counts once. */
export function parseCopilotTelemetry(text: string, partial = false): CopilotUsage {
  let totals = ZERO;
  const byModel: Record<string, UsageTotals> = {};
  const byDay: Record<string, UsageTotals> = {};
  const seen = new Set<string>();
  let first: number | undefined;
  let last: number | undefined;
  for (const line of text.split('\n')) {
    if (!line.includes('gen_ai.usage.')) continue;
    const call = chatCall(line);
    if (!call || seen.has(call.spanId)) continue;
    seen.add(call.spanId);
    totals = add(totals, call);
    byModel[call.model] = add(byModel[call.model] ?? ZERO, call);
    if (call.at !== undefined) {
      const day = dayOf(call.at);
      byDay[day] = add(byDay[day] ?? ZERO, call);
      first = first === undefined ? call.at : Math.min(first, call.at);
      last = last === undefined ? call.at : Math.max(last, call.at);
    }
  }
  return { ...totals, byModel, byDay, first, last, partial };
}

/** Reads up to `maxBytes` from the end of the file (whole lines only). Rejects when it cannot be read. */
export async function readCopilotTelemetry(path: string, maxBytes = DEFAULT_READ_BYTES): Promise<CopilotUsage> {
  const size = (await stat(path)).size;
  const start = Math.max(0, size - maxBytes);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    let text = buffer.toString('utf8');
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return parseCopilotTelemetry(text, start > 0);
  } finally {
    await handle.close();
  }
}

/** What the calls cost at each model's price (cached input at its cached rate); calls of unknown models at `fallback`. */
export function usageCost(usage: CopilotUsage, table: readonly ModelPrice[], fallback: ModelPrice): number {
  let usd = 0;
  for (const [model, t] of Object.entries(usage.byModel)) {
    const price = findPrice([model], table) ?? fallback;
    const uncached = Math.max(0, t.inputTokens - t.cachedInputTokens);
    usd += (uncached * price.input + t.cachedInputTokens * (price.cachedInput ?? price.input) + t.outputTokens * price.output) / 1_000_000;
  }
  return usd;
}

interface Call extends UsageTotals {
  readonly spanId: string;
  readonly model: string;
  readonly at?: number;
}

function chatCall(line: string): Call | undefined {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof record !== 'object' || record === null) return undefined;
  const span = record as { spanId?: unknown; name?: unknown; startTime?: unknown; attributes?: Record<string, unknown> };
  const attributes = span.attributes;
  if (typeof span.spanId !== 'string' || typeof attributes !== 'object' || attributes === null) return undefined;
  if (attributes['gen_ai.operation.name'] !== 'chat') return undefined;
  const input = count(attributes['gen_ai.usage.input_tokens']);
  const output = count(attributes['gen_ai.usage.output_tokens']);
  if (input === undefined && output === undefined) return undefined;
  const model = [attributes['gen_ai.response.model'], attributes['gen_ai.request.model']].find((m): m is string => typeof m === 'string' && m.length > 0) ?? 'unknown';
  return {
    spanId: span.spanId,
    model,
    at: hrTimeMs(span.startTime),
    calls: 1,
    inputTokens: input ?? 0,
    cachedInputTokens: Math.min(count(attributes['gen_ai.usage.cache_read.input_tokens']) ?? 0, input ?? 0),
    outputTokens: output ?? 0,
  };
}

function add(a: UsageTotals, b: UsageTotals): UsageTotals {
  return { calls: a.calls + b.calls, inputTokens: a.inputTokens + b.inputTokens, cachedInputTokens: a.cachedInputTokens + b.cachedInputTokens, outputTokens: a.outputTokens + b.outputTokens };
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined;
}

/** OpenTelemetry's HrTime `[seconds, nanoseconds]` (or plain epoch ms) as epoch ms. */
function hrTimeMs(value: unknown): number | undefined {
  if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'number') return value[0] * 1000 + Math.floor(value[1] / 1e6);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
