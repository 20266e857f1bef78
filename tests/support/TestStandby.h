#pragma once

#include "core/db/ConnectionSpec.h"
#include "core/db/Database.h"

#include <QString>

#include <optional>

// The streaming standby of the PostgreSQL test server (XPADMIN_TEST_PG_STANDBY_URL, started by
// run-tests.sh with scripts/pg-cluster.sh standby): the same databases, read-only, replayed.
class TestStandby final
{
public:
    // The standby's URL for primary's database, once the standby has replayed everything the
    // primary has written so far. Empty and *why when there is no standby.
    static std::optional<ConnectionSpec> of(Database &primary, QString *why);
    // Waits until the standby has replayed what the primary has written so far.
    static bool catchUp(Database &primary, QString *why);
    // Stops or restarts the standby's replay (pg_wal_replay_pause / pg_wal_replay_resume): it
    // keeps receiving, and shows the ledger as it was when paused.
    static bool setReplayPaused(bool paused, QString *why);

private:
    static std::optional<ConnectionSpec> server(QString *why);
};

// Reads the standby of the fresh database `db` into `standby` (a ConnectionSpec), or skips the
// test: SQLite has no standby; a missing standby fails the test under CI.
#define XP_REQUIRE_STANDBY(db, standby)                                                                                \
    if (!TestBackend::isPostgres())                                                                                    \
        QSKIP("SQLite: a reading standby is a PostgreSQL server's streaming replica");                                 \
    QString xpStandbyWhy_;                                                                                             \
    const auto xpStandby_ = TestStandby::of(*(db), &xpStandbyWhy_);                                                    \
    if (!xpStandby_) {                                                                                                 \
        if (TestBackend::serverRequired())                                                                             \
            QFAIL(qPrintable(xpStandbyWhy_));                                                                          \
        QSKIP(qPrintable(xpStandbyWhy_));                                                                              \
    }                                                                                                                  \
    const ConnectionSpec standby = *xpStandby_
