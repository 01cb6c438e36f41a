import type { Finding, FindingAction } from '../types.js'
import { code, codeBlock, escapeText, indent, shellLines, singleLine } from './markdown.js'

/** The job summary's "What to do": one group per action, urgent ones first, with the shared step and commands. */

export const ACTION_TITLES: Readonly<Record<FindingAction, string>> = {
  'attach-replacement': 'Attach the replacement waiting',
  reimport: 'Reimport',
  'fix-renewal': 'Fix renewal',
  'check-renewal': 'Check renewal status',
  'await-renewal': 'Renewal under way',
  'not-eligible': 'Not eligible for renewal',
  'renew-private': 'Renew private certificate',
  'renew-acme': 'Renewed by an ACME client',
  'fix-cloudfront-renewal': 'Fix CloudFront renewal',
  're-export': 'Exportable: re-export after renewal',
  'delete-unused': 'Clean-up: delete unused certificates'
}
/** Urgent actions first; the clean-up of certificates nothing uses last. */
const ACTION_ORDER: readonly FindingAction[] = [
  'attach-replacement',
  'reimport',
  'fix-renewal',
  'fix-cloudfront-renewal',
  'check-renewal',
  'renew-acme',
  'renew-private',
  're-export',
  'not-eligible',
  'await-renewal',
  'delete-unused'
]

export function nextSteps(findings: readonly Finding[]): string {
  const sections = ['### What to do']
  for (const action of ACTION_ORDER) {
    const group = findings.filter((finding) => finding.action === action)
    if (group.length === 0) continue
    const steps = new Set(group.map((finding) => finding.nextStep))
    const shared = steps.size === 1 ? group[0]?.nextStep : undefined
    sections.push('', `#### ${ACTION_TITLES[action]} (${group.length})`)
    if (shared) sections.push('', escapeText(shared))
    const commands = group.filter((finding) => finding.command)
    if (shared && commands.length === group.length) {
      const lines = commands.map(commandLine)
      sections.push('', codeBlock(lines.join('\n'), 'sh'))
      continue
    }
    sections.push('', ...group.map((finding) => nextStepItem(finding, Boolean(shared))))
  }
  return sections.join('\n')
}

/** A finding's command in a shell block, under a comment naming it. */
export function commandLine(finding: Finding): string {
  return `# ${singleLine(finding.domain || finding.id, 200)} (${singleLine(finding.region, 200)})\n${shellLines(finding.command ?? '')}`
}

/** A finding's line under "What to do"; its next step is left out when the group shares one. A command of several lines follows as a block. */
export function nextStepItem(finding: Finding, sharedStep: boolean): string {
  const next = sharedStep ? '' : ` Next: ${escapeText(finding.nextStep)}`
  const multiLine = finding.command?.includes('\n') ?? false
  const command = finding.command && !multiLine ? ` ${code(finding.command)}` : ''
  const item = `- ${code(finding.domain || finding.id)} in ${code(finding.region)}: ${escapeText(finding.explanation)}${next}${command}`
  return multiLine ? `${item}\n\n${indent(codeBlock(shellLines(finding.command ?? ''), 'sh'), '  ')}` : item
}
