import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { prismaClient } from '@/lib/server/db';
import { env, publicUrl } from '@/lib/config/env';
import { MIN_PASSWORD_LENGTH } from '@/lib/core/auth/password-policy';
import { confirmNewEmailMail, confirmSignUpMail, emailChangeRequestedMail, existingAccountMail } from '@/lib/server/auth/account-mail';
import { sendMail } from '@/lib/server/mail/send-mail';

function createAuth() {
  const e = env();
  const base = publicUrl(e);
  if (!e.AUTH_SECRET) {
    throw new Error('AUTH_SECRET is not set (npm start generates one into DATA_DIR in development)');
  }
  const signInMax = e.AUTH_SIGNIN_MAX_PER_MINUTE;
  return betterAuth({
    appName: 'Appliance Exchange',
    baseURL: base,
    secret: e.AUTH_SECRET,
    trustedOrigins: [base, `http://localhost:${e.PORT}`, `http://127.0.0.1:${e.PORT}`],
    database: prismaAdapter(prismaClient(), { provider: 'postgresql' }),
    // Sign-up never tells whether an address has an account: a new one must be confirmed from
    // the e-mail it receives (better-auth then answers a taken address with the same synthetic
    // success), and the owner of a taken address is told by mail instead.
    emailAndPassword: {
      enabled: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 128,
      autoSignIn: false,
      requireEmailVerification: true,
      onExistingUserSignUp: async ({ user }) => {
        await sendMail(existingAccountMail(user.email, `${base}/sign-in`));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      // Signing in before confirming sends the link again.
      sendOnSignIn: true,
      autoSignInAfterVerification: true,
      expiresIn: 24 * 60 * 60,
      sendVerificationEmail: async ({ user, url }) => {
        // better-auth sends the same hook for a change of address (with `user.email` the new
        // one); the stored address tells the two apart.
        const stored = await prismaClient().user.findUnique({ where: { id: user.id }, select: { email: true } });
        if (stored && stored.email !== user.email.toLowerCase()) {
          await sendMail(confirmNewEmailMail(user.email, user.name, url));
          await sendMail(emailChangeRequestedMail(stored.email, user.email, `${base}/account`));
          return;
        }
        await sendMail(confirmSignUpMail(user.email, user.name, url));
      },
    },
    user: {
      // A confirmed account changes its address by a link mailed to the new one (lib/server/users/account-settings.ts);
      // deleting an account is ours (lib/server/users/delete-account.ts: it decides about listings), so better-auth's is off.
      changeEmail: { enabled: true },
      additionalFields: {
        // Granted by the product, never accepted from a sign-up form.
        roles: { type: 'string[]', required: false, input: false, defaultValue: ['USER'] },
      },
    },
    session: {
      expiresIn: 60 * 60 * 24 * 14,
      updateAge: 60 * 60 * 24,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 120,
      customRules: {
        '/sign-in/email': { window: 60, max: signInMax },
        '/sign-up/email': { window: 60, max: signInMax },
      },
    },
    advanced: {
      useSecureCookies: base.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    // Over HTTP, changing the address would skip the password check of lib/server/users/account-settings.ts:
    // the account page's server action is the only way in (auth.api calls are not routed through here).
    disabledPaths: ['/change-email'],
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const globalForAuth = globalThis as unknown as { auth?: Auth };

/** Created on first use: the secret and database are run-time settings, not build-time ones. */
export function getAuth(): Auth {
  globalForAuth.auth ??= createAuth();
  return globalForAuth.auth;
}
