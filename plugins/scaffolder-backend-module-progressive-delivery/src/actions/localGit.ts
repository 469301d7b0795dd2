import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CustomErrorBase } from '@backstage/errors';

/** Author and committer of every commit the local publisher makes. @public */
export const LOCAL_GIT_AUTHOR = {
  name: 'Progressive Delivery Scaffolder',
  email: 'scaffolder@localhost',
};

/** Branch the local repositories are created with. @public */
export const LOCAL_GIT_BRANCH = 'main';

/** The git binary is missing (or not executable). @public */
export class GitUnavailableError extends CustomErrorBase {}

/**
 * Host settings must not change what gets committed or run code: no system or user config
 * (signing, templates, hooks), no prompts, fixed author, C locale for parseable messages.
 */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME ?? os.tmpdir(),
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: LOCAL_GIT_AUTHOR.name,
    GIT_AUTHOR_EMAIL: LOCAL_GIT_AUTHOR.email,
    GIT_COMMITTER_NAME: LOCAL_GIT_AUTHOR.name,
    GIT_COMMITTER_EMAIL: LOCAL_GIT_AUTHOR.email,
  };
}

/** Also off for a repository that existed before (overwrite): no hooks, no fsmonitor, no signing. */
const SAFE_CONFIG = [
  '-c',
  `core.hooksPath=${os.devNull}`,
  '-c',
  'core.fsmonitor=false',
  '-c',
  'commit.gpgSign=false',
];

/** Runs git without a shell: arguments are passed as they are, never interpreted. */
export function runGit(
  gitBinary: string,
  args: string[],
  cwd: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      gitBinary,
      [...SAFE_CONFIG, ...args],
      { cwd, env: gitEnv(), timeout: 60_000, maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout.toString());
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          reject(
            new GitUnavailableError(
              `git is not available (${gitBinary}: ${code}); install git on the backend host, or publish without git (git: false)`,
            ),
          );
          return;
        }
        reject(
          new Error(
            `git ${args[0]} failed: ${
              stderr.toString().trim() || error.message
            }`,
          ),
        );
      },
    );
  });
}

/** Result of {@link commitFolder}. */
export interface LocalCommit {
  commitHash: string;
  /** False when the folder already held exactly these files. */
  committed: boolean;
}

/**
 * Makes `dir` a git repository on branch main (when it is not one yet) and commits all its files
 * with the fixed scaffolder author.
 */
export async function commitFolder(
  dir: string,
  message: string,
  gitBinary = 'git',
): Promise<LocalCommit> {
  const isRepo = await fs
    .stat(path.join(dir, '.git'))
    .then(s => s.isDirectory())
    .catch(() => false);
  if (!isRepo) {
    await runGit(gitBinary, ['init', '--quiet'], dir);
    // works with every git version, unlike `init -b` (2.28+)
    await runGit(
      gitBinary,
      ['symbolic-ref', 'HEAD', `refs/heads/${LOCAL_GIT_BRANCH}`],
      dir,
    );
  }
  await runGit(gitBinary, ['add', '--all'], dir);
  const changes = await runGit(gitBinary, ['status', '--porcelain'], dir);
  if (changes.trim() === '') {
    // nothing new since the last publish (an empty folder still gets its first commit)
    const head = await runGit(
      gitBinary,
      ['rev-parse', '--verify', '--quiet', 'HEAD'],
      dir,
    ).catch(() => '');
    if (head.trim()) return { commitHash: head.trim(), committed: false };
  }
  await runGit(
    gitBinary,
    ['commit', '--quiet', '--no-verify', '--allow-empty', '-m', message],
    dir,
  );
  const head = await runGit(gitBinary, ['rev-parse', 'HEAD'], dir);
  return { commitHash: head.trim(), committed: true };
}
