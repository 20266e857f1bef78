#pragma once

#include <QProcessEnvironment>
#include <QString>

// PostgreSQL's own client programs, as a person at a console runs them: found where
// scripts/pg-cluster.sh finds the server (the newest /usr/lib/postgresql/<major>/bin), else on PATH.
namespace PostgresTools {

// "psql", "pg_dump", ... with its path.
QString program(const QString &name);
// The environment of a client session: its application_name and search_path.
QProcessEnvironment environment(const QString &application, const QString &schema);
// Runs sql through psql at url (stops at the first error); its stderr in *errors.
bool psql(const QString &url, const QString &application, const QString &schema, const QString &sql,
          QString *errors = nullptr);

} // namespace PostgresTools
