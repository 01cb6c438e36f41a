/**
 * The layout is a checked rule, not a wish: ESLint (eslint.config.js) rejects an import across the stages
 * that ARCHITECTURE.md forbids, and no source file grows past what a newcomer reads in one sitting.
 */
import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'

const eslint = new ESLint({ cwd: ROOT })

/** The rules that fire when `source` is linted as if it were the file at `path`. */
async function violations(path: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: join(ROOT, path) })
  return (result?.messages ?? []).map((message) => message.ruleId ?? message.message)
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
}

describe('the dependency rule', () => {
  it.each([
    ['src/classify/probe.ts', "export { renderSummary } from '../render/summary.js'"],
    ['src/classify/probe.ts', "export { scanRegion } from '../aws/acm-scan.js'"],
    ['src/render/probe.ts', "export { AcmClients } from '../aws/clients.js'"],
    ['src/render/probe.ts', "export { syncTrackingIssue } from '../github/tracking-issue.js'"],
    ['src/aws/probe.ts', "export { publish } from '../github/publish.js'"],
    ['src/github/probe.ts', "export { runAudit } from '../aws/audit-run.js'"],
    ['src/shared/probe.ts', "export { advise } from '../classify/advice.js'"],
    ['src/github/probe.ts', "export { run } from '../main.js'"],
    ['src/aws/probe.ts', "export { readInputs } from '../inputs.js'"],
    ['src/render/probe.ts', "export { auditOrMerge } from '../audit.js'"],
    ['src/audit.ts', "export { renderSummary } from './render/summary.js'"],
    ['src/cli/probe.ts', "export { publish } from '../github/publish.js'"],
    ['src/cli/probe.ts', "export { run } from '../main.js'"],
    ['src/aws/probe.ts', "export { runCommand } from '../cli/run.js'"]
  ])('rejects %s importing: %s', async (path, source) => {
    expect(await violations(path, source)).toContain('import-x/no-restricted-paths')
  })

  it.each([
    ['src/classify/probe.ts', "import * as core from '@actions/core'\nexport const probe = core"],
    ['src/render/probe.ts', "import { ACMClient } from '@aws-sdk/client-acm'\nexport const probe = ACMClient"],
    ['src/render/probe.ts', "import { writeFile } from 'node:fs/promises'\nexport const probe = writeFile"],
    ['src/aws/probe.ts', "import * as core from '@actions/core'\nexport const probe = core"],
    ['src/github/probe.ts', "import { ACMClient } from '@aws-sdk/client-acm'\nexport const probe = ACMClient"],
    ['src/audit.ts', "import * as core from '@actions/core'\nexport const probe = core"],
    ['src/cli/probe.ts', "import * as core from '@actions/core'\nexport const probe = core"]
  ])('rejects an I/O package where it does not belong: %s', async (path, source) => {
    expect(await violations(path, source)).toContain('@typescript-eslint/no-restricted-imports')
  })

  it('allows the imports the flow needs', async () => {
    const allowed: Array<[string, string]> = [
      ['src/aws/probe.ts', "export { advise } from '../classify/advice.js'"],
      ['src/render/probe.ts', "export { buildReport } from '../classify/report.js'"],
      ['src/github/probe.ts', "export { renderSummary } from '../render/summary.js'"],
      [
        'src/classify/probe.ts',
        "import type { CertificateSummary } from '@aws-sdk/client-acm'\nexport type Probe = CertificateSummary"
      ]
    ]
    for (const [path, source] of allowed) expect([path, await violations(path, source)]).toEqual([path, []])
  })
})

describe('file size', () => {
  it('keeps every file of src/ and scripts/bench/ within 300 lines', async () => {
    const files = [...(await sourceFiles('src')), ...(await sourceFiles('scripts/bench').catch(() => []))]
    expect(files.length).toBeGreaterThan(20)
    const long: string[] = []
    for (const file of files) {
      const lines = (await readFile(join(ROOT, file), 'utf8')).split('\n').length
      if (lines > 300) long.push(`${file}: ${lines} lines`)
    }
    expect(long).toEqual([])
  })
})

describe('the emulator', () => {
  it('has no import circle, type imports included: its services get the server as a parameter (EmulatorHost)', async () => {
    const files = await sourceFiles('emulator')
    const imports = new Map<string, string[]>()
    for (const file of files) {
      const text = await readFile(join(ROOT, file), 'utf8')
      const local = [...text.matchAll(/from '\.\/([\w-]+)\.js'/gu)].map((match) => `emulator/${match[1]}.ts`)
      imports.set(file, local)
    }
    const circles: string[] = []
    const visit = (file: string, path: string[]) => {
      if (path.includes(file)) {
        circles.push([...path.slice(path.indexOf(file)), file].join(' → '))
        return
      }
      for (const next of imports.get(file) ?? []) visit(next, [...path, file])
    }
    for (const file of files) visit(file, [])
    expect(files).toContain('emulator/aws-emulator.ts')
    expect(circles).toEqual([])
  })
})
