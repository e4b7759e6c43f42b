import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import type { z } from 'zod';
import { fieldErrors, type ActionState } from '@/lib/core/actions/action-state';
import type { Actor, RoleName } from '@/lib/core/auth/roles';
import { forbidden, invalid, isAppError, publicMessage } from '@/lib/core/errors';
import { requireActor, requireRole } from '@/lib/server/auth/session';

/**
 * Who may call an action. Checked on every call: a server action is reachable by a direct POST,
 * whatever the page around its form showed.
 * - `'public'`: anyone (no session is looked up; the run gets `actor: null`);
 * - `'signed-in'`: any signed-in user;
 * - `{ role }`: a signed-in user with that role;
 * - `{ check }`: a signed-in user the check accepts (`refusal` is the message otherwise).
 */
export type Access =
  | 'public'
  | 'signed-in'
  | { role: RoleName }
  | { check: (actor: Actor) => boolean | Promise<boolean>; refusal?: string };

type ActorFor<A extends Access> = A extends 'public' ? null : Actor;
type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
type ArgsOf<S extends readonly z.ZodType[]> = { -readonly [K in keyof S]: z.output<S[K]> };

/** What a run receives: the caller, then each declared part already validated. */
export interface ActionContext<A extends Access, Args extends unknown[], Request, Input> {
  actor: ActorFor<A>;
  /** The arguments bound on the page (`action.bind(null, id)`), in order. */
  args: Args;
  /** The form's hidden fields (`request`). */
  request: Request;
  /** The fields a user fills in (`input`). */
  input: Input;
  /** The echoed `values`, as strings. */
  values: Record<string, string>;
  form: FormData;
}

interface CommonSpec<A extends Access, S extends readonly z.ZodType[], R extends z.ZodType | undefined, I extends z.ZodType | undefined> {
  /** Names the action in logs, e.g. `listing.update`. */
  name: string;
  access: A;
  /** Schemas of the bound arguments, in order. Values a page binds can still be forged. */
  args?: S;
  /** Hidden fields, parsed from the form's entries; failing means the form was tampered with. */
  request?: R;
  /** Fields the user fills in; failing answers with the `invalid` message and a message per field. */
  input?: I;
  /** What `input` parses: by default the `values` when declared, else the form's entries. */
  read?: (form: FormData, values: Record<string, string>) => unknown;
}

interface StateSpec<A extends Access, S extends readonly z.ZodType[], R extends z.ZodType | undefined, I extends z.ZodType | undefined, State extends ActionState>
  extends CommonSpec<A, S, R, I> {
  kind?: 'state';
  /** The form message when `input` fails. */
  invalid?: string;
  /** Field errors of a failed `input`; by default the first message per top-level field. */
  invalidFields?: (error: z.ZodError) => Record<string, string>;
  /** Form fields sent back with every answer (or only when `input` fails), so the form keeps what was typed. */
  values?: readonly string[] | { keys: readonly string[]; when: 'invalid' };
  run(ctx: ActionContext<A, ArgsOf<S>, Parsed<R>, Parsed<I>>): Promise<State | void>;
}

interface PlainSpec<A extends Access, S extends readonly z.ZodType[], R extends z.ZodType | undefined, I extends z.ZodType | undefined> extends CommonSpec<A, S, R, I> {
  /** A bare `<form action>` with no state to answer in: every failure is thrown, as a page error. */
  kind: 'plain';
  run(ctx: ActionContext<A, ArgsOf<S>, Parsed<R>, Parsed<I>>): Promise<void>;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** The answer a form sees: ActionState plus any extra fields the run returns (e.g. a new token). */
export type AnswerOf<State extends ActionState> = ActionState & Partial<UnionToIntersection<State extends unknown ? Omit<State, keyof ActionState> : never>>;

/** An action for `useActionState`: the bound arguments, then (previous state, form data). */
export type StateAction<Args extends unknown[], Answer extends ActionState> = (...params: [...Args, Answer, FormData]) => Promise<Answer>;
/** An action for a bare `<form action>`: the bound arguments, then the form data. */
export type PlainAction<Args extends unknown[]> = (...params: [...Args, FormData]) => Promise<void>;

const NOT_UNDERSTOOD = 'That request was not understood.';

async function authorize(access: Access): Promise<Actor | null> {
  if (access === 'public') return null;
  if (access === 'signed-in') return requireActor();
  if ('role' in access) return requireRole(access.role);
  const actor = await requireActor();
  if (!(await access.check(actor))) throw forbidden(access.refusal);
  return actor;
}

function isKeyList(echo: readonly string[] | { keys: readonly string[] }): echo is readonly string[] {
  return Array.isArray(echo);
}

function valuesOf(form: FormData, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, String(form.get(k) ?? '')]));
}

/**
 * Builds a server action from a declaration, in one order for all: check the caller (`access`),
 * validate the bound arguments and hidden fields (`args`, `request`), validate what the user typed
 * (`input`), then `run` with everything typed. Expected errors (AppError) become the form's message
 * and field errors; Next's redirect/notFound pass through; anything else is logged and answered
 * with a generic message. `kind: 'plain'` builds a bare form action, which throws instead.
 *
 * The caller is checked before the input, so a signed-out or unprivileged caller learns nothing
 * about what the form would have accepted.
 */
export function defineAction<
  const A extends Access,
  const S extends readonly z.ZodType[] = [],
  R extends z.ZodType | undefined = undefined,
  I extends z.ZodType | undefined = undefined,
>(spec: PlainSpec<A, S, R, I>): PlainAction<ArgsOf<S>>;
export function defineAction<
  const A extends Access,
  const S extends readonly z.ZodType[] = [],
  R extends z.ZodType | undefined = undefined,
  I extends z.ZodType | undefined = undefined,
  State extends ActionState = ActionState,
>(spec: StateSpec<A, S, R, I, State>): StateAction<ArgsOf<S>, AnswerOf<State>>;
export function defineAction(
  spec: StateSpec<Access, readonly z.ZodType[], z.ZodType | undefined, z.ZodType | undefined, ActionState> | PlainSpec<Access, readonly z.ZodType[], z.ZodType | undefined, z.ZodType | undefined>,
): (...params: never) => Promise<ActionState | void> {
  const argSchemas = spec.args ?? [];
  const plain = spec.kind === 'plain';
  const echo = plain ? undefined : spec.values;
  const echoKeys = echo === undefined ? [] : isKeyList(echo) ? echo : echo.keys;
  const echoAlways = echo !== undefined && isKeyList(echo);

  /** Everything but the run's own errors: an answer to give instead of running, or the context. */
  async function prepare(params: unknown[]): Promise<{ answer: ActionState } | { ctx: ActionContext<Access, unknown[], unknown, unknown> }> {
    const actor = await authorize(spec.access);
    const form = params[argSchemas.length + (plain ? 0 : 1)];
    if (!(form instanceof FormData)) throw invalid(NOT_UNDERSTOOD);
    const args: unknown[] = [];
    for (const [i, schema] of argSchemas.entries()) {
      const arg = schema.safeParse(params[i]);
      if (!arg.success) throw invalid(NOT_UNDERSTOOD);
      args.push(arg.data);
    }
    let request: unknown;
    if (spec.request) {
      const parsed = spec.request.safeParse(Object.fromEntries(form));
      if (!parsed.success) throw invalid(NOT_UNDERSTOOD);
      request = parsed.data;
    }
    const values = valuesOf(form, echoKeys);
    let input: unknown;
    if (spec.input) {
      const raw = spec.read ? spec.read(form, values) : echoKeys.length ? values : Object.fromEntries(form);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) {
        if (plain) throw invalid(NOT_UNDERSTOOD);
        const fields = (spec.invalidFields ?? fieldErrors)(parsed.error);
        return { answer: { ok: false, message: spec.invalid ?? 'Please check the form.', fields, ...(echoKeys.length ? { values } : {}) } };
      }
      input = parsed.data;
    }
    return { ctx: { actor, args, request, input, values, form } };
  }

  if (spec.kind === 'plain') {
    const run = spec.run;
    return async (...params: unknown[]) => {
      const prepared = await prepare(params);
      if ('ctx' in prepared) await run(prepared.ctx);
    };
  }

  const run = spec.run;
  return async (...params: unknown[]) => {
    let answer: ActionState;
    try {
      const prepared = await prepare(params);
      answer = 'answer' in prepared ? prepared.answer : ((await run(prepared.ctx)) ?? { ok: true });
    } catch (e) {
      unstable_rethrow(e);
      answer = isAppError(e) ? { ok: false, message: e.message, fields: e.fields } : { ok: false, message: publicMessage(e, spec.name) };
    }
    if (!echoAlways) return answer;
    // The form's values are read again here: a failure before `prepare` finished still keeps them.
    const form = params[argSchemas.length + 1];
    return form instanceof FormData ? { ...answer, values: valuesOf(form, echoKeys) } : answer;
  };
}
