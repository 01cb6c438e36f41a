/** runAction's measurements, which the benchmark relies on: peak RSS and CPU time, and memory held. */
import { describe, expect, it } from '@jest/globals'
import type { AwsEmulator } from '../../emulator/aws-emulator.js'
import { runAction } from '../../emulator/run-action.js'
import { emulatorPerTest, inDays } from '../helpers/emulator-per-test.js'

let emulator: AwsEmulator
emulatorPerTest((started) => (emulator = started))

describe('a measured run', () => {
  it('reports peak RSS and CPU time, and memory held only when asked to collect garbage', async () => {
    emulator.addCertificates(
      'us-east-1',
      Array.from({ length: 30 }, (_, i) => ({ domain: `host-${i}.example.com`, notAfter: inDays(i < 3 ? 5 : 200) }))
    )
    const inputs = { regions: 'us-east-1', 'fail-on': 'never' }
    const plain = await runAction({ endpoint: emulator.url, inputs, measure: true })
    expect(plain.exitCode).toBe(0)
    expect(plain.resources?.maxRssKb).toBeGreaterThan(10_000)
    expect(plain.resources?.userCpuMs).toBeGreaterThan(0)
    expect(plain.resources?.retainedKb).toBeUndefined()

    const held = await runAction({ endpoint: emulator.url, inputs, measure: true, retainedEveryMs: 20 })
    expect(held.exitCode).toBe(0)
    expect(held.outputs['expiring-count']).toBe('3')
    // Heap in use plus external memory after a full collection: megabytes, and less than the peak RSS.
    expect(held.resources?.retainedKb).toBeGreaterThan(1_000)
    expect(held.resources?.retainedKb).toBeLessThan(held.resources?.maxRssKb ?? 0)
  })
})
