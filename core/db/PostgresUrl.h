#pragma once

#include "core/domain/Result.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <utility>

// The two ways libpq takes a connection: a URI (postgres:// or postgresql://, several hosts
// h1:5432,h2:5433, percent-encoded socket directories, query parameters) and the keyword form
// (host=... port=... dbname=...). With libpq in the build its own parser (PQconninfoParse) has the
// last word on everything libpq knows; parameters it does not know (Prisma's) are split off first.
namespace PostgresUrl {

using Pairs = QList<std::pair<QString, QString>>;

bool isUri(const QString &text);
// "host=db dbname=app": starts with a key libpq or Prisma knows, then "=".
bool isKeywordForm(const QString &text);
// Every parameter, decoded, in order: user, password, host, port, dbname, then the others.
// An error gives only the reason, never the password.
Result<Pairs> parse(const QString &text);
// Every keyword the libpq in use knows (PQconndefaults), or the list of PostgreSQL 15.
const QStringList &libpqKeywords();
// A value as a keyword-form connection string needs it: quoted when empty or when it holds
// spaces, quotes or backslashes.
QString quoted(const QString &value);
// text with the password of a URI's user part and any password=/sslpassword= value cut out.
QString redacted(const QString &text);
// message about text with every piece of a password text may hold cut out.
QString withoutSecrets(const QString &message, const QString &text);

} // namespace PostgresUrl
