// A small, dependency-free MCP server over stdio: newline-delimited JSON-RPC 2.0 messages in, one
// JSON object per line out (the MCP stdio transport). It implements what a tools-only server needs:
// initialize (version negotiation), ping, tools/list, tools/call and request cancellation.
// Nothing but protocol messages is written to the output stream; diagnostics go to `log`.
import type { Readable, Writable } from 'node:stream';

/** Protocol versions this server speaks, newest first. */
export const PROTOCOL_VERSIONS = ['2025-06-18', '2025-03-26', '2024-11-05'] as const;

export interface ToolAnnotations {
  readonly title?: string;
  readonly readOnlyHint?: boolean;
  readonly destructiveHint?: boolean;
  readonly idempotentHint?: boolean;
  readonly openWorldHint?: boolean;
}

export interface ToolResult {
  readonly content: readonly { readonly type: 'text'; readonly text: string }[];
  readonly structuredContent?: Record<string, unknown>;
  readonly isError?: boolean;
}

export interface Tool {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly inputSchema: Record<string, unknown>;
  readonly annotations?: ToolAnnotations;
  /** Throw `ToolInputError` for bad arguments; any other throw becomes an `isError` result. */
  call(args: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult>;
}

export interface ServerInfo {
  readonly name: string;
  readonly version: string;
  /** Shown to the client's model as guidance for using the server. */
  readonly instructions?: string;
}

/** Arguments that do not fit the tool's schema: answered as a tool error the model can fix. */
export class ToolInputError extends Error {}

type Id = string | number;
interface Message { jsonrpc?: string; id?: Id | null; method?: string; params?: unknown }

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
/** Lines longer than this are refused (a client bug or garbage), so a stray stream cannot exhaust memory. */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

export class McpServer {
  private readonly tools = new Map<string, Tool>();
  private readonly running = new Map<Id, AbortController>();

  constructor(private readonly info: ServerInfo, tools: readonly Tool[], private readonly log: (line: string) => void = () => undefined) {
    for (const tool of tools) this.tools.set(tool.name, tool);
  }

  /** Serves messages from `input` until it ends; resolves after the last response was written. */
  serve(input: Readable, output: Writable): Promise<void> {
    const pending = new Set<Promise<void>>();
    const send = (message: unknown) => { output.write(JSON.stringify(message) + '\n'); };
    let buffered = '';
    input.setEncoding('utf8');
    return new Promise((resolve) => {
      input.on('data', (chunk: string) => {
        buffered += chunk;
        let newline: number;
        while ((newline = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, newline).replace(/\r$/, '');
          buffered = buffered.slice(newline + 1);
          if (line.trim()) track(this.handleLine(line, send));
        }
        if (buffered.length > MAX_LINE_BYTES) {
          buffered = '';
          send({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: `message longer than ${MAX_LINE_BYTES} bytes` } });
        }
      });
      input.on('end', () => {
        if (buffered.trim()) track(this.handleLine(buffered, send));
        void Promise.all(pending).then(() => resolve());
      });
      input.on('error', () => resolve());
    });

    function track(promise: Promise<void>): void {
      pending.add(promise);
      void promise.finally(() => pending.delete(promise));
    }
  }

  private async handleLine(line: string, send: (message: unknown) => void): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      send({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR, message: 'not valid JSON' } });
      return;
    }
    if (Array.isArray(parsed)) {
      // A batch (protocol 2025-03-26): answer with one array of the responses to its requests.
      const responses = (await Promise.all(parsed.map((m) => this.handle(m)))).filter((r) => r !== undefined);
      if (responses.length) send(responses);
      return;
    }
    const response = await this.handle(parsed);
    if (response !== undefined) send(response);
  }

  /** Returns the response to send, or undefined for notifications and responses. */
  private async handle(raw: unknown): Promise<unknown> {
    if (typeof raw !== 'object' || raw === null) return { jsonrpc: '2.0', id: null, error: { code: INVALID_REQUEST, message: 'a message must be a JSON object' } };
    const message = raw as Message;
    const isRequest = message.id !== undefined && message.id !== null;
    if (typeof message.method !== 'string') {
      return isRequest ? { jsonrpc: '2.0', id: message.id, error: { code: INVALID_REQUEST, message: 'missing method' } } : undefined;
    }
    if (!isRequest) {
      this.notification(message.method, message.params);
      return undefined;
    }
    const id = message.id as Id;
    try {
      return { jsonrpc: '2.0', id, result: await this.request(id, message.method, message.params) };
    } catch (error) {
      const code = error instanceof RpcError ? error.code : -32603;
      return { jsonrpc: '2.0', id, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  }

  private notification(method: string, params: unknown): void {
    if (method === 'notifications/cancelled') {
      const requestId = (params as { requestId?: Id } | undefined)?.requestId;
      if (requestId !== undefined) this.running.get(requestId)?.abort();
    }
    // notifications/initialized and others need no answer.
  }

  private async request(id: Id, method: string, params: unknown): Promise<unknown> {
    switch (method) {
      case 'initialize': {
        const requested = (params as { protocolVersion?: string } | undefined)?.protocolVersion;
        const protocolVersion = PROTOCOL_VERSIONS.find((v) => v === requested) ?? PROTOCOL_VERSIONS[0];
        return {
          protocolVersion,
          capabilities: { tools: { listChanged: false } },
          serverInfo: { name: this.info.name, version: this.info.version },
          ...(this.info.instructions ? { instructions: this.info.instructions } : {}),
        };
      }
      case 'ping':
        return {};
      case 'tools/list':
        return {
          tools: [...this.tools.values()].map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, ...(t.annotations ? { annotations: t.annotations } : {}) })),
        };
      case 'tools/call':
        return this.callTool(id, params);
      default:
        throw new RpcError(METHOD_NOT_FOUND, `method not found: ${method}`);
    }
  }

  private async callTool(id: Id, params: unknown): Promise<ToolResult> {
    const { name, arguments: args } = (params ?? {}) as { name?: unknown; arguments?: unknown };
    const tool = typeof name === 'string' ? this.tools.get(name) : undefined;
    if (!tool) throw new RpcError(INVALID_PARAMS, `unknown tool: ${String(name)}; tools are ${[...this.tools.keys()].join(', ')}`);
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) throw new RpcError(INVALID_PARAMS, 'arguments must be an object');
    const controller = new AbortController();
    this.running.set(id, controller);
    const started = Date.now();
    try {
      const result = await tool.call((args ?? {}) as Record<string, unknown>, controller.signal);
      this.log(`${tool.name}: ${result.isError ? 'error' : 'ok'} in ${Date.now() - started} ms`);
      return result;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.log(`${tool.name}: ${error instanceof ToolInputError ? 'bad input' : 'failed'}: ${text}`);
      return { content: [{ type: 'text', text }], isError: true };
    } finally {
      this.running.delete(id);
    }
  }
}

class RpcError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}
