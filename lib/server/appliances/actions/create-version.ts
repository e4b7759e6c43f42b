'use server';

import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/server/actions/define-action';
import { recordId } from '@/lib/core/actions/form-fields';
import { createVersionRequestSchema } from '@/lib/core/publishing/api-schemas';
import { versionEditorPath } from '@/lib/core/publishing/page-paths';
import { createVersion } from '@/lib/server/appliances/create-version';

export const createVersionAction = defineAction({
  name: 'version.create',
  access: 'signed-in',
  args: [recordId],
  values: ['version', 'changelog'],
  input: createVersionRequestSchema,
  async run({ actor, args: [applianceId], input }) {
    const { id } = await createVersion(actor, applianceId, input);
    redirect(versionEditorPath(applianceId, id));
  },
});
