-- Sign-up now requires confirming the e-mail address before signing in. Accounts made before
-- that had no way to confirm: they keep working.
UPDATE "User" SET "emailVerified" = true WHERE "emailVerified" = false;
