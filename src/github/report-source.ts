import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve } from 'node:path'
import { minimatch } from 'minimatch'
import type { ReportSource } from '../classify/merge.js'
import { messageOf } from '../shared/format.js'

/** Report files larger than this are refused unread: a shard's report of findings is far smaller. */
export const MAX_REPORT_BYTES = 256 * 1024 * 1024

/**
 * The report files merge-reports names: every .json file under a directory (at any depth, as
 * actions/download-artifact lays them out), or the files a glob matches (minimatch, relative to the working
 * directory). Each comes with its text, or with why it could not be read.
 */
export async function readReportSources(source: string, cwd: string = process.cwd()): Promise<ReportSource[]> {
  const { paths, base } = await reportPaths(source, cwd)
  return Promise.all(
    paths.map(async (path): Promise<ReportSource> => {
      // Named as the user sees them: under the directory given, or as the glob matched them.
      const name = relative(base, path) || path
      try {
        const size = (await stat(path)).size
        if (size > MAX_REPORT_BYTES) return { name, error: `${size} bytes, more than a report can hold` }
        return { name, text: await readFile(path, 'utf8') }
      } catch (error) {
        return { name, error: messageOf(error) }
      }
    })
  )
}

async function reportPaths(source: string, cwd: string): Promise<{ paths: string[]; base: string }> {
  const absolute = resolve(cwd, source)
  const isDirectory = await stat(absolute).then(
    (entry) => entry.isDirectory(),
    () => false
  )
  if (isDirectory) {
    return { paths: (await filesUnder(absolute)).filter((path) => path.endsWith('.json')).sort(), base: absolute }
  }
  if (!/[*?[\]{}]/u.test(source)) {
    // One file, named exactly: it is read (and reported as unreadable when absent).
    return { paths: [absolute], base: cwd }
  }
  // The directory before the first glob character is where the search starts.
  const pattern = source.replace(/\\/gu, '/')
  const staticPart = pattern.slice(0, pattern.search(/[*?[\]{}]/u))
  const base = resolve(cwd, staticPart.includes('/') ? staticPart.slice(0, staticPart.lastIndexOf('/') + 1) : '.')
  const matcher = (path: string) =>
    minimatch(relative(cwd, path).replace(/\\/gu, '/'), pattern.replace(/^\.\//u, ''), { dot: true })
  const absoluteMatcher = (path: string) => minimatch(path.replace(/\\/gu, '/'), pattern, { dot: true })
  const files = await filesUnder(base).catch(() => [])
  return { paths: files.filter((path) => (pattern.startsWith('/') ? absoluteMatcher(path) : matcher(path))).sort(), base: cwd }
}

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true })
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name))
}
