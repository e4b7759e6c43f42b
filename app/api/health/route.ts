import { getHealth } from '@/lib/server/health';

export async function GET() {
  const health = await getHealth();
  return Response.json(
    { ...health, time: new Date().toISOString() },
    { status: health.status === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } },
  );
}
