import { isEmulatorAsset, readEmulatorAsset } from '@/lib/server/try/emulator-assets';

/** GET /v86/{libv86.mjs, v86.wasm, bios.bin, vgabios.bin} — the emulator's static files, loaded only when a try starts. */
export async function GET(_request: Request, { params }: { params: Promise<{ asset: string }> }) {
  const { asset } = await params;
  if (!isEmulatorAsset(asset)) return new Response('Not found', { status: 404 });
  try {
    const { bytes, type } = await readEmulatorAsset(asset);
    return new Response(bytes as BodyInit, {
      headers: { 'content-type': type, 'content-length': String(bytes.byteLength), 'cache-control': 'public, max-age=86400' },
    });
  } catch (e) {
    console.error(`[v86] ${asset} is missing:`, e);
    return new Response('The emulator file is missing on the server (see vendor/seabios/README.md).', { status: 503 });
  }
}
