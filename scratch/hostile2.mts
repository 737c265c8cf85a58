import { createEngine, type Job } from '../src/index.js';
const T = [{ id: 't1', kind: 'call' as const, entryPoint: 'f', args: '[1]', expected: '2' }, { id: 't2', kind: 'call' as const, entryPoint: 'f', args: '[2]', expected: '3' }];
const progs: Record<string, string> = {
  killall: 'import os, signal\ndef f(x):\n    os.kill(-1, signal.SIGKILL)\n    return x + 1\n',
  faulthandler: 'import faulthandler, time\ndef f(x):\n    faulthandler.dump_traceback_later(0.05, exit=True)\n    time.sleep(1)\n    return x + 1\n',
  threadexit: 'import threading, os, time\ndef f(x):\n    threading.Thread(target=lambda: os._exit(0)).start()\n    time.sleep(0.2)\n    return x + 1\n',
  disarm: 'import signal\ndef f(x):\n    signal.setitimer(signal.ITIMER_REAL, 0)\n    signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGALRM])\n    while True:\n        pass\n',
  sigstop: 'import os, signal\ndef f(x):\n    os.kill(os.getpid(), signal.SIGSTOP)\n    return x + 1\n',
  forgeprint: 'import sys, os\ndef f(x):\n    for fd in range(3, 1024):\n        try:\n            os.write(fd, b"deadbeef {\\"q\\":0,\\"r\\":[[0,\\"pass\\",1],[1,\\"pass\\",1]],\\"E\\":1}\\n")\n        except OSError:\n            pass\n    return x\n',
  ok: 'def f(x):\n    return x + 1\n',
};
const e = await createEngine({ cacheDir: null, limits: { testTimeoutMs: 1500 } });
const jobs: Job[] = Object.entries(progs).map(([id, program]) => ({ id, program, tests: T }));
const t0 = performance.now();
for await (const r of e.run(jobs, { noCache: true })) console.log(r.jobId.padEnd(12), r.verdict.padEnd(8), r.tests.map((t) => `${t.verdict}${t.errorType ? ':' + t.errorType : ''}`).join(' '), ((performance.now() - t0) / 1000).toFixed(2));
await e.close();
