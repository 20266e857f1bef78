#pragma once

#include "core/domain/Result.h"
#include "core/roles/Permissions.h"

#include <QList>
#include <QString>
#include <QStringList>

class Database;

// What a login's own privileges allow, whatever its role says: on PostgreSQL its grants on the
// ledger's tables, on SQLite whether this operating-system user may read and write the file. An
// action is open only where the role and these both allow it.
class Grants final
{
public:
    // One privilege an action needs.
    enum class Privilege {
        UsePublic,
        UseOwnSchema,
        SelectUser,
        SelectProfile,
        SelectXp,
        SelectAudit,
        SelectMeta,
        InsertXp,
        InsertProfile,
        UpdateTotal,
        InsertAudit,
        InsertPending,
        DeleteXp,
        InsertUser,
        InsertBatch,
        UpdateBatch,
        DecidePending,
        InsertPeriod,
        WriteMeta,
        InsertReason, // a manual change's reason code and ticket
        WriteReasonCodes,
        WriteLimits,
        Ownership,
        ReadFile,
        WriteFile
    };

    // Nothing known, so nothing restricted: the role alone decides.
    Grants() = default;
    // PostgreSQL: the current role's privileges on each table the actions use. A table that does
    // not exist (yet) restricts nothing; owner says whether it owns the tables or is a superuser.
    static Result<Grants> read(Database &db, bool owner);
    // SQLite: whether the file may be read and written (a file not there yet restricts nothing).
    static Grants ofFile(const QString &path);

    // What the action needs that the login lacks, as a database administrator would name it
    // (`SELECT on "UserXP"`); empty when nothing is missing.
    QStringList lacking(Action action) const;
    bool allow(Action action) const { return lacking(action).isEmpty(); }
    bool isKnown() const { return m_known; }

private:
    static QList<Privilege> needs(Action action);
    static QString name(Privilege privilege);

    bool m_known = false;
    QList<Privilege> m_missing;
    QString m_appSchema = QStringLiteral("public"); // where the web app's tables are
};
