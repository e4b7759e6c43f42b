import { AdminNav } from '@/components/admin/admin-nav';
import { pageActorWithRole } from '@/lib/server/auth/guards';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await pageActorWithRole('ADMIN');
  return (
    <div className="grid gap-8 lg:grid-cols-[12rem_1fr]">
      <AdminNav />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
