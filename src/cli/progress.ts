import { progressLine, type Progress } from '../render/progress.js'
import type { RegionScan } from '../types.js'
import type { Stream } from './run.js'

/** Erases the current line of a terminal. */
const CLEAR_LINE = '\r\u001b[2K'

/** Progress on a terminal's stderr: one line rewritten as regions finish; notes are printed above it. */
export function createProgress(stderr: Stream) {
  const state: Progress = { done: 0, total: undefined, accounts: 0, certificates: 0 }
  const accounts = new Set<string>()
  let shown = false
  const draw = () => {
    stderr.write(`${CLEAR_LINE}${progressLine(state)}`)
    shown = true
  }
  const clear = () => {
    if (shown) stderr.write(CLEAR_LINE)
    shown = false
  }
  return {
    planned(total: number) {
      state.total = total
      draw()
    },
    scanned(scan: RegionScan) {
      state.done += 1
      state.certificates += scan.scanned
      accounts.add(scan.account ?? '')
      state.accounts = accounts.size
      draw()
    },
    note(message: string) {
      clear()
      stderr.write(`${message}\n`)
      if (state.total !== undefined) draw()
    },
    clear
  }
}
