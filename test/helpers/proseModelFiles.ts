// The committed tiny prose model (test/models/tinyProse/), its hashes, and a document to run it on.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './engines';

export const TINY_DIR = join(ROOT, 'test', 'models', 'tinyProse');
export const TINY_MODEL = join(TINY_DIR, 'model.onnx');
export const TINY_PROBABILITY_MODEL = join(TINY_DIR, 'probabilities.onnx');
export const TINY_TOKENIZER = join(TINY_DIR, 'tokenizer.json');

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * A README-like document with filler words for the model to drop and facts it must never touch:
 * inline code, a URL, a path, numbers, a quoted string, negations, identifiers, a code block.
 */
export const PROSE_DOC = `# Cache server

The cache server is a very small proxy that sits in front of the build server and keeps the
responses of all requests for a while, so that the build is really fast when you run it again.
It is basically a simple key and value store in memory that also writes to the disk.

## Install

You can install the package with \`npm install cache-server\` and then start it with the config file
at ~/.config/cache/cache.json. The server will listen on port 8080 by default, which you can change.

\`\`\`sh
npm install cache-server
cache-server --port 8080 --config ~/.config/cache/cache.json
\`\`\`

## Errors

When a request fails, the server does not retry it; it logs the error with the request id and the
response header, so that you can find it in the logs at https://logs.example.com/cache quite easily.
A timeout of 30 seconds applies to every request, and the retryPolicy option is simply ignored.
Never put the secret key into the config file: the server prints "key rejected" and will not start.

- The cache is basically a very simple key and value store in memory that also writes to the disk.
- If the disk is full, the server will just stop writing and it will keep serving from memory.
- The proxy can also compress the responses, which is quite useful when the network is really slow.

## Logs

The server writes a log line for every request that it serves, and these log lines are also
written to the disk in the logs folder, so that you can see which requests were really slow.
`;
