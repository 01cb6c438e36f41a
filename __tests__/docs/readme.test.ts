import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'
import { ACTION_INPUTS_MODULE, actionInputsModule, formattedReadme, loadAction } from '../../scripts/readme-tables.js'

describe('README', () => {
  it('has inputs and outputs tables that match action.yml (run `npm run docs` after changing action.yml)', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    expect(readme).toBe(await formattedReadme(readme, await loadAction(ROOT), ROOT))
  })

  it("gives the command action.yml's inputs as src/cli/action-inputs.ts holds them (run `npm run docs` after changing action.yml)", async () => {
    const module = await readFile(join(ROOT, ACTION_INPUTS_MODULE), 'utf8')
    expect(module).toBe(await actionInputsModule(await loadAction(ROOT), ROOT))
  })

  it('declares every input with a description and a default, and every output with a description', async () => {
    const action = await loadAction(ROOT)
    for (const [name, input] of Object.entries(action.inputs)) {
      expect([name, typeof input.description === 'string' && input.description.length > 10]).toEqual([name, true])
      expect([name, typeof input.default]).toEqual([name, 'string'])
    }
    for (const [name, output] of Object.entries(action.outputs)) {
      expect([name, typeof output.description === 'string' && output.description.length > 10]).toEqual([name, true])
    }
  })

  it('shows the IAM permissions policy exactly as iam/policy.json holds it', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    const policy = JSON.parse(await readFile(join(ROOT, 'iam', 'policy.json'), 'utf8')) as unknown
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)\n```/gu)].map((match) => JSON.parse(match[1] ?? '') as unknown)
    expect(blocks).toContainEqual(policy)
  })

  it('states the Node.js versions package.json and action.yml declare, and npm test (what .ci/run runs) tests Node 24', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      engines: { node: string }
      scripts: Record<string, string>
    }
    const action = await readFile(join(ROOT, 'action.yml'), 'utf8')
    const ci = await readFile(join(ROOT, '.ci', 'run'), 'utf8')
    expect(manifest.engines.node).toBe('>=20')
    expect(readme).toContain('(`engines`:\n`>=20` in package.json)')
    expect(readme).toContain('Node.js 20 or later')
    expect(action).toMatch(/^ {2}using: node24$/mu)
    expect(readme).toContain("the runner's Node.js 24 (`using: node24` in action.yml)")
    expect(manifest.scripts['test:node24']).toBe('bash scripts/node24.sh')
    expect(manifest.scripts.test).toMatch(/&& npm run test:node24$/u)
    expect(ci).toMatch(/^npm test$/mu)
  })
})
