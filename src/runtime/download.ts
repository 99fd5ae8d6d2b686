// Downloads one file the user asked for (their prose model, its tokenizer) and keeps it only when
// its SHA-256 is the one they gave. HTTPS only (plain HTTP to this machine's loopback address, for a
// local server), a few redirects, a size cap; written beside its final name and renamed into place, so
// a half-written or wrong file is never used. No vscode here: the extension adds consent and progress.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { dirname } from 'node:path';

/** Largest file downloaded (a fp32 BERT-base token classifier is about 0.7 GB). */
export const MAX_DOWNLOAD_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_REDIRECTS = 5;
/** No byte for this long: the download is given up. */
const IDLE_TIMEOUT_MS = 60_000;
// `https://…`, `http://…` — a URL rather than a path
const URL_SCHEME = /^https?:\/\//i;
// `3f9a0c…` (64 lower-case hex digits): a SHA-256
const SHA256_HEX = /^[0-9a-f]{64}$/;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isDownloadUrl(value: string): boolean {
  return URL_SCHEME.test(value.trim());
}

export interface DownloadRequest {
  readonly url: string;
  /** The SHA-256 (hex) the user gave: the file is kept only when its bytes hash to it. */
  readonly sha256: string;
  /** Where the verified file goes. */
  readonly dest: string;
  readonly maxBytes?: number;
  /** Bytes received so far and the total when the server said it. */
  readonly onProgress?: (received: number, total: number | undefined) => void;
  readonly signal?: AbortSignal;
}

export interface Downloaded {
  readonly bytes: number;
  readonly sha256: string;
  /** The URL the bytes finally came from (after redirects). */
  readonly from: string;
}

/** Why a URL may not be fetched, or `undefined` when it may. */
export function refuseUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)) return undefined;
  return `only https:// URLs are downloaded (plain http only from 127.0.0.1), not ${parsed.protocol}//${parsed.host}`;
}

export async function downloadVerified(request: DownloadRequest): Promise<Downloaded> {
  const expected = request.sha256.trim().toLowerCase();
  if (!SHA256_HEX.test(expected)) throw new Error('a download needs the SHA-256 of the file (64 hex digits)');
  const maxBytes = request.maxBytes ?? MAX_DOWNLOAD_BYTES;
  await mkdir(dirname(request.dest), { recursive: true });
  const partial = `${request.dest}.${process.pid}.part`;
  try {
    const { response, from } = await open(request.url, request.signal);
    const total = Number(response.headers['content-length']) || undefined;
    if (total !== undefined && total > maxBytes) {
      response.destroy();
      throw new Error(`${from} is ${total} bytes, over the ${maxBytes}-byte limit`);
    }
    const hash = createHash('sha256');
    let received = 0;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(partial);
      const fail = (error: Error) => {
        response.destroy();
        out.destroy();
        reject(error);
      };
      response.setTimeout(IDLE_TIMEOUT_MS, () => fail(new Error(`no data from ${from} for ${IDLE_TIMEOUT_MS / 1000} s`)));
      request.signal?.addEventListener('abort', () => fail(new Error('download cancelled')), { once: true });
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > maxBytes) return fail(new Error(`${from} sent more than ${maxBytes} bytes`));
        hash.update(chunk);
        request.onProgress?.(received, total);
      });
      response.on('error', fail);
      out.on('error', fail);
      response.pipe(out);
      out.on('finish', () => (response.complete ? resolve() : reject(new Error(`the connection to ${from} closed early`))));
    });
    if (total !== undefined && received !== total) throw new Error(`${from} sent ${received} of ${total} bytes`);
    const actual = hash.digest('hex');
    if (actual !== expected) throw new Error(`${from} gave a file with SHA-256 ${actual}, not the ${expected} given; it was not kept`);
    await rename(partial, request.dest);
    return { bytes: received, sha256: actual, from };
  } finally {
    await rm(partial, { force: true });
  }
}

/** GETs `url`, following redirects that stay within what `refuseUrl` allows; resolves on a 200 response. */
async function open(url: string, signal: AbortSignal | undefined): Promise<{ response: IncomingMessage; from: string }> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const refused = refuseUrl(current);
    if (refused) throw new Error(refused);
    if (signal?.aborted) throw new Error('download cancelled');
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const get = current.startsWith('https:') ? httpsGet : httpGet;
      const req = get(current, { headers: { 'user-agent': 'headroom-vscode' }, signal }, resolve);
      req.on('error', (error) => reject(new Error(`cannot download ${current} (${error.message})`)));
      req.setTimeout(IDLE_TIMEOUT_MS, () => req.destroy(new Error(`no answer in ${IDLE_TIMEOUT_MS / 1000} s`)));
    });
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      current = new URL(response.headers.location, current).toString();
      continue;
    }
    if (status !== 200) {
      response.resume();
      throw new Error(`${current} answered HTTP ${status}`);
    }
    return { response, from: current };
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects from ${url}`);
}
