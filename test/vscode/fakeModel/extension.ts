// A test-only language model. The chat view and chat participants need some registered model, and
// tests need to see exactly what a model would have read: this one records every request and answers
// deterministically, with a tool call when a message says `CALL_TOOL <name> <json input>` and the
// request offers that tool.
import * as vscode from 'vscode';

export const FAKE_MODEL_EXTENSION_ID = 'headroom-test.headroom-fake-model';
export const FAKE_VENDOR = 'headroom-fake';
export const FAKE_MODEL_ID = 'fake-echo';

/** One message as the model received it, parts flattened to text. */
export interface RecordedMessage {
  readonly role: 'user' | 'assistant' | 'other';
  /** Text parts joined; tool results as `[tool result <callId>] <text>`, tool calls as `[tool call <name>] <json>`. */
  readonly text: string;
}

export interface RecordedRequest {
  readonly seq: number;
  readonly model: string;
  readonly messages: readonly RecordedMessage[];
  readonly tools: readonly string[];
  /** What the fake answered, so a test can compare it with what the chat showed. */
  readonly answer: string;
}

export interface FakeModelApi {
  readonly requests: readonly RecordedRequest[];
  clear(): void;
  /**
   * Resolves with the first recorded request that `matches` once it arrived. The workbench may send
   * requests of its own (chat titles), so tests pick theirs by content.
   */
  waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
}

/** `CALL_TOOL headroom_echo {"text":"hi"}` asks for a call of the offered tool `headroom_echo`. */
const CALL_TOOL = /CALL_TOOL ([\w-]+) (\{[^\n]*\})/;

export function activate(context: vscode.ExtensionContext): FakeModelApi {
  const requests: RecordedRequest[] = [];
  const arrived = new vscode.EventEmitter<void>();

  const provider: vscode.LanguageModelChatProvider = {
    provideLanguageModelChatInformation: () => [{
      id: FAKE_MODEL_ID,
      name: 'Fake Echo (tests)',
      family: 'fake',
      version: '1',
      maxInputTokens: 200_000,
      maxOutputTokens: 4_000,
      capabilities: { toolCalling: true },
    }],
    async provideLanguageModelChatResponse(model, messages, options, progress) {
      const recorded = messages.map(recordMessage);
      const seq = requests.length + 1;
      const last = recorded.at(-1)?.text ?? '';
      const tools = (options.tools ?? []).map((tool) => tool.name);
      const call = CALL_TOOL.exec(last);
      let answer: string;
      if (call && tools.includes(call[1]) && !last.startsWith('[tool result')) {
        answer = `[tool call ${call[1]}] ${call[2]}`;
        progress.report(new vscode.LanguageModelToolCallPart(`call-${seq}`, call[1], JSON.parse(call[2]) as object));
      } else {
        const chars = recorded.reduce((total, message) => total + message.text.length, 0);
        answer = `FAKE[${seq}] read ${recorded.length} message(s), ${chars} chars. Last began: ${JSON.stringify(last.slice(0, 60))}`;
        progress.report(new vscode.LanguageModelTextPart(answer));
      }
      requests.push({ seq, model: model.id, messages: recorded, tools, answer });
      arrived.fire();
    },
    async provideTokenCount(_model, text) {
      const value = typeof text === 'string' ? text : recordMessage(text).text;
      return Math.ceil(value.length / 4);
    },
  };

  context.subscriptions.push(arrived, vscode.lm.registerLanguageModelChatProvider(FAKE_VENDOR, provider));
  // Asking for the model makes the workbench resolve this provider now, so the chat's model picker
  // offers it (and selects it) before anyone has used the language-model API.
  void vscode.lm.selectChatModels({ vendor: FAKE_VENDOR });
  return {
    requests,
    clear: () => void requests.splice(0),
    waitForRequest(matches, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = requests.find(matches);
          if (!found) return false;
          listener.dispose();
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const listener = arrived.event(check);
        const timer = setTimeout(() => {
          listener.dispose();
          const seen = requests.map((request) => JSON.stringify(request.messages.at(-1)?.text.slice(0, 80))).join(', ') || 'none';
          reject(new Error(`the fake model got no matching request within ${timeoutMs} ms; it got: ${seen}`));
        }, timeoutMs);
        check();
      });
    },
  };
}

function recordMessage(message: vscode.LanguageModelChatRequestMessage): RecordedMessage {
  const role = message.role === vscode.LanguageModelChatMessageRole.User ? 'user'
    : message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'other';
  return { role, text: message.content.map(partText).join('') };
}

function partText(part: unknown): string {
  if (part instanceof vscode.LanguageModelTextPart) return part.value;
  if (part instanceof vscode.LanguageModelToolCallPart) return `[tool call ${part.name}] ${JSON.stringify(part.input)}`;
  if (part instanceof vscode.LanguageModelToolResultPart) return `[tool result ${part.callId}] ${part.content.map(partText).join('')}`;
  return '';
}
