// Sizes a tool result to the token budget Copilot passes (`tokenizationOptions.tokenBudget`): when
// the compressed text is still too long, its first and last lines stay and the middle becomes one
// marker whose text is stored, so nothing is lost, only deferred. No vscode.
import { formatMarker } from '../compressors/shared/markers';

export interface Fitted {
  readonly text: string;
  /** True when lines were moved out of the text. */
  readonly cut: boolean;
  readonly tokens: number;
}

/** Share of the kept lines taken from the start (errors and summaries sit at both ends). */
const HEAD_SHARE = 0.6;

/**
 * Returns `text` when it fits in `budget` tokens; otherwise the most head and tail lines that fit
 * around a marker `[hr:<id> omitted N lines La-b: …]`, where `<id>` is what `keep(text)` returned
 * after storing the whole text. `count` may be the model's own tokenizer.
 */
export async function fitToBudget(
  text: string,
  budget: number,
  count: (text: string) => number | PromiseLike<number>,
  keep: (text: string) => string,
): Promise<Fitted> {
  const whole = await count(text);
  if (!(budget > 0) || whole <= budget) return { text, cut: false, tokens: whole };
  const lines = text.split('\n');
  const id = keep(text);
  const assemble = (kept: number): string => {
    const head = Math.ceil(kept * HEAD_SHARE);
    const tail = kept - head;
    const marker = formatMarker({
      id,
      verb: 'omitted',
      count: lines.length - kept,
      unit: 'lines',
      lines: [head + 1, lines.length - tail],
      detail: `over this call's ${budget}-token budget; headroom_retrieve this id with lines "${head + 1}-${lines.length - tail}"`,
    });
    return [...lines.slice(0, head), marker, ...lines.slice(lines.length - tail)].join('\n');
  };
  // The largest number of kept lines that fits; counting is monotone enough in practice for a binary search.
  let low = 0;
  let high = lines.length - 1;
  let best = assemble(0);
  let bestTokens = await count(best);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const candidate = assemble(mid);
    const tokens = await count(candidate);
    if (tokens <= budget) {
      low = mid;
      best = candidate;
      bestTokens = tokens;
    } else {
      high = mid - 1;
    }
  }
  return { text: best, cut: true, tokens: bestTokens };
}
