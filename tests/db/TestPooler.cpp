#include "tests/support/TestBackend.h"

#include "core/db/Database.h"
#include "core/db/LockWaits.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <libpq-fe.h>

#include <atomic>
#include <vector>

// The statement path through PgBouncer in transaction mode, where every transaction may run on
// another server connection: nothing XP Admin does may rely on a prepared statement or a setting
// left on the server connection by an earlier transaction, nor leave one there for others.
class TestPooler final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void statementsRunOnAnyServerConnection();
    void concurrentClientsThroughThePooler();
    void valuesReadAsTheQtDriverReadThem();
    void readOnlyStaysReadOnly();
    void nothingIsLeftOnTheServerConnections();

private:
    std::unique_ptr<Database> openPooled(Database::OpenMode mode = Database::OpenMode::ReadWrite);

    std::optional<ConnectionSpec> m_direct;
    ConnectionSpec m_pooled;
    std::unique_ptr<Database> m_db; // on the primary, directly: the independent check
};

namespace {

const QString CountUsers = QStringLiteral("SELECT count(*) FROM \"User\" WHERE \"id\" <> :id");

QString status(const Status &s)
{
    return s ? QString() : s.error().message;
}

} // namespace

void TestPooler::init()
{
    if (!TestBackend::isPostgres())
        QSKIP("PgBouncer pools PostgreSQL server connections; an SQLite file has none");
    XP_PGBOUNCER_URL(url);
    XP_OPEN_FRESH_DB(spec, db);
    m_direct = spec;
    m_db = std::move(db);
    auto pooled = ConnectionSpec::parse(url + QStringLiteral("?pgbouncer=true"));
    QVERIFY2(pooled, pooled ? "" : qPrintable(pooled.error().message));
    QVERIFY(pooled->pooler);
    m_pooled = *pooled;
    m_pooled.database = spec.database;
    QVERIFY(m_db->execute(QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\", \"name\") VALUES "
                                         "('u1', 'u1@example.com', 'One'), ('u2', 'u2@example.com', 'Two')")));
}

void TestPooler::cleanup()
{
    m_db.reset();
    if (m_direct) {
        TestBackend::dropDatabase(*m_direct); // also ends PgBouncer's server connections to it
    }
    m_direct.reset();
}

std::unique_ptr<Database> TestPooler::openPooled(Database::OpenMode mode)
{
    auto db = Database::open(m_pooled, QStringLiteral("tester"), mode);
    if (!db) {
        qWarning("%s", qPrintable(db.error().message));
        return nullptr;
    }
    return std::move(*db);
}

void TestPooler::statementsRunOnAnyServerConnection()
{
    // While b and c hold server connections in their transactions, a's statements run on
    // another one than before: a statement prepared on the first is not there.
    auto a = openPooled();
    auto b = openPooled();
    auto c = openPooled();
    QVERIFY(a && b && c);
    for (int round = 0; round < 4; ++round) {
        auto first = a->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u1")}});
        QVERIFY2(first && first->next(), first ? "no row" : qPrintable(first.error().message));
        QCOMPARE(first->integer(0), 1);
        const Status held = b->writeTransaction([&]() -> Status {
            if (auto rows = b->run(CountUsers, {{QStringLiteral(":id"), QString()}}); !rows)
                return rows.error();
            return c->readTransaction([&]() -> Status {
                auto again = a->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u2")}});
                if (!again)
                    return again.error();
                if (!again->next() || again->integer(0) != 1)
                    return Error::database(QStringLiteral("a read the wrong count"));
                return a->writeTransaction([&]() -> Status {
                    auto rows = a->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u1")}});
                    return rows ? Status() : Status(rows.error());
                });
            });
        });
        QVERIFY2(held, qPrintable(status(held)));
    }
}

void TestPooler::concurrentClientsThroughThePooler()
{
    // Clients of their own, on threads of their own, each reading and writing through the pooler.
    constexpr int Clients = 4;
    constexpr int Rounds = 60;
    std::atomic<int> failures{0};
    QStringList errors(Clients);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int client = 0; client < Clients; ++client) {
        threads.emplace_back(QThread::create([&, client] {
            auto db = openPooled();
            if (!db) {
                ++failures;
                return;
            }
            for (int round = 0; round < Rounds && failures == 0; ++round) {
                auto rows = db->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u1")}});
                Status s = rows ? Status() : Status(rows.error());
                if (s) {
                    s = db->writeTransaction([&]() -> Status {
                        auto inserted = db->run(
                            QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\") VALUES (:id, :email)"),
                            {{QStringLiteral(":id"), QStringLiteral("c%1-%2").arg(client).arg(round)},
                             {QStringLiteral(":email"), QStringLiteral("c%1-%2@example.com").arg(client).arg(round)}});
                        if (!inserted)
                            return inserted.error();
                        auto counted = db->run(CountUsers, {{QStringLiteral(":id"), QString()}});
                        return counted ? Status() : Status(counted.error());
                    });
                }
                if (!s) {
                    errors[client] = s.error().message;
                    ++failures;
                }
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(120000));
    QVERIFY2(failures == 0, qPrintable(errors.join(QStringLiteral("; "))));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"User\"")).toLongLong(),
             2 + Clients * Rounds);
}

void TestPooler::valuesReadAsTheQtDriverReadThem()
{
    // Every value type a caller reads comes as Qt's PostgreSQL driver gave it.
    const QString sql = QStringLiteral(
        "SELECT true, false, CAST(7 AS smallint), 42, CAST(-9000000000 AS bigint), CAST(9000000000 AS bigint), "
        "CAST(12.5 AS numeric), CAST(2.25 AS double precision), 'tëxt', CAST('v' AS varchar(4)), "
        "CAST('2026-12-05' AS date), CAST('2026-03-29 02:30:00.123' AS timestamp(3)), "
        "CAST('2026-12-05 10:00:00+01' AS timestamptz), CAST('\\x00ff5c41' AS bytea), CAST(NULL AS integer), "
        "CAST(NULL AS timestamp(3)), CAST(NULL AS text), CAST('{\"a\": 1}' AS json), "
        "CAST('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11' AS uuid), count(*) FROM \"User\"");
    auto ours = openPooled();
    QVERIFY(ours);
    auto rows = ours->run(sql);
    QVERIFY2(rows && rows->next(), rows ? "no row" : qPrintable(rows.error().message));

    QSqlDatabase qt = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("pooler-values"));
    qt.setHostName(m_direct->host);
    qt.setPort(m_direct->port);
    qt.setUserName(m_direct->user);
    qt.setDatabaseName(m_direct->database);
    QVERIFY2(qt.open(), qPrintable(qt.lastError().text()));
    {
        QSqlQuery query(qt);
        query.setForwardOnly(true);
        QVERIFY2(query.exec(sql) && query.next(), qPrintable(query.lastError().text()));
        const Dialect &dialect = ours->dialect();
        for (int column = 0; column < rows->columnCount(); ++column) {
            const QVariant mine = rows->value(column);
            const QVariant theirs = query.value(column);
            const QString where = QStringLiteral("column %1: %2 (%3) vs Qt's %4 (%5)")
                                      .arg(column)
                                      .arg(mine.toString(), QString::fromLatin1(mine.typeName()), theirs.toString(),
                                           QString::fromLatin1(theirs.typeName()));
            QCOMPARE(rows->isNull(column), query.isNull(column));
            if (theirs.typeId() == QMetaType::QDateTime) {
                // Qt's driver marks a timestamp as local time; the ledger reads it as UTC.
                QCOMPARE(mine.typeId(), QMetaType::QDateTime);
                QVERIFY2(dialect.readTimestamp(mine) == dialect.readTimestamp(theirs), qPrintable(where));
                if (!mine.isNull())
                    QCOMPARE(mine.toDateTime().timeSpec(), Qt::UTC);
                continue;
            }
            // Qt gives a positive bigint as an unsigned number; callers read it as qint64.
            if (theirs.typeId() == QMetaType::ULongLong) {
                QCOMPARE(mine.typeId(), QMetaType::LongLong);
                QCOMPARE(mine.toLongLong(), theirs.toLongLong());
                continue;
            }
            QVERIFY2(mine.typeId() == theirs.typeId(), qPrintable(where));
            QVERIFY2(mine == theirs, qPrintable(where));
            QVERIFY2(rows->text(column) == theirs.toString(), qPrintable(where));
        }
    }
    qt.close();
    qt = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("pooler-values"));
}

void TestPooler::readOnlyStaysReadOnly()
{
    // Opened for reading only, through the pooler: refused inside a transaction and outside one,
    // and the refusal stays with this client: another one writes as before.
    auto reader = openPooled(Database::OpenMode::ReadOnly);
    auto writer = openPooled();
    QVERIFY(reader && writer);
    const QString insert = QStringLiteral("INSERT INTO \"User\" (\"id\", \"email\") VALUES (:id, :id)");
    for (int round = 0; round < 3; ++round) {
        auto outside = reader->run(insert, {{QStringLiteral(":id"), QStringLiteral("r%1").arg(round)}});
        QVERIFY(!outside);
        QVERIFY2(outside.error().message.contains(QLatin1String("read-only")), qPrintable(outside.error().message));
        const Status inside = reader->writeTransaction([&]() -> Status {
            auto rows = reader->run(insert, {{QStringLiteral(":id"), QStringLiteral("t%1").arg(round)}});
            return rows ? Status() : Status(rows.error());
        });
        QVERIFY(!inside);
        auto written = writer->run(insert, {{QStringLiteral(":id"), QStringLiteral("w%1").arg(round)}});
        QVERIFY2(written, written ? "" : qPrintable(written.error().message));
        const Status inTransaction = writer->writeTransaction([&]() -> Status {
            auto rows = writer->run(insert, {{QStringLiteral(":id"), QStringLiteral("x%1").arg(round)}});
            return rows ? Status() : Status(rows.error());
        });
        QVERIFY2(inTransaction, qPrintable(status(inTransaction)));
    }
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM \"User\" WHERE \"id\" LIKE 'r%' OR "
                                                "\"id\" LIKE 't%'"))
                 .toLongLong(),
             0);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM \"User\" WHERE \"id\" LIKE 'w%' OR "
                                                "\"id\" LIKE 'x%'"))
                 .toLongLong(),
             6);
}

void TestPooler::nothingIsLeftOnTheServerConnections()
{
    // XP Admin's clients come and go, reading, writing and read-only, with short waits for locks.
    for (int round = 0; round < 3; ++round) {
        auto reader = openPooled(Database::OpenMode::ReadOnly);
        auto writer = openPooled();
        QVERIFY(reader && writer);
        writer->waits().setLimit(1500);
        QVERIFY(reader->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u1")}}));
        QVERIFY(reader->readTransaction([&]() -> Status {
            auto rows = reader->run(CountUsers, {{QStringLiteral(":id"), QStringLiteral("u2")}});
            return rows ? Status() : Status(rows.error());
        }));
        QVERIFY(writer->writeTransaction([&]() -> Status {
            auto rows = writer->run(QStringLiteral("UPDATE \"User\" SET \"name\" = :name WHERE \"id\" = 'u1'"),
                                    {{QStringLiteral(":name"), QStringLiteral("round %1").arg(round)}});
            return rows ? Status() : Status(rows.error());
        }));
    }
    // Every server connection the pooler holds for this database, each seen by a client of
    // another kind (libpq, nothing set) in a transaction that keeps it from the others.
    const qint64 servers = TestBackend::scalar(*m_db,
                                               QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE "
                                                              "datname = current_database() AND "
                                                              "pid <> pg_backend_pid()"))
                               .toLongLong();
    QVERIFY(servers > 0);
    const QByteArray conninfo = QStringLiteral("host=%1 port=%2 user=%3 dbname=%4")
                                    .arg(m_pooled.host)
                                    .arg(m_pooled.port)
                                    .arg(m_pooled.user, m_pooled.database)
                                    .toUtf8();
    std::vector<PGconn *> observers;
    QStringList seen;
    QSet<QString> pids;
    for (qint64 i = 0; i < servers; ++i) {
        PGconn *observer = PQconnectdb(conninfo.constData());
        observers.push_back(observer);
        QVERIFY2(PQstatus(observer) == CONNECTION_OK, PQerrorMessage(observer));
        PQclear(PQexec(observer, "BEGIN"));
        PGresult *result = PQexec(observer,
                                  "SELECT pg_backend_pid(), current_setting('default_transaction_read_only'), "
                                  "current_setting('lock_timeout'), current_setting('client_min_messages'), "
                                  "current_setting('bytea_output'), current_setting('statement_timeout'), "
                                  "(SELECT count(*) FROM pg_prepared_statements), current_setting('TimeZone'), "
                                  "current_setting('DateStyle')");
        QVERIFY2(PQresultStatus(result) == PGRES_TUPLES_OK, PQerrorMessage(observer));
        pids.insert(QString::fromLatin1(PQgetvalue(result, 0, 0)));
        QStringList values;
        for (int column = 1; column < PQnfields(result); ++column)
            values << QString::fromUtf8(PQgetvalue(result, 0, column));
        seen << values.join(QLatin1Char(' '));
        PQclear(result);
    }
    // Their defaults: the server's, or what PgBouncer sets for each client (TimeZone, DateStyle).
    const QString defaults
        = TestBackend::scalar(*m_db,
                              QStringLiteral("SELECT concat_ws(' ', 'off', '0', 'notice', 'hex', '0', "
                                             "'0', (SELECT reset_val FROM pg_settings WHERE name = "
                                             "'TimeZone'), (SELECT reset_val FROM pg_settings "
                                             "WHERE name = 'DateStyle'))"))
              .toString();
    for (PGconn *observer : observers)
        PQfinish(observer);
    QCOMPARE(qint64(pids.size()), servers);
    for (const QString &values : std::as_const(seen))
        QCOMPARE(values, defaults);
}

QTEST_GUILESS_MAIN(TestPooler)
#include "TestPooler.moc"
