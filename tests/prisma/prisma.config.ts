import { defineConfig } from "prisma/config";

// `prisma generate` reads only the schema; the URL is the test's, given at run time.
export default defineConfig({ schema: "schema.prisma" });
