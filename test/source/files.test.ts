/**
 * Which files a run reads. Each source file once, however it is named; never the app
 * database; every problem named before anything is opened.
 */
import { linkSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SourceContractError } from '../../pipeline/source/contract.ts';
import { distinctSources } from '../../pipeline/source/files.ts';
import { useTempDir, writeSourceDb } from '../fixtures/source-db.ts';

const tempDir = useTempDir('source-files-test-');

function filesError(paths: string[], appDbPath: string): string {
  try {
    distinctSources(paths, appDbPath);
  } catch (error) {
    expect(error).toBeInstanceOf(SourceContractError);
    return (error as Error).message;
  }
  throw new Error('expected a SourceContractError');
}

describe('source files', () => {
  const dir = tempDir();
  const meta = writeSourceDb(join(dir, 'meta.sqlite'), {});
  const mixpanel = writeSourceDb(join(dir, 'mixpanel.sqlite'), {});
  const appDbPath = join(dir, 'app.sqlite');

  it('the same file named twice — by the same path, through ./ and .., a relative path, a symbolic link, a hard link — is read once, under its first name', () => {
    const symbolic = join(dir, 'link-to-meta.sqlite');
    symlinkSync(meta, symbolic);
    const hard = join(dir, 'hard-link-to-meta.sqlite');
    linkSync(meta, hard);
    const names = [meta, `${dir}/./meta.sqlite`, `${dir}/../${relative(join(dir, '..'), dir)}/meta.sqlite`, relative(process.cwd(), meta), symbolic, hard];
    expect(distinctSources([...names, mixpanel, meta], appDbPath)).toEqual([meta, mixpanel]);
    expect(distinctSources([symbolic, mixpanel, meta], appDbPath)).toEqual([symbolic, mixpanel]);
  });

  it('a file that is both a source and the app database is refused, also when named through a link', () => {
    const app = writeSourceDb(join(dir, 'both.sqlite'), {});
    const link = join(dir, 'link-to-both.sqlite');
    symlinkSync(app, link);
    const message = `source database ${link} is also the app database ${app}: give the pipeline a separate --db`;
    expect(filesError([meta, link], app)).toBe(message);
    expect(filesError([app], link)).toBe(`source database ${app} is also the app database ${link}: give the pipeline a separate --db`);
  });

  it('a missing file, a directory and no source at all are named', () => {
    const missing = join(dir, 'no-such-source.db');
    const alsoMissing = join(dir, 'nor-this.db');
    expect(filesError([meta, missing, alsoMissing], appDbPath)).toBe(`source database not found: ${missing}, ${alsoMissing}`);
    const folder = join(dir, 'a-folder.sqlite');
    mkdirSync(folder);
    expect(filesError([meta, folder], appDbPath)).toBe(`source database ${folder} is a directory, not a file`);
    const underAFile = join(dir, 'notes.txt');
    writeFileSync(underAFile, 'notes');
    expect(filesError([join(underAFile, 'source.sqlite')], appDbPath)).toBe(`source database not found: ${join(underAFile, 'source.sqlite')}`);
    expect(filesError([], appDbPath)).toBe('no source database given (use --source <file>)');
  });
});
