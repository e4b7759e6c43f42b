// Liveness for a load balancer or orchestrator: this process answers requests. It checks nothing
// else, so a database outage never gets healthy nodes restarted (readiness covers that).
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
