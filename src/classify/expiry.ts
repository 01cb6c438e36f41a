import type { ExpiryState } from '../types.js'
import { count } from '../shared/format.js'

export const DAY_MS = 24 * 60 * 60 * 1000

/** Flagged when NotAfter falls on or before now + days × 24 h, to the millisecond. */
export function isWithinThreshold(notAfter: Date, now: Date, days: number): boolean {
  return notAfter.getTime() <= now.getTime() + days * DAY_MS
}

/** Whole days left, rounded down: 0 on the last day, negative once expired. */
export function daysLeft(notAfter: Date, now: Date): number {
  return Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS)
}

export function expiryState(notAfter: Date, now: Date): ExpiryState {
  return notAfter.getTime() <= now.getTime() ? 'expired' : 'expiring'
}

/** Whole days since expiry, rounded down: 0 during the first 24 hours after NotAfter. */
export function daysSince(notAfter: Date, now: Date): number {
  return Math.floor((now.getTime() - notAfter.getTime()) / DAY_MS)
}

/** How far off NotAfter is, in words: "3 days ago", "less than a day ago", "5 days left", "less than a day left". */
export function timeFromNow(notAfter: Date, now: Date): string {
  if (expiryState(notAfter, now) === 'expired') {
    const since = daysSince(notAfter, now)
    return since === 0 ? 'less than a day ago' : `${count(since, 'day')} ago`
  }
  const left = daysLeft(notAfter, now)
  return left === 0 ? 'less than a day left' : `${count(left, 'day')} left`
}

/** Not yet expired, and expiring within `criticalDays` (0: never critical). */
export function isCritical(notAfter: Date, now: Date, criticalDays: number): boolean {
  return criticalDays > 0 && expiryState(notAfter, now) === 'expiring' && isWithinThreshold(notAfter, now, criticalDays)
}

/** The facts and settings a certificate's threshold depends on. */
export interface ThresholdSettings {
  days: number
  criticalDays?: number | undefined
  /** Undefined: every certificate is measured against `days` (ACM-003's fixed threshold). */
  lifetimePercent?: number | undefined
}

/**
 * The days a certificate is measured against: `days`, or with lifetime-percent min(days, that percentage of
 * its lifetime, NotAfter − NotBefore), to the hundredth of a day. A 47-day certificate at 33 % gets 15.51;
 * one of 198 days keeps 30. Without NotBefore its lifetime is unknown, and `days` applies.
 */
export function thresholdDays(
  certificate: { notBefore?: Date | undefined; notAfter: Date },
  settings: Pick<ThresholdSettings, 'days' | 'lifetimePercent'>
): number {
  const { days, lifetimePercent } = settings
  if (lifetimePercent === undefined || !certificate.notBefore) return days
  const lifetime = (certificate.notAfter.getTime() - certificate.notBefore.getTime()) / DAY_MS
  if (!(lifetime > 0)) return days
  return Math.min(days, Math.round(lifetime * lifetimePercent) / 100)
}

/** The critical window for a certificate measured against `threshold` days: critical-days scaled in proportion (7 of 30 is 3.62 of 15.51). */
export function criticalDaysFor(threshold: number, settings: Pick<ThresholdSettings, 'days' | 'criticalDays'>): number {
  const critical = settings.criticalDays ?? 0
  if (critical === 0 || threshold === settings.days || settings.days === 0) return critical
  return Math.round(((critical * threshold) / settings.days) * 100) / 100
}
