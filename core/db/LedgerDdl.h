#pragma once

#include <QStringList>

// The ledger's own tables, "User", "UserProfile" and "UserXP", as the live web application's
// Prisma schema defines them. XP Admin creates them only in a database that has none of them.
namespace LedgerDdl {

// Exactly what `prisma migrate diff --from-empty` prints for the schema (PostgreSQL), in the
// given schema (a quoted identifier). The tables are named as Prisma names them; Database
// qualifies them with that schema (TableNames) when it runs the statements.
QStringList postgres(const QString &quotedSchema = QStringLiteral("\"public\""));
// The same tables for SQLite, with the same names; enums become checked TEXT columns and
// timestamps fixed-width UTC text ("2026-11-25 10:52:11.123").
QStringList sqlite();
// The indexes the ledger's queries need, named as Prisma names an @@index. Created where XP
// Admin made the database; elsewhere `doctor` reports them.
QStringList workIndexes();
// The lines to add to the Prisma model UserXP for those indexes.
QStringList prismaIndexLines();
// The names of those indexes, in the same order as the lines.
QStringList workIndexNames();
// Work indexes of earlier versions that a newer one covers: dropped where XP Admin made the
// database, once their successor is there.
QStringList supersededIndexNames();
// The Prisma line for one of those index names; empty for another name.
QString prismaIndexLine(const QString &indexName);

} // namespace LedgerDdl
