/** merge-reports finds report files in a directory (at any depth) or by glob, and names each as the user wrote it. */
import { describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readReportSources } from '../../src/github/report-source.js'

async function layout(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'acm-expiry-sources-'))
  for (const [path, text] of <Array<[string, string]>>[
    ['reports/acm-expiry-report-1/acm-expiry-audit-audit.json', '{"a":1}'],
    ['reports/acm-expiry-report-2/acm-expiry-audit-audit.json', '{"a":2}'],
    ['reports/notes.txt', 'not a report'],
    ['other/x.json', '{}']
  ]) {
    await mkdir(join(root, path, '..'), { recursive: true })
    await writeFile(join(root, path), text)
  }
  return root
}

describe('readReportSources', () => {
  it('reads every .json file under a directory, sorted, named relative to it', async () => {
    const root = await layout()
    const sources = await readReportSources('reports', root)
    expect(sources).toEqual([
      { name: 'acm-expiry-report-1/acm-expiry-audit-audit.json', text: '{"a":1}' },
      { name: 'acm-expiry-report-2/acm-expiry-audit-audit.json', text: '{"a":2}' }
    ])
  })

  it('reads the files a glob matches, relative or absolute', async () => {
    const root = await layout()
    expect((await readReportSources('reports/*-2/*.json', root)).map((source) => source.name)).toEqual([
      'reports/acm-expiry-report-2/acm-expiry-audit-audit.json'
    ])
    expect((await readReportSources(`${root}/**/*.json`, root)).map((source) => source.name)).toEqual([
      'other/x.json',
      'reports/acm-expiry-report-1/acm-expiry-audit-audit.json',
      'reports/acm-expiry-report-2/acm-expiry-audit-audit.json'
    ])
    expect(await readReportSources('nowhere/*.json', root)).toEqual([])
  })

  it('reports a file named exactly that cannot be read, with why', async () => {
    const root = await layout()
    const [missing] = await readReportSources('missing.json', root)
    expect(missing?.name).toBe('missing.json')
    expect(missing?.text).toBeUndefined()
    expect(missing?.error).toMatch(/ENOENT/u)
  })
})
