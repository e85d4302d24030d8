/**
 * An access token handed to the app in its link, for servers that run with `auth: token`:
 * `https://parley.example.com/r/standup#token=<jwt>`. Your application's backend mints the token
 * and builds the link. It travels in the fragment, which browsers never send to a server or put
 * in a Referer header, and it is taken out of the address bar at once, so a copied link or a
 * screenshot does not carry it.
 */
export function takeAccessToken(): string | undefined {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (!token) return undefined;
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  return token;
}
