import { thousands } from '../shared/format.js'

export interface Progress {
  /** (account, region) pairs scanned so far, and how many there are (undefined until known). */
  done: number
  total: number | undefined
  /** Accounts with at least one region read. */
  accounts: number
  certificates: number
}

const BAR_WIDTH = 24

/** One status line for a terminal's stderr: regions done out of the total, accounts reached, certificates listed, and a bar. */
export function progressLine(progress: Progress): string {
  const { done, total } = progress
  const regions = total === undefined ? `${thousands(done)} regions read` : `${thousands(done)}/${thousands(total)} regions`
  const accounts = progress.accounts > 1 ? ` · ${thousands(progress.accounts)} accounts` : ''
  const filled = total ? Math.round((Math.min(done, total) / total) * BAR_WIDTH) : 0
  const bar = total ? `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ` : ''
  return `${bar}${regions}${accounts} · ${thousands(progress.certificates)} certificates listed`
}
