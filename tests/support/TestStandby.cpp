#include "tests/support/TestStandby.h"

#include "core/db/Standby.h"

#include <QDeadlineTimer>
#include <QThread>

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
    // A pause is only requested: the standby may replay more until its startup process stops.
    const QString wanted = paused ? QStringLiteral("paused") : QStringLiteral("not paused");
    const QDeadlineTimer deadline(20000);
    for (;;) {
        auto state = (*standby)->run(QStringLiteral("SELECT pg_get_wal_replay_pause_state()"));
        if (!state) {
            *why = state.error().message;
            return false;
        }
        const QString now = state->next() ? state->text(0) : QString();
        if (now == wanted)
            return true;
        if (deadline.hasExpired()) {
            *why = QStringLiteral("The test standby's replay is \"%1\" after 20 s, not \"%2\"").arg(now, wanted);
            return false;
        }
        QThread::msleep(20);
    }
}
