/** @mujun/store/pglite — the embedded PGlite driver alone (no `pg`). */
export { openPglite } from './drivers/pglite';
