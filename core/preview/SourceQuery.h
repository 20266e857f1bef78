#pragma once

#include "core/domain/Result.h"
#include "core/domain/XpTransaction.h"
#include "core/preview/UserEffect.h"

#include <QList>
#include <QString>

class Database;

// Every transaction of one source (sourceType, sourceId), across users: what delete-source
// would remove, shown before it runs. Counts and sums are SQL; the rows listed are capped.
class SourceQuery final
{
public:
    struct Preview
    {
        qint64 transactions = 0; // all rows of the source
        qint64 users = 0; // distinct users among them
        qint64 total = 0; // their summed amount
        QList<XpTransaction> rows; // the first `limit`, by user then time
        QList<UserEffect> effects; // the first `limit` users, with current totals
        QString closed; // which of its transactions are in the closed period, in words; empty: none
    };

    explicit SourceQuery(Database &db) : m_db(db) { }

    Result<Preview> preview(SourceType type, const QString &sourceId, int limit = 500);

private:
    Database &m_db;
};
