// Runs last (see index.ts): deactivate frees the Runtime, and with it the WASM tokenizer.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { askInChat, headroomExtension, readByModel } from './helpers';

type ExtensionModule = typeof import('../../../src/extension');

describe('deactivate', () => {
  it('frees the Runtime that the first chat request loaded', async () => {
    const extension = headroomExtension();
    const api = await extension.activate();
    if (!api.runtimeLoaded) {
      const tag = `load runtime ${Date.now()}`;
      await askInChat(`@headroom ${tag}`, (r) => readByModel(r).includes(tag));
    }
    assert.equal(api.runtimeLoaded, true, 'a chat request loads the Runtime');
    // The same module instance VS Code activated (require's cache is keyed by the file).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(join(extension.extensionPath, extension.packageJSON.main)) as ExtensionModule;
    await module.deactivate();
    assert.equal(api.runtimeLoaded, false, 'deactivate must dispose the Runtime');
  });
});
