#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>
#include <optional>

// The backend a test executable runs against, chosen by XPADMIN_TEST_BACKEND ("sqlite", the
// default, or "postgres"); CTest registers every core test once per backend. PostgreSQL tests
// use the throwaway server in XPADMIN_TEST_PG_URL that run-tests.sh starts.
class TestBackend final
{
public:
    static bool isPostgres();
    static QString name();

    // A new, empty database: a file in a temporary folder (SQLite) or a new database on the
    // test server (PostgreSQL). Empty optional and *why set when it cannot be had.
    static std::optional<ConnectionSpec> freshDatabase(QString *why);
    // Opens spec and creates the ledger schema in it.
    static std::unique_ptr<Database> openInitialized(const ConnectionSpec &spec, QString *why,
                                                     const QString &operatorName = QStringLiteral("tester"));
    // Whether a missing PostgreSQL server must fail the test (CI=true) rather than skip it.
    static bool serverRequired();
    // Drops a database made by freshDatabase(), ending any session still on it, a pooler's too
    // (PostgreSQL; a file goes with its folder).
    static void dropDatabase(const ConnectionSpec &spec);
    // Runs one SQL statement on the server's maintenance database (PostgreSQL only).
    static bool adminExec(const QString &sql, QString *why);
    // The first column of the first row of an independent SQL query (invalid on error).
    static QVariant scalar(Database &db, const QString &sql, const Bindings &bindings = {});
    // An award through the ledger of amount to user from source ("Quiz SOURCE"); the new
    // transaction's id, empty (with a warning) when it failed.
    static QString award(Database &db, const QString &userId, qint64 amount, const QString &sourceId);
    // Every user whose "UserProfile"."totalXP" differs from SUM("UserXP"."amount"), by plain SQL.
    static qint64 usersWithWrongTotal(Database &db);
    // A digest of every row of every table in the database (the ledger's and any other), read
    // with plain SQL: equal digests mean nothing was written. Fails the program on a read error.
    static QByteArray contentDigest(Database &db);
    // Every index of table as the database defines it, in name order.
    static QStringList indexesOf(Database &db, const QString &table);
};

// A fresh, empty database into `target` (a std::optional<ConnectionSpec>), or skips the test
// (fails it under CI) when the backend is not available.
#define XP_FRESH_DATABASE(target)                                                                                      \
    do {                                                                                                               \
        QString xpWhy_;                                                                                                \
        (target) = TestBackend::freshDatabase(&xpWhy_);                                                                \
        if (!(target)) {                                                                                               \
            if (TestBackend::serverRequired())                                                                         \
                QFAIL(qPrintable(xpWhy_));                                                                             \
            QSKIP(qPrintable(xpWhy_));                                                                                 \
        }                                                                                                              \
    } while (false)

// The test PgBouncer's URL (XPADMIN_TEST_PGBOUNCER_URL, which run-tests.sh sets) as a new
// QString `name`, or skips the test (fails it under CI) when there is none.
#define XP_PGBOUNCER_URL(name)                                                                                         \
    const QString name = qEnvironmentVariable("XPADMIN_TEST_PGBOUNCER_URL");                                           \
    if (name.isEmpty()) {                                                                                              \
        const char *xpWhy_ = "XPADMIN_TEST_PGBOUNCER_URL names no PgBouncer (run the tests with run-tests.sh)";        \
        if (TestBackend::serverRequired())                                                                             \
            QFAIL(xpWhy_);                                                                                             \
        QSKIP(xpWhy_);                                                                                                 \
    }

// Opens a fresh, initialized database into `db` (a std::unique_ptr<Database>), or skips the
// test (fails it under CI) when the backend is not available.
#define XP_OPEN_FRESH_DB(spec, db)                                                                                     \
    QString xpWhy_;                                                                                                    \
    const auto xpSpec_ = TestBackend::freshDatabase(&xpWhy_);                                                          \
    if (!xpSpec_) {                                                                                                    \
        if (TestBackend::serverRequired())                                                                             \
            QFAIL(qPrintable(xpWhy_));                                                                                 \
        QSKIP(qPrintable(xpWhy_));                                                                                     \
    }                                                                                                                  \
    const ConnectionSpec spec = *xpSpec_;                                                                              \
    std::unique_ptr<Database> db = TestBackend::openInitialized(spec, &xpWhy_);                                        \
    QVERIFY2(db, qPrintable(xpWhy_))
