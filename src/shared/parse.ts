/** An input a user got wrong: the message names the input and what it accepts. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

export type GetInput = (name: string) => string

/** Splits a list input on commas, whitespace and newlines, dropping empty items and duplicates. */
export function splitList(value: string): string[] {
  const items = value
    .split(/[\s,]+/u)
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
  return [...new Set(items)]
}

/** The YAML 1.2 core schema booleans, as the runner's own getBooleanInput accepts them. */
export function parseBoolean(name: string, value: string, fallback: boolean): boolean {
  const text = value.trim()
  if (text === '') return fallback
  if (['true', 'True', 'TRUE'].includes(text)) return true
  if (['false', 'False', 'FALSE'].includes(text)) return false
  throw new InputError(`Input '${name}' must be true or false; got ${quote(value)}.`)
}

export function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value)
}

/** The first few values, quoted, and how many more: an error message stays readable whatever the input. */
export function quoteList(values: readonly string[], shown = 5): string {
  const more = values.length - shown
  return `${values.slice(0, shown).map(quote).join(', ')}${more > 0 ? ` and ${more} more` : ''}`
}

export interface WholeNumberRule {
  min: number
  max: number
  /** Used when the input is empty. */
  fallback: number
  /** What the number counts, for the message ("seconds"). */
  unit?: string
}

/** A whole number within [min, max], or the fallback when empty; anything else names the input and the range. */
export function parseWholeNumber(name: string, value: string, rule: WholeNumberRule): number {
  const text = value.trim()
  if (text === '') return rule.fallback
  // Five digits at most: enough for every range an input takes, and never a number too long to read.
  const number = /^\d{1,5}$/u.test(text) ? Number(text) : Number.NaN
  if (!(number >= rule.min && number <= rule.max)) {
    throw new InputError(
      `Input '${name}' must be a whole number${rule.unit ? ` of ${rule.unit}` : ''} from ${rule.min} to ${rule.max}; got ${quote(value)}.`
    )
  }
  return number
}
