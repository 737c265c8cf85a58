// The redis backend's pure parts and its refusals, without any Redis: URLs (checked, printed with
// the password hidden, stored without it), the fleet's protections, the crash verdict of a job that
// kills its workers, and `plum worker` failing in one line when Redis is unreachable.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { fleetProtections } from '../../src/execution/redis/coordinator.js';
import { checkRedisUrl, redactUrl, withoutPassword } from '../../src/execution/redis/options.js';
import { crashVerdict } from '../../src/execution/redis/wire.js';
import { missingProtections } from '../../src/execution/redis/worker.js';
import type { ProtectionReport } from '../../src/execution/types.js';
import { packageRoot } from '../../src/paths.js';
import { freePort } from '../support/redis-processes.js';

const ALL_ON: ProtectionReport = {
  freshTempDir: true, memoryLimit: true, fileSizeLimit: true, noCoreDumps: true, outputCap: true, networkNamespace: true,
  ipcNamespace: true, pidNamespace: true, droppedPrivileges: true, killsDetachedDescendants: true, notes: ['a note'],
};

describe('redis backend without Redis', () => {
  it('accepts redis:// and rediss:// URLs only, and never shows or stores the password', () => {
    expect(checkRedisUrl('rediss://user:secret@host:6380/2')).toBe('rediss://user:secret@host:6380/2');
    expect(() => checkRedisUrl('http://host:6379')).toThrow(ConfigError);
    expect(() => checkRedisUrl('not a url')).toThrow(/--redis must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(redactUrl('redis://:secret@host:6379')).toBe('redis://:***@host:6379');
    expect(withoutPassword('redis://user:secret@host:6379/1')).toBe('redis://user@host:6379/1');
    expect(withoutPassword('redis://host:6379')).toBe('redis://host:6379');
  });

  it('names the protections that are off (a worker refuses jobs unless --unsafe)', () => {
    expect(missingProtections(ALL_ON)).toEqual([]);
    expect(missingProtections({ ...ALL_ON, droppedPrivileges: false, pidNamespace: false })).toEqual(['pidNamespace', 'droppedPrivileges']);
  });

  it('reports a protection only when every registered worker has it', () => {
    const weak = { ...ALL_ON, networkNamespace: false, notes: ['another note'] };
    const report = fleetProtections([{ name: 'a', protections: ALL_ON }, { name: 'b', protections: weak }]);
    expect(report.memoryLimit).toBe(true);
    expect(report.networkNamespace).toBe(false);
    expect(report.notes).toEqual(['a note', 'another note']);
    expect(report.details).toEqual({ backend: 'redis', workers: ['a', 'b'] });
    const none = fleetProtections([]);
    expect(none.memoryLimit).toBe(false);
    expect(none.notes[0]).toMatch(/no plum worker registered/);
  });

  it('reports a job that killed its workers as crash on every test, never as a cacheable verdict', () => {
    const result = crashVerdict([{ id: 'a', kind: 'call', entryPoint: 'f', args: '[]' }, { id: 'b', kind: 'call', entryPoint: 'f', args: '[1]' }], 3);
    expect(result.verdict).toBe('crash');
    expect(result.tests.map((t) => [t.testId, t.verdict])).toEqual([['a', 'crash'], ['b', 'crash']]);
    expect(result.tests[0].message).toMatch(/died 3 times/);
    expect(result.lost).toBe(true);
  });

  it('plum worker fails in one line when Redis is unreachable or the URL is not a Redis URL', async () => {
    const plum = (args: string[]) => spawnSync(process.execPath, [join(packageRoot(), 'bin', 'plum.js'), 'worker', '--workers', '1', ...args], { encoding: 'utf8', timeout: 120_000 });
    const port = await freePort();
    const unreachable = plum(['--redis', `redis://:secret@127.0.0.1:${port}`]);
    expect(unreachable.status).toBe(1);
    expect(unreachable.stderr.trim()).toMatch(new RegExp(`^plum worker: cannot reach Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}`));
    expect(unreachable.stderr).not.toContain('secret');
    expect(unreachable.stderr.trim().split('\n')).toHaveLength(1);
    const wrong = plum(['--redis', 'http://127.0.0.1:1']);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr.trim()).toMatch(/^plum worker: --redis must be a redis:\/\/ or rediss:\/\/ URL/);
  }, 180_000);
});
