import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { currentThreadId } from '../../../../src/main/analysis/thread-priority';

/** The nice value of thread `tid` of this process, from field 19 of /proc/<pid>/task/<tid>/stat. */
function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[16]);
}

const linux = process.platform === 'linux';

describe('lowerThreadPriority', () => {
  it.skipIf(!linux)('lowers the nice value of the calling worker thread only, not of the main thread', async () => {
    const mainTid = currentThreadId();
    expect(mainTid).toBe(process.pid);
    const before = niceOf(mainTid!);
    // The worker runs the module's source through tsx's loader, as the analysis worker does.
    const url = new URL('../../../../src/main/analysis/thread-priority.ts', import.meta.url).href;
    const worker = new Worker(
      `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(url)}); })
        .then((m) => { const ok = m.lowerThreadPriority(10); require('node:worker_threads').parentPort.postMessage({ ok, tid: m.currentThreadId() }); });`,
      { eval: true },
    );
    const reply = await new Promise<{ ok: boolean; tid: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    try {
      expect(reply.ok).toBe(true);
      expect(reply.tid).not.toBe(mainTid);
      expect(niceOf(reply.tid)).toBe(Math.max(10, before));
      expect(niceOf(mainTid!)).toBe(before);
    } finally {
      await worker.terminate();
    }
  });
});
