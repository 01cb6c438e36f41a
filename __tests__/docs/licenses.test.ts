import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'

describe('dist/licenses.txt', () => {
  it('lists every runtime dependency bundled into dist/, with its license text', async () => {
    const licenses = await readFile(join(ROOT, 'dist', 'licenses.txt'), 'utf8')
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    for (const name of Object.keys(manifest.dependencies)) {
      expect({ name, listed: new RegExp(`^${name.replace(/[/.]/gu, '\\$&')}@\\d`, 'mu').test(licenses) }).toEqual({
        name,
        listed: true
      })
    }
    // Packages that only the lazily loaded EC2 chunk holds are there too, next to the main chunk's.
    expect(licenses).toMatch(/^@aws-sdk\/middleware-sdk-ec2@/mu)
    expect(licenses).toMatch(/^@octokit\/core@/mu)
    expect(licenses).toContain('Permission is hereby granted')
  })
})
