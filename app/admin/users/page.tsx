import type { Metadata } from 'next';
import { PageHeader } from '@/components/ui/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { RoleToggle } from '@/components/admin/role-toggle';
import { pageActorWithRole } from '@/lib/server/auth/guards';
import { listUsers } from '@/lib/server/users/grant-role';
import { formatDate } from '@/lib/core/format';

export const metadata: Metadata = { title: 'Users and roles' };

const tone = { USER: 'slate', DEVELOPER: 'brand', JUDGE: 'violet', ADMIN: 'red' } as const;

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await pageActorWithRole('ADMIN');
  const { q } = await searchParams;
  const users = await listUsers(actor, { q: typeof q === 'string' ? q : undefined });
  return (
    <div>
      <PageHeader title="Users and roles" description="Developers get their role by creating a publisher profile. Judges and admins are granted here." />
      <form className="mb-4 flex max-w-md gap-2" role="search" aria-label="Users">
        <label htmlFor="user-q" className="sr-only">Find a user</label>
        <input id="user-q" name="q" defaultValue={q} placeholder="Find by name or e-mail" className="h-9 flex-1 rounded-lg border border-slate-300 px-3 text-sm" />
        <button className="h-9 rounded-lg bg-slate-900 px-3 text-sm text-white">Find</button>
      </form>
      <Card className="relative overflow-x-auto">
        <table className="table-stack w-full text-left text-sm">
          <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">User</th>
              <th scope="col" className="px-4 py-3 font-medium">Roles</th>
              <th scope="col" className="px-4 py-3 font-medium">Joined</th>
              <th scope="col" className="px-4 py-3 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} className="border-b border-slate-100 last:border-0" data-testid={`user-row-${u.email}`}>
                <td className="px-4 py-3">
                  <p className="font-medium">{u.name}</p>
                  <p className="text-slate-500">{u.email}</p>
                </td>
                <td className="px-4 py-3" data-label="Roles">
                  <div className="flex flex-wrap gap-1">
                    {u.roles.map((r) => (
                      <Badge key={r} tone={tone[r]}>{r.toLowerCase()}</Badge>
                    ))}
                  </div>
                </td>
                <td className="px-4 py-3 text-slate-500" data-label="Joined">{formatDate(u.createdAt)}</td>
                <td className="px-4 py-3 whitespace-nowrap max-sm:pt-2">
                  <div className="flex flex-wrap gap-2">
                  <RoleToggle userId={u.id} role="JUDGE" has={u.roles.includes('JUDGE')} email={u.email} />
                  <RoleToggle userId={u.id} role="ADMIN" has={u.roles.includes('ADMIN')} email={u.email} />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
