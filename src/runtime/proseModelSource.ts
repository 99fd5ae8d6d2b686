// Where the prose model the user configured is on disk: a path as given, or, for a URL, the verified
// copy the extension downloaded into its storage (named by the SHA-256 the user gave). Says what still
// has to be downloaded; never downloads anything itself.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { isDownloadUrl } from './download';
import type { ProseModelFiles } from './proseModel';

/** The `headroom.prose.*` settings. */
export interface ProseSetting {
  /** Path or https URL of the .onnx file; empty: no prose model. */
  readonly model: string;
  readonly modelSha256: string;
  /** Path or https URL of tokenizer.json; empty: tokenizer.json beside a model given by path. */
  readonly tokenizer: string;
  readonly tokenizerSha256: string;
  readonly keepRatio?: number;
}

export interface PendingDownload {
  readonly what: 'model' | 'tokenizer';
  readonly url: string;
  readonly sha256: string;
  readonly dest: string;
}

export type ProseOption = ProseModelFiles | { readonly unavailable: string; readonly sha256?: string; readonly keepRatio?: number };

export interface ResolvedProse {
  /** What the Runtime gets (`undefined`: no prose model configured). */
  readonly option?: ProseOption;
  /** URLs not downloaded yet; the Runtime reports the model unavailable until they are. */
  readonly downloads: readonly PendingDownload[];
}

/** Folder under the extension's storage that holds downloaded models. */
export const PROSE_MODEL_DIR = 'prose-models';
/** What the transforms say while a configured URL is not downloaded. */
export const NOT_DOWNLOADED = 'not downloaded yet: run "Headroom: Download Prose Model" (nothing is downloaded without your consent)';
// `3f9a0c…` (64 hex digits): a SHA-256
const SHA256_HEX = /^[0-9a-fA-F]{64}$/;
// `~/models/x.onnx` — a path in the home folder
const HOME_PATH = /^~(?=$|[/\\])/;

export function resolveProseModel(setting: ProseSetting, storageDir: string): ResolvedProse {
  const model = setting.model.trim();
  if (!model) return { downloads: [] };
  const sha256 = setting.modelSha256.trim().toLowerCase();
  const keepRatio = setting.keepRatio;
  const unavailable = (why: string): ResolvedProse => ({ option: { unavailable: why, sha256, keepRatio }, downloads: [] });
  if (!SHA256_HEX.test(sha256)) return unavailable('headroom.prose.modelSha256 is not a SHA-256 (64 hex digits), and a model is never used unverified');
  const tokenizerSetting = setting.tokenizer.trim();
  for (const [name, value] of [['model', model], ['tokenizer', tokenizerSetting]] as const) {
    if (value && !isDownloadUrl(value) && !isAbsolute(expandHome(value))) return unavailable(`headroom.prose.${name} must be an absolute path, a path under ~/, or an https URL, not "${value}"`);
  }
  const downloads: PendingDownload[] = [];
  const modelPath = local('model', model, sha256, '.onnx', storageDir, downloads);
  let tokenizerPath: string | undefined;
  const tokenizerSha256 = setting.tokenizerSha256.trim().toLowerCase() || undefined;
  if (isDownloadUrl(tokenizerSetting)) {
    if (!tokenizerSha256 || !SHA256_HEX.test(tokenizerSha256)) return unavailable('headroom.prose.tokenizerSha256 must be the SHA-256 of the tokenizer to download');
    tokenizerPath = local('tokenizer', tokenizerSetting, tokenizerSha256, '.tokenizer.json', storageDir, downloads);
  } else if (tokenizerSetting) {
    tokenizerPath = expandHome(tokenizerSetting);
  } else if (isDownloadUrl(model)) {
    return unavailable('a model given by URL needs headroom.prose.tokenizer (the URL or path of its tokenizer.json)');
  }
  if (downloads.length > 0) return { option: { unavailable: NOT_DOWNLOADED, sha256, keepRatio }, downloads };
  return { option: { model: modelPath, sha256, tokenizer: tokenizerPath, tokenizerSha256, keepRatio }, downloads };
}

/** A path as given (with `~` expanded), or the downloaded copy of a URL, noting it when it is missing. */
function local(what: PendingDownload['what'], value: string, sha256: string, suffix: string, storageDir: string, downloads: PendingDownload[]): string {
  if (!isDownloadUrl(value)) return expandHome(value);
  const dest = join(storageDir, PROSE_MODEL_DIR, `${sha256}${suffix}`);
  if (!existsSync(dest)) downloads.push({ what, url: value, sha256, dest });
  return dest;
}

function expandHome(path: string): string {
  return path.replace(HOME_PATH, homedir());
}
