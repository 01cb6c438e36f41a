/** Formatting shared by every renderer. */

export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? singular : plural}`
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}

export function yesNo(value: boolean | undefined): string {
  return value === undefined ? '—' : value ? 'yes' : 'no'
}
