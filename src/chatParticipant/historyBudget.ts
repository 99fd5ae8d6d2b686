// Which earlier turns fit in what is left of the model's input window. A turn is kept whole or not at
// all, newest first, and a kept turn always renders to the same text: earlier messages are never
// rewritten between requests, so the provider's prompt cache keeps matching. No vscode.

export interface RenderedTurn {
  /** The user's message of that turn. */
  readonly user: string;
  /** The answer, without Headroom's footer. */
  readonly assistant: string;
  readonly tokens: number;
}

/** The newest turns whose tokens add up to at most `budget`, in chronological order. */
export function turnsWithinBudget<T extends RenderedTurn>(turns: readonly T[], budget: number): T[] {
  const kept: T[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    if (used + turns[i].tokens > budget) break;
    used += turns[i].tokens;
    kept.unshift(turns[i]);
  }
  return kept;
}
