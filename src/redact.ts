/**
 * Secrets out of text that a client, a log or a page may see (api.md "Access control"): the password
 * of any URL (`postgres://user:PASSWORD@host/…`) and `password=` parameters (libpq reads both) become
 * `***`. Applied to messages, run parameters and errors before they are stored or printed.
 */

/** `scheme://user:` then the password up to the last `@` of the authority (an unencoded `@` in it included). */
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/?#@"]*:)[^\s/?#"]*@/gi;
const PASSWORD_PARAMETER = /([?&]password=)[^&#\s"]*/gi;

export function redactSecrets(text: string): string {
  return text.replace(URL_PASSWORD, '$1***@').replace(PASSWORD_PARAMETER, '$1***');
}
