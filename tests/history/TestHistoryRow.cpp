#include "tests/support/TestBackend.h"

#include "core/db/PostgresValue.h"
#include "core/db/RowView.h"
#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/history/HistoryRow.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/TransactionRows.h"

#include <QTest>

// The history's rows read straight from the driver (Database::scan, HistoryRow::read) hold what
// the general reader (SqlRows, TransactionRows::read) finds in the same rows: text in other
// scripts, every enum value, timestamps whose fraction PostgreSQL prints short.
class TestHistoryRow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void rowsEqualTheGeneralReader();
    void timestampsAsTheSlowPathReadsThem_data();
    void timestampsAsTheSlowPathReadsThem();
    void scanBindsByNameAndReportsErrors();

private:
    std::unique_ptr<Database> m_db;
};

void TestHistoryRow::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(DemoGenerator(*m_db).generate({5, 20, 10, 3}));
    const QString user = TestBackend::scalar(*m_db, QStringLiteral("SELECT \"id\" FROM \"User\" LIMIT 1")).toString();
    const Dialect &d = m_db->dialect();
    const QString insert = QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                          "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                                          "VALUES (:id, :user, :amount, %1, :source, :description, %2, %3, %4)")
                               .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":cat")),
                                    d.timestampParam(QStringLiteral(":at")), d.timestampParam(QStringLiteral(":up")));
    // Fractions of .000, .100, .120 and .123 s: PostgreSQL prints them "", ".1", ".12", ".123".
    const QStringList times{QStringLiteral("2030-01-02 03:04:05.000"), QStringLiteral("2030-01-02 03:04:05.100"),
                            QStringLiteral("2030-02-28 23:59:59.120"), QStringLiteral("2032-02-29 00:00:00.123")};
    const QStringList texts{QStringLiteral(""), QStringLiteral("Ünïcödé ✓ 漢字 🎉"),
                            QStringLiteral("a\tb \"quoted\" 'x'"), QStringLiteral("x").repeated(500)};
    const Status written = m_db->writeTransaction([&]() -> Status {
        for (int i = 0; i < 4; ++i) {
            auto ran = m_db->run(insert,
                                 {{QStringLiteral(":id"), QStringLiteral("edge-%1-é").arg(i)},
                                  {QStringLiteral(":user"), user},
                                  {QStringLiteral(":amount"), i % 2 ? -1000000 * i : 2147483647 - i},
                                  {QStringLiteral(":type"), XpEnums::sourceTypeNames().at(i)},
                                  {QStringLiteral(":source"), texts.at(3 - i)},
                                  {QStringLiteral(":description"), texts.at(i)},
                                  {QStringLiteral(":cat"), XpEnums::categoryNames().at(3 - i)},
                                  {QStringLiteral(":at"), times.at(i)},
                                  {QStringLiteral(":up"), times.at(3 - i)}});
            if (!ran)
                return ran.error();
        }
        return {};
    });
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
}

void TestHistoryRow::cleanupTestCase()
{
    m_db.reset();
}

void TestHistoryRow::rowsEqualTheGeneralReader()
{
    auto general = m_db->run(QStringLiteral("SELECT %1 FROM \"UserXP\" ORDER BY \"createdAt\" DESC, \"id\" DESC")
                                 .arg(TransactionRows::columns()));
    QVERIFY(general);
    QList<XpTransaction> expected;
    while (general->next())
        expected << TransactionRows::read(*general, m_db->dialect());
    auto compact = HistoryQuery(*m_db).compactPage({}, std::nullopt, 100000);
    QVERIFY(compact);
    QCOMPARE(compact->size(), expected.size());
    QVERIFY(expected.size() > 20);
    // And straight into XpTransactions, as a statement reads its lines.
    QList<XpTransaction> direct;
    QVERIFY(m_db->scan(QStringLiteral("SELECT %1 FROM \"UserXP\" ORDER BY \"createdAt\" DESC, \"id\" DESC")
                           .arg(TransactionRows::columns()),
                       {}, [&](const RowView &row) { direct << HistoryRow::readTransaction(row, m_db->dialect()); }));
    QCOMPARE(direct.size(), expected.size());
    int edges = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const XpTransaction &want = expected.at(i);
        for (const XpTransaction &got : {compact->at(i).transaction(), direct.at(i)}) {
            QCOMPARE(got.id, want.id);
            QCOMPARE(got.userId, want.userId);
            QCOMPARE(got.amount, want.amount);
            QCOMPARE(got.sourceType, want.sourceType);
            QCOMPARE(got.sourceId, want.sourceId);
            QCOMPARE(got.description, want.description);
            QCOMPARE(got.category, want.category);
            QCOMPARE(got.createdAt, want.createdAt);
            QCOMPARE(got.updatedAt, want.updatedAt);
        }
        QCOMPARE(compact->at(i).idBytes(), QByteArrayView(want.id.toUtf8()));
        edges += want.id.startsWith(QLatin1String("edge-")) ? 1 : 0;
    }
    QCOMPARE(edges, 4);
    // The newest edge row, as written.
    const XpTransaction top = compact->first().transaction();
    QCOMPARE(top.id, QStringLiteral("edge-3-é"));
    QCOMPARE(top.createdAt, QDateTime(QDate(2032, 2, 29), QTime(0, 0, 0, 123), Qt::UTC));
    QCOMPARE(top.amount, -3000000);
    QCOMPARE(top.sourceType, SourceType::DailyStreak);
    QCOMPARE(top.category, Category::CorrectAnswer);
}

void TestHistoryRow::timestampsAsTheSlowPathReadsThem_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("fast"); // read without the slow path, on this backend
    const bool pg = TestBackend::isPostgres();
    QTest::newRow("whole second") << QByteArray("2026-12-05 10:00:00") << true;
    QTest::newRow("three digits") << QByteArray("2026-12-05 10:00:00.123") << true;
    QTest::newRow("T") << QByteArray("2026-12-05T10:00:00.123") << true;
    QTest::newRow("one digit") << QByteArray("2026-12-05 10:00:00.1") << pg;
    QTest::newRow("two digits") << QByteArray("2026-12-05 10:00:00.12") << pg;
    QTest::newRow("leap day") << QByteArray("2024-02-29 23:59:59.999") << true;
    QTest::newRow("before 1970") << QByteArray("1969-12-31 23:59:59.999") << true;
    QTest::newRow("no such day") << QByteArray("2026-02-29 10:00:00") << false;
    QTest::newRow("month 13") << QByteArray("2026-13-01 10:00:00") << false;
    QTest::newRow("with a zone") << QByteArray("2026-12-05 10:00:00+01") << false;
    QTest::newRow("Z") << QByteArray("2026-12-05 10:00:00.123Z") << false;
    QTest::newRow("letters") << QByteArray("2026-1x-05 10:00:00") << false;
    QTest::newRow("empty") << QByteArray() << false;
}

void TestHistoryRow::timestampsAsTheSlowPathReadsThem()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, fast);
    const bool pg = TestBackend::isPostgres();
    const auto read = HistoryRow::fastTimestamp(text, pg);
    QCOMPARE(read.has_value(), fast);
    if (!read)
        return;
    // What the general reader makes of the same text: Qt's ISO parser (PostgreSQL) or
    // Timestamp::fromSql (SQLite).
    const QDateTime slow = pg ? m_db->dialect().readTimestamp(PostgresValue::fromText(1114, text.constData()))
                              : m_db->dialect().readTimestamp(QVariant(QString::fromLatin1(text)));
    QVERIFY(slow.isValid());
    QCOMPARE(*read, slow.toMSecsSinceEpoch());
}

void TestHistoryRow::scanBindsByNameAndReportsErrors()
{
    const QString user = TestBackend::scalar(*m_db,
                                             QStringLiteral("SELECT \"userId\" FROM \"UserXP\" WHERE \"id\" = "
                                                            ":id"),
                                             {{QStringLiteral(":id"), QStringLiteral("edge-1-é")}})
                             .toString();
    QVERIFY(!user.isEmpty());
    const qint64 expected = TestBackend::scalar(*m_db,
                                                QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE "
                                                               "\"userId\" = :u AND \"amount\" < :max"),
                                                {{QStringLiteral(":u"), user}, {QStringLiteral(":max"), 0}})
                                .toLongLong();
    qint64 rows = 0;
    bool nullSeen = false;
    const Status scanned
        = m_db->scan(QStringLiteral("SELECT \"id\", \"amount\", NULL FROM \"UserXP\" WHERE \"userId\" "
                                    "= :u AND \"amount\" < :max"),
                     {{QStringLiteral(":max"), 0}, {QStringLiteral(":u"), user}}, [&](const RowView &row) {
                         ++rows;
                         QVERIFY(row.integer(1) < 0);
                         nullSeen = row.isNull(2) && row.text(2).isEmpty() && !row.isNull(0);
                     });
    QVERIFY2(scanned, qPrintable(scanned ? QString() : scanned.error().message));
    QCOMPARE(rows, expected);
    QVERIFY(rows >= 2);
    QVERIFY(nullSeen);
    const Status refused = m_db->scan(QStringLiteral("SELECT nope_column FROM \"UserXP\""), {}, [](const RowView &) {});
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("nope_column")), qPrintable(refused.error().message));
}

QTEST_GUILESS_MAIN(TestHistoryRow)
#include "TestHistoryRow.moc"
