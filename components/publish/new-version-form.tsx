'use client';

import { useActionState } from 'react';
import { createVersionAction } from '@/lib/server/appliances/actions/create-version';
import { initialActionState } from '@/lib/core/actions/action-state';
import { Field, FormMessage, Input } from '@/components/ui/field';
import { Button } from '@/components/ui/button';
import { MarkdownEditor } from '@/components/publish/markdown-editor';

export function NewVersionForm({ applianceId, suggestion }: { applianceId: string; suggestion: string }) {
  const [state, action, pending] = useActionState(createVersionAction.bind(null, applianceId), initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <div className="max-w-xs">
        <Field label="Version" name="version" error={state.fields?.version} hint="e.g. 1.0.0, 2.1, 2024.06, 3.0-rc.1">
          {(p) => <Input {...p} name="version" required defaultValue={state.values?.version ?? suggestion} className="font-mono" />}
        </Field>
      </div>
      <MarkdownEditor name="changelog" label="Changelog" defaultValue={state.values?.changelog ?? ''} rows={5} error={state.fields?.changelog} placeholder="- First release" />
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create version'}
      </Button>
    </form>
  );
}
