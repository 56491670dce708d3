import { useState } from 'react';
import { UI } from './labels';
import { useSession } from './session';

/**
 * 身份: sign in with the city's identity provider (when the gateway configures
 * one), or — in development only — paste a development token (minted by the
 * gateway bin) to act as a town operator or city admin.
 */
export function RoleSwitch() {
  const { me, token, tokenError, setToken, config, signIn, signOut, signInError } = useSession();
  const [draft, setDraft] = useState('');
  const role = me ? UI.roles[me.role] : '…';
  return (
    <form
      className="role"
      onSubmit={(e) => {
        e.preventDefault();
        setToken(draft);
        setDraft('');
      }}
    >
      <span data-testid="role">
        {UI.role}：{role}
        {me?.town ? ` · ${me.town.name}` : ''}
      </span>
      {config?.oidc && !token ? (
        <button type="button" onClick={signIn} data-testid="sign-in">
          {UI.signIn}
        </button>
      ) : null}
      {config?.devTokens ? (
        <>
          <input
            type="password"
            autoComplete="off"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder={UI.tokenPlaceholder}
            aria-label={UI.tokenPlaceholder}
            data-testid="token"
          />
          <button type="submit" disabled={!draft.trim()}>
            {UI.applyToken}
          </button>
        </>
      ) : null}
      {token ? (
        <button type="button" onClick={signOut} data-testid="sign-out">
          {UI.clearToken}
        </button>
      ) : null}
      {signInError ? (
        <span className="error" role="alert">
          {UI.signInFailed}
          {signInError}
        </span>
      ) : null}
      {tokenError ? (
        <span className="error" role="alert">
          {UI.tokenRejected}
          {tokenError}
        </span>
      ) : null}
    </form>
  );
}
