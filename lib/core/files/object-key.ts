/** A file name safe as the last segment of an object key and in a Content-Disposition. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .normalize('NFKC')
    .replace(/[^\w.+-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 160);
  return cleaned || 'file';
}

/** Object keys are built by the server only, never taken from a client. */
export function fileObjectKey(parts: { applianceId: string; versionId: string; fileId: string; fileName: string }): string {
  return `appliances/${parts.applianceId}/${parts.versionId}/${parts.fileId}/${safeFileName(parts.fileName)}`;
}
