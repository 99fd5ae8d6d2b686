// Public face of the pure compression core. Owns: turning text into smaller text with marked,
// reversible cuts. Does not own: storage, tokenizer loading, parsing engines, vscode (hosts pass those in).
export { compress, MAX_ENGINE_CHARS } from './compress';
export { COMPRESSORS, CONTENT_COMPRESSORS, FALLBACK } from './registry';
export { SHELL_FILTERS } from './shell';
export { route } from './route';
export { formatMarker, scanMarkers, isMarkerId } from './shared/markers';
export { sliceOriginal, parseLineRange } from './shared/slice';
export type { SliceRequest, SliceResult } from './shared/slice';
export { sha256Hex } from './shared/sha256';
export * from './types';
