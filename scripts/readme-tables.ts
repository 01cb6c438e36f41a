/**
 * Keeps README's inputs and outputs tables, and the command's options (src/cli/action-inputs.ts), in step
 * with action.yml: `npm run docs` rewrites them; a test fails when they differ from what this script would write.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { markdownTable } from 'markdown-table'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

export interface ActionDefinition {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

const cell = (text: string) => text.replace(/\s+/gu, ' ').trim().replace(/\|/gu, '\\|')
const codeCell = (text: string) => (text === '' ? '(empty)' : `\`${text}\``)

export function inputsTable(action: ActionDefinition): string {
  return markdownTable(
    [
      ['Input', 'Default', 'Description'],
      ...Object.entries(action.inputs).map(([name, input]) => [
        `\`${name}\``,
        codeCell(input.default ?? ''),
        cell(input.description)
      ])
    ],
    { alignDelimiters: false }
  )
}

export function outputsTable(action: ActionDefinition): string {
  return markdownTable(
    [
      ['Output', 'Description'],
      ...Object.entries(action.outputs).map(([name, output]) => [`\`${name}\``, cell(output.description)])
    ],
    { alignDelimiters: false }
  )
}

/** README with both tables replaced between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export function withTables(readme: string, action: ActionDefinition): string {
  let text = readme
  for (const [name, table] of [
    ['inputs', inputsTable(action)],
    ['outputs', outputsTable(action)]
  ] as const) {
    const start = `<!-- ${name}:start -->`
    const end = `<!-- ${name}:end -->`
    const from = text.indexOf(start)
    const to = text.indexOf(end)
    if (from === -1 || to === -1) throw new Error(`README.md lacks the ${start} … ${end} markers.`)
    text = `${text.slice(0, from + start.length)}\n${table}\n${text.slice(to)}`
  }
  return text
}

/** README as `npm run docs` writes it: tables from action.yml, then Prettier's markdown formatting. */
export async function formattedReadme(readme: string, action: ActionDefinition, root: string): Promise<string> {
  const path = join(root, 'README.md')
  return format(withTables(readme, action), { ...(await resolveConfig(path)), filepath: path })
}

/** Where the command reads action.yml's inputs from: the one definition of their names, defaults and descriptions. */
export const ACTION_INPUTS_MODULE = join('src', 'cli', 'action-inputs.ts')

/** src/cli/action-inputs.ts as `npm run docs` writes it from action.yml. */
export async function actionInputsModule(action: ActionDefinition, root: string): Promise<string> {
  const inputs = Object.fromEntries(
    Object.entries(action.inputs).map(([name, input]) => [
      name,
      { description: input.description.replace(/\s+/gu, ' ').trim(), default: input.default ?? '' }
    ])
  )
  const text = `// Generated from action.yml by \`npm run docs\`; do not edit (a test compares it with action.yml).

/** The action's inputs: the one definition of the names, defaults and descriptions the command offers too. */
export const ACTION_INPUTS: Readonly<Record<string, { readonly description: string; readonly default: string }>> = ${JSON.stringify(inputs, null, 2)}
`
  const path = join(root, ACTION_INPUTS_MODULE)
  return format(text, { ...(await resolveConfig(path)), filepath: path })
}

export async function loadAction(root: string): Promise<ActionDefinition> {
  return parse(await readFile(join(root, 'action.yml'), 'utf8')) as ActionDefinition
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\u0000')) {
  const root = process.cwd()
  const readme = await readFile(join(root, 'README.md'), 'utf8')
  const action = await loadAction(root)
  await writeFile(join(root, 'README.md'), await formattedReadme(readme, action, root))
  await writeFile(join(root, ACTION_INPUTS_MODULE), await actionInputsModule(action, root))
  console.log(`README.md tables and ${ACTION_INPUTS_MODULE} rewritten from action.yml.`)
}
