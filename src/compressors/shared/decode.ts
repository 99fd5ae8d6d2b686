// Decides whether input is text, and if not, what kind of bytes it is. A model must never read
// garbage: binary and invalid UTF-8 become a one-line description with a marker to the original.

const SNIFF_BYTES = 8192;

export type Decoded =
  | { readonly kind: 'text'; readonly text: string; readonly bytes: Uint8Array }
  | { readonly kind: 'binary'; readonly bytes: Uint8Array; readonly why: string; readonly format: string };

const utf8 = new TextEncoder();

export function decodeInput(input: string | Uint8Array): Decoded {
  if (typeof input === 'string') {
    const bytes = utf8.encode(input);
    if (looksBinaryText(input)) return { kind: 'binary', bytes, why: 'contains NUL or control bytes', format: sniffFormat(bytes) };
    return { kind: 'text', text: input, bytes };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input);
  } catch {
    return { kind: 'binary', bytes: input, why: 'not valid UTF-8', format: sniffFormat(input) };
  }
  if (looksBinaryText(text)) return { kind: 'binary', bytes: input, why: 'contains NUL or control bytes', format: sniffFormat(input) };
  return { kind: 'text', text, bytes: input };
}

/** NUL anywhere in the head, or many C0 control characters other than tab/newline/CR/ESC/BS/FF. */
function looksBinaryText(text: string): boolean {
  const head = text.length > SNIFF_BYTES ? text.slice(0, SNIFF_BYTES) : text;
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27 && c !== 8 && c !== 12) controls++;
  }
  return head.length > 0 && controls / head.length > 0.05;
}

const MAGIC: readonly [string, readonly number[]][] = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
  ['gzip data', [0x1f, 0x8b]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
  ['Mach-O executable', [0xcf, 0xfa, 0xed, 0xfe]],
  ['Windows executable', [0x4d, 0x5a]],
];

export function sniffFormat(bytes: Uint8Array): string {
  for (const [name, magic] of MAGIC) {
    if (magic.every((b, i) => bytes[i] === b)) return name;
  }
  return 'binary data';
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
