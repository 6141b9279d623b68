/**
 * Who owns a running pipeline run, and whether that owner still exists: the one place that decides
 * when a run left 'running' was interrupted (run-log.ts asks it wherever runs are read or claimed).
 *
 * With an SQLite app database the owner is a process on this machine: its pid, plus an identity
 * (host, boot and the process's start time from /proc) so that a pid reused by a later process, or
 * a pid from before a reboot, is not taken for the run's owner. A backend with sessions (PostgreSQL:
 * an advisory lock held by the run's session) answers the same question its own way behind these
 * two functions.
 */
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';

export interface RunOwner {
  pid: number;
  /** `host/boot/start` of the process `pid`; NULL where /proc is not available (then the pid alone is checked). */
  identity: string | null;
}

/** The host and the boot of this machine, or null without /proc. */
function thisBoot(): string | null {
  try {
    return `${hostname()}/${readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()}`;
  } catch {
    return null;
  }
}

interface ProcessState {
  /** Clock ticks after boot when the process started. */
  startTicks: string;
  /** Exited, waiting to be reaped by its parent: it no longer runs anything. */
  zombie: boolean;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces): state is field 3, start time field 22. */
function processState(pid: number): ProcessState | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
    return { startTicks: fields[19]!, zombie: fields[0] === 'Z' };
  } catch {
    return null;
  }
}

/** The owner record of process `pid` (by default this one), read while it runs. */
export function processOwner(pid: number = process.pid): RunOwner {
  const boot = thisBoot();
  const state = boot === null ? null : processState(pid);
  return { pid, identity: boot !== null && state !== null ? `${boot}/${state.startTicks}` : null };
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the owner may still be running its run. An owner on another host cannot be checked from
 * here and counts as alive; on this host, the pid must exist, not be a zombie, and have started
 * when the owner did.
 */
export function isRunOwnerAlive(owner: RunOwner): boolean {
  if (owner.identity === null) return signalable(owner.pid) && processState(owner.pid)?.zombie !== true;
  const boot = owner.identity.slice(0, owner.identity.lastIndexOf('/'));
  const host = boot.slice(0, boot.indexOf('/'));
  if (host !== hostname()) return true;
  if (boot !== thisBoot()) return false;
  const state = processState(owner.pid);
  return state !== null && !state.zombie && owner.identity === `${boot}/${state.startTicks}`;
}

/** Whether the owner is this very process (a run in progress here is never settled by itself). */
export const isThisProcess = (owner: RunOwner) => owner.pid === process.pid && isRunOwnerAlive(owner);
