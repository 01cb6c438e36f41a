import { describe, expect, it } from '@jest/globals'
import { validateAction, validateWorkflow } from '@action-validator/core'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parse } from 'yaml'
import { ROOT } from '../../emulator/run-action.js'

async function yamlFiles(folder: string): Promise<string[]> {
  return (await readdir(join(ROOT, folder))).filter((name) => /\.ya?ml$/u.test(name)).map((name) => join(folder, name))
}

describe('action.yml and the workflows', () => {
  it('action.yml is valid against the action schema and has branding', async () => {
    const source = await readFile(join(ROOT, 'action.yml'), 'utf8')
    // The validator's bundled schema predates the node24 runtime (its enum stops at node20), so the
    // runtime is checked on its own below and the rest of the file against the schema.
    expect(source.match(/^\s+using: node24$/gmu)).toHaveLength(1)
    expect(validateAction(source.replace(/^(\s+using: )node24$/mu, '$1node20')).errors).toEqual([])
    const action = parse(source) as {
      name: string
      description: string
      author: string
      branding: { icon: string; color: string }
      runs: { using: string; main: string }
    }
    expect(action).toMatchObject({ runs: { using: 'node24', main: 'dist/index.js' } })
    expect(action.name && action.description && action.author && action.branding.icon && action.branding.color).toBeTruthy()
  })

  it.each([['examples'], ['.github/workflows']])('every workflow in %s is valid against the workflow schema', async (folder) => {
    const files = await yamlFiles(folder)
    expect(files.length).toBeGreaterThan(0)
    for (const file of files) {
      const state = validateWorkflow(await readFile(join(ROOT, file), 'utf8'))
      expect({ file, errors: state.errors }).toEqual({ file, errors: [] })
    }
  })

  it('README shows every example workflow exactly as its file holds it', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8')
    for (const file of await yamlFiles('examples')) {
      const source = await readFile(join(ROOT, file), 'utf8')
      expect({ file, inReadme: readme.includes(`\`\`\`yaml\n${source}\`\`\``) }).toEqual({ file, inReadme: true })
    }
  })

  it('examples pass only inputs that action.yml declares', async () => {
    const action = parse(await readFile(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown> }
    for (const file of await yamlFiles('examples')) {
      const workflow = parse(await readFile(join(ROOT, file), 'utf8')) as {
        jobs: Record<string, { steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>
      }
      const steps = Object.values(workflow.jobs).flatMap((job) =>
        job.steps.filter((step) => step.uses?.startsWith('acm-expiry-audit/'))
      )
      expect({ file, steps: steps.length > 0 }).toEqual({ file, steps: true })
      for (const step of steps) {
        for (const name of Object.keys(step.with ?? {}))
          expect({ file, name, declared: name in action.inputs }).toEqual({ file, name, declared: true })
      }
    }
  })

  it('examples that keep a tracking issue run one at a time (concurrency), so that two runs never open two issues', async () => {
    for (const file of await yamlFiles('examples')) {
      const workflow = parse(await readFile(join(ROOT, file), 'utf8')) as {
        concurrency?: { group?: string }
        jobs: Record<string, { steps: Array<{ with?: Record<string, unknown> }> }>
      }
      const keepsIssue = Object.values(workflow.jobs).some((job) =>
        job.steps.some((step) => String(step.with?.['create-issue']) === 'true')
      )
      if (keepsIssue) expect({ file, group: workflow.concurrency?.group }).toEqual({ file, group: expect.any(String) })
    }
  })
})
