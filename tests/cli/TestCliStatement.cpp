#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include "core/domain/Timestamp.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using Run = CliRunner::Run;

// statement, diff and --as-of through the command line, as an operator or a script runs them.
class TestCliStatement final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup() { closeDatabase(); }

    void statementAddsUpToTheTotal();
    void statementWritesPdfAndCsv();
    void asOfShowsTheLedgerOfThatMoment();
    void diffReconciles();
    void badInputNamesTheOption();

private:
    // A moment between two steps: the clock moves on before and after it.
    static QString moment();

    QString m_first; // the 50 XP award, rolled back later
    QString m_before; // after the awards, before the rollback
};

QString TestCliStatement::moment()
{
    QThread::msleep(5);
    const QString at = Timestamp::toIso(Timestamp::now());
    QThread::msleep(5);
    return at;
}

void TestCliStatement::init()
{
    openDatabase();
    if (!m_db)
        return;
    CLI_EXIT(m_cli(userAdd(QStringLiteral("u1"))), 0);
    const Run first
        = m_cli(QStringList{QStringLiteral("--json")}
                + award(QStringLiteral("u1"), QStringLiteral("50"), QStringLiteral("q1"), QStringLiteral("Quiz one")));
    CLI_EXIT(first, 0);
    m_first = transactionId(first);
    CLI_EXIT(m_cli(award(QStringLiteral("u1"), QStringLiteral("20"), QStringLiteral("q2"), QStringLiteral("Quiz two"))),
             0);
    m_before = moment();
    CLI_EXIT(m_cli({QStringLiteral("rollback"), QStringLiteral("--id"), m_first, QStringLiteral("--reason"),
                    QStringLiteral("Counted twice")}),
             0);
    CLI_EXIT(
        m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("u1"), QStringLiteral("--amount"),
               QStringLiteral("-5"), QStringLiteral("--reason"), QStringLiteral("Typo fix")}),
        0);
}

void TestCliStatement::statementAddsUpToTheTotal()
{
    const Run text = m_cli({QStringLiteral("statement"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(text, 0);
    QVERIFY2(text.out.contains(QStringLiteral("Opening balance: 0 XP")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Closing balance: 15 XP (equals the cached total)")),
             qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("REMOVED (rolled back)")), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Counted twice")), qPrintable(text.out));

    const Run json = m_cli(
        {QStringLiteral("--json"), QStringLiteral("statement"), QStringLiteral("--user"), QStringLiteral("u1")});
    CLI_EXIT(json, 0);
    const QJsonObject s = json.json().object();
    QCOMPARE(s.value(QStringLiteral("closing")).toInteger(), 15);
    QCOMPARE(s.value(QStringLiteral("cachedTotal")).toInteger(), 15);
    const QJsonArray entries = s.value(QStringLiteral("entries")).toArray();
    QCOMPARE(entries.size(), 4);
    qint64 balance = s.value(QStringLiteral("opening")).toInteger();
    for (const QJsonValue &entry : entries) {
        balance += entry[QStringLiteral("change")].toInteger();
        QCOMPARE(entry[QStringLiteral("balance")].toInteger(), balance);
    }
    QCOMPARE(entries.at(0)[QStringLiteral("removedLater")].toBool(), true);
    QCOMPARE(entries.at(2)[QStringLiteral("kind")].toString(), QStringLiteral("removed"));
    // The subtotals, by the category's name: the two awards and the rollback, then the adjustment.
    const auto subtotal = [](const QJsonValue &v) {
        return QStringLiteral("%1 +%2 %3 n=%4")
            .arg(v[QStringLiteral("key")].toString())
            .arg(v[QStringLiteral("added")].toInteger())
            .arg(v[QStringLiteral("removed")].toInteger())
            .arg(v[QStringLiteral("count")].toInteger());
    };
    const QJsonArray byCategory = s.value(QStringLiteral("byCategory")).toArray();
    QCOMPARE(byCategory.size(), 2);
    QCOMPARE(subtotal(byCategory.at(0)), QStringLiteral("CORRECT_ANSWER +70 -50 n=3"));
    QCOMPARE(subtotal(byCategory.at(1)), QStringLiteral("MANUAL +0 -5 n=1"));
    const QJsonArray bySourceType = s.value(QStringLiteral("bySourceType")).toArray();
    QCOMPARE(bySourceType.size(), 2);
    QCOMPARE(subtotal(bySourceType.at(0)), QStringLiteral("MANUAL_ADJUSTMENT +0 -5 n=1"));
    QCOMPARE(subtotal(bySourceType.at(1)), QStringLiteral("USER_PROBLEM_ATTEMPT +70 -50 n=3"));

    // A period that ended before the rollback.
    const Run then = m_cli({QStringLiteral("--json"), QStringLiteral("statement"), QStringLiteral("--user"),
                            QStringLiteral("u1"), QStringLiteral("--as-of"), m_before});
    CLI_EXIT(then, 0);
    QCOMPARE(then.json()[QStringLiteral("closing")].toInteger(), 70);
    QVERIFY(!then.json().object().contains(QStringLiteral("cachedTotal")));
}

void TestCliStatement::statementWritesPdfAndCsv()
{
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("statement.pdf"));
    const QString csv = dir.filePath(QStringLiteral("statement.csv"));
    CLI_EXIT(m_cli({QStringLiteral("statement"), QStringLiteral("--user"), QStringLiteral("u1"),
                    QStringLiteral("--pdf"), pdf, QStringLiteral("--csv"), csv}),
             0);
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdfFile.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.size() > 5000);
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    // Header, opening, four changes, closing.
    QCOMPARE(lines.size(), 7);
    QVERIFY2(lines.constLast().contains(QStringLiteral(",closing,,15")), qPrintable(lines.constLast()));
    // Every row has as many cells as the header (none of these rows quotes a comma).
    const qsizetype cells = lines.constFirst().count(QLatin1Char(','));
    QCOMPARE(lines.at(1).count(QLatin1Char(',')), cells);
    QCOMPARE(lines.constLast().count(QLatin1Char(',')), cells);
    QVERIFY2(lines.at(4).contains(QStringLiteral("Counted twice")), qPrintable(lines.at(4)));
}

void TestCliStatement::asOfShowsTheLedgerOfThatMoment()
{
    const Run history
        = m_cli({QStringLiteral("--json"), QStringLiteral("history"), QStringLiteral("--as-of"), m_before});
    CLI_EXIT(history, 0);
    const QJsonArray rows = history.json().array();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(1)[QStringLiteral("id")].toString(), m_first);
    const Run now = m_cli({QStringLiteral("--json"), QStringLiteral("history")});
    QCOMPARE(now.json().array().size(), 2); // the 20 and the -5
    const Run totals = m_cli({QStringLiteral("--json"), QStringLiteral("totals"), QStringLiteral("--by"),
                              QStringLiteral("user"), QStringLiteral("--as-of"), m_before});
    CLI_EXIT(totals, 0);
    QCOMPARE(totals.json()[0][QStringLiteral("total")].toInteger(), 70);
    const Run user = m_cli({QStringLiteral("--json"), QStringLiteral("user"), QStringLiteral("show"),
                            QStringLiteral("u1"), QStringLiteral("--as-of"), m_before});
    CLI_EXIT(user, 0);
    QCOMPARE(user.json()[QStringLiteral("totalXP")].toInteger(), 15);
    QCOMPARE(user.json()[QStringLiteral("asOf")][QStringLiteral("sum")].toInteger(), 70);
    const Run text = m_cli({QStringLiteral("history"), QStringLiteral("--as-of"), m_before});
    CLI_EXIT(text, 0);
    QVERIFY2(text.out.startsWith(QStringLiteral("As of ")), qPrintable(text.out));
}

void TestCliStatement::diffReconciles()
{
    const QString after = moment();
    const Run diff = m_cli({QStringLiteral("--json"), QStringLiteral("diff"), QStringLiteral("--from"), m_before,
                            QStringLiteral("--to"), after});
    CLI_EXIT(diff, 0);
    const QJsonObject d = diff.json().object();
    QVERIFY(d.value(QStringLiteral("reconciles")).toBool());
    QVERIFY(d.value(QStringLiteral("chainIntact")).toBool());
    QCOMPARE(d.value(QStringLiteral("eventsChecked")).toInteger(), 2);
    const QJsonArray rows = d.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 2);
    const QJsonObject user = d.value(QStringLiteral("users")).toArray().at(0).toObject();
    QCOMPARE(user.value(QStringLiteral("before")).toInteger(), 70);
    QCOMPARE(user.value(QStringLiteral("removed")).toInteger(), 50);
    QCOMPARE(user.value(QStringLiteral("added")).toInteger(), -5);
    QCOMPARE(user.value(QStringLiteral("after")).toInteger(), 15);
    const Run text = m_cli({QStringLiteral("diff"), QStringLiteral("--from"), m_before, QStringLiteral("--to"), after});
    CLI_EXIT(text, 0);
    QVERIFY2(text.out.contains(QStringLiteral("the 2 events in between are intact")), qPrintable(text.out));
}

void TestCliStatement::badInputNamesTheOption()
{
    const QString before = snapshot();
    const Run noUser = m_cli({QStringLiteral("statement")});
    CLI_EXIT(noUser, 2);
    QVERIFY2(noUser.err.contains(QStringLiteral("--user")), qPrintable(noUser.err));
    const Run unknown = m_cli({QStringLiteral("statement"), QStringLiteral("--user"), QStringLiteral("nobody")});
    CLI_EXIT(unknown, 2);
    QVERIFY2(unknown.err.contains(QStringLiteral("\"nobody\"")), qPrintable(unknown.err));
    const Run badMoment = m_cli({QStringLiteral("history"), QStringLiteral("--as-of"), QStringLiteral("yesterday")});
    CLI_EXIT(badMoment, 2);
    QVERIFY2(badMoment.err.contains(QStringLiteral("--as-of")), qPrintable(badMoment.err));
    const Run backwards = m_cli({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("2026-03-02"),
                                 QStringLiteral("--to"), QStringLiteral("2026-03-01")});
    CLI_EXIT(backwards, 2);
    const Run oneMoment = m_cli({QStringLiteral("diff"), QStringLiteral("--from"), QStringLiteral("2026-03-02")});
    CLI_EXIT(oneMoment, 2);
    QVERIFY2(oneMoment.err.contains(QStringLiteral("--to")), qPrintable(oneMoment.err));
    QCOMPARE(snapshot(), before);
}

QTEST_GUILESS_MAIN(TestCliStatement)
#include "TestCliStatement.moc"
