// Which controls the page offers: the roles the token claims (its payload, read without verifying it). Only a hint
// for the page: the command service verifies the token and refuses a command without leads.write anyway.
import { currentToken } from './token.js';

/** The token's roles (claims "role" and "roles", a string or a list); none without a readable token. */
export function tokenRoles() {
  const token = currentToken();
  const payload = token ? token.split('.')[1] : '';
  if (!payload) {
    return [];
  }
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '=');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return [claims.role, claims.roles].flat().filter((role) => typeof role === 'string');
  } catch {
    return [];
  }
}

/** True when the token claims leads.write: the page then shows its edit controls. */
export const canWrite = () => tokenRoles().includes('leads.write');
