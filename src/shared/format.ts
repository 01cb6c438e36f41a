/** Formatting shared by every renderer. */

export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/** 1234567 → 1,234,567 (without ICU's number formatter, which costs tens of milliseconds to load). */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/gu, ',')
}

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${thousands(n)} ${n === 1 ? singular : plural}`
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? '—' : value ? 'yes' : 'no'
}

/** The message of anything thrown: an Error's message (its name when the message is empty), or the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error)
}
