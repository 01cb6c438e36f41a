import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { adviseFinding, replacementCommands } from '../../src/classify/finding-advice.js'
import { describeResource } from '../../src/classify/resources.js'
import { arnFor, daysFromNow, record } from './fixtures.js'

const LB = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop-web/50dc6c495c0c9188'
const CLASSIC = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/old-elb'
const CF = 'arn:aws:cloudfront::111122223333:distribution/E2SHOP'
const APIGW = 'arn:aws:apigateway:us-east-1::/domainnames/api.example.com'
const OTHER = 'arn:aws:cognito-idp:us-east-1:111122223333:userpool/us-east-1_abc'
const replacement = { arn: arnFor('new-one'), notAfter: daysFromNow(380) }

describe('adviseFinding', () => {
  it('attaches a replacement waiting when the certificate is in use', () => {
    const old = record({ id: 'old-one', arn: arnFor('old-one'), type: 'AMAZON_ISSUED' })
    const advice = adviseFinding(
      old,
      { renewal: { status: 'FAILED', reason: 'CAA_ERROR' }, inUseBy: [LB, CF] },
      replacement,
      'expiring'
    )
    expect(advice.action).toBe('attach-replacement')
    expect(advice.explanation).toBe(
      `A replacement is waiting in the same account and region: ${arnFor('new-one')}, issued, valid until 2027-01-16, covering every name of this one.`
    )
    expect(advice.nextStep).toBe(
      'Move shop-web (load balancer), E2SHOP (CloudFront distribution) to the replacement; then delete this certificate once nothing uses it.'
    )
    expect(advice.command).toContain(
      `aws elbv2 modify-listener --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=${arnFor('new-one')}`
    )
    expect(advice.command?.split('\n').at(-1)).toBe(
      `aws acm delete-certificate --region us-east-1 --certificate-arn ${arnFor('old-one')}`
    )
  })

  it('offers reimporting over the old ARN for an imported certificate with an imported twin', () => {
    const advice = adviseFinding(record({ type: 'IMPORTED' }), { inUseBy: [LB] }, replacement, 'expired')
    expect(advice.action).toBe('attach-replacement')
    expect(advice.nextStep).toContain('(or reimport the new certificate over this ARN, which moves every resource at once)')
  })

  it('keeps await-renewal when ACM renews it in place, and needs the certificate in use', () => {
    expect(
      adviseFinding(
        record(),
        { renewal: { status: 'PENDING_AUTO_RENEWAL', reason: undefined }, inUseBy: [LB] },
        replacement,
        'expiring'
      ).action
    ).toBe('await-renewal')
    expect(adviseFinding(record({ type: 'IMPORTED', inUse: false }), { inUseBy: [] }, replacement, 'expiring').action).toBe(
      'delete-unused'
    )
  })

  it('deletes an unused certificate, ACM-issued or imported, expired or expiring', () => {
    const issued = record({ inUse: false, renewalEligibility: 'INELIGIBLE', region: 'eu-west-1', id: 'unused-1' })
    const advice = adviseFinding(
      issued,
      { renewal: { status: undefined, reason: undefined }, inUseBy: [] },
      undefined,
      'expiring'
    )
    expect(advice).toEqual({
      action: 'delete-unused',
      explanation:
        'Expiring and not in use by any AWS resource, so nothing breaks. ACM renews only certificates in use, so it will not renew this one.',
      nextStep: 'Delete it. If a resource should be using it, attach it (or a new certificate) to that resource instead.',
      command: `aws acm delete-certificate --region eu-west-1 --certificate-arn ${issued.arn}`
    })
    expect(adviseFinding(record({ type: 'IMPORTED', inUse: false }), {}, undefined, 'expired').explanation).toBe(
      'Expired and not in use by any AWS resource, so nothing breaks. ACM never renews imported certificates.'
    )
  })

  it('trusts InUseBy over the listing, and the listing when InUseBy was not read', () => {
    expect(adviseFinding(record({ inUse: true }), { inUseBy: [] }, undefined, 'expiring').action).toBe('delete-unused')
    expect(adviseFinding(record({ inUse: false }), {}, undefined, 'expiring').action).toBe('delete-unused')
    expect(adviseFinding(record({ inUse: undefined, type: 'IMPORTED' }), {}, undefined, 'expiring').action).toBe('reimport')
  })

  it('never calls a private or exported certificate unused: it may be used outside AWS', () => {
    expect(adviseFinding(record({ type: 'PRIVATE', inUse: false }), { inUseBy: [] }, undefined, 'expiring').action).toBe(
      'renew-private'
    )
    expect(adviseFinding(record({ inUse: false, exported: true }), { inUseBy: [] }, undefined, 'expiring').action).toBe(
      'not-eligible'
    )
  })
})

describe('replacementCommands', () => {
  it('gives each kind of resource its step, then deletes the old certificate', () => {
    const old = record({ id: 'old', region: 'us-east-1' })
    const lines = replacementCommands(old, [CLASSIC, CF, APIGW, OTHER].map(describeResource), 'NEW').split('\n')
    expect(lines).toEqual([
      '# Classic Load Balancer old-elb: each HTTPS or SSL listener serving the old certificate',
      `for port in $(aws elb describe-load-balancers --region us-east-1 --load-balancer-names old-elb --query 'LoadBalancerDescriptions[0].ListenerDescriptions[?Listener.SSLCertificateId==\`"${old.arn}"\`].Listener.LoadBalancerPort' --output text); do`,
      '  aws elb set-load-balancer-listener-ssl-certificate --region us-east-1 --load-balancer-name old-elb --load-balancer-port "$port" --ssl-certificate-id NEW',
      'done',
      '# CloudFront distribution E2SHOP: in the console, Settings > Edit > Custom SSL certificate, choose NEW',
      '# (or aws cloudfront update-distribution with ViewerCertificate.ACMCertificateArn set to it)',
      '# API Gateway custom domain api.example.com: the certificate of its regional or edge-optimized endpoint',
      `path=$(aws apigateway get-domain-name --region us-east-1 --domain-name api.example.com --query 'regionalCertificateArn==\`"${old.arn}"\` && \`"/regionalCertificateArn"\` || \`"/certificateArn"\`' --output text)`,
      'aws apigateway update-domain-name --region us-east-1 --domain-name api.example.com --patch-operations "op=replace,path=$path,value="NEW',
      `# cognito-idp us-east-1_abc (${OTHER}): point it at NEW in its settings`,
      '# then, once nothing uses the old certificate:',
      `aws acm delete-certificate --region us-east-1 --certificate-arn ${old.arn}`
    ])
    // Nothing for a person to fill in: every command names what it acts on, or finds it.
    expect(lines.join('\n')).not.toMatch(/\b[A-Z]+_[A-Z_]+\b|<[a-z-]+>/u)
  })

  it('gives the load balancer listener commands, finding each listener that serves the old certificate, default or SNI', () => {
    const oldArn = arnFor('old')
    const text = replacementCommands(record({ id: 'old' }), [describeResource(LB)], 'NEW')
    expect(text.split('\n').slice(0, 6)).toEqual([
      '# load balancer shop-web: each HTTPS or TLS listener serving the old certificate, as its default or an additional (SNI) one',
      `for listener in $(aws elbv2 describe-listeners --region us-east-1 --load-balancer-arn ${LB} --query "Listeners[?Protocol=='HTTPS' || Protocol=='TLS'].ListenerArn" --output text); do`,
      `  usage=$(aws elbv2 describe-listener-certificates --region us-east-1 --listener-arn "$listener" --query 'Certificates[?CertificateArn==\`"${oldArn}"\`].IsDefault' --output text)`,
      '  case "$usage" in *True*) aws elbv2 modify-listener --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=NEW ;; esac',
      `  case "$usage" in *False*) aws elbv2 add-listener-certificates --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=NEW && aws elbv2 remove-listener-certificates --region us-east-1 --listener-arn "$listener" --certificates CertificateArn=${oldArn} ;; esac`,
      'done'
    ])
    expect(text).not.toContain('LISTENER_ARN')
  })

  it('writes commands a shell can run: every kind of resource together passes bash -n', () => {
    const text = replacementCommands(record({ id: 'old' }), [LB, CLASSIC, CF, APIGW, OTHER].map(describeResource), arnFor('new'))
    expect(() => execFileSync('bash', ['-n'], { input: text, stdio: ['pipe', 'pipe', 'pipe'] })).not.toThrow()
    expect(() => execFileSync('bash', ['-n'], { input: 'for x in; do', stdio: ['pipe', 'pipe', 'pipe'] })).toThrow()
  })
})
