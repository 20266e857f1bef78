#include "tests/support/TestBackend.h"

#include "core/db/Schema.h"
#include "core/ledger/Ledger.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

bool TestBackend::isPostgres()
{
    return qEnvironmentVariable("XPADMIN_TEST_BACKEND") == QLatin1String("postgres");
}

QString TestBackend::name()
{
    return isPostgres() ? QStringLiteral("postgres") : QStringLiteral("sqlite");
}

bool TestBackend::serverRequired()
{
    return qEnvironmentVariable("CI") == QLatin1String("true");
}

bool TestBackend::adminExec(const QString &sql, QString *why)
{
    const auto server = ConnectionSpec::parse(qEnvironmentVariable("XPADMIN_TEST_PG_URL"));
    if (!server || server->backend != ConnectionSpec::Backend::Postgres) {
        *why = QStringLiteral("XPADMIN_TEST_PG_URL names no PostgreSQL server (run the tests with run-tests.sh)");
        return false;
    }
    bool ok = false;
    {
        QSqlDatabase admin = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("xpadmin-test-admin"));
        admin.setHostName(server->host);
        if (server->port > 0)
            admin.setPort(server->port);
        admin.setUserName(server->user);
        admin.setPassword(server->password);
        admin.setDatabaseName(server->database);
        if (!admin.open()) {
            *why = QStringLiteral("Cannot reach the PostgreSQL test server: ") + admin.lastError().text();
        } else {
            QSqlQuery query(admin);
            ok = query.exec(sql);
            if (!ok)
                *why = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("xpadmin-test-admin"));
    return ok;
}

std::optional<ConnectionSpec> TestBackend::freshDatabase(QString *why)
{
    if (!isPostgres()) {
        // Kept for the life of the test process; the OS removes /tmp files at its own pace.
        static QTemporaryDir dir;
        if (!dir.isValid()) {
            *why = QStringLiteral("Cannot create a temporary folder");
            return std::nullopt;
        }
        auto spec = ConnectionSpec::parse(
            dir.filePath(QStringLiteral("ledger-%1.sqlite").arg(QUuid::createUuid().toString(QUuid::Id128))));
        return spec ? std::optional(*spec) : std::nullopt;
    }
    const QString name = QStringLiteral("xpt_%1").arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
    // FILE_COPY copies template1's files instead of writing every page of it to the WAL, which
    // the test standby would then replay: a suite makes a database for nearly every test function
    // (docs/ci-time.md). Servers before PostgreSQL 15 know no STRATEGY and copy files anyway.
    if (!adminExec(QStringLiteral("CREATE DATABASE %1 STRATEGY FILE_COPY").arg(name), why)
        && !adminExec(QStringLiteral("CREATE DATABASE %1").arg(name), why))
        return std::nullopt;
    auto spec = ConnectionSpec::parse(qEnvironmentVariable("XPADMIN_TEST_PG_URL"));
    spec->database = name;
    return *spec;
}

std::unique_ptr<Database> TestBackend::openInitialized(const ConnectionSpec &spec, QString *why,
                                                       const QString &operatorName)
{
    auto db = Database::open(spec, operatorName);
    if (!db) {
        *why = db.error().message;
        return nullptr;
    }
    if (auto state = Schema::ensure(**db); !state) {
        *why = state.error().message;
        return nullptr;
    }
    return std::move(*db);
}

void TestBackend::dropDatabase(const ConnectionSpec &spec)
{
    if (spec.backend != ConnectionSpec::Backend::Postgres)
        return;
    QString ignored;
    static_cast<void>(
        adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(spec.database), &ignored));
}

QVariant TestBackend::scalar(Database &db, const QString &sql, const Bindings &bindings)
{
    auto rows = db.run(sql, bindings);
    if (!rows) {
        qWarning("%s", qPrintable(rows.error().message));
        return {};
    }
    return rows->next() ? rows->value(0) : QVariant();
}

qint64 TestBackend::usersWithWrongTotal(Database &db)
{
    return scalar(db,
                  QStringLiteral(
                      "SELECT count(*) FROM \"User\" u "
                      "LEFT JOIN \"UserProfile\" p ON p.\"userId\" = u.\"id\" "
                      "WHERE COALESCE(p.\"totalXP\", 0) <> "
                      "(SELECT COALESCE(SUM(x.\"amount\"), 0) FROM \"UserXP\" x WHERE x.\"userId\" = u.\"id\")"))
        .toLongLong();
}

QByteArray TestBackend::contentDigest(Database &db)
{
    const auto fail = [](const QString &what, const Error &error) {
        qFatal("cannot read %s: %s", qPrintable(what), qPrintable(error.message));
    };
    auto tables = db.run(db.dialect().isPostgres()
                             ? QStringLiteral("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) "
                                              "FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                                              "AND table_schema NOT IN ('pg_catalog', 'information_schema') "
                                              "ORDER BY 1")
                             : QStringLiteral("SELECT '\"' || replace(name, '\"', '\"\"') || '\"' FROM sqlite_master "
                                              "WHERE type = 'table' ORDER BY name"));
    if (!tables)
        fail(QStringLiteral("the list of tables"), tables.error());
    QStringList names;
    while (tables->next())
        names << tables->text(0);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &table : std::as_const(names)) {
        auto rows = db.run(QStringLiteral("SELECT * FROM ") + table);
        if (!rows)
            fail(table, rows.error());
        // Rows in a canonical order, whatever order the engine returns them in.
        QStringList lines;
        while (rows->next()) {
            QStringList cells;
            for (int column = 0; column < rows->columnCount(); ++column)
                cells << (rows->isNull(column) ? QStringLiteral("\\N") : rows->text(column));
            lines << cells.join(QLatin1Char('\x1f'));
        }
        lines.sort();
        const QByteArray content = table.toUtf8() + '\n' + lines.join(QLatin1Char('\x1e')).toUtf8() + '\n';
        hash.addData(content);
    }
    return hash.result().toHex();
}

QStringList TestBackend::indexesOf(Database &db, const QString &table)
{
    QStringList found;
    auto rows
        = db.run(db.dialect().isPostgres()
                     ? QStringLiteral("SELECT indexdef FROM pg_indexes WHERE tablename = :table ORDER BY indexname")
                     : QStringLiteral("SELECT name || ': ' || COALESCE(sql, '(automatic)') FROM sqlite_master "
                                      "WHERE type = 'index' AND tbl_name = :table ORDER BY name"),
                 {{QStringLiteral(":table"), table}});
    if (!rows)
        qFatal("cannot list the indexes of %s: %s", qPrintable(table), qPrintable(rows.error().message));
    while (rows->next())
        found << rows->text(0);
    return found;
}

QString TestBackend::award(Database &db, const QString &userId, qint64 amount, const QString &sourceId)
{
    AwardRequest request;
    request.userId = userId;
    request.amount = amount;
    request.sourceId = sourceId;
    request.description = QStringLiteral("Quiz ") + sourceId;
    auto done = Ledger(db).award(request);
    if (!done) {
        qWarning("%s", qPrintable(done.error().message));
        return {};
    }
    return done->rows.constFirst().id;
}
