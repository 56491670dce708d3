/** @mujun/store/postgres — the node-postgres driver alone (no PGlite). */
export { openPostgres } from './drivers/postgres';
