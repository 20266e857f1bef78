#include "tests/capture/CaptureFixture.h"

#include "tests/capture/PostgresTools.h"
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/users/Users.h"

#include <QFile>
#include <QProcess>
#include <QTest>

const QString CaptureFixture::AppRole = QStringLiteral("xp_capture_app");

bool CaptureFixture::makeAppRole(QString *why)
{
    return TestBackend::adminExec(QStringLiteral("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                                                 "'%1') THEN CREATE ROLE %1 LOGIN; END IF; END $$")
                                      .arg(AppRole),
                                  why);
}

void CaptureFixture::addSchemaRows()
{
    QTest::addColumn<QString>("schema");
    QTest::newRow("public") << QStringLiteral("public");
    QTest::newRow("schema=app") << QStringLiteral("app");
}

void CaptureFixture::openLedger()
{
    QFETCH_GLOBAL(QString, schema);
    m_schema = schema;
    XP_FRESH_DATABASE(m_spec);
    // Prisma's migration, in the app's schema.
    const QString setup
        = m_schema == QLatin1String("public") ? QString() : QStringLiteral("CREATE SCHEMA %1;\n").arg(m_schema);
    QFile migration(QStringLiteral(XPADMIN_FIXTURES "/postgresql-migration.sql"));
    QVERIFY(migration.open(QIODevice::ReadOnly));
    const QString migrationSql = QString::fromUtf8(migration.readAll());
    QString errors;
    QVERIFY2(psql(m_spec->user, QStringLiteral("migrate"), setup + migrationSql, &errors), qPrintable(errors));
    m_spec->appSchema = m_schema == QLatin1String("public") ? QString() : m_schema;
    QString why;
    m_db = TestBackend::openInitialized(*m_spec, &why);
    QVERIFY2(m_db, qPrintable(why));
    QVERIFY(m_db->execute(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2").arg(m_schema, AppRole)));
    QVERIFY(m_db->execute(QStringLiteral("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %1 TO %2")
                              .arg(m_schema, AppRole)));
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("one@example.com"), QStringLiteral("One")));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("two@example.com"), QStringLiteral("Two")));
}

void CaptureFixture::closeLedger()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QString CaptureFixture::urlAs(const QString &role) const
{
    ConnectionSpec spec = *m_spec;
    spec.user = role;
    spec.appSchema.clear();
    return spec.toUrl(true);
}

bool CaptureFixture::psql(const QString &role, const QString &application, const QString &sql, QString *errors)
{
    return PostgresTools::psql(urlAs(role), application, m_schema, sql, errors);
}

QString CaptureFixture::insertRow(const QString &id, const QString &user, int amount) const
{
    // As Prisma's client writes a row: every column given, times in UTC.
    return QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                          "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES ('%1', '%2', %3, "
                          "'USER_PROBLEM_ATTEMPT', 'attempt-%1', 'Correct answer', 'CORRECT_ANSWER', "
                          "now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC');\n")
        .arg(id, user)
        .arg(amount);
}

QString CaptureFixture::dumpAppSchema()
{
    QProcess process;
    process.start(PostgresTools::program(QStringLiteral("pg_dump")),
                  {QStringLiteral("--schema-only"), QStringLiteral("--schema=%1").arg(m_schema),
                   QStringLiteral("--restrict-key=xpadmintest"), urlAs(m_spec->user)});
    if (!process.waitForFinished(60000) || process.exitCode() != 0) {
        qWarning("pg_dump failed: %s", process.readAllStandardError().constData());
        return {};
    }
    return QString::fromUtf8(process.readAllStandardOutput());
}

QList<AuditEvent> CaptureFixture::eventsAfter(qint64 seq)
{
    auto events = AuditLog(*m_db).page(seq, 100000);
    if (!events)
        qFatal("%s", qPrintable(events.error().message));
    return *events;
}

qint64 CaptureFixture::lastSeq()
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT COALESCE(max(seq), 0) FROM xpadmin.audit_event"))
        .toLongLong();
}
