#include "tests/support/TestStandby.h"

#include "core/db/Standby.h"

std::optional<ConnectionSpec> TestStandby::server(QString *why)
{
    const QString url = qEnvironmentVariable("XPADMIN_TEST_PG_STANDBY_URL");
    if (url.isEmpty()) {
        *why = QStringLiteral("XPADMIN_TEST_PG_STANDBY_URL names no standby (run the tests with run-tests.sh)");
        return std::nullopt;
    }
    auto spec = ConnectionSpec::parse(url);
    if (!spec || spec->backend != ConnectionSpec::Backend::Postgres) {
        *why = QStringLiteral("XPADMIN_TEST_PG_STANDBY_URL is not a PostgreSQL URL: ") + url;
        return std::nullopt;
    }
    return *spec;
}

bool TestStandby::catchUp(Database &primary, QString *why)
{
    auto spec = server(why);
    if (!spec)
        return false;
    auto position = Standby::writePosition(primary);
    if (!position) {
        *why = position.error().message;
        return false;
    }
    auto standby = Database::open(*spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    if (!standby) {
        *why = QStringLiteral("Cannot reach the test standby: ") + standby.error().message;
        return false;
    }
    auto replayed = Standby::waitForReplay(**standby, *position, 20000);
    if (!replayed || !*replayed) {
        *why = replayed ? QStringLiteral("The test standby did not catch up within 20 s") : replayed.error().message;
        return false;
    }
    return true;
}

std::optional<ConnectionSpec> TestStandby::of(Database &primary, QString *why)
{
    auto spec = server(why);
    if (!spec || !catchUp(primary, why))
        return std::nullopt;
    spec->database = primary.spec().database;
    return spec;
}

bool TestStandby::setReplayPaused(bool paused, QString *why)
{
    auto spec = server(why);
    if (!spec)
        return false;
    auto standby = Database::open(*spec, QStringLiteral("tester"), Database::OpenMode::ReadOnly);
    if (!standby) {
        *why = standby.error().message;
        return false;
    }
    auto done = (*standby)->run(paused ? QStringLiteral("SELECT pg_wal_replay_pause()")
                                       : QStringLiteral("SELECT pg_wal_replay_resume()"));
    if (!done) {
        *why = done.error().message;
        return false;
    }
    return true;
}
