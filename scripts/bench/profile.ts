import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { msText } from './format.js'

/** The parts of a V8 .cpuprofile the summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number
    callFrame: { functionName: string; url: string; lineNumber: number }
  }>
  samples: number[]
  timeDeltas: number[]
}

/** The functions of one profile that took the most self time, one line each, under a total line. */
export function summariseProfile(name: string, profile: CpuProfile, limit = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const self = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const delta = (profile.timeDeltas[index] ?? 0) / 1000
    total += delta
    if (!node) return
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-1)[0] ?? ''}:${lineNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + delta)
  })
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, limit)
  return [
    `${name}: ${msText(total)} sampled`,
    ...top.map(([key, ms]) => `  ${msText(ms).padStart(8)}  ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${key}`)
  ].join('\n')
}

/** summariseProfile for each .cpuprofile in `dir`, oldest first. */
export async function summariseProfiles(dir: string, limit = 25): Promise<string> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.cpuprofile'))
  const dated = await Promise.all(files.map(async (file) => ({ file, at: (await stat(join(dir, file))).mtimeMs })))
  const summaries: string[] = []
  for (const { file } of dated.sort((a, b) => a.at - b.at)) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile
    summaries.push(summariseProfile(file, profile, limit))
  }
  return summaries.join('\n\n') || 'no profile written'
}
