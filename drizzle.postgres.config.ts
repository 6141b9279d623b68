import { defineConfig } from 'drizzle-kit';

/** The PostgreSQL migrations: `npm run db:generate` runs drizzle-kit with this config too. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/postgres/tables.ts',
  out: './src/db/postgres/migrations',
});
