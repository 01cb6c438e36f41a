import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'
import type { BundleInfo } from './types.js'

const git = (...args: string[]): Buffer => execFileSync('git', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })
const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex')

/** The working tree's dist/, named with a note when its index.js differs from the committed one. */
async function workingTreeDist(): Promise<{ dir: string; label: string }> {
  let committed = ''
  try {
    committed = sha256(git('show', 'HEAD:dist/index.js'))
  } catch {
    // Not a git checkout: nothing to compare with.
  }
  const current = sha256(await readFile(join(ROOT, 'dist', 'index.js')))
  const note = committed && committed !== current ? ' (differs from the committed one; --dist HEAD measures that)' : ''
  return { dir: join(ROOT, 'dist'), label: `dist/ of the working tree${note}` }
}

/** A revision's committed dist/, copied with read-only `git show` into a new folder under `temporary`. */
async function committedDist(revision: string, temporary: string[]): Promise<{ dir: string; label: string }> {
  const commit = git('rev-parse', '--verify', `${revision}^{commit}`).toString().trim()
  const copy = await mkdtemp(join(os.tmpdir(), 'acm-expiry-audit-bench-dist-'))
  temporary.push(copy)
  const dir = join(copy, 'dist')
  await mkdir(dir)
  for (const path of git('ls-tree', '--name-only', commit, 'dist/').toString().trim().split('\n')) {
    await writeFile(join(dir, path.slice('dist/'.length)), git('show', `${commit}:${path}`))
  }
  return { dir, label: `dist/ committed in ${commit.slice(0, 10)} (${revision})` }
}

/**
 * The bundle to measure (--dist: a folder holding index.js, or a git revision; default this working
 * tree's dist/), with its files' sizes and index.js's hash.
 */
export async function resolveBundle(option: string | undefined, temporary: string[]): Promise<BundleInfo> {
  const { dir, label } = !option
    ? await workingTreeDist()
    : existsSync(join(option, 'index.js'))
      ? { dir: option, label: option }
      : await committedDist(option, temporary)
  const files = await readdir(dir)
  const sizes = await Promise.all(files.map(async (file) => ({ file, bytes: (await stat(join(dir, file))).size })))
  const hash = sha256(await readFile(join(dir, 'index.js'))).slice(0, 12)
  return { dir, label, hash, sizes }
}
