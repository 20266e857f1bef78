#include "core/db/ConnectionSpec.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/domain/Validation.h"

#include <QSet>
#include <QTest>

// What a person types, parsed or refused with the field and value named.
class TestInputParsing final : public QObject
{
    Q_OBJECT

private slots:
    void amounts_data();
    void amounts();
    void enumNamesListTheValidOnes();
    void connectionSpecs_data();
    void connectionSpecs();
    void badConnectionSpecs_data();
    void badConnectionSpecs();
    void cuidsAreUniqueAndPrismaShaped();
    void timestampsRoundTrip();
    void userDates();
};

void TestInputParsing::amounts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("positive") << "25" << true << 25 << "";
    QTest::newRow("negative with blanks") << " -40 " << true << -40 << "";
    QTest::newRow("plus sign") << "+7" << true << 7 << "";
    QTest::newRow("32-bit max") << "2147483647" << true << 2147483647 << "";
    QTest::newRow("zero") << "0" << false << 0 << "must not be 0";
    QTest::newRow("word") << "abc" << false << 0 << "\"abc\" is not a whole number";
    QTest::newRow("decimal") << "1.5" << false << 0 << "not a whole number";
    QTest::newRow("empty") << "" << false << 0 << "not a whole number";
    QTest::newRow("over 32 bits") << "2147483648" << false << 0 << "out of range";
    QTest::newRow("way over 64 bits") << "99999999999999999999999" << false << 0 << "out of range";
}

void TestInputParsing::amounts()
{
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(int, value);
    QFETCH(QString, mentions);
    auto parsed = Validation::amount(QStringLiteral("--amount"), text);
    QCOMPARE(parsed.ok(), ok);
    if (ok) {
        QCOMPARE(*parsed, value);
    } else {
        QVERIFY2(parsed.error().message.startsWith(QStringLiteral("--amount")), qPrintable(parsed.error().message));
        QVERIFY2(parsed.error().message.contains(mentions), qPrintable(parsed.error().message));
    }
}

void TestInputParsing::enumNamesListTheValidOnes()
{
    QCOMPARE(*Validation::category(QStringLiteral("--category"), QStringLiteral("STREAK_BONUS")),
             Category::StreakBonus);
    auto category = Validation::category(QStringLiteral("--category"), QStringLiteral("bonus"));
    QVERIFY(!category);
    QVERIFY2(category.error().message.contains(QStringLiteral("CORRECT_ANSWER, STREAK_BONUS, ACHIEVEMENT, MANUAL")),
             qPrintable(category.error().message));
    auto type = Validation::sourceType(QStringLiteral("--source-type"), QStringLiteral("manual_adjustment"));
    QVERIFY(!type);
    QVERIFY2(type.error().message.contains(QStringLiteral("USER_PROBLEM_ATTEMPT, MANUAL_ADJUSTMENT")),
             qPrintable(type.error().message));
}

void TestInputParsing::connectionSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("user");
    QTest::newRow("full url") << "postgresql://ops:secret@db.internal:6543/ledger?sslmode=require" << true
                              << "db.internal" << 6543 << "ledger"
                              << "ops";
    QTest::newRow("short scheme, default port") << "postgres://ops@localhost/app" << true << "localhost" << 0 << "app"
                                                << "ops";
    QTest::newRow("file") << "/tmp/ledger.sqlite" << false << "" << 0 << ""
                          << "";
}

void TestInputParsing::connectionSpecs()
{
    QFETCH(QString, text);
    QFETCH(bool, postgres);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, database);
    QFETCH(QString, user);
    auto spec = ConnectionSpec::parse(text);
    QVERIFY2(spec, qPrintable(spec ? QString() : spec.error().message));
    QCOMPARE(spec->backend == ConnectionSpec::Backend::Postgres, postgres);
    QCOMPARE(spec->host, host);
    QCOMPARE(spec->port, port);
    QCOMPARE(spec->database, database);
    QCOMPARE(spec->user, user);
    QVERIFY(!spec->displayName().contains(QStringLiteral("secret")));
}

void TestInputParsing::badConnectionSpecs_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("port out of range") << "postgresql://h:99999/db"
                                       << "not a valid PostgreSQL URL";
    QTest::newRow("port not a number") << "postgresql://h:abc/db"
                                       << "not a valid PostgreSQL URL";
    QTest::newRow("no database") << "postgresql://ops@host"
                                 << "names no database";
    QTest::newRow("other engine") << "mysql://ops@host/db"
                                  << "unknown kind of database";
    QTest::newRow("unknown option") << "postgresql://h/db?colour=blue"
                                    << "unknown connection option";
}

void TestInputParsing::badConnectionSpecs()
{
    QFETCH(QString, text);
    QFETCH(QString, mentions);
    auto spec = ConnectionSpec::parse(text);
    QVERIFY(!spec);
    QCOMPARE(spec.error().kind, Error::Kind::Input);
    QVERIFY2(spec.error().message.contains(mentions), qPrintable(spec.error().message));
}

void TestInputParsing::cuidsAreUniqueAndPrismaShaped()
{
    QSet<QString> seen;
    for (int i = 0; i < 20000; ++i) {
        const QString id = Cuid::generate();
        QCOMPARE(id.size(), 25);
        QVERIFY2(Cuid::looksValid(id), qPrintable(id));
        seen.insert(id);
    }
    QCOMPARE(seen.size(), 20000);
}

void TestInputParsing::timestampsRoundTrip()
{
    const QDateTime now = Timestamp::now();
    QCOMPARE(now.timeSpec(), Qt::UTC);
    QCOMPARE(Timestamp::fromSql(Timestamp::toSql(now)), now);
    QCOMPARE(Timestamp::fromIso(Timestamp::toIso(now)), now);
    QVERIFY(Timestamp::toIso(now).endsWith(QLatin1Char('Z')));
    QCOMPARE(Timestamp::toSql(QDateTime(QDate(2026, 3, 1), QTime(4, 5, 6, 7), Qt::UTC)),
             QStringLiteral("2026-03-01 04:05:06.007"));
}

void TestInputParsing::userDates()
{
    const QDateTime day = Timestamp::parseUserInput(QStringLiteral("2026-11-01"));
    QCOMPARE(day, QDateTime(QDate(2026, 11, 1), QTime(0, 0)).toUTC());
    QCOMPARE(Timestamp::parseUserInput(QStringLiteral("2026-11-01"), true),
             QDateTime(QDate(2026, 11, 2), QTime(0, 0)).toUTC());
    QCOMPARE(Timestamp::parseUserInput(QStringLiteral("2026-11-01T10:00:00Z")),
             QDateTime(QDate(2026, 11, 1), QTime(10, 0), Qt::UTC));
    QVERIFY(!Timestamp::parseUserInput(QStringLiteral("yesterday")).isValid());
    QVERIFY(!Timestamp::parseUserInput(QStringLiteral("2026-13-01")).isValid());
}

QTEST_GUILESS_MAIN(TestInputParsing)
#include "TestInputParsing.moc"
