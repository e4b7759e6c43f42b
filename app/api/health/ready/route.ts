// Readiness for a load balancer: 200 while this node should get traffic, 503 while it drains
// (SIGTERM received) or cannot reach PostgreSQL or S3.
import { getHealth } from '@/lib/server/health';
import { isDraining } from '@/lib/server/observability/lifecycle';

export const dynamic = 'force-dynamic';

export async function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  if (isDraining()) return Response.json({ status: 'draining' }, { status: 503, headers });
  const health = await getHealth();
  return Response.json({ status: health.status === 'ok' ? 'ready' : 'degraded', database: health.database.ok, objectStore: health.objectStore.ok }, { status: health.status === 'ok' ? 200 : 503, headers });
}
