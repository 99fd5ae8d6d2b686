// The prose model's worker thread (bundled as dist/proseModelWorker.js): one OnnxProseModel, loaded on
// the first request, answering score requests one at a time. See proseModelWorker.ts for the host side.
import { parentPort, workerData } from 'node:worker_threads';
import { OnnxProseModel } from './proseModel';
import type { WorkerReply, WorkerRequest, WorkerStart } from './proseModelWorker';

const start = workerData as WorkerStart;
const model = new OnnxProseModel(start.files, start.assetDir);

parentPort?.on('message', (request: WorkerRequest) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const lines: string[] = [];
      for (const [index, text] of request.lines) lines[index] = text;
      const scores = await model.score(lines, request.blocks);
      return {
        id: request.id, ok: true,
        scores: { lines: [...scores.lines], ...(scores.note ? { note: scores.note } : {}) },
        tokenizerSha256: await model.tokenizerSha256(),
        timings: model.timings!,
      };
    } catch (error) {
      return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  })().then((reply) => parentPort?.postMessage(reply));
});
