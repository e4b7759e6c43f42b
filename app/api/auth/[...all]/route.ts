import { getAuth } from '@/lib/server/auth/auth';

// better-auth's HTTP endpoints (used by the CLI and API clients; the site's forms use server actions).
export async function GET(request: Request) {
  return getAuth().handler(request);
}

export async function POST(request: Request) {
  return getAuth().handler(request);
}
