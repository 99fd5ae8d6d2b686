// @headroom round trip through the real chat view: what the model reads is the compressed prompt
// plus the compressed attached file, with every fact the fixtures say must survive.
import * as assert from 'node:assert/strict';
import { askInChat, fixture, readByModel, writeWorkspaceFile } from './helpers';

/** `[hr:3f9a0c1b2d4e collapsed 38 lines L2-39: …]` */
const MARKER = /\[hr:[0-9a-f]{12} /;

describe('@headroom chat participant', () => {
  it('sends the selected model the compressed prompt and attached file, every needle kept', async () => {
    const pasted = fixture('node-test-spec-failures');
    const attached = fixture('npm-install-http');
    const file = await writeWorkspaceFile('npm-install.log', attached.text);
    const tag = `round trip ${Date.now()}`;

    const request = await askInChat(`@headroom ${tag} why did the tests fail?\n${pasted.text}`, (r) => readByModel(r).includes(tag), { attachFiles: [file] });

    const read = readByModel(request);
    assert.equal(request.model, 'fake-echo', 'the participant forwards to the model selected in the chat');
    for (const needle of [...pasted.needles, ...attached.needles]) assert.ok(read.includes(needle), `the model did not read ${JSON.stringify(needle)}`);
    assert.ok(read.includes('Attached: npm-install.log'), 'the attached file reaches the model under its workspace-relative name');
    assert.match(read, MARKER, 'large inputs are cut with markers');
    assert.ok(read.length < pasted.text.length + attached.text.length, `the model read ${read.length} chars of ${pasted.text.length + attached.text.length}`);
    console.log(`      round trip: the model read ${read.length} of ${pasted.text.length + attached.text.length} chars`);
  });
});
