// The phrase table of the instructions rewrite: filler, politeness and verbose constructions, each
// with its terse equivalent. A rule applies only where the meaning stays the same. Left out on
// purpose, because they change a rule: softeners ("try to", "if possible", "where possible",
// "generally", "usually", "ideally"), permissions ("you can", "you may", "feel free to"),
// recommendations ("we recommend", "it is a good idea to"), degree words ("very", "really", "just"
// inside a sentence — "just the first line" means "only"), articles ("a few" ≠ "few") and italics
// (`*clojure-version*`, cron's `*/5 * * * *`).
//
// Every pattern is a flat alternation of literals (linear time). `SENTENCE_START` rules fire only
// where a sentence begins: at the start of a paragraph or list item, after `. `, `! `, `? `, `: `, or
// where an earlier rule removed the sentence's first words (the CAPITALIZE mark).

/** Marks where a removal left a sentence start; the word after it is capitalized if it is in CAPITALIZABLE. */
export const CAPITALIZE = '\uE003';
/** Marks where a removal left an imperative ("Please run" → "Run"): the verb after it is capitalized. */
export const CAPITALIZE_VERB = '\uE004';
/** Put before a line that continues a paragraph: its first word does not begin a sentence. */
export const CONTINUATION = '\uE002';

export interface TersePhrase {
  /** What the transform reports, e.g. `please ×12`. */
  readonly label: string;
  readonly pattern: RegExp;
  /** The terse form; `$1` is the first group. Its first letter takes the case of the match's. */
  readonly replace: string;
  /** A removal that leaves a verb first ("Please run"): that verb is capitalized whatever it is. */
  readonly beforeVerb: boolean;
  /** Markup rather than words: applies to text in capitals too ("**NOTE**"), where a phrase in capitals is kept. */
  readonly markup: boolean;
}

// `(?<=^|[.!?:] |\uE003|\uE004)` — a sentence starts here
const S = String.raw`(?<=^|[.!?:] |[\uE003\uE004])`;
// `(?<=…)` — an instruction starts here: a sentence start, or after `, `, `; `, "and", "also", "then", "always"…
// ("Always make sure to run", "and don't forget to add"; not "because it is important to keep")
const I = String.raw`(?<=^|[.!?:;] |[\uE003\uE004]|, |\b(?:and|also|then|but|first|finally|always) )`;

function rule(label: string, source: string, replace = ''): TersePhrase {
  return { label, pattern: new RegExp(source, 'gi'), replace, beforeVerb: false, markup: false };
}

/** A removal after which an imperative verb follows ("Please use", "Make sure to run", "You should add"). */
function verbRule(label: string, source: string): TersePhrase {
  return { label, pattern: new RegExp(source, 'gi'), replace: '', beforeVerb: true, markup: false };
}

/** Emphasis markup around a term. */
function markupRule(label: string, source: string, replace: string): TersePhrase {
  return { label, pattern: new RegExp(source, 'gi'), replace, beforeVerb: false, markup: true };
}

export const tersePhrases: readonly TersePhrase[] = [
  // — Politeness —
  // "Thank you so much!", "Thanks in advance.", "Thank you for helping us build Acme."
  rule('thanks', `${S}(?:thank you|thanks)(?: again| so much| very much| a lot| in advance)*(?: for [^.!?\\n]{1,80})?(?:[.!]+(?: |$)|$)`),
  // "We really appreciate your help!"
  rule('thanks', `${S}(?:we|i) (?:really |truly )?appreciate [^.!?\\n]{1,80}[.!]+(?: |$)`),
  // "Happy coding!", "Good luck!", "Hope this helps."
  rule('sign-off', `${S}(?:happy coding|happy hacking|good luck|hope this helps|cheers)(?:[.!]+(?: |$)|$)`),
  // "Hi Copilot!", "Hello team,", "Hey Claude!" (only where a paragraph starts)
  rule('greeting', `^(?:hi|hello|hey|dear|welcome)(?: there| copilot| claude| team| everyone| agent| assistant)?[!,.]+(?: |$)`),
  // "Could you please run…", "Would you kindly add…"
  verbRule('please', `${S}(?:could|can|would) you (?:please|kindly) `),
  // "Please use…", "kindly add…", "Please, …"
  verbRule('please', String.raw`\b(?:please|kindly),? `),
  // "…the tests, please." / "…the tests please!"
  rule('please', String.raw`,? please(?=[.!?]|$)`),

  // — Announcements and labels that carry no rule —
  // "Please note that the API…", "Keep in mind that…", "It's worth noting that…"
  rule('note that', `${S}(?:please note that|note that|keep in mind that|bear in mind that|be aware that|be advised that|it's worth noting that|it is worth noting that|it's worth mentioning that|it is worth mentioning that|it should be noted that|remember that) `),
  // "Note: run…", "NOTE: …", "Reminder: …" (not "Important:", "Warning:", "Tip:")
  rule('note label', `${S}(?:please note|note|remember|reminder|fyi): `),
  // "As mentioned above, …", "As you can see, …", "Needless to say, …"
  rule('as mentioned', `${S}(?:as mentioned|as noted|as stated|as described|as explained)(?: above| earlier| before| previously)?, `),
  rule('as mentioned', `${S}(?:as you can see|as you may know|as you probably know|as you know|needless to say|for your information|fyi), `),

  // — Addressing the reader —
  // "I would like you to use…", "We want you to…", "You are expected to…"
  verbRule('I would like you to', String.raw`${I}(?:i would like you to|i'd like you to|i want you to|i need you to|we would like you to|we'd like you to|we want you to|we need you to|we ask that you|we expect you to|you are expected to|you are required to|you're expected to|you're required to) `),
  // "You should always…", "You must never…" → "Always…", "Never…"
  rule('you should', String.raw`${I}you (?:should|must|need to|have to|will need to|'ll need to|ought to) (always|never) `, '$1 '),
  // "You should run…", "You must add…" → "Run…", "Add…" (an instruction either way). Not what the
  // reader will observe ("You should see a green check", "You should now be able to log in"), and not
  // "You need to …": in a list after "Search the code only if:" it states a condition, not a rule.
  verbRule('you should', `${S}you (?:should|must|ought to) (?=[a-z])(?!(?:not|never|be|see|get|now|have|receive|notice|find|expect|already|know|then|end up|hear)\\b)`),
  // "You should not…", "You must not…" → "Do not…"
  rule('you should', `${S}you (?:should|must) not `, 'do not '),
  // "It is very important that you run…", "It's crucial to…"
  verbRule('it is important to', String.raw`${I}it(?:'s| is) (?:very |really |extremely |super |absolutely |critically )?(?:important|crucial|critical|essential|vital|imperative|necessary) (?:that you |for you to |to )`),
  // "Make sure to run…", "Be sure to…", "Remember to…", "Don't forget to…", "Make sure you run…"
  verbRule('make sure to', String.raw`${I}(?:make sure to|make sure that you|make sure you|be sure to|remember to|don't forget to|do not forget to|ensure that you|ensure you) (?!have\b)`),
  // "Make sure that every endpoint…" → "Ensure every endpoint…"; "Ensure that…" → "Ensure…"
  rule('make sure that', String.raw`\b(?:make sure that|make sure|ensure that) `, 'ensure '),

  // — Verbose constructions —
  rule('in order to', String.raw`\b(?:in order to|so as to)\b`, 'to'),
  rule('in order to', String.raw`\bin order for\b`, 'for'),
  rule('because', String.raw`\b(?:due to the fact that|owing to the fact that|because of the fact that|on account of the fact that|in light of the fact that)\b`, 'because'),
  rule('although', String.raw`\b(?:despite the fact that|in spite of the fact that)\b`, 'although'),
  rule('can', String.raw`\b(?:is able to|are able to|has the ability to|have the ability to)\b`, 'can'),
  rule('now', String.raw`\b(?:at this point in time|at the present time|at this moment in time)\b`, 'now'),
  rule('for', String.raw`\bfor the purpose of\b`, 'for'),
  rule('many', String.raw`\b(?:a large number of|a great number of|a huge number of|a significant number of)\b`, 'many'),
  rule('various', String.raw`\b(?:a wide variety of|a variety of)\b`, 'various'),
  rule('if', String.raw`\b(?:in the event that|in the case that)\b`, 'if'),
  rule('before', String.raw`\bprior to\b`, 'before'),
  rule('regarding', String.raw`\b(?:with regard to|with regards to|in regard to|in regards to)\b`, 'regarding'),
  rule('use', String.raw`\bmake use of\b`, 'use'),
  rule('use', String.raw`\bmakes use of\b`, 'uses'),
  rule('use', String.raw`\bmaking use of\b`, 'using'),
  rule('use', String.raw`\butili[sz]e\b`, 'use'),
  rule('use', String.raw`\butili[sz]es\b`, 'uses'),
  rule('use', String.raw`\butili[sz]ed\b`, 'used'),
  rule('use', String.raw`\butili[sz]ing\b`, 'using'),
  rule('consider', String.raw`\b(?:take into account|take into consideration)\b`, 'consider'),
  // "check whether or not" → "check whether" (but "run it whether or not …" means "regardless" and stays)
  rule('whether', String.raw`(?<=\b(?:check|checks|checking|decide|decides|deciding|determine|determines|determining|verify|verifies|verifying|know|ask|see|confirm|tell) )whether or not\b`, 'whether'),
  rule('every', String.raw`\beach and every\b`, 'every'),
  rule('all', String.raw`\bany and all\b`, 'all'),
  rule('first', String.raw`\bfirst and foremost\b`, 'first'),
  rule('regularly', String.raw`\bon a regular basis\b`, 'regularly'),
  rule('daily', String.raw`\bon a daily basis\b`, 'daily'),
  rule('always', String.raw`\bat all times\b`, 'always'),
  rule('also', `${S}in addition, `, 'also, '),
  rule('so that', String.raw`\bin such a way that\b`, 'so that'),
  // "…with `--watch` so that you can see…" → "…to see…"
  rule('to', String.raw`\bso that you can\b`, 'to'),
  // "There is no need to mock it" → "No need to mock it"
  rule('no need to', `${S}there(?: is|'s) no need to\\b`, 'no need to'),
  rule('until', String.raw`\buntil such time as\b`, 'until'),

  // — Filler words —
  // "basically the same", "Of course, …", "You should definitely…"
  rule('filler word', String.raw`\b(?:simply put, |basically |actually |obviously |definitely |of course,? )(?=\S)`),
  // "Just run `make`.", "Simply run…" at the start of a sentence (inside one they mean "only":
  // "don't simply copy the file")
  verbRule('filler word', `${S}(?:just|simply) (?=[a-z])`),

  // — Emphasis that carries no rule —
  // "**TypeScript 5.6**", "**Locators**:" → plain; stars on a rule word ("**Never**", "**must**", "**all**") stay
  markupRule('bold', String.raw`(?<![\w*\\])\*\*(?![\s*])(?![^*\n]*\b(?:important|never|always|must|shall|should|not|no|none|don't|do not|warning|caution|danger|required|mandatory|critical|crucial|essential|only|all|every|each|any|exactly|strictly|forbidden|prohibited)\b)([^*\n]{0,79}[^*\s\\])\*\*(?![\w*])`, '$1'),
  // "__Setup steps__" (a phrase; `__init__` is a name and keeps its underscores)
  markupRule('bold', String.raw`(?<![\w\\])__(?=[^_\n]* )(?![\s_])(?![^_\n]*\b(?:important|never|always|must|shall|should|not|no|none|don't|do not|warning|caution|danger|required|mandatory|critical|crucial|essential|only|all|every|each|any|exactly|strictly|forbidden|prohibited)\b)([^_\n]{0,79}[^_\s\\])__(?!\w)`, '$1'),
];

/**
 * Phrases whose `not` is no negation of a rule: double negatives the table turns into plain
 * instructions ("Don't forget to run" → "Run") and "check whether or not" (→ "check whether"). The
 * validation does not count their `n't`/`not`.
 */
export const DOUBLE_NEGATIVE = /\b(?:don't forget to|do not forget to|whether or not)\b/gi;

/**
 * A paragraph that only announces what follows: "This document describes how agents should work
 * here.", "The following are our coding guidelines:". Removed only when it is a whole paragraph with
 * no name, path, number or negation in it, and the next paragraph does not refer back to it ("It …").
 */
export const ANNOUNCEMENT = /^(?:this (?:document|file|guide) (?:describes|explains|outlines|summarizes|documents|contains the (?:guidelines|instructions|rules|conventions)) [^.!?:\n\d]{1,160}[.:]|(?:the following|below|here) (?:are|is|you will find|you'll find) (?:the |our |some )?(?:coding |project |team |general )?(?:guidelines|instructions|rules|conventions|standards|best practices)(?: (?:to|you should|that you should|you must) follow)?(?: for this (?:project|repository|repo|codebase))?:)$/i;
/** The first word of a paragraph that refers back to the one before it. */
export const REFERS_BACK = /^(?:it|its|this|these|they|their|that|those)\b/i;

/**
 * Words capitalized where a removal left them starting a sentence ("Please use X" → "Use X"). Names
 * of tools (`npm`, `pnpm`, `git`) are not here, so "Note that pnpm is required" keeps `pnpm`.
 */
export const CAPITALIZABLE: ReadonlySet<string> = new Set([
  'a', 'adapt', 'add', 'adjust', 'after', 'align', 'all', 'allow', 'also', 'although', 'always', 'an', 'annotate',
  'any', 'apply', 'as', 'ask', 'assert', 'assume', 'attach', 'audit', 'avoid', 'back', 'batch', 'be', 'because', 'before',
  'besides', 'build', 'bump', 'cache', 'call', 'can', 'catch', 'centralize', 'change', 'check', 'choose',
  'clean', 'clear', 'close', 'code', 'collect', 'colocate', 'combine', 'comment', 'comments', 'commit', 'commits',
  'compare', 'compile', 'components', 'compose', 'configure', 'confirm', 'consider', 'contact', 'convert', 'copy',
  'cover', 'create', 'debug', 'decide', 'declare', 'default', 'define', 'delete', 'depend', 'deploy', 'deprecate',
  'describe', 'design', 'detect', 'disable', 'discuss', 'do', 'document', "don't", 'double', 'drop', 'duplicate',
  'each', 'edit', 'emit', 'enable', 'enforce', 'ensure', 'escape', 'evaluate', 'every', 'exclude', 'execute',
  'explain', 'export', 'expose', 'extend', 'extract', 'fail', 'favor', 'favour', 'fetch', 'files', 'fill', 'filter',
  'find', 'first', 'fix', 'flag', 'flush', 'focus', 'follow', 'for', 'fork', 'format', 'functions', 'generate',
  'give', 'group', 'guard', 'handle', 'have', 'hide', 'if', 'implement', 'import', 'improve', 'in', 'include',
  'increase', 'indent', 'inject', 'inline', 'inspect', 'install', 'investigate', 'isolate', 'it', 'iterate', 'keep',
  'label', 'leave', 'let', 'limit', 'link', 'lint', 'list', 'load', 'lock', 'log', 'look', 'lower', 'maintain',
  'make', 'many', 'mark', 'match', 'measure', 'memoize', 'mention', 'merge', 'migrate', 'minimize', 'mirror', 'mock',
  'modify', 'monitor', 'mount', 'move', 'name', 'names', 'never', 'new', 'normalize', 'note', 'notify', 'now',
  'observe', 'omit', 'on', 'only', 'open', 'optimize', 'our', 'output', 'override', 'pass', 'patch', 'pause', 'pick',
  'pin', 'place', 'plan', 'poll', 'prefer', 'prefix', 'preserve', 'print', 'prioritize', 'profile', 'promote',
  'propagate', 'protect', 'prototype', 'provide', 'prune', 'publish', 'pull', 'push', 'put', 'query', 'raise',
  're-run', 'read', 'rebase', 'rebuild', 'record', 'reduce', 'refactor', 'refer', 'reference', 'regarding',
  'regenerate', 'register', 'reject', 'release', 'rely', 'remove', 'rename', 'render', 'reorder', 'repeat', 'replace', 'report',
  'reproduce', 'request', 'require', 'rerun', 'reset', 'resolve', 'respect', 'respond', 'restart', 'restore',
  'restrict', 'retry', 'return', 'reuse', 'revert', 'review', 'rewrite', 'rotate', 'run', 'save', 'scan', 'search',
  'select', 'send', 'separate', 'serialize', 'set', 'share', 'show', 'skip', 'some', 'sort', 'specify', 'split', 'squash',
  'stage', 'start', 'stay', 'stick', 'stop', 'store', 'strip', 'structure', 'submit', 'summarize', 'support',
  'suppress', 'switch', 'sync', 'tag', 'take', 'tell', 'test', 'tests', 'that', 'the', 'there', 'these', 'think',
  'this', 'those', 'throw', 'to', 'trace', 'track', 'translate', 'treat', 'trim', 'try', 'type', 'understand',
  'unit', 'unpack', 'update', 'upgrade', 'use', 'validate', 'various', 'verify', 'version', 'visit', 'wait', 'warn',
  'watch', 'we', 'when', 'where', 'whether', 'while', 'wrap', 'write', 'yield', 'you', 'your',
]);
