// A stand-in analysis worker for the runner's tests: it speaks the worker protocol (ready, result per request) and
// misbehaves on demand, by the text it gets: `HANG` never answers, `CRASH` ends the thread, `OOM` fills the heap.
// Every other text is "analysed" with one note naming the fake, so a test can tell its results from the real engine's.
import { isMainThread, parentPort, type MessagePort } from 'node:worker_threads';
import type { AnalyzeResult } from '../../server/src/engine';
import type { AnalysisRequest, ForgetRequest, WorkerMessage } from '../../server/src/lsp/analysis-worker';

export const FAKE_NOTE = 'analysed by the fake worker';

function serve(port: MessagePort): void {
  const forgotten: string[] = [];
  port.on('message', (request: AnalysisRequest | ForgetRequest) => {
    if (request.type === 'forget') {
      forgotten.push(request.document);
      return;
    }
    if (request.text.includes('HANG')) for (;;) { /* never answers */ }
    if (request.text.includes('CRASH')) process.exit(3);
    if (request.text.includes('OOM')) {
      const hog: unknown[] = [];
      for (;;) hog.push(new Array(10_000).fill(hog.length));
    }
    const result: AnalyzeResult = {
      findings: [], notes: [FAKE_NOTE, `forgotten: ${forgotten.join(',')}`, `document: ${request.document ?? ''}`],
      suppressions: [], baselined: request.baseline?.length ?? 0, stats: { parses: 0, traversals: 0, nodes: 0 },
    };
    port.postMessage({ type: 'result', id: request.id, result } satisfies WorkerMessage);
  });
  port.postMessage({ type: 'ready' } satisfies WorkerMessage);
}

if (!isMainThread && parentPort) serve(parentPort);
