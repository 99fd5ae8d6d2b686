// Reads a file or stdin with bounded memory. Up to MAX_INPUT_BYTES are kept whole; beyond that the
// first and last halves are kept (cut at line ends) and the size of the dropped middle is reported,
// because it was never seen and cannot be retrieved.
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export interface Input {
  readonly path: string;
  readonly bytes: Uint8Array;
  /** Bytes in the middle that were over the cap and not kept. */
  readonly droppedBytes: number;
  readonly notice: string;
}

export async function readInput(path: string, cap = MAX_INPUT_BYTES): Promise<Input> {
  const stream: Readable = path === '-' ? process.stdin : createReadStream(path);
  const half = Math.floor(cap / 2);
  const head: Buffer[] = [];
  let headBytes = 0;
  const tail: Buffer[] = [];
  let tailBytes = 0;
  let total = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (headBytes < half) {
      const take = Math.min(chunk.length, half - headBytes);
      head.push(chunk.subarray(0, take));
      headBytes += take;
      if (take === chunk.length) continue;
      tail.push(chunk.subarray(take));
      tailBytes += chunk.length - take;
    } else {
      tail.push(chunk);
      tailBytes += chunk.length;
    }
    while (tail.length > 1 && tailBytes - tail[0].length >= half) tailBytes -= tail.shift()!.length;
  }
  if (total <= cap) return { path, bytes: Buffer.concat([...head, ...tail]), droppedBytes: 0, notice: '' };

  // Over the cap: keep whole lines only at both ends of the gap.
  let headBuffer = Buffer.concat(head);
  let tailBuffer = Buffer.concat(tail);
  tailBuffer = tailBuffer.subarray(Math.max(0, tailBuffer.length - half));
  const lastNewline = headBuffer.lastIndexOf(0x0a);
  if (lastNewline >= 0) headBuffer = headBuffer.subarray(0, lastNewline + 1);
  const firstNewline = tailBuffer.indexOf(0x0a);
  if (firstNewline >= 0) tailBuffer = tailBuffer.subarray(firstNewline + 1);
  const droppedBytes = total - headBuffer.length - tailBuffer.length;
  return {
    path,
    bytes: Buffer.concat([headBuffer, tailBuffer]),
    droppedBytes,
    notice: `[hr: the input was ${total} bytes; ${droppedBytes} bytes in the middle were over the ${cap}-byte read limit and were not kept, so they cannot be retrieved]`,
  };
}
