#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QDate>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using Run = CliRunner::Run;

// The commands that read: history and its filters, totals and the figures of the charts.
class TestCliQuery final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void historyShowsEveryField();
    void historyFilters();
    void historyStreamsPages();
    void totalsGroupAndAlign();
    void totalsOfCharts();
};

void TestCliQuery::historyShowsEveryField()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run awarded = m_cli(QStringList{QStringLiteral("--json")}
                              + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("attempt-7"),
                                      QStringLiteral("Answer with %1 and\na line break")));
    CLI_EXIT(awarded, 0);
    const QString id = transactionId(awarded);
    const QJsonObject written = awarded.json()[QStringLiteral("transactions")][0].toObject();

    const Run text = m_cli({QStringLiteral("history")});
    CLI_EXIT(text, 0);
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1);
    static const QRegularExpression line(
        QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z +\+50  USER_PROBLEM_ATTEMPT +attempt-7  )"
                       R"(CORRECT_ANSWER +u1  (\S+)  Answer with %1 and\\na line break$)"));
    const auto match = line.match(lines.at(0));
    QVERIFY2(match.hasMatch(), qPrintable(lines.at(0)));
    QCOMPARE(match.captured(1), id);
    QVERIFY(lines.at(0).startsWith(written.value(QStringLiteral("createdAt")).toString()));

    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("history")});
    CLI_EXIT(json, 0);
    QVERIFY(json.json().isArray());
    QCOMPARE(json.json().array().size(), 1);
    const QJsonObject row = json.json().array().at(0).toObject();
    QCOMPARE(row, written);
    for (const char *field :
         {"id", "userId", "amount", "sourceType", "sourceId", "description", "category", "createdAt", "updatedAt"})
        QVERIFY2(row.contains(QLatin1String(field)), field);
}

void TestCliQuery::historyFilters()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("10"), QStringLiteral("p-1"), QStringLiteral("apple"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("20"), QStringLiteral("p-2"), QStringLiteral("banana"))),
             0);
    CLI_EXIT(
        m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u2"), QStringLiteral("--amount"),
               QStringLiteral("-3"), QStringLiteral("--reason"), QStringLiteral("cherry")}),
        0);
    const auto count = [this](const QStringList &filter) {
        const Run run = m_cli(QStringList{QStringLiteral("--json"), QStringLiteral("history")} + filter);
        return run.exitCode == 0 ? run.json().array().size() : -1;
    };
    QCOMPARE(count({}), 3);
    QCOMPARE(count({QStringLiteral("--user"), QStringLiteral("u2")}), 2);
    QCOMPARE(count({QStringLiteral("--category"), QStringLiteral("MANUAL")}), 1);
    QCOMPARE(count({QStringLiteral("--source-type"), QStringLiteral("USER_PROBLEM_ATTEMPT")}), 2);
    QCOMPARE(count({QStringLiteral("--text"), QStringLiteral("BANANA")}), 1);
    QCOMPARE(count({QStringLiteral("--limit"), QStringLiteral("2")}), 2);
    const QDate today = QDate::currentDate();
    QCOMPARE(count({QStringLiteral("--since"), today.addDays(-1).toString(Qt::ISODate)}), 3);
    QCOMPARE(count({QStringLiteral("--until"), today.toString(Qt::ISODate)}), 3);
    QCOMPARE(count({QStringLiteral("--since"), today.addDays(1).toString(Qt::ISODate)}), 0);
    QCOMPARE(count({QStringLiteral("--until"), today.addDays(-1).toString(Qt::ISODate)}), 0);

    // Newest first.
    const Run text = m_cli({QStringLiteral("history")});
    const QStringList lines = text.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).endsWith(QLatin1String("cherry")));
    QVERIFY(lines.at(2).endsWith(QLatin1String("apple")));
    const Run none = m_cli({QStringLiteral("history"), QStringLiteral("--text"), QStringLiteral("durian")});
    CLI_EXIT(none, 0);
    QVERIFY(none.out.isEmpty());
    // A mistyped user id is an error, not an empty history.
    const Run nobody = m_cli({QStringLiteral("history"), QStringLiteral("--user"), QStringLiteral("nobody")});
    CLI_EXIT(nobody, 2);
    QVERIFY2(CliRunner::isOneErrorLine(nobody.err) && nobody.err.contains(QLatin1String("\"nobody\"")),
             qPrintable(nobody.err));
}

void TestCliQuery::historyStreamsPages()
{
    CLI_EXIT(
        m_cli({QStringLiteral("demo"), QStringLiteral("--users"), QStringLiteral("7"), QStringLiteral("--transactions"),
               QStringLiteral("2500"), QStringLiteral("--days"), QStringLiteral("3")}),
        0);
    const Run all
        = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("0")});
    CLI_EXIT(all, 0);
    const QJsonArray rows = all.json().array();
    QCOMPARE(rows.size(), 2500);
    QSet<QString> ids;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        ids.insert(row.value(QStringLiteral("id")).toString());
        if (i > 0) {
            const QJsonObject previous = rows.at(i - 1).toObject();
            const auto key = [](const QJsonObject &o) {
                return std::pair{o.value(QStringLiteral("createdAt")).toString(),
                                 o.value(QStringLiteral("id")).toString()};
            };
            QVERIFY2(key(previous) > key(row), qPrintable(QStringLiteral("row %1 is out of order").arg(i)));
        }
    }
    QCOMPARE(ids.size(), 2500);

    const Run limited = m_cli({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("1500")});
    CLI_EXIT(limited, 0);
    QCOMPARE(limited.out.count(QLatin1Char('\n')), 1500);
    QVERIFY2(limited.err.contains(QLatin1String("--limit 0")), qPrintable(limited.err));
    const Run byDefault = m_cli({QStringLiteral("history")});
    CLI_EXIT(byDefault, 0);
    QCOMPARE(byDefault.out.count(QLatin1Char('\n')), 100);
    const Run exact = m_cli({QStringLiteral("history"), QStringLiteral("--limit"), QStringLiteral("2500")});
    CLI_EXIT(exact, 0);
    QCOMPARE(exact.out.count(QLatin1Char('\n')), 2500);
    QVERIFY2(exact.err.isEmpty(), qPrintable(exact.err));
}

void TestCliQuery::totalsGroupAndAlign()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("1000"), QStringLiteral("p-1"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("30"), QStringLiteral("p-2"), QStringLiteral("b"))), 0);
    CLI_EXIT(m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u2"),
                    QStringLiteral("--amount"), QStringLiteral("-5"), QStringLiteral("--reason"), QStringLiteral("r")}),
             0);

    const Run grand = m_cli({QStringLiteral("--json"), QStringLiteral("totals")});
    CLI_EXIT(grand, 0);
    QCOMPARE(grand.json().array().size(), 1);
    QVERIFY(grand.json()[0][QStringLiteral("total")].isDouble());
    QCOMPARE(grand.json()[0][QStringLiteral("total")].toInteger(), 1025);
    QCOMPARE(grand.json()[0][QStringLiteral("count")].toInteger(), 3);

    const Run byCategory = m_cli(
        {QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"), QStringLiteral("category")});
    CLI_EXIT(byCategory, 0);
    QHash<QString, qint64> totals;
    for (const QJsonValue &row : byCategory.json().array())
        totals.insert(row[QStringLiteral("key")].toString(), row[QStringLiteral("total")].toInteger());
    QCOMPARE(totals.value(QStringLiteral("CORRECT_ANSWER")), 1030);
    QCOMPARE(totals.value(QStringLiteral("MANUAL")), -5);

    const Run byUser = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"),
                              QStringLiteral("user"), QStringLiteral("--limit"), QStringLiteral("1")});
    CLI_EXIT(byUser, 0);
    QCOMPARE(byUser.json().array().size(), 1);
    QCOMPARE(byUser.json()[0][QStringLiteral("key")].toString(), QStringLiteral("u1"));

    const Run onlyU2
        = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--user"), QStringLiteral("u2")});
    QCOMPARE(onlyU2.json()[0][QStringLiteral("total")].toInteger(), 25);

    // Text: an aligned table, numbers right-aligned, with the sum of the groups.
    const Run byDay = m_cli({QStringLiteral("totals"), QStringLiteral("--by"), QStringLiteral("day")});
    CLI_EXIT(byDay, 0);
    const QStringList lines = byDay.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("DAY")), qPrintable(byDay.out));
    QVERIFY2(lines.at(1).startsWith(QDate::currentDate().toString(Qt::ISODate)), qPrintable(byDay.out));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("(all)")), qPrintable(byDay.out));
    QCOMPARE(lines.at(0).size(), lines.at(1).size());
    QCOMPARE(lines.at(1).size(), lines.at(2).size());
    QVERIFY2(lines.at(1).contains(QLatin1String("1025")) && lines.at(1).endsWith(QLatin1Char('3')),
             qPrintable(byDay.out));
}

void TestCliQuery::totalsOfCharts()
{
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u2"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("40"), QStringLiteral("p-1"), QStringLiteral("a"))), 0);
    CLI_EXIT(m_cli(award(QStringLiteral("u2"), QStringLiteral("60"), QStringLiteral("p-2"), QStringLiteral("b"))), 0);
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const QString weekAgo = QDate::currentDate().addDays(-6).toString(Qt::ISODate);

    // The figures of the over-time chart: one bucket a day, empty days as zero.
    const Run overTime = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--chart"),
                                QStringLiteral("over-time"), QStringLiteral("--since"), weekAgo});
    CLI_EXIT(overTime, 0);
    QCOMPARE(overTime.json()[QStringLiteral("unit")].toString(), QStringLiteral("day"));
    QCOMPARE(overTime.json()[QStringLiteral("first")].toString(), weekAgo);
    QCOMPARE(overTime.json()[QStringLiteral("last")].toString(), today);
    const QJsonArray buckets = overTime.json()[QStringLiteral("buckets")].toArray();
    QCOMPARE(buckets.size(), 7);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(buckets.at(i)[QStringLiteral("xp")].toInteger(), 0);
    QCOMPARE(buckets.at(6)[QStringLiteral("start")].toString(), today);
    QCOMPARE(buckets.at(6)[QStringLiteral("xp")].toInteger(), 100);
    QCOMPARE(buckets.at(6)[QStringLiteral("byCategory")][QStringLiteral("CORRECT_ANSWER")].toInteger(), 100);

    // The leaderboard, as a table.
    const Run top = m_cli({QStringLiteral("totals"), QStringLiteral("--chart"), QStringLiteral("top-users"),
                           QStringLiteral("--since"), today, QStringLiteral("--until"), today});
    CLI_EXIT(top, 0);
    const QStringList lines = top.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    QVERIFY2(lines.at(0).startsWith(QLatin1String("Top Users, ") + today), qPrintable(top.out));
    QVERIFY2(lines.at(2).startsWith(QLatin1String("1     u2")) && lines.at(2).contains(QLatin1String("60")),
             qPrintable(top.out));
    QVERIFY2(lines.at(3).startsWith(QLatin1String("2     u1")), qPrintable(top.out));

    // One user's share; a user who does not exist is an error, not an empty chart.
    const Run share = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--chart"),
                             QStringLiteral("category-share"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(share, 0);
    QCOMPARE(share.json()[QStringLiteral("xp")].toInteger(), 40);
    QCOMPARE(share.json()[QStringLiteral("user")].toString(), QStringLiteral("u1"));
    const Run nobody = m_cli({QStringLiteral("totals"), QStringLiteral("--chart"), QStringLiteral("category-share"),
                              QStringLiteral("--user"), QStringLiteral("ghost")});
    CLI_EXIT(nobody, 2);
    QVERIFY2(nobody.err.contains(QLatin1String("Unknown user \"ghost\"")), qPrintable(nobody.describe()));
}

QTEST_GUILESS_MAIN(TestCliQuery)
#include "TestCliQuery.moc"
