/**
 * When a run's owner is gone. A pid alone is not enough: a later process may get the
 * same pid, and a process that exited stays visible (a zombie) until its parent reaps it.
 * No database here: process ids decide on SQLite only; PostgreSQL holds an advisory lock instead
 * (test/api/replicas.test.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isRunOwnerAlive, processOwner } from '../../pipeline/run-owner.ts';
import { waitUntil } from '../fixtures/wait.ts';

const HAS_PROC = existsSync('/proc/self/stat');

/**
 * `sh` starts a child that exits half a second later, and meanwhile becomes `sleep`, which never
 * reaps it: the child stays a zombie. (A child that exits at once may be reaped by `sh` itself
 * before the exec when the machine is busy.)
 */
async function withZombie(test: (zombiePid: number) => void): Promise<void> {
  const parent = spawn('sh', ['-c', 'sleep 0.5 & echo $!; exec sleep 30'], { stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const zombiePid = Number(await new Promise<string>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))));
    await waitUntil(`process ${zombiePid} to be a zombie`, () => readStat(zombiePid), (stat) => /\) Z /.test(stat), { timeoutMs: 5000, intervalMs: 10 });
    test(zombiePid);
  } finally {
    parent.kill('SIGKILL');
  }
}

const readStat = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return '';
  }
};

describe.skipIf(!HAS_PROC)('run owners (needs /proc: not available on this system)', () => {
  it('this process is alive, identified by host, boot and start time', () => {
    const owner = processOwner();
    expect(owner.pid).toBe(process.pid);
    expect(owner.identity).toMatch(new RegExp(`^${hostname()}/[0-9a-f-]{36}/\\d+$`));
    expect(isRunOwnerAlive(owner)).toBe(true);
  });

  it('a live process with the same pid but another start time is not the owner (pid reused)', () => {
    const { identity } = processOwner();
    const startTicks = Number(identity!.split('/').at(-1));
    expect(isRunOwnerAlive({ pid: process.pid, identity: identity!.replace(/\d+$/, String(startTicks - 1)) })).toBe(false);
  });

  it('an owner from an earlier boot of this host is gone; one on another host cannot be checked and counts as alive', () => {
    const { identity } = processOwner();
    const [host, , start] = identity!.split('/');
    expect(isRunOwnerAlive({ pid: process.pid, identity: `${host}/00000000-0000-0000-0000-000000000000/${start}` })).toBe(false);
    expect(isRunOwnerAlive({ pid: process.pid, identity: `another-host.example/00000000-0000-0000-0000-000000000000/1` })).toBe(true);
  });

  it('a killed process is gone, with or without a recorded identity', async () => {
    const child = spawn('sleep', ['30']);
    const owner = processOwner(child.pid!);
    expect(isRunOwnerAlive(owner)).toBe(true);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(isRunOwnerAlive(owner)).toBe(false);
    expect(isRunOwnerAlive({ pid: child.pid!, identity: null })).toBe(false);
  });

  it('a process that exited but was not reaped (a zombie) is gone, though a signal still reaches its pid', async () => {
    await withZombie((zombiePid) => {
      expect(readStat(zombiePid)).toMatch(/\) Z /);
      expect(() => process.kill(zombiePid, 0)).not.toThrow();
      expect(isRunOwnerAlive(processOwner(zombiePid))).toBe(false);
      expect(isRunOwnerAlive({ pid: zombiePid, identity: null })).toBe(false);
    });
  });
});
