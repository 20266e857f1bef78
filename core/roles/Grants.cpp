#include "core/roles/Grants.h"

#include "core/db/Database.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <utility>

namespace {

// The table's oid from the catalog, or NULL: to_regclass would fail without USAGE on its schema.
// Schemas are given as SQL string literals ('xpadmin', or TableNames::schemaLiteral()).
QString table(const QString &schema, const char *name)
{
    return QStringLiteral("(SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
                          "n.nspname = %1 AND c.relname = '%2')")
        .arg(schema, QLatin1String(name));
}

QString onTable(const QString &schema, const char *name, const char *privilege)
{
    return QStringLiteral("has_table_privilege(%1, '%2')").arg(table(schema, name), QLatin1String(privilege));
}

QString onColumn(const QString &schema, const char *name, const char *column, const char *privilege)
{
    return QStringLiteral("has_column_privilege(%1, '%2', '%3')")
        .arg(table(schema, name), QLatin1String(column), QLatin1String(privilege));
}

QString onSchema(const QString &schema)
{
    return QStringLiteral("(SELECT has_schema_privilege(n.oid, 'USAGE') FROM pg_namespace n WHERE n.nspname = %1)")
        .arg(schema);
}

using Privilege = Grants::Privilege;

// How PostgreSQL is asked about each privilege (NULL: the table is not there); app is the
// schema of the web app's tables as a string literal.
QList<std::pair<Privilege, QString>> checks(const QString &app)
{
    const QString own = QStringLiteral("'xpadmin'");
    return {
        {Privilege::UsePublic, onSchema(app)},
        {Privilege::UseOwnSchema, onSchema(own)},
        {Privilege::SelectUser, onTable(app, "User", "SELECT")},
        {Privilege::SelectProfile, onTable(app, "UserProfile", "SELECT")},
        {Privilege::SelectXp, onTable(app, "UserXP", "SELECT")},
        {Privilege::SelectAudit, onTable(own, "audit_event", "SELECT")},
        {Privilege::SelectMeta, onTable(own, "meta", "SELECT")},
        {Privilege::InsertXp, onTable(app, "UserXP", "INSERT")},
        {Privilege::InsertProfile, onTable(app, "UserProfile", "INSERT")},
        {Privilege::UpdateTotal, onColumn(app, "UserProfile", "totalXP", "UPDATE")},
        {Privilege::InsertAudit, onTable(own, "audit_event", "INSERT")},
        {Privilege::InsertPending, onTable(own, "pending_adjustment", "INSERT")},
        {Privilege::DeleteXp, onTable(app, "UserXP", "DELETE")},
        {Privilege::InsertUser, onTable(app, "User", "INSERT")},
        {Privilege::InsertBatch, onTable(own, "import_batch", "INSERT")},
        {Privilege::UpdateBatch, onColumn(own, "import_batch", "rows_written", "UPDATE")},
        {Privilege::DecidePending, onColumn(own, "pending_adjustment", "state", "UPDATE")},
        {Privilege::InsertReason, onTable(own, "xp_reason", "INSERT")},
        {Privilege::WriteReasonCodes, onTable(own, "reason_code", "INSERT")},
        {Privilege::InsertPeriod, onTable(own, "period", "INSERT")},
        {Privilege::WriteMeta,
         onTable(own, "meta", "INSERT") + QStringLiteral(" AND ") + onTable(own, "meta", "UPDATE")},
        {Privilege::WriteLimits,
         onTable(own, "adjust_limit", "INSERT") + QStringLiteral(" AND ") + onTable(own, "adjust_limit", "UPDATE")},
    };
}

} // namespace

Result<Grants> Grants::read(Database &db, bool owner)
{
    const auto list = checks(db.dialect().tables().schemaLiteral());
    QStringList columns;
    for (const auto &check : list)
        columns << check.second;
    auto rows = db.run(QStringLiteral("SELECT ") + columns.join(QStringLiteral(", ")));
    if (!rows)
        return rows.error();
    Grants grants;
    grants.m_known = true;
    grants.m_appSchema = db.dialect().tables().schema();
    if (rows->next()) {
        for (int column = 0; column < list.size(); ++column) {
            const QVariant granted = rows->value(column);
            if (!granted.isNull() && !granted.toBool())
                grants.m_missing << list.at(column).first;
        }
    }
    if (!owner)
        grants.m_missing << Privilege::Ownership;
    return grants;
}

Grants Grants::ofFile(const QString &path)
{
    Grants grants;
    const QFileInfo file(path);
    if (!file.exists())
        return grants;
    grants.m_known = true;
    if (!file.isReadable())
        grants.m_missing << Privilege::ReadFile;
    if (!file.isWritable())
        grants.m_missing << Privilege::WriteFile;
    return grants;
}

QList<Grants::Privilege> Grants::needs(Action action)
{
    const QList<Privilege> read{Privilege::ReadFile,    Privilege::UsePublic,     Privilege::UseOwnSchema,
                                Privilege::SelectUser,  Privilege::SelectProfile, Privilege::SelectXp,
                                Privilege::SelectAudit, Privilege::SelectMeta};
    const QList<Privilege> award = read
        + QList<Privilege>{Privilege::WriteFile, Privilege::InsertXp, Privilege::InsertProfile, Privilege::UpdateTotal,
                           Privilege::InsertAudit};
    switch (action) {
    case Action::Read:
        return read;
    case Action::Award:
    case Action::Restore:
        return award;
    case Action::Adjust: // also a request held for approval
        return award + QList<Privilege>{Privilege::InsertPending, Privilege::InsertReason};
    case Action::Rollback:
    case Action::DeleteSource:
    case Action::Repair: // recalculating everyone locks "UserXP", which needs DELETE
        return award + QList<Privilege>{Privilege::DeleteXp};
    case Action::Import:
        return award
            + QList<Privilege>{Privilege::DeleteXp, Privilege::InsertUser, Privilege::InsertBatch,
                               Privilege::UpdateBatch};
    case Action::AddUser:
        return read + QList<Privilege>{Privilege::WriteFile, Privilege::InsertUser, Privilege::InsertAudit};
    case Action::Approve:
        return award + QList<Privilege>{Privilege::DecidePending, Privilege::InsertReason};
    case Action::ManageReasonCodes:
        return read + QList<Privilege>{Privilege::WriteFile, Privilege::WriteReasonCodes, Privilege::InsertAudit};
    case Action::ClosePeriod: // the totals are taken under a SHARE lock of "UserXP", which needs DELETE
        return read
            + QList<Privilege>{Privilege::WriteFile, Privilege::InsertAudit, Privilege::InsertPeriod,
                               Privilege::DeleteXp};
    case Action::Configure:
    case Action::ConfigureAlerts:
        return read + QList<Privilege>{Privilege::WriteFile, Privilege::WriteMeta, Privilege::InsertAudit};
    case Action::SetLimits:
        return read + QList<Privilege>{Privilege::WriteFile, Privilege::WriteLimits, Privilege::InsertAudit};
    case Action::ManageRoles:
    case Action::Migrate:
        return read + QList<Privilege>{Privilege::WriteFile, Privilege::Ownership};
    }
    return {};
}

QStringList Grants::lacking(Action action) const
{
    QStringList names;
    for (const Privilege privilege : needs(action)) {
        if (!m_missing.contains(privilege))
            continue;
        names << (privilege == Privilege::UsePublic ? QStringLiteral("USAGE on schema %1").arg(m_appSchema)
                                                    : name(privilege));
    }
    return names;
}

QString Grants::name(Privilege privilege)
{
    switch (privilege) {
    case Privilege::UsePublic:
        return QStringLiteral("USAGE on schema public");
    case Privilege::UseOwnSchema:
        return QStringLiteral("USAGE on schema xpadmin");
    case Privilege::SelectUser:
        return QStringLiteral("SELECT on \"User\"");
    case Privilege::SelectProfile:
        return QStringLiteral("SELECT on \"UserProfile\"");
    case Privilege::SelectXp:
        return QStringLiteral("SELECT on \"UserXP\"");
    case Privilege::SelectAudit:
        return QStringLiteral("SELECT on xpadmin.audit_event");
    case Privilege::SelectMeta:
        return QStringLiteral("SELECT on xpadmin.meta");
    case Privilege::InsertXp:
        return QStringLiteral("INSERT on \"UserXP\"");
    case Privilege::InsertProfile:
        return QStringLiteral("INSERT on \"UserProfile\"");
    case Privilege::UpdateTotal:
        return QStringLiteral("UPDATE (\"totalXP\") on \"UserProfile\"");
    case Privilege::InsertAudit:
        return QStringLiteral("INSERT on xpadmin.audit_event");
    case Privilege::InsertPending:
        return QStringLiteral("INSERT on xpadmin.pending_adjustment");
    case Privilege::DeleteXp:
        return QStringLiteral("DELETE on \"UserXP\"");
    case Privilege::InsertUser:
        return QStringLiteral("INSERT on \"User\"");
    case Privilege::InsertBatch:
        return QStringLiteral("INSERT on xpadmin.import_batch");
    case Privilege::UpdateBatch:
        return QStringLiteral("UPDATE on xpadmin.import_batch");
    case Privilege::DecidePending:
        return QStringLiteral("UPDATE (state) on xpadmin.pending_adjustment");
    case Privilege::InsertPeriod:
        return QStringLiteral("INSERT on xpadmin.period");
    case Privilege::WriteMeta:
        return QStringLiteral("INSERT and UPDATE on xpadmin.meta");
    case Privilege::InsertReason:
        return QStringLiteral("INSERT on xpadmin.xp_reason");
    case Privilege::WriteReasonCodes:
        return QStringLiteral("INSERT on xpadmin.reason_code");
    case Privilege::WriteLimits:
        return QStringLiteral("INSERT and UPDATE on xpadmin.adjust_limit");
    case Privilege::Ownership:
        return QCoreApplication::translate("Grants", "ownership of the ledger's tables");
    case Privilege::ReadFile:
        return QCoreApplication::translate("Grants", "permission to read the file");
    case Privilege::WriteFile:
        return QCoreApplication::translate("Grants", "permission to write the file");
    }
    return {};
}
