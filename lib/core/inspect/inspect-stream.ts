import { ArchiveWalker, mismatch } from './archive-walker';
import { ByteReader } from './byte-reader';
import { sniff, type ContainerKind } from './detect-format';
import { InspectError, SourceError } from './errors';
import { gunzip } from './gunzip';
import { parseIso } from './iso';
import { resolveLimits } from './limits';
import { parseQcow2Header } from './qcow2';
import { parseRawDisk } from './raw-disk';
import { readTarEntries } from './tar-entries';
import type { ApplianceMetadata, FileFormat, InspectionReport, InspectLimits, InspectOptions, OvfFileReference, UnreadableValue } from './types';
import { validateReport } from './validate-report';
import { InlineHasher, WorkerHasher } from './stream-hasher';
import { parseVmdkHeader } from './vmdk';
import { readZipEntries } from './zip-entries';

const HEAD_BYTES = 64 * 1024;

/** Which formats each container can turn out to be, to refuse an impossible slot before walking. */
const CONTAINER_FORMATS: Record<ContainerKind, FileFormat[]> = {
  tar: ['OVA', 'VAGRANT_BOX'],
  zip: ['OVF', 'VAGRANT_BOX'],
  gzip: ['VAGRANT_BOX'],
};

interface ContentResult {
  format?: FileFormat;
  metadata: ApplianceMetadata;
  error?: InspectError;
  references?: OvfFileReference[];
  descriptorMember?: string;
  unreadable: UnreadableValue[];
}

async function inspectArchive(
  reader: ByteReader,
  container: ContainerKind,
  options: InspectOptions,
  limits: InspectLimits,
  result: ContentResult,
): Promise<void> {
  const walker = new ArchiveWalker(container, limits, options.fileName);
  try {
    const entries =
      container === 'zip'
        ? readZipEntries(reader, limits, options.fileName)
        : readTarEntries(container === 'gzip' ? gunzip(reader.chunks(), limits, options.fileName) : reader.chunks(), options.fileName);
    await walker.walk(entries);
    const walked = walker.finish(options.expectedFormat);
    result.format = walked.format;
    result.metadata = walked.metadata;
    result.references = walked.references;
    result.descriptorMember = walked.descriptorMember;
    result.unreadable.push(...walked.unreadable);
  } catch (err) {
    result.metadata = walker.partial();
    throw err;
  }
}

async function inspectContent(reader: ByteReader, options: InspectOptions, limits: InspectLimits, result: ContentResult): Promise<void> {
  const head = await reader.peek(HEAD_BYTES);
  if (!head.byteLength) return;
  const sniffed = sniff(head);
  const expected = options.expectedFormat;
  if (!sniffed.format) {
    if (/^\s*<(\?xml|[A-Za-z_:][\w.:-]*Envelope)/.test(new TextDecoder().decode(head.subarray(0, 512)))) {
      throw new InspectError(
        'UNKNOWN_FORMAT',
        `${options.fileName} is a bare XML descriptor; upload the whole package as an OVA (or a zip of the .ovf with its disks).`,
      );
    }
    throw new InspectError(
      'UNKNOWN_FORMAT',
      `${options.fileName} is none of the accepted formats (OVA, OVF zip, VMDK, qcow2, raw disk, ISO, Vagrant box): its first bytes match none of them.`,
    );
  }
  if (sniffed.container) {
    if (expected && !CONTAINER_FORMATS[sniffed.container].includes(expected)) throw mismatch(expected, sniffed.format, options.fileName);
    await inspectArchive(reader, sniffed.container, options, limits, result);
    return;
  }
  result.format = sniffed.format;
  if (expected && expected !== sniffed.format) throw mismatch(expected, sniffed.format, options.fileName);
  switch (sniffed.format) {
    case 'QCOW2':
      result.metadata.qcow2 = parseQcow2Header(head, options.fileName);
      break;
    case 'VMDK':
      result.metadata.vmdk = parseVmdkHeader(head, options.fileName, result.unreadable);
      break;
    case 'ISO':
      result.metadata.iso = parseIso(head);
      break;
    case 'RAW':
      // The size is the whole stream's; it is filled in once the stream has been read.
      result.metadata.raw = parseRawDisk(head, 0);
      break;
    default:
      break;
  }
}

function normaliseHex(hex: string): string {
  return hex.trim().toLowerCase();
}

/**
 * Reads an uploaded appliance file once: SHA-256 and size of the whole stream, format by content,
 * and the format's own checks and metadata. Never throws for bad input: the verdict says it.
 * After a refusal the rest of the stream is still read (hashed only), so the report always carries the
 * real SHA-256 and size; only a failing source ends the read early (sha256 is then null).
 */
export async function inspectStream(source: AsyncIterable<Uint8Array>, options: InspectOptions): Promise<InspectionReport> {
  const limits = resolveLimits(options.limits);
  const parallel = (options.declaredSize ?? 0) >= limits.parallelHashMinBytes;
  const reader = new ByteReader(source, parallel ? new WorkerHasher() : new InlineHasher());
  const result: ContentResult = { metadata: { disks: [], networks: [] }, unreadable: [] };

  try {
    try {
      await inspectContent(reader, options, limits, result);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      if (err instanceof InspectError) {
        result.error = err;
      } else {
        // A bug of ours, not the upload's fault: logged for us, a generic sentence for the developer.
        console.error('inspectStream: unexpected error', err);
        result.error = new InspectError(
          'INTERNAL_ERROR',
          `the inspector failed on ${options.fileName} for a reason of its own; the file may be fine, please retry or report it.`,
        );
      }
    }
    await reader.drain();
  } catch (err) {
    await reader.abandon();
    const reason = err instanceof SourceError ? err.message : 'the upload could not be read to the end.';
    return { verdict: 'REJECTED', code: 'STREAM_ERROR', reason, format: result.format, sha256: null, size: reader.total, metadata: result.metadata };
  }

  let sha256: string;
  try {
    sha256 = await reader.sha256();
  } catch {
    await reader.abandon();
    return { verdict: 'REJECTED', code: 'INTERNAL_ERROR', reason: 'the SHA-256 of the upload could not be computed; please retry.', format: result.format, sha256: null, size: reader.total, metadata: result.metadata };
  }
  const size = reader.total;
  if (result.metadata.raw) result.metadata.raw.sizeBytes = size;
  const base = { format: result.format, sha256, size, metadata: result.metadata };
  const reject = (code: InspectError['code'], reason: string): InspectionReport => ({ verdict: 'REJECTED', code, reason, ...base });

  // Integrity of the transfer first: if these fail, whatever the content says is about other bytes.
  if (size === 0) return reject('EMPTY', `${options.fileName} is empty (0 bytes).`);
  if (options.expectedSha256 !== undefined && normaliseHex(options.expectedSha256) !== sha256) {
    return reject(
      'SHA256_MISMATCH',
      `the SHA-256 computed by your browser (${normaliseHex(options.expectedSha256)}) does not match the uploaded bytes (${sha256}); the upload was damaged or is not the file you chose.`,
    );
  }
  if (options.declaredSize !== undefined && options.declaredSize !== size) {
    return reject('SIZE_MISMATCH', `${options.fileName} was announced as ${options.declaredSize} bytes but ${size} bytes arrived.`);
  }
  if (result.error) return reject(result.error.code, result.error.reason);
  // One rule for every value read from inside the file, whatever parser read it.
  if (result.format) {
    try {
      validateReport({
        fileName: options.fileName,
        format: result.format,
        size,
        metadata: result.metadata,
        references: result.references,
        descriptorMember: result.descriptorMember,
        unreadable: result.unreadable,
      });
    } catch (err) {
      if (err instanceof InspectError) return reject(err.code, err.reason);
      console.error('inspectStream: unexpected error while validating', err);
      return reject('INTERNAL_ERROR', `the inspector failed on ${options.fileName} for a reason of its own; the file may be fine, please retry or report it.`);
    }
  }
  return { verdict: 'VERIFIED', ...base };
}
