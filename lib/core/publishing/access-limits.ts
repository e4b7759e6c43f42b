// Limits of a listing's access details (default credentials, ports): pure, no zod, so the
// publisher's form can use them in the browser.
export const MAX_DEFAULT_CREDENTIALS = 5;
export const MAX_PORTS = 20;
export const PORT_PROTOCOLS = ['tcp', 'udp'] as const;
