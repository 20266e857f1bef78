#pragma once

#include "tests/approval/ApprovalFixture.h"

#include "core/limits/LimitRules.h"
#include "core/limits/PersonLimits.h"

#include <QStringList>
#include <QTemporaryDir>

// What the limits tests share, over the maker-checker fixture (users u1 and u2, the owner, a
// second person who may approve): the approval threshold switched off, so that only limits hold;
// and a person in the support role (PostgreSQL: a login of its own granted xpadmin_support once
// the roles are installed; SQLite: the desk's advisory role set to support, operator "sam").
class LimitsFixture : public ApprovalFixture
{
protected:
    void openLimitsDatabase();
    void closeLimitsDatabase();

    // As the owner (who may set limits).
    bool setLimits(LimitRules::Scope scope, const QString &subject, std::optional<qint64> perChange,
                   std::optional<qint64> perDay);
    // A connection of a support person (or of another role), or null (with a warning); the
    // SQLite role is set too.
    std::unique_ptr<Database> openSupport(Role role = Role::Support);
    // Where openSupport() connected (PostgreSQL: as the support login).
    ConnectionSpec m_supportSpec;
    // What LimitCheck reads for db's person.
    PersonLimits limitsOf(Database &db);
    QString heldForOf(const QString &requestId);
    qint64 limitEvents();
    qint64 limitRows();
    QString writeCsv(const QByteArray &content);

    QStringList m_logins; // made by openSupport(), dropped after the database
    QTemporaryDir m_files;
};
