#include "core/db/TableNames.h"

#include <QTest>

// The one mapping of the web app's table names to their schema: every quoted name of a table or
// enum type is qualified once, and nothing else in a statement changes.
class TestTableNames final : public QObject
{
    Q_OBJECT

private slots:
    void qualifiesTablesAndTypes_data();
    void qualifiesTablesAndTypes();
    void sqliteIsLeftAsWritten();
    void defaultSchemaIsPublic();
    void schemaNamesAreChecked();
    void schemaSurvivesTheUrl();
};

void TestTableNames::qualifiesTablesAndTypes_data()
{
    QTest::addColumn<QString>("sql");
    QTest::addColumn<QString>("expected");
    QTest::newRow("from") << QStringLiteral(R"(SELECT "amount" FROM "UserXP" WHERE "userId" = :u)")
                          << QStringLiteral(R"(SELECT "amount" FROM "app"."UserXP" WHERE "userId" = :u)");
    QTest::newRow("join and alias")
        << QStringLiteral(R"(SELECT u."id" FROM "User" u JOIN "UserProfile" p ON p."userId" = u."id")")
        << QStringLiteral(R"(SELECT u."id" FROM "app"."User" u JOIN "app"."UserProfile" p ON p."userId" = u."id")");
    QTest::newRow("column qualified by its table")
        << QStringLiteral(
               R"(INSERT INTO "UserProfile" AS t VALUES (1) ON CONFLICT ("userId") DO UPDATE SET "totalXP" = "UserProfile"."totalXP" + 1)")
        << QStringLiteral(
               R"(INSERT INTO "app"."UserProfile" AS t VALUES (1) ON CONFLICT ("userId") DO UPDATE SET "totalXP" = "UserProfile"."totalXP" + 1)");
    QTest::newRow("already qualified") << QStringLiteral(R"(SELECT 1 FROM "app"."UserXP")")
                                       << QStringLiteral(R"(SELECT 1 FROM "app"."UserXP")");
    QTest::newRow("enum casts") << QStringLiteral(R"(VALUES (CAST(? AS "XPSourceType"), CAST(? AS "XPCategory")))")
                                << QStringLiteral(
                                       R"(VALUES (CAST(? AS "app"."XPSourceType"), CAST(? AS "app"."XPCategory")))");
    QTest::newRow("literal") << QStringLiteral(R"(SELECT '"UserXP" isn''t "User"' FROM "User")")
                             << QStringLiteral(R"(SELECT '"UserXP" isn''t "User"' FROM "app"."User")");
    QTest::newRow("comment") << QStringLiteral("SELECT 1 -- from \"UserXP\"\nFROM \"UserXP\"")
                             << QStringLiteral("SELECT 1 -- from \"UserXP\"\nFROM \"app\".\"UserXP\"");
    QTest::newRow("other names") << QStringLiteral(R"(CREATE INDEX "UserXP_createdAt_idx" ON "UserXP"("createdAt"))")
                                 << QStringLiteral(
                                        R"(CREATE INDEX "UserXP_createdAt_idx" ON "app"."UserXP"("createdAt"))");
    QTest::newRow("copy") << QStringLiteral(R"(COPY "UserXP" ("id", "userId") FROM STDIN)")
                          << QStringLiteral(R"(COPY "app"."UserXP" ("id", "userId") FROM STDIN)");
    QTest::newRow("grant") << QStringLiteral(R"(GRANT SELECT ON TABLE "User", "UserProfile", "UserXP" TO x)")
                           << QStringLiteral(
                                  R"(GRANT SELECT ON TABLE "app"."User", "app"."UserProfile", "app"."UserXP" TO x)");
    QTest::newRow("none") << QStringLiteral("COMMIT") << QStringLiteral("COMMIT");
}

void TestTableNames::qualifiesTablesAndTypes()
{
    QFETCH(QString, sql);
    QFETCH(QString, expected);
    const TableNames names(ConnectionSpec::Backend::Postgres, QStringLiteral("app"));
    QCOMPARE(names.qualify(sql), expected);
    QCOMPARE(names.qualify(expected), expected);
}

void TestTableNames::sqliteIsLeftAsWritten()
{
    const TableNames names(ConnectionSpec::Backend::Sqlite, {});
    const QString sql = QStringLiteral(R"(SELECT 1 FROM "UserXP" JOIN "User" ON 1)");
    QCOMPARE(names.qualify(sql), sql);
    QCOMPARE(names.qualified(QStringLiteral("UserXP")), QStringLiteral("\"UserXP\""));
}

void TestTableNames::defaultSchemaIsPublic()
{
    const TableNames names(ConnectionSpec::Backend::Postgres, {});
    QCOMPARE(names.schema(), QStringLiteral("public"));
    QCOMPARE(names.qualify(QStringLiteral(R"(DELETE FROM "UserXP")")),
             QStringLiteral(R"(DELETE FROM "public"."UserXP")"));
    QCOMPARE(names.qualified(QStringLiteral("UserXP_createdAt_idx")),
             QStringLiteral(R"("public"."UserXP_createdAt_idx")"));
    QCOMPARE(names.schemaLiteral(), QStringLiteral("'public'"));
}

void TestTableNames::schemaNamesAreChecked()
{
    ConnectionSpec spec;
    spec.backend = ConnectionSpec::Backend::Postgres;
    for (const QString &good : {QString(), QStringLiteral("app"), QStringLiteral("App_2"), QStringLiteral("my-app")}) {
        spec.appSchema = good;
        QVERIFY2(TableNames::check(spec), qPrintable(good));
    }
    for (const QString &bad :
         {QStringLiteral("a\"b"), QStringLiteral("a'b"), QStringLiteral("a b"), QStringLiteral("9a"),
          QStringLiteral("PG_TOAST"), QStringLiteral("xpadmin"), QString(64, QLatin1Char('a'))}) {
        spec.appSchema = bad;
        const Status status = TableNames::check(spec);
        QVERIFY2(!status && status.error().kind == Error::Kind::Input, qPrintable(bad));
    }
}

void TestTableNames::schemaSurvivesTheUrl()
{
    // The recent-databases list and the last database keep displayName(): reopened, it is the same schema.
    const auto spec
        = ConnectionSpec::parse(QStringLiteral("postgresql://app:secret@db:5432/app?schema=web&sslmode=require"));
    QVERIFY(spec);
    QCOMPARE(spec->appSchema, QStringLiteral("web"));
    const auto again = ConnectionSpec::parse(spec->displayName());
    QVERIFY(again);
    QCOMPARE(again->appSchema, QStringLiteral("web"));
    QVERIFY(!spec->displayName().contains(QLatin1String("secret")));
    const auto plain = ConnectionSpec::parse(QStringLiteral("postgresql://app@db/app"));
    QVERIFY(plain && plain->appSchema.isEmpty());
}

QTEST_GUILESS_MAIN(TestTableNames)

#include "TestTableNames.moc"
