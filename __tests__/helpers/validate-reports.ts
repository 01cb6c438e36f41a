/**
 * Every report file an integration test makes the action write is checked against schema/report.schema.json
 * after the test: the documented format is the one the action writes.
 */
import { afterEach, expect } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { producedReportFiles } from '../../emulator/run-action.js'
import { schemaErrors } from './report-schema.js'

afterEach(async () => {
  for (const file of producedReportFiles.splice(0)) {
    const document: unknown = JSON.parse(await readFile(file, 'utf8'))
    expect({ file, errors: schemaErrors(document) }).toEqual({ file, errors: [] })
  }
})
