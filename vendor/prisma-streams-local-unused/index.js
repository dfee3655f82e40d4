// Only `prisma dev` imports @prisma/streams-local; this project migrates with
// scripts/migration-create.ts and never starts `prisma dev` (see README, "Migrations").
throw new Error("@prisma/streams-local is not installed: `prisma dev` is not used by this project");
