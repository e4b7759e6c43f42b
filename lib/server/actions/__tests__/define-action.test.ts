// defineAction: the caller is checked on every call and before anything else, forged arguments
// and hidden fields are refused, typed input is answered field by field, and errors are mapped the
// one way every form expects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { redirect } from 'next/navigation';
import { AppError, invalid } from '@/lib/core/errors';
import type { RoleName } from '@/lib/core/auth/roles';
import { defineAction } from '@/lib/server/actions/define-action';
import { initialActionState } from '@/lib/core/actions/action-state';

const session = vi.hoisted(() => ({ user: null as null | { id: string; name: string; email: string; roles: string[] } }));

vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('@/lib/server/auth/auth', () => ({
  getAuth: () => ({ api: { getSession: async () => (session.user ? { user: session.user } : null) } }),
}));

function signIn(roles: RoleName[] = ['USER']) {
  session.user = { id: 'u1', name: 'Ada', email: 'ada@example.test', roles };
}

function form(entries: Record<string, string | string[]>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) f.append(k, one);
  return f;
}

const SIGN_IN_FIRST = { ok: false, message: 'Please sign in first.' };
const NOT_UNDERSTOOD = { ok: false, message: 'That request was not understood.' };

beforeEach(() => {
  session.user = null;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('access', () => {
  const run = vi.fn(async () => ({ ok: true, message: 'done' }));
  beforeEach(() => run.mockClear());

  it('refuses a signed-out caller without running', async () => {
    const action = defineAction({ name: 't', access: 'signed-in', run });
    expect(await action(initialActionState, form({}))).toMatchObject(SIGN_IN_FIRST);
    expect(run).not.toHaveBeenCalled();
  });

  it('checks the caller again on every call', async () => {
    const action = defineAction({ name: 't', access: 'signed-in', run });
    signIn();
    expect(await action(initialActionState, form({}))).toEqual({ ok: true, message: 'done' });
    session.user = null;
    expect(await action(initialActionState, form({}))).toMatchObject(SIGN_IN_FIRST);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses a caller without the declared role', async () => {
    const action = defineAction({ name: 't', access: { role: 'ADMIN' }, run });
    signIn(['USER', 'JUDGE']);
    expect(await action(initialActionState, form({}))).toMatchObject({ ok: false, message: 'This needs the admin role.' });
    signIn(['USER', 'ADMIN']);
    expect(await action(initialActionState, form({}))).toEqual({ ok: true, message: 'done' });
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('refuses a caller the check turns down, in the declared words', async () => {
    const action = defineAction({ name: 't', access: { check: (actor) => actor.email.endsWith('@staff.test'), refusal: 'Staff only.' }, run });
    signIn();
    expect(await action(initialActionState, form({}))).toMatchObject({ ok: false, message: 'Staff only.' });
    expect(run).not.toHaveBeenCalled();
  });

  it('runs a public action without a session, with no actor', async () => {
    const seen: unknown[] = [];
    const action = defineAction({
      name: 't',
      access: 'public',
      async run({ actor }) {
        seen.push(actor);
      },
    });
    expect(await action(initialActionState, form({}))).toEqual({ ok: true });
    expect(seen).toEqual([null]);
  });

  it('checks the caller before the input, so a signed-out caller learns nothing about the form', async () => {
    const action = defineAction({ name: 't', access: 'signed-in', input: z.object({ title: z.string().min(3, 'Too short.') }), run });
    expect(await action(initialActionState, form({ title: 'x' }))).toEqual({ ...SIGN_IN_FIRST, fields: undefined });
  });
});

describe('validation', () => {
  beforeEach(() => signIn());

  it('hands the run typed bound arguments, hidden fields and input', async () => {
    const seen: unknown[] = [];
    const action = defineAction({
      name: 't',
      access: 'signed-in',
      args: [z.string(), z.union([z.literal(-1), z.literal(1)])],
      request: z.object({ slug: z.string() }),
      input: z.object({ count: z.coerce.number().int() }),
      async run({ actor, args: [id, delta], request, input }) {
        seen.push(actor.id, id, delta, request.slug, input.count);
        return { ok: true, message: `${id.toUpperCase()} ${delta + input.count}` };
      },
    });
    expect(await action('abc', 1, initialActionState, form({ slug: 's', count: '2' }))).toEqual({ ok: true, message: 'ABC 3' });
    expect(seen).toEqual(['u1', 'abc', 1, 's', 2]);
  });

  it('refuses forged bound arguments and hidden fields without running', async () => {
    const run = vi.fn(async () => undefined);
    const action = defineAction({ name: 't', access: 'signed-in', args: [z.string().max(5)], request: z.object({ slug: z.string().min(1) }), run });
    expect(await action('far-too-long', initialActionState, form({ slug: 's' }))).toMatchObject(NOT_UNDERSTOOD);
    expect(await action('ok', initialActionState, form({}))).toMatchObject(NOT_UNDERSTOOD);
    expect(await action('ok', initialActionState, 'not a form' as unknown as FormData)).toMatchObject(NOT_UNDERSTOOD);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers invalid input with the declared message, a message per field and what was typed', async () => {
    const run = vi.fn(async () => undefined);
    const action = defineAction({
      name: 't',
      access: 'signed-in',
      values: ['title', 'summary'],
      input: z.object({ title: z.string().min(3, 'At least 3 characters.'), summary: z.string().max(4, 'At most 4.') }),
      invalid: 'Please fix it.',
      run,
    });
    expect(await action(initialActionState, form({ title: 'x', summary: 'too long', password: 'secret' }))).toEqual({
      ok: false,
      message: 'Please fix it.',
      fields: { title: 'At least 3 characters.', summary: 'At most 4.' },
      values: { title: 'x', summary: 'too long' },
    });
    expect(run).not.toHaveBeenCalled();
  });

  it('answers with the default message and the declared field mapping', async () => {
    const action = defineAction({
      name: 't',
      access: 'signed-in',
      input: z.object({ n: z.number() }),
      read: (f) => ({ n: Number(f.get('n')) }),
      invalidFields: () => ({ nGiB: 'Enter a size.' }),
      async run() {},
    });
    expect(await action(initialActionState, form({ n: 'x' }))).toEqual({ ok: false, message: 'Please check the form.', fields: { nGiB: 'Enter a size.' } });
  });

  it('sends the values back with every answer, or only with invalid input when so declared', async () => {
    const always = defineAction({ name: 't', access: 'signed-in', values: ['name'], async run() {} });
    expect(await always(initialActionState, form({ name: 'Ada' }))).toEqual({ ok: true, values: { name: 'Ada' } });
    session.user = null;
    expect(await always(initialActionState, form({ name: 'Ada' }))).toMatchObject({ ...SIGN_IN_FIRST, values: { name: 'Ada' } });

    signIn();
    const onInvalid = defineAction({ name: 't', access: 'signed-in', values: { keys: ['name'], when: 'invalid' }, input: z.object({ name: z.string().min(2, 'Longer.') }), async run() {} });
    expect(await onInvalid(initialActionState, form({ name: 'Ada' }))).toEqual({ ok: true });
    expect(await onInvalid(initialActionState, form({ name: 'A' }))).toEqual({ ok: false, message: 'Please check the form.', fields: { name: 'Longer.' }, values: { name: 'A' } });
  });
});

describe('errors', () => {
  beforeEach(() => signIn());

  it('turns an AppError into the message and its field errors', async () => {
    const action = defineAction({
      name: 't',
      access: 'signed-in',
      async run() {
        throw invalid('Choose an image.', { image: 'Choose a PNG.' });
      },
    });
    expect(await action(initialActionState, form({}))).toEqual({ ok: false, message: 'Choose an image.', fields: { image: 'Choose a PNG.' } });
  });

  it('answers an unexpected error generically and logs it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const action = defineAction({
      name: 'secret.thing',
      access: 'signed-in',
      async run() {
        throw new Error('password=hunter2 in the stack');
      },
    });
    const answer = await action(initialActionState, form({}));
    expect(answer).toEqual({ ok: false, message: 'Something went wrong on our side. Please try again.' });
    expect(JSON.stringify(answer)).not.toContain('hunter2');
    expect(log).toHaveBeenCalledWith('Unexpected error during secret.thing:', expect.any(Error));
  });

  it("lets Next's redirect through", async () => {
    const action = defineAction({
      name: 't',
      access: 'signed-in',
      async run() {
        redirect('/somewhere');
      },
    });
    await expect(action(initialActionState, form({}))).rejects.toMatchObject({ digest: expect.stringContaining('NEXT_REDIRECT') });
  });

  it('makes a plain form action throw every failure, as a page error', async () => {
    const seen: unknown[] = [];
    const action = defineAction({
      name: 't',
      kind: 'plain',
      access: 'signed-in',
      args: [z.string()],
      async run({ args: [id], form: f }) {
        seen.push(id, f.get('caption'));
      },
    });
    await action('s1', form({ caption: 'Hello' }));
    expect(seen).toEqual(['s1', 'Hello']);
    await expect(action(42 as unknown as string, form({}))).rejects.toMatchObject({ code: 'INVALID', message: 'That request was not understood.' });
    session.user = null;
    await expect(action('s1', form({}))).rejects.toBeInstanceOf(AppError);
    expect(seen).toHaveLength(2);
  });
});
