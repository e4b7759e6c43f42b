import { Badge } from '@/components/ui/badge';
import type { FileSignature } from '@/lib/core/files/file-signature';

const TRUST_LABEL: Record<FileSignature['trust'], { label: string; tone: 'green' | 'amber' }> = {
  'public-ca': { label: 'signed', tone: 'green' },
  'unknown-ca': { label: 'signed · private CA', tone: 'amber' },
  'self-signed': { label: 'self-signed', tone: 'amber' },
};

/** The signer of a signed OVA/OVF under the file's name: who, issued by whom, until when, and what that is worth. */
export function FileSignatureNote({ id, signature }: { id: string; signature: FileSignature | null }) {
  if (!signature) return null;
  const trust = TRUST_LABEL[signature.trust];
  return (
    <div className="mt-1 max-w-md text-xs text-slate-600" data-testid={`signature-${id}`} data-trust={signature.trust}>
      <Badge tone={trust.tone} title={`${signature.algorithm} signature of ${signature.manifest}, certificate ${signature.fingerprint256}`}>
        <span aria-hidden>✍</span> {trust.label}
      </Badge>{' '}
      <span className="break-words">{signature.text}</span>
    </div>
  );
}
