import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'
import { moduleGraph } from '../helpers/module-graph.js'

describe.each([
  ['dist', 'src/index.ts'],
  ['dist-cli', 'src/cli/index.ts']
])('%s/licenses.txt', (folder, entry) => {
  it(`lists every package ${entry} loads, bundled into ${folder}/, with its license text`, async () => {
    const licenses = await readFile(join(ROOT, folder, 'licenses.txt'), 'utf8')
    const { packages } = await moduleGraph(entry)
    expect(packages.length).toBeGreaterThan(3)
    for (const name of packages) {
      expect({ name, listed: new RegExp(`^${name.replace(/[/.]/gu, '\\$&')}@\\d`, 'mu').test(licenses) }).toEqual({
        name,
        listed: true
      })
    }
    // Packages that only the lazily loaded EC2 chunk holds are there too, next to the main chunk's.
    expect(licenses).toMatch(/^@aws-sdk\/middleware-sdk-ec2@/mu)
    expect(licenses).toContain('Permission is hereby granted')
  })
})

it("dist/licenses.txt holds the lazily loaded GitHub client's packages", async () => {
  expect(await readFile(join(ROOT, 'dist', 'licenses.txt'), 'utf8')).toMatch(/^@octokit\/core@/mu)
})
