import { UI } from '../labels';

export function Loading() {
  return (
    <p className="muted" aria-busy="true">
      {UI.loading}
    </p>
  );
}

export function Failed({ error }: { readonly error: Error }) {
  return (
    <p className="error" role="alert">
      {UI.failed}
      {error.message}
    </p>
  );
}
