// What the sign-up form tells a person about passwords, without zod (the form runs in the
// browser; password-policy.ts enforces the full rule on the server).
export const MIN_PASSWORD_LENGTH = 10;
