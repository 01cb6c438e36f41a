import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../../emulator/run-action.js'

/** schema/report.schema.json, compiled once (ajv: the JSON Schema 2020-12 validator most tools use). */
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
;(addFormats as unknown as (instance: Ajv2020) => void)(ajv)
const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object)

/** The schema's complaints about a report document: empty when it conforms. */
export function schemaErrors(document: unknown): string[] {
  return validate(document) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
}
