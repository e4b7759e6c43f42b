// A child process for benches: the embedded S3 on its own event loop, as under `npm start` (where
// the browser is another machine). Prints {"endpoint": …} once listening; stops on SIGTERM.
import { startEmbeddedS3 } from '../scripts/lib/embedded-s3';

const [dir, port, bucket, accessKeyId, secretAccessKey] = process.argv.slice(2);
const s3 = await startEmbeddedS3({ dir, port: Number(port), bucket, accessKeyId, secretAccessKey, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ endpoint: s3.endpoint })}\n`);
process.on('SIGTERM', () => {
  void s3.stop().finally(() => process.exit(0));
});
