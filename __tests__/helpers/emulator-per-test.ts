import { afterEach, beforeEach } from '@jest/globals'
import { AwsEmulator } from '../../emulator/aws-emulator.js'

export const DAY = 86_400_000

/** A date `days` days of 24 hours from now (negative: in the past), for certificates' NotAfter. */
export const inDays = (days: number) => new Date(Date.now() + days * DAY)

/**
 * Gives each test of the enclosing file or describe block a fresh emulator, started before it and stopped
 * after it: `let emulator: AwsEmulator; emulatorPerTest((started) => (emulator = started))`.
 */
export function emulatorPerTest(assign: (emulator: AwsEmulator) => void): void {
  let current: AwsEmulator | undefined
  beforeEach(async () => {
    current = new AwsEmulator()
    await current.start()
    assign(current)
  })
  afterEach(async () => {
    await current?.stop()
    current = undefined
  })
}
