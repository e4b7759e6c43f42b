import 'server-only';
import type { MailMessage } from '@/lib/mail/send-mail';

// The two messages a sign-up sends. The form answers the same whether or not the address already
// had an account; only the owner of the address learns which it was, from one of these.

export function confirmSignUpMail(to: string, name: string, url: string): MailMessage {
  return {
    to,
    subject: 'Confirm your Appliance Exchange account',
    text: [
      `Hello ${name},`,
      '',
      'Open this link to confirm your e-mail address and finish creating your account:',
      url,
      '',
      'The link works for 24 hours. If you did not sign up, ignore this message: no account is created without it.',
    ].join('\n'),
  };
}

export function existingAccountMail(to: string, signInUrl: string): MailMessage {
  return {
    to,
    subject: 'Someone tried to sign up with your e-mail address',
    text: [
      'Someone (perhaps you) tried to create an Appliance Exchange account with this e-mail address, which already has one.',
      'Nothing was changed. To use your account, sign in:',
      signInUrl,
      '',
      'If this was not you, you need not do anything.',
    ].join('\n'),
  };
}
