import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendMail } from './send-mail';

describe('sendMail without SMTP_URL', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the message to the server log instead of sending it', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await expect(sendMail({ to: 'judge@example.com', subject: 'Results are out', text: 'The winners are announced.' })).resolves.toBe('logged');
    const line = log.mock.calls.map((c) => String(c[0])).join('\n');
    expect(line).toContain('to=judge@example.com');
    expect(line).toContain('"Results are out"');
    expect(line).toContain('The winners are announced.');
  });
});
