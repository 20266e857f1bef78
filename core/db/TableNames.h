#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

// Where the web app's tables live, and the one place their names get it. Statements name the
// web app's tables and enum types as Prisma does ("UserXP", "XPCategory"); on PostgreSQL each
// is qualified with the app's schema (Prisma's ?schema=, else public) when it is prepared, so
// no statement depends on the session's search_path. SQLite has no schemas: names stay as written.
class TableNames final
{
    Q_DECLARE_TR_FUNCTIONS(TableNames)

public:
    TableNames() = default; // SQLite
    TableNames(ConnectionSpec::Backend backend, const QString &appSchema);

    // The names qualified: the web app's tables and its enum types.
    static const QStringList &names();
    // Refuses a ?schema= that is not a plain identifier, or a schema that is not the web app's.
    static Status check(const ConnectionSpec &spec);
    // The same rule for a schema name alone, as a URL's ?schema= gives it.
    static Status checkName(const QString &schema);

    bool isQualifying() const { return !m_schema.isEmpty(); }
    // The app's schema ("public" unless ?schema= says otherwise); empty on SQLite.
    QString schema() const { return m_schema; }
    // The schema as an identifier ("app") and as a string literal ('app') for catalog queries.
    QString quotedSchema() const;
    QString schemaLiteral() const;
    // One relation of the app's schema (a table, index or type): "app"."name"; "name" on SQLite.
    QString qualified(const QString &name) const;
    // The statement with each quoted name of names() qualified, except where it already is
    // ("app"."UserXP") or qualifies a column ("UserXP"."amount"); string literals and comments
    // are left alone.
    QString qualify(const QString &sql) const;

private:
    QString m_schema;
};
