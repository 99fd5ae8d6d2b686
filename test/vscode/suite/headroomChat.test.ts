// @headroom in the real chat view, through the fake model: the model reads exactly the compressed
// text (smaller), calls headroom_retrieve and gets the original back, /run runs only after the user
// accepts it in the chat, history is kept byte-stable, and the slash commands do what they say.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { RecordedRequest } from '../fakeModel/extension';
import { askInChat, fakeModel, fixture, readByModel, writeWorkspaceFile } from './helpers';
import { MARKER, headroomApi, invokeTool, lines, waitFor } from './surfaces';

const lastMessage = (request: RecordedRequest) => request.messages.at(-1)!.text;

describe('@headroom: the participant, its tools and its slash commands', () => {
  before(() => headroomApi());

  it('sends the model the compressed attachment, exactly as headroom_compress gives it, and smaller', async () => {
    const { text, needles } = fixture('npm-install-http');
    const file = await writeWorkspaceFile('npm-install-chat.log', text);
    const question = `why did npm install fail ${Date.now()}?`;
    const request = await askInChat(`@headroom ${question}`, (r) => readByModel(r).includes(question), { attachFiles: [file] });
    const expected = await invokeTool('headroom_compress', { text, fileName: file.path, query: question });
    const read = lastMessage(request);
    assert.ok(read.includes(`Attached: npm-install-chat.log\n\`\`\`\n${expected}\n\`\`\``), 'the model read the compressed file, byte for byte');
    assert.ok(expected.length < text.length / 2, `compressed ${text.length} → ${expected.length} chars`);
    assert.ok(readByModel(request).length < text.length, 'everything the model read is smaller than the attachment alone');
    for (const needle of needles) assert.ok(read.includes(needle));
    assert.match(request.messages[0].text, /^You answer through Headroom/, 'the instructions open the first user message');
    assert.ok(request.tools.includes('headroom_retrieve') && request.tools.includes('headroom_run'), `offered tools: ${request.tools.join(', ')}`);
  });

  it('runs the headroom_retrieve call the model makes and hands it the original lines', async () => {
    // A real server log: its compressor cuts line ranges (a test-runner report's cuts are spread out).
    const { text } = fixture('python-http-server');
    const file = await writeWorkspaceFile('server-chat.log', text);
    const compressed = await invokeTool('headroom_compress', { text, fileName: file.path });
    const [, id, , first, last] = MARKER.exec(compressed)!;
    const model = await fakeModel();
    const call = `CALL_TOOL headroom_retrieve {"id":"${id}","lines":"${first}-${last}"}`;
    const answered = await askInChat(`@headroom ${call}`, (r) => lastMessage(r).startsWith('[tool result') && readByModel(r).includes(call), { attachFiles: [file] });
    const toolCall = model.requests.find((r) => r.seq === answered.seq - 1)!;
    assert.equal(toolCall.answer, `[tool call headroom_retrieve] {"id":"${id}","lines":"${first}-${last}"}`);
    assert.match(lastMessage(answered), /^\[tool result call-\d+\] /);
    assert.equal(lastMessage(answered).replace(/^\[tool result call-\d+\] /, ''), lines(text, Number(first), Number(last)), 'the model got the cut lines back byte for byte');
    assert.equal(answered.messages.at(-2)!.role, 'assistant', 'the tool call is answered right after it');
  });

  it('/run runs the command only after the user accepts it in the chat, then answers from its compressed output', async () => {
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const marker = join(root, `ran-${Date.now()}.txt`);
    const command = `node -e "for (let i = 1; i <= 400; i++) console.log('ok ' + i + ' - test ' + i); console.log('not ok 401 - fails'); require('fs').writeFileSync('${marker.replace(/\\/g, '/')}', 'x'); process.exit(3)"`;
    const received = askInChat(`@headroom /run ${command}`, (r) => readByModel(r).includes('Explain the outcome of this command'));
    await new Promise((resolve) => setTimeout(resolve, 2000));
    assert.equal(existsSync(marker), false, 'nothing ran before the user accepted');
    const accepted = waitFor(async () => {
      await vscode.commands.executeCommand('workbench.action.chat.acceptTool');
      return existsSync(marker) || undefined;
    }, 'the command to run after accepting', 30_000);
    const request = await received;
    await accepted;
    const read = lastMessage(request);
    assert.match(read, /not ok 401 - fails/);
    assert.match(read, /\[exit code 3\]/);
    assert.ok(read.length < 400 * 20, `the model read ${read.length} chars of about ${400 * 20}`);
  });

  it('keeps earlier turns in the same words on the next request (footer left out), so caches keep matching', async () => {
    const first = `history one ${Date.now()}`;
    const r1 = await askInChat(`@headroom ${first}`, (r) => readByModel(r).includes(first));
    const second = `history two ${Date.now()}`;
    const r2 = await askInChat(`@headroom ${second}`, (r) => readByModel(r).includes(second));
    assert.equal(r2.messages[0].text, r1.messages[0].text, 'the first message is byte-identical');
    const i = r2.messages.findIndex((m) => m.role === 'user' && m.text === first);
    assert.ok(i > 0, 'the earlier question is in the history');
    assert.equal(r2.messages[i + 1].role, 'assistant');
    assert.equal(r2.messages[i + 1].text, r1.answer, 'the earlier answer, without the savings footer');
  });

  it('/terse sets how brief answers are, and the next request says so', async () => {
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@headroom /terse ultra', isPartialQuery: false });
    await waitFor(() => vscode.workspace.getConfiguration('headroom').get('chat.terse') === 'ultra' || undefined, 'headroom.chat.terse to become ultra');
    const question = `terse check ${Date.now()}`;
    const request = await askInChat(`@headroom ${question}`, (r) => readByModel(r).includes(question));
    assert.match(request.messages[0].text, /Answer as tersely as possible/);
    await vscode.workspace.getConfiguration('headroom').update('chat.terse', undefined, vscode.ConfigurationTarget.Global);
  });

  it('/compress records what it compressed without asking the model', async () => {
    const api = await headroomApi();
    const model = await fakeModel();
    const seen = model.requests.length;
    const { text } = fixture('node-test-spec-failures');
    const count = api.surfaces.ledger.summary().totals.count;
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: `@headroom /compress ${text}`, isPartialQuery: false });
    const entry = await waitFor(() => api.surfaces.ledger.summary().totals.count > count ? api.surfaces.ledger.recent().find((e) => e.label === '@headroom prompt' && e.tokensBefore > 1000) : undefined, '/compress to record the pasted log');
    assert.equal(entry.source, 'participant');
    assert.ok(entry.saved > 0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(model.requests.slice(seen).some((r) => readByModel(r).includes('not ok')), false, 'the model was not asked');
  });
});
