import { env } from '@/lib/config/env';

/** Where the bytes are, from the environment: for the app's S3 client and the download edge's signer. */
export function objectStoreSettings() {
  const e = env();
  return { endpoint: e.S3_ENDPOINT, publicEndpoint: e.S3_PUBLIC_ENDPOINT, bucket: e.S3_BUCKET };
}

/** How every S3 client of ours talks to `endpoint` (the options of `new S3Client`). */
export function s3ClientConfig(endpoint: string | undefined) {
  const e = env();
  return {
    // A store that is down or hung costs a request seconds, not minutes: connecting, waiting for an
    // answer, and a body that stops flowing (a stalled download) are each bounded; one retry.
    requestHandler: {
      connectionTimeout: e.S3_CONNECT_TIMEOUT_MS,
      requestTimeout: e.S3_REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
      socketTimeout: e.S3_REQUEST_TIMEOUT_MS,
    },
    maxAttempts: 2,
    endpoint,
    region: e.S3_REGION,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? true,
    credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
    // Presigned URLs must not carry checksums the browser or curl cannot know in advance.
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
}
