// The web application's side of the Prisma test: what its own Prisma client sees of the ledger,
// and its award, written the way the web app writes it. DATABASE_URL is the URL XP Admin was
// given, verbatim; its ?schema= names the schema of the tables, as Prisma's URLs do.
//
//   node webapp.js signup EMAIL NAME         creates a user, prints it as JSON
//   node webapp.js read                      prints every user and transaction as JSON
//   node webapp.js award USER AMOUNT SOURCE  the web app's award, prints the new row as JSON
//   node webapp.js awards                    awards read from standard input, each timed

import { PrismaPg } from "@prisma/adapter-pg";
import * as readline from "node:readline";
import { PrismaClient } from "./generated/client.js";

function client(): PrismaClient {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const schema = new URL(url).searchParams.get("schema") ?? "public";
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }, { schema }) });
}

// Keys in a fixed order, so that the output compares as text with XP Admin's JSON.
function sorted(value: unknown): unknown {
    if (value instanceof Date) return value.toISOString();
    if (Array.isArray(value)) return value.map(sorted);
    if (value !== null && typeof value === "object") {
        const object = value as Record<string, unknown>;
        return Object.fromEntries(Object.keys(object).sort().map((key) => [key, sorted(object[key])]));
    }
    return value;
}

// The web app's award: the row, then the sum of the user's rows stored as their total.
function award(prisma: PrismaClient, userId: string, amount: number, sourceId: string) {
    return prisma.$transaction(async (tx) => {
        const row = await tx.userXP.create({
            data: {
                userId,
                amount,
                sourceType: "USER_PROBLEM_ATTEMPT",
                sourceId,
                description: "Correct answer",
                category: "CORRECT_ANSWER",
            },
        });
        const sum = await tx.userXP.aggregate({ where: { userId }, _sum: { amount: true } });
        const totalXP = sum._sum.amount ?? 0;
        await tx.userProfile.upsert({
            where: { userId },
            create: { userId, totalXP },
            update: { totalXP },
        });
        return row;
    });
}

async function main(prisma: PrismaClient, args: string[]): Promise<unknown> {
    const [command, ...rest] = args;
    if (command === "signup") {
        const [email, name] = rest;
        return prisma.user.create({ data: { email, name } });
    }
    if (command === "read") {
        const users = await prisma.user.findMany({ orderBy: { email: "asc" }, include: { profile: true } });
        const transactions = await prisma.userXP.findMany({ orderBy: { id: "asc" } });
        return {
            users: users.map((user) => ({
                id: user.id,
                email: user.email,
                name: user.name,
                totalXP: user.profile?.totalXP ?? null,
            })),
            transactions,
        };
    }
    if (command === "award") {
        const [userId, amount, sourceId] = rest;
        return award(prisma, userId, Number(amount), sourceId);
    }
    if (command === "awards") {
        // For xpadmin-bench: one award a line of standard input ("USER AMOUNT SOURCE"), each
        // answered with a line of how long it took in milliseconds, until the input ends.
        const lines = readline.createInterface({ input: process.stdin, terminal: false });
        for await (const line of lines) {
            const [userId, amount, sourceId] = line.trim().split(" ");
            const start = performance.now();
            await award(prisma, userId, Number(amount), sourceId);
            process.stdout.write(`${(performance.now() - start).toFixed(4)}\n`);
        }
        return null;
    }
    throw new Error(`unknown command ${command ?? "(none)"}`);
}

const prisma = client();
main(prisma, process.argv.slice(2))
    .then((result) => {
        if (result !== null) process.stdout.write(JSON.stringify(sorted(result)) + "\n");
    })
    .catch((error: unknown) => {
        process.stderr.write(`webapp: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
