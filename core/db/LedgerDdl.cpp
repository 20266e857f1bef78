#include "core/db/LedgerDdl.h"

namespace LedgerDdl {

QStringList postgres(const QString &quotedSchema)
{
    return {
        QStringLiteral("CREATE SCHEMA IF NOT EXISTS %1").arg(quotedSchema),
        QStringLiteral(
            R"(CREATE TYPE "XPSourceType" AS ENUM ('USER_PROBLEM_ATTEMPT', 'MANUAL_ADJUSTMENT', 'SPECIAL_ACHIEVEMENT', 'DAILY_STREAK'))"),
        QStringLiteral(
            R"(CREATE TYPE "XPCategory" AS ENUM ('CORRECT_ANSWER', 'STREAK_BONUS', 'ACHIEVEMENT', 'MANUAL'))"),
        QStringLiteral(R"(CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
))"),
        QStringLiteral(R"(CREATE TABLE "UserProfile" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "totalXP" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserProfile_pkey" PRIMARY KEY ("id")
))"),
        QStringLiteral(R"(CREATE TABLE "UserXP" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "sourceType" "XPSourceType" NOT NULL,
    "sourceId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" "XPCategory" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UserXP_pkey" PRIMARY KEY ("id")
))"),
        QStringLiteral(R"(CREATE UNIQUE INDEX "User_email_key" ON "User"("email"))"),
        QStringLiteral(R"(CREATE UNIQUE INDEX "UserProfile_userId_key" ON "UserProfile"("userId"))"),
        QStringLiteral(
            R"(ALTER TABLE "UserProfile" ADD CONSTRAINT "UserProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE)"),
        QStringLiteral(
            R"(ALTER TABLE "UserXP" ADD CONSTRAINT "UserXP_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE)"),
    };
}

QStringList sqlite()
{
    return {
        QStringLiteral(R"(CREATE TABLE "User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT
))"),
        QStringLiteral(R"(CREATE TABLE "UserProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "totalXP" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UserProfile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
))"),
        QStringLiteral(R"(CREATE TABLE "UserXP" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "sourceType" TEXT NOT NULL CHECK ("sourceType" IN ('USER_PROBLEM_ATTEMPT', 'MANUAL_ADJUSTMENT', 'SPECIAL_ACHIEVEMENT', 'DAILY_STREAK')),
    "sourceId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL CHECK ("category" IN ('CORRECT_ANSWER', 'STREAK_BONUS', 'ACHIEVEMENT', 'MANUAL')),
    "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "UserXP_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
))"),
        QStringLiteral(R"(CREATE UNIQUE INDEX "User_email_key" ON "User"("email"))"),
        QStringLiteral(R"(CREATE UNIQUE INDEX "UserProfile_userId_key" ON "UserProfile"("userId"))"),
    };
}

QStringList workIndexes()
{
    return {
        // One user's history in order; with "amount" it also covers the top users of a long range,
        // read user by user without a sort.
        QStringLiteral(
            R"(CREATE INDEX "UserXP_userId_createdAt_amount_idx" ON "UserXP"("userId", "createdAt", "amount"))"),
        QStringLiteral(R"(CREATE INDEX "UserXP_sourceType_sourceId_idx" ON "UserXP"("sourceType", "sourceId"))"),
        QStringLiteral(R"(CREATE INDEX "UserXP_createdAt_idx" ON "UserXP"("createdAt"))"),
        // Covers the charts' sums: each category and source type's rows of a period, in order.
        QStringLiteral(
            R"(CREATE INDEX "UserXP_category_sourceType_createdAt_amount_idx" ON "UserXP"("category", "sourceType", "createdAt", "amount"))"),
    };
}

QStringList workIndexNames()
{
    return {QStringLiteral("UserXP_userId_createdAt_amount_idx"), QStringLiteral("UserXP_sourceType_sourceId_idx"),
            QStringLiteral("UserXP_createdAt_idx"), QStringLiteral("UserXP_category_sourceType_createdAt_amount_idx")};
}

QStringList supersededIndexNames()
{
    // (userId, createdAt): (userId, createdAt, amount) serves everything it did.
    return {QStringLiteral("UserXP_userId_createdAt_idx")};
}

QString prismaIndexLine(const QString &indexName)
{
    const qsizetype index = workIndexNames().indexOf(indexName);
    return index < 0 ? QString() : prismaIndexLines().at(index);
}

QStringList prismaIndexLines()
{
    return {
        QStringLiteral("@@index([userId, createdAt, amount])"),
        QStringLiteral("@@index([sourceType, sourceId])"),
        QStringLiteral("@@index([createdAt])"),
        QStringLiteral("@@index([category, sourceType, createdAt, amount])"),
    };
}

} // namespace LedgerDdl
