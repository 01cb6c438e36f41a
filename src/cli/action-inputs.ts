// Generated from action.yml by `npm run docs`; do not edit (a test compares it with action.yml).

/** The action's inputs: the one definition of the names, defaults and descriptions the command offers too. */
export const ACTION_INPUTS: Readonly<Record<string, { readonly description: string; readonly default: string }>> = {
  regions: {
    description:
      'Regions to scan, separated by commas, spaces or newlines. Empty: AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1. "all": every region enabled for the account (EC2 DescribeRegions).',
    default: ''
  },
  days: {
    description:
      'Threshold in days (0 to 3650). A certificate is flagged when its NotAfter date is at most this many days (of 24 hours) from now.',
    default: '30'
  },
  statuses: {
    description: 'ACM certificate statuses to list, separated by commas, spaces or newlines.',
    default: 'ISSUED,EXPIRED'
  },
  'key-types': {
    description:
      '"all", or the key algorithms to list (RSA_1024, RSA_2048, RSA_3072, RSA_4096, EC_prime256v1, EC_secp384r1, EC_secp521r1). ACM lists only RSA_1024 and RSA_2048 certificates unless asked for more.',
    default: 'all'
  },
  ignore: {
    description:
      "Glob patterns, separated by commas, spaces or newlines, matched against each certificate's domain name, subject alternative names, ARN and certificate id. Matching certificates are ignored (and counted).",
    default: ''
  },
  'ignore-tag': {
    description:
      'KEY or KEY=VALUE. A flagged certificate carrying this tag is ignored; a tag value that is a date (YYYY-MM-DD) snoozes it through that day.',
    default: ''
  },
  'critical-days': {
    description:
      'Flagged certificates that expire within this many days (0 to "days"; 0: none) are critical: an error annotation instead of a warning, a marker of their own in the table, counted in critical-count. Empty: 7, or "days" when that is smaller.',
    default: ''
  },
  'lifetime-percent': {
    description:
      'Empty: every certificate is flagged "days" before it expires. A percentage (1 to 100, for example 33): a certificate is flagged when its time left is at most the smaller of "days" and that percentage of its lifetime (NotAfter - NotBefore), so short-lived certificates are not flagged for most of their life; its critical window shrinks in proportion (critical-days x its threshold / days). Each finding says the days it was measured against (thresholdDays).',
    default: ''
  },
  'fail-on': {
    description:
      'When the step fails: "expiring" (any certificate flagged), "critical" (only when one is critical or has expired), "expired" (only when one has expired), or "never". A region that cannot be read always fails the step.',
    default: 'expiring'
  },
  'fail-on-unused': {
    description:
      'Whether certificates nothing uses (action delete-unused) count for fail-on and keep the tracking issue open. false: they are still listed and counted (unused-count), under Clean-up, but fail nothing on their own.',
    default: 'true'
  },
  'role-to-assume': {
    description:
      'IAM role ARN to assume with the workflow\'s OIDC token, or several (commas, spaces or newlines), typically one per account. Needs "permissions: id-token: write". Empty: the default AWS credential chain (for example a preceding aws-actions/configure-aws-credentials step).',
    default: ''
  },
  'role-session-name': {
    description: 'Session name for the assumed roles (2 to 64 characters of letters, digits and +=,.@_-).',
    default: 'acm-expiry-audit'
  },
  'role-duration-seconds': {
    description: 'Lifetime of each role session in seconds (900 to 43200); sessions are renewed if a scan outlives them.',
    default: '900'
  },
  audience: {
    description: 'Audience of the OIDC token, as the IAM OIDC identity provider expects it.',
    default: 'sts.amazonaws.com'
  },
  'member-role-name': {
    description:
      "Name of a role present in every member account of the AWS organization (for example acm-expiry-audit-member, deployed with iam/member-role.yaml). Setting it discovers the organization's ACTIVE accounts (organizations:ListAccounts) from the first session (role-to-assume with one role, or the default credential chain), which must be in the management account or a delegated administrator account, and assumes the role in each account (sts:AssumeRole, chained sessions renewed every hour).",
    default: ''
  },
  accounts: {
    description:
      'With member-role-name: account ids, organizational unit ids (ou-..., nested units included) or the root id (r-...) to audit, separated by commas, spaces or newlines. Empty: every ACTIVE account.',
    default: ''
  },
  'exclude-accounts': {
    description: 'With member-role-name, account ids to skip, separated by commas, spaces or newlines.',
    default: ''
  },
  shard: {
    description:
      'With member-role-name, K/N: audit only the K-th of N disjoint, stable slices of the sorted account list, for a matrix of N jobs (for example "${{ matrix.shard }}/8"). Empty: every account.',
    default: ''
  },
  'merge-reports': {
    description:
      "A directory or glob of report files written by earlier jobs (for example the shards' downloaded artifacts). With it the action makes no AWS call: it merges the reports and publishes them as one run would (summary, outputs, annotations, tracking issue, fail-on).",
    default: ''
  },
  'expected-reports': {
    description:
      'With merge-reports, how many report files the merge must find. A missing, unreadable or incompatible report makes the merged audit incomplete: the step fails and the tracking issue is not closed.',
    default: ''
  },
  'aws-request-timeout': {
    description:
      'Seconds one AWS request may wait for an answer before it is retried (up to 6 attempts, with backoff). A region that never answers is reported as not read after that.',
    default: '20'
  },
  'create-issue': {
    description:
      'Keep one GitHub issue that lists the certificates needing a person: created when there are findings, updated on later runs, closed when a complete run finds nothing left. Needs "permissions: issues: write".',
    default: 'false'
  },
  'github-token': {
    description: 'Token used for the tracking issue.',
    default: '${{ github.token }}'
  },
  'issue-title': {
    description: 'Title of the tracking issue. Workflows with different titles keep separate issues.',
    default: 'ACM certificates need renewal'
  },
  'issue-labels': {
    description: 'Labels of the tracking issue, separated by commas or newlines; the issue is found again by them.',
    default: 'acm-expiry'
  },
  'issue-assignees': {
    description: 'GitHub users to assign to a new tracking issue, separated by commas, spaces or newlines.',
    default: ''
  },
  'close-issue': {
    description: 'Close the tracking issue, with a comment, when a complete run finds nothing left to do.',
    default: 'true'
  }
}
