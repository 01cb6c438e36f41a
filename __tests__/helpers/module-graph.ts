import { readFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'

/** What a module of src/ loads at run time: its static and dynamic imports, not `import type`. */
const IMPORTS = [
  /^\s*import\s+(?!type\s)(?:[^'";]*?\s+from\s+)?'([^']+)'/gmu,
  /^\s*export\s+(?!type\s)[^'";]*?\s+from\s+'([^']+)'/gmu,
  /\bimport\(\s*'([^']+)'\s*\)/gu
]

/**
 * Every file of src/ that `entry` loads, following relative imports, and every package they load (by name).
 * Imports whose every name is a type (`import { type A, type B }`) are left out: TypeScript erases them.
 */
export async function moduleGraph(entry: string): Promise<{ files: string[]; packages: string[] }> {
  const files = new Set<string>()
  const packages = new Set<string>()
  const pending = [join(ROOT, entry)]
  while (pending.length > 0) {
    const file = pending.pop() as string
    if (files.has(file)) continue
    files.add(file)
    const source = await readFile(file, 'utf8')
    for (const pattern of IMPORTS) {
      for (const match of source.matchAll(pattern)) {
        if (/^\s*import\s*\{[^}]*\}/u.test(match[0]) && onlyTypes(match[0])) continue
        const specifier = match[1] as string
        if (specifier.startsWith('.')) pending.push(join(dirname(file), specifier.replace(/\.js$/u, '.ts')))
        else if (!specifier.startsWith('node:'))
          packages.add(
            specifier
              .split('/')
              .slice(0, specifier.startsWith('@') ? 2 : 1)
              .join('/')
          )
      }
    }
  }
  return { files: [...files].map((file) => relative(ROOT, file)).sort(), packages: [...packages].sort() }
}

function onlyTypes(statement: string): boolean {
  const names = /\{([^}]*)\}/u.exec(statement)?.[1] ?? ''
  const items = names
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  return items.length > 0 && items.every((item) => item.startsWith('type '))
}
