import type { CertificateRecord } from '../types.js'

/** The key pair origins and ManagedBy values this version of the action knows what to advise for. */
const KNOWN_ORIGINS: readonly string[] = ['AWS_MANAGED', 'CUSTOMER_PROVIDED', 'ACME']
const KNOWN_MANAGERS: readonly string[] = ['CLOUDFRONT']

type Kind = Pick<CertificateRecord, 'keyPairOrigin' | 'managedBy' | 'exportOption' | 'type'>

/** Issued through an ACM ACME endpoint: an external ACME client holds its key and renews it; ACM cannot delete it. */
export function isAcme(record: Pick<CertificateRecord, 'keyPairOrigin'>): boolean {
  return record.keyPairOrigin === 'ACME'
}

/** Requested through CloudFront, which renews it through HTTP validation. */
export function isCloudFrontManaged(record: Pick<CertificateRecord, 'managedBy'>): boolean {
  return record.managedBy === 'CLOUDFRONT'
}

/** A public certificate requested with ExportOption ENABLED: its exported copies may serve anywhere. */
export function isExportable(record: Pick<CertificateRecord, 'exportOption' | 'type'>): boolean {
  return record.exportOption === 'ENABLED' && record.type !== 'IMPORTED'
}

/**
 * The key pair origin or ManagedBy value, in words, that this version of the action does not know (ACM
 * added it later); undefined when both are known or absent. Such a certificate gets no advice that
 * assumes who renews it or whether anything uses it.
 */
export function unknownKind(record: Kind): string | undefined {
  const parts = [
    record.keyPairOrigin !== undefined && !KNOWN_ORIGINS.includes(record.keyPairOrigin)
      ? `key pair origin ${record.keyPairOrigin}`
      : '',
    record.managedBy !== undefined && !KNOWN_MANAGERS.includes(record.managedBy) ? `managed by ${record.managedBy}` : ''
  ].filter(Boolean)
  return parts.length > 0 ? parts.join(' and ') : undefined
}

/** Whether ACM can attach it to a resource in place of another: not ACME-issued, not CloudFront-managed, of a known kind. */
export function isAttachable(record: Kind): boolean {
  return !isAcme(record) && !isCloudFrontManaged(record) && unknownKind(record) === undefined
}
