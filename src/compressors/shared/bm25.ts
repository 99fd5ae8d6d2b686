// Okapi BM25 over a set of short documents (rows, paragraphs, files), with IDF computed over that
// set — the deterministic relevance ranking every compressor uses for a user's query.

const K1 = 1.2;
const B = 0.75;

// Words of a technical text: identifiers are split on case and punctuation ("parsePort" → parse, port).
const WORD = /[A-Za-z][a-z]+|[A-Z]+(?![a-z])|\d+/g;

const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have how i in is it its of on or that the this to was were what when where which who why will with you your do does did not no can could should would there their them they we our'.split(' '),
);

export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0].toLowerCase();
    if (!STOP_WORDS.has(w)) out.push(w);
  }
  return out;
}

/** Scores each document against the query; 0 for documents sharing no word with it. */
export function bm25Scores(documents: readonly string[], query: string): number[] {
  const queryWords = [...new Set(words(query))];
  if (queryWords.length === 0 || documents.length === 0) return documents.map(() => 0);
  const docs = documents.map(words);
  const avgLength = docs.reduce((sum, d) => sum + d.length, 0) / docs.length || 1;
  const documentFrequency = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) if (queryWords.includes(w)) documentFrequency.set(w, (documentFrequency.get(w) ?? 0) + 1);
  return docs.map((d) => {
    const counts = new Map<string, number>();
    for (const w of d) if (documentFrequency.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    let score = 0;
    for (const [w, tf] of counts) {
      const df = documentFrequency.get(w)!;
      const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
      score += (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * d.length) / avgLength));
    }
    return score;
  });
}
