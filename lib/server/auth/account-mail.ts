import 'server-only';
import type { MailMessage } from '@/lib/server/mail/send-mail';

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

// Changing the address: the link goes to the new address (only its owner can finish the change),
// and the current address is told, so a change nobody asked for does not go unnoticed.

export function confirmNewEmailMail(to: string, name: string, url: string): MailMessage {
  return {
    to,
    subject: 'Confirm your new e-mail address for Appliance Exchange',
    text: [
      `Hello ${name},`,
      '',
      'Open this link to make this the e-mail address of your Appliance Exchange account:',
      url,
      '',
      'The link works for 24 hours. Until you open it, your account keeps its current address. If you did not ask for this, ignore this message.',
    ].join('\n'),
  };
}

export function emailChangeRequestedMail(to: string, newEmail: string, accountUrl: string): MailMessage {
  return {
    to,
    subject: 'Your Appliance Exchange e-mail address is about to change',
    text: [
      `Someone signed in to your Appliance Exchange account asked to change its e-mail address to ${newEmail}.`,
      'The change happens only when the link sent to that address is opened.',
      '',
      'If this was not you, change your password and sign out of your other sessions:',
      accountUrl,
    ].join('\n'),
  };
}

export function accountDeletedMail(to: string, listings: number): MailMessage {
  return {
    to,
    subject: 'Your Appliance Exchange account was deleted',
    text: [
      'Your Appliance Exchange account and everything it held were deleted, as you asked.',
      listings > 0 ? `That includes ${listings === 1 ? 'your listing' : `your ${listings} listings`} with every version and file: nobody can download them from the site any more.` : '',
      'This cannot be undone. You are welcome to create a new account at any time.',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
