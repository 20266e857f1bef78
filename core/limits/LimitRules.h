#pragma once

#include "core/domain/Result.h"
#include "core/limits/LimitPair.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

class Database;

// The limits set for roles and for persons (xpadmin.adjust_limit / xpadmin_adjust_limit), shared
// by every desk. A person's own limit replaces their role's, limit by limit; a person without
// one of their own has their role's. Only an admin (or the database's owner) sets them; every
// change is audited as "limits-set" with the limits before and after.
class LimitRules final
{
    Q_DECLARE_TR_FUNCTIONS(LimitRules)

public:
    enum class Scope { Role, Person };

    struct Rule
    {
        Scope scope = Scope::Role;
        QString subject; // a role key ("support") or a person (login, or operator on SQLite)
        LimitPair limits;
        QString setBy;
        QString setOperator;
        QDateTime setAt; // UTC
    };

    // What set() changes: each limit given replaces the stored one (an empty value inside: none).
    struct Change
    {
        std::optional<std::optional<qint64>> perChange;
        std::optional<std::optional<qint64>> perDay;
    };

    explicit LimitRules(Database &db) : m_db(db) { }

    // The roles' limits (auditor, support, admin), then the persons' by name; only those set.
    Result<QList<Rule>> list();
    // The limits of one role or person; empty when none are set.
    Result<LimitPair> find(Scope scope, const QString &subject);
    // Changes the limits given, audited as "limits-set" (nothing when they are already so).
    // Refused, with nothing changed, for a role that may not set limits, an unknown role, a
    // person unknown to the server (PostgreSQL), a value out of range, or no limit given.
    Status set(Scope scope, const QString &subject, const Change &change);

    // "role", "person"
    static QString scopeKey(Scope scope);
    // The roles limits are set for: "auditor", "support", "admin".
    static QStringList roleKeys();
    // The subject as stored (a role key in lower case, a person trimmed), or why it is not one.
    Result<QString> checkSubject(Scope scope, const QString &subject);

private:
    Database &m_db;
};
