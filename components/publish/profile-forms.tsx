'use client';

import { useActionState } from 'react';
import { updatePublisherAction } from '@/lib/server/publishers/actions/update-publisher';
import { uploadAvatarAction } from '@/lib/server/publishers/actions/upload-avatar';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input, Textarea } from '@/components/ui/field';
import { Button } from '@/components/ui/button';

export function PublisherProfileForm({ initial }: { initial: { displayName: string; url: string | null; bio: string } }) {
  const [state, action, pending] = useActionState(updatePublisherAction, initialActionState);
  const v = state.values ?? { displayName: initial.displayName, url: initial.url ?? '', bio: initial.bio };
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormMessage state={state} />
      <Field label="Display name" name="displayName" error={state.fields?.displayName}>
        {(p) => <Input {...p} name="displayName" required defaultValue={v.displayName} />}
      </Field>
      <Field label="Website" name="url" error={state.fields?.url}>
        {(p) => <Input {...p} name="url" type="url" defaultValue={v.url} placeholder="https://example.com" />}
      </Field>
      <Field label="About" name="bio" error={state.fields?.bio} hint="Markdown is fine. Shown on your appliances' pages.">
        {(p) => <Textarea {...p} name="bio" rows={5} defaultValue={v.bio} />}
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save profile'}
      </Button>
    </form>
  );
}

export function AvatarForm() {
  const [state, action, pending] = useActionState(uploadAvatarAction, initialActionState);
  return (
    <form action={action} className="space-y-3">
      <FormMessage state={state} />
      <Field label="New avatar" name="avatar" error={state.fields?.avatar} hint="PNG, JPEG or WebP, at most 2 MiB. Cropped to a square.">
        {(p) => (
          <input
            {...p}
            name="avatar"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            className="block w-full text-sm text-slate-600 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
          />
        )}
      </Field>
      <Button type="submit" variant="secondary" size="sm" disabled={pending}>
        {pending ? 'Uploading…' : 'Upload avatar'}
      </Button>
    </form>
  );
}
