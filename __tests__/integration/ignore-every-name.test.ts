/**
 * `ignore` by name hides a certificate only when every one of its names matches a pattern; a certificate whose
 * listing shows only its first 100 names is ignored by name only once DescribeCertificate has shown them all.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { runAction } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

const sandboxNames = (count: number) => Array.from({ length: count }, (_, i) => `t${i}.sandbox.example.com`)

describe('ignore by name', () => {
  it('never hides a production certificate that carries one sandbox SAN; ignores one whose names all match', async () => {
    emulator.addCertificates('us-east-1', [
      {
        domain: 'www.example.com',
        subjectAlternativeNames: ['www.example.com', 'preview.sandbox.example.com'],
        type: 'IMPORTED',
        notAfter: inDays(5.5)
      },
      {
        domain: 'sandbox.example.com',
        subjectAlternativeNames: ['sandbox.example.com', '*.sandbox.example.com'],
        type: 'IMPORTED',
        notAfter: inDays(6.5)
      },
      // 120 names, all sandbox ones: the listing shows 100 of them.
      { domain: 't0.sandbox.example.com', subjectAlternativeNames: sandboxNames(120), type: 'IMPORTED', notAfter: inDays(7.5) },
      // 120 names whose 101st is production: only DescribeCertificate shows it.
      {
        domain: 't0.sandbox.example.com',
        subjectAlternativeNames: [...sandboxNames(100), 'shop.example.com', ...sandboxNames(119).slice(100)],
        type: 'IMPORTED',
        notAfter: inDays(8.5)
      }
    ])
    const run = await runAction({
      endpoint: emulator.url,
      inputs: { regions: 'us-east-1', ignore: 'sandbox.example.com *.sandbox.example.com', 'fail-on': 'never' }
    })
    expect(run.exitCode).toBe(0)
    const report = JSON.parse(await readFile(run.outputs['report-file'] as string, 'utf8')) as {
      findings: Array<{ domain: string; daysLeft: number }>
      ignored: Array<{ domain: string; daysLeft: number; reason: string }>
    }
    expect(report.findings.map((finding) => [finding.domain, finding.daysLeft])).toEqual([
      ['www.example.com', 5],
      ['t0.sandbox.example.com', 8]
    ])
    expect(report.ignored.map((entry) => [entry.domain, entry.daysLeft, entry.reason])).toEqual([
      ['sandbox.example.com', 6, 'its names match ignore patterns sandbox.example.com, *.sandbox.example.com'],
      ['t0.sandbox.example.com', 7, 'matches ignore pattern *.sandbox.example.com']
    ])
  })
})
