import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/config/env';

/*
 * The files the in-browser emulator loads when a try starts: v86's JavaScript module and
 * WebAssembly (from the v86 npm package, never bundled into a page) and the two SeaBIOS images (vendor/seabios, or V86_BIOS_DIR). Served by
 * the app at /v86/<name>, so nothing needs copying at install or build time.
 */
const ASSETS = {
  'libv86.mjs': { from: 'v86', file: 'libv86.mjs', type: 'text/javascript; charset=utf-8' },
  'v86.wasm': { from: 'v86', file: 'v86.wasm', type: 'application/wasm' },
  'bios.bin': { from: 'bios', file: 'bios.bin', type: 'application/octet-stream' },
  'vgabios.bin': { from: 'bios', file: 'vgabios-stdvga.bin', type: 'application/octet-stream' },
} as const;

export type EmulatorAssetName = keyof typeof ASSETS;

export const isEmulatorAsset = (name: string): name is EmulatorAssetName => Object.hasOwn(ASSETS, name);

function pathOf(name: EmulatorAssetName): string {
  const asset = ASSETS[name];
  const dir =
    asset.from === 'v86'
      ? path.join(process.cwd(), 'node_modules', 'v86', 'build')
      : path.resolve(env().V86_BIOS_DIR || path.join(process.cwd(), 'vendor', 'seabios'));
  return path.join(dir, asset.file);
}

const globalForAssets = globalThis as unknown as { v86Assets?: Map<string, Uint8Array> };
const cached = (globalForAssets.v86Assets ??= new Map());

/** The bytes and content type of one asset (a few MB at most, read once per process). */
export async function readEmulatorAsset(name: EmulatorAssetName): Promise<{ bytes: Uint8Array; type: string }> {
  let bytes = cached.get(name);
  if (!bytes) {
    bytes = new Uint8Array(await readFile(pathOf(name)));
    cached.set(name, bytes);
  }
  return { bytes, type: ASSETS[name].type };
}
