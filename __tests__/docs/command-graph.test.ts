/**
 * The command loads nothing of the runner: neither its sources (followed from src/cli/index.ts) nor its
 * bundle (dist-cli/, whose licenses.txt lists every package ncc put in it) hold @actions/core.
 */
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'
import { moduleGraph } from '../helpers/module-graph.js'

const bundled = async (folder: string) =>
  [...(await readFile(join(ROOT, folder, 'licenses.txt'), 'utf8')).matchAll(/^((?:@[^/\s]+\/)?[^@\s]+)@\d[^\s]*$/gmu)].map(
    (match) => match[1] as string
  )

describe("the command's module graph", () => {
  it('never imports @actions/core (nor any @actions package), from its sources or in its bundle', async () => {
    const graph = await moduleGraph('src/cli/index.ts')
    expect(graph.files).toContain('src/audit.ts')
    expect(graph.files).toContain('src/inputs.ts')
    expect(graph.files).not.toContain('src/main.ts')
    expect(graph.packages).toContain('commander')
    expect(graph.packages.filter((name) => name.startsWith('@actions/'))).toEqual([])
    const packages = await bundled('dist-cli')
    expect(packages).toContain('commander')
    expect(packages.filter((name) => name.startsWith('@actions/'))).toEqual([])
  })

  it("finds @actions/core where it is: in the action's graph and bundle (the check can fail)", async () => {
    expect((await moduleGraph('src/index.ts')).packages).toContain('@actions/core')
    expect(await bundled('dist')).toContain('@actions/core')
  })
})
