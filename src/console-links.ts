import { isRegionName, partitionOf } from './regions.js'

/** The certificate's page in the ACM console of its region and partition. */
export function certificateConsoleUrl(region: string, certificateId: string): string {
  if (!isRegionName(region)) return 'https://console.aws.amazon.com/acm/home'
  const fragment = `#/certificates/${encodeURIComponent(certificateId)}`
  const query = `acm/home?region=${encodeURIComponent(region)}${fragment}`
  switch (partitionOf(region)) {
    case 'aws-cn':
      return `https://${region}.console.amazonaws.cn/${query}`
    case 'aws-us-gov':
      return `https://console.amazonaws-us-gov.com/${query}`
    default:
      return `https://${region}.console.aws.amazon.com/${query}`
  }
}
