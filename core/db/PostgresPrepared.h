#pragma once

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QSqlError>

struct pg_conn;

// The statements one PostgreSQL connection keeps prepared on its server (named statements of
// the session): a statement's second run prepares it, and its later runs skip the server's
// parsing and planning. Off behind a pooler in transaction mode (pgbouncer=true, as Prisma reads
// it), where the next transaction may reach another server connection that knows no such name.
class PostgresPrepared final
{
public:
    explicit PostgresPrepared(bool enabled);

    // How to run sql this time: unnamed (name empty), by the name it was prepared under, or
    // prepared first under a new name (its second run; then prepared() once that succeeded).
    struct Use
    {
        QByteArray name;
        bool prepareFirst = false;
    };
    Use use(const QByteArray &sql);
    // The server prepared sql under name.
    void prepared(const QByteArray &sql, const QByteArray &name);
    // A statement that failed by its name: a prepared statement the server does not know
    // (something between client and server hands out other server connections after all)
    // prepares nothing more on this connection; one whose plan the server may no longer use
    // (a table's columns changed) is prepared again on its next run.
    void failed(const QByteArray &sql, const QSqlError &error);
    // Another server connection (opened again): it knows none of the names.
    void reset();
    // An error failed() acts on: outside a transaction, the statement may run again unnamed.
    static bool isNameProblem(const QSqlError &error);

private:
    // Bounds on what one connection keeps: statements built with many values (a batch of ids)
    // differ from one another, and are not worth keeping.
    static constexpr qsizetype MaxPrepared = 500;
    static constexpr qsizetype MaxSeen = 4000;

    bool m_enabled;
    // Names no other client's statements have: were a pooler there after all, the server
    // connection it hands out would know no such name, rather than run another statement.
    QByteArray m_namePrefix;
    QHash<QByteArray, QByteArray> m_names; // the statements prepared, by their SQL
    QSet<QByteArray> m_seen; // run once, unnamed
    quint64 m_next = 0;
};
