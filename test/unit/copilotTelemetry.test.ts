// The lines follow the shape Copilot Chat's file exporter writes (src/platform/otel/node/fileExporters.ts
// in microsoft/vscode-copilot-chat: one JSON object per span, log record or metric batch, appended to
// one file); Copilot cannot run here, so the sample is built from that serializer and the GenAI
// attribute names it uses (genAiAttributes.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCopilotTelemetry, readCopilotTelemetry, usageCost } from '../../src/stats/copilotTelemetry';
import { MODEL_PRICES, findPrice } from '../../src/stats/pricing';

const start = [1_782_900_000, 500_000_000] as const;

function span(spanId: string, attributes: Record<string, unknown>, name = 'chat claude-sonnet-4.6'): string {
  return JSON.stringify({
    resource: { attributes: { 'service.name': 'copilot-chat' } },
    instrumentationScope: { name: 'copilot-chat' },
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId,
    traceFlags: 1,
    parentSpanId: 'b7ad6b7169203331',
    name,
    kind: 2,
    startTime: start,
    endTime: [start[0] + 3, 0],
    duration: [3, 0],
    status: { code: 0 },
    attributes,
    links: [],
    events: [],
    ended: true,
  });
}

const chat = (spanId: string, model: string, input: number, cached: number, output: number) => span(spanId, {
  'gen_ai.operation.name': 'chat',
  'gen_ai.provider.name': 'github',
  'gen_ai.request.model': model,
  'gen_ai.response.model': model,
  'gen_ai.usage.input_tokens': input,
  'gen_ai.usage.cache_read.input_tokens': cached,
  'gen_ai.usage.output_tokens': output,
});

const SAMPLE = [
  span('aaaa000000000001', { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'GitHub Copilot Chat', 'gen_ai.usage.input_tokens': 99_999 }, 'invoke_agent'),
  chat('aaaa000000000002', 'claude-sonnet-4.6', 12_000, 10_000, 800),
  chat('aaaa000000000003', 'gpt-5.4', 3_000, 0, 200),
  chat('aaaa000000000003', 'gpt-5.4', 3_000, 0, 200), // the same span twice: counted once
  span('aaaa000000000004', { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'run_in_terminal' }, 'execute_tool run_in_terminal'),
  JSON.stringify({ hrTime: start, body: 'gen_ai.client.inference.operation.details', attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 12_000 } }),
  JSON.stringify({ resource: {}, scopeMetrics: [{ metrics: [{ descriptor: { name: 'gen_ai.client.token.usage' } }] }] }),
  '{"truncated": ',
  '',
].join('\n');

describe('Copilot OpenTelemetry file', () => {
  it('sums the chat spans only: input, cached input and output tokens, by model and day', () => {
    const usage = parseCopilotTelemetry(SAMPLE);
    assert.equal(usage.calls, 2);
    assert.equal(usage.inputTokens, 15_000);
    assert.equal(usage.cachedInputTokens, 10_000);
    assert.equal(usage.outputTokens, 1_000);
    assert.deepEqual(Object.keys(usage.byModel).sort(), ['claude-sonnet-4.6', 'gpt-5.4']);
    assert.equal(usage.first, start[0] * 1000 + 500);
    assert.equal(Object.values(usage.byDay).reduce((n, d) => n + d.calls, 0), 2);
    assert.equal(usage.partial, false);
  });

  it('prices each model\'s calls at its own input, cached and output rates', () => {
    const usd = usageCost(parseCopilotTelemetry(SAMPLE), MODEL_PRICES, findPrice(['claude-sonnet-4.6'])!);
    // Sonnet: 2,000 × $3 + 10,000 × $0.30 + 800 × $15; GPT-5.4: 3,000 × $2.50 + 200 × $15 (per 1M)
    const expected = (2_000 * 3 + 10_000 * 0.3 + 800 * 15 + 3_000 * 2.5 + 200 * 15) / 1e6;
    assert.ok(Math.abs(usd - expected) < 1e-12, `${usd} vs ${expected}`);
  });

  it('reads only the end of a big file, from a whole line on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hr-otel-'));
    try {
      const path = join(dir, 'copilot-otel.jsonl');
      const lines = [...Array(200)].map((_, i) => chat(`bbbb${String(i).padStart(12, '0')}`, 'gpt-5.4', 100, 0, 10));
      writeFileSync(path, lines.join('\n') + '\n');
      const whole = await readCopilotTelemetry(path);
      assert.equal(whole.calls, 200);
      const tail = await readCopilotTelemetry(path, lines[0].length * 10 + 5);
      assert.equal(tail.partial, true);
      assert.ok(tail.calls >= 9 && tail.calls <= 10, `read ${tail.calls} calls`);
      await assert.rejects(readCopilotTelemetry(join(dir, 'missing.jsonl')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ignores empty, binary and non-JSON input', () => {
    for (const text of ['', '\u0000\u0001\u0002', 'gen_ai.usage.input_tokens but not json', '[1,2,3]']) assert.equal(parseCopilotTelemetry(text).calls, 0);
  });
});
