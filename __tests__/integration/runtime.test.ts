import { describe, expect, it } from '@jest/globals'
import { tmpdir } from 'node:os'
import { spawnNode } from '../../emulator/run-action.js'

/** Set by scripts/node24.sh: the Node.js major version these tests are meant to run on. */
const expected = process.env.ACM_EXPIRY_AUDIT_EXPECT_NODE

describe('the Node.js the integration tests run the bundle on', () => {
  it('is the Node.js these tests run on, and the one asked for (scripts/node24.sh asks for 24)', async () => {
    const spawned = await spawnNode(['-p', 'process.version'], { env: {}, cwd: tmpdir(), timeoutMs: 30_000, measure: false })
    expect(spawned.stdout.trim()).toBe(process.version)
    if (expected) expect(process.versions.node.split('.')[0]).toBe(expected)
  })
})
