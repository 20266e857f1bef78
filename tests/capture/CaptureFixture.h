#pragma once

#include "core/audit/AuditEvent.h"
#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

// What the capture tests share: the web app's own login (a role that may change the app's
// tables and nothing else), a fresh database per test with Prisma's migration in "public" or in
// ?schema=app and users u1 and u2, a real psql as any login, and the audit log read back.
class CaptureFixture
{
protected:
    // The web app's login.
    static const QString AppRole;

    // For initTestCase(): the web app's login exists; false (with why) without a server.
    static bool makeAppRole(QString *why);
    // For initTestCase_data(): the two places of the app's tables.
    static void addSchemaRows();
    // For init() and cleanup(): the fresh database, in the schema of the data row.
    void openLedger();
    void closeLedger();

    // The test database as another login, with an application_name.
    QString urlAs(const QString &role) const;
    // Runs SQL in a psql process as role, with application_name; its stderr in *errors.
    bool psql(const QString &role, const QString &application, const QString &sql, QString *errors = nullptr);
    QString dumpAppSchema();
    QList<AuditEvent> eventsAfter(qint64 seq);
    qint64 lastSeq();
    QString insertRow(const QString &id, const QString &user, int amount) const;

    QString m_schema;
    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};
