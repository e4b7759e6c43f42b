'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { getAuth } from '@/lib/server/auth/auth';

export const signOutAction = defineAction({
  name: 'sign-out',
  kind: 'plain',
  // Signing out needs no session: without one there is nothing to end.
  access: 'public',
  async run() {
    await getAuth().api.signOut({ headers: await headers() });
    redirect('/');
  },
});
