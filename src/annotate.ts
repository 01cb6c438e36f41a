import * as core from '@actions/core'
import type { AuditReport } from './audit-report.js'
import { planAnnotations } from './annotations.js'

/** Writes the planned annotations as workflow commands. */
export function annotate(report: AuditReport): void {
  for (const annotation of planAnnotations(report)) {
    core[annotation.level](annotation.message, { title: annotation.title })
  }
}
