#include "tests/cli/CliRunner.h"
#include "tests/limits/LimitsFixture.h"

#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using Run = CliRunner::Run;

// `report controls` through the built xpadmin-cli, as an auditor runs it: the text, --json, the
// PDF and the CSV of a period with a change held above its maker's limit, and bad input refused.
class TestControlsCli final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program())); }
    void init();
    void cleanup() { closeLimitsDatabase(); }

    void everyFormNamesTheHeldChange();
    void badInputIsRefused_data();
    void badInputIsRefused();

private:
    CliRunner m_cli;
};

void TestControlsCli::init()
{
    openLimitsDatabase();
    QVERIFY(m_db);
    m_cli.setDatabase(m_spec->toUrl(true));
    QVERIFY(setLimits(LimitRules::Scope::Person, LimitCheck::connectedPerson(*m_db), 100, std::nullopt));
    auto held = Ledger(*m_db).adjust(QStringLiteral("u1"), 250, QStringLiteral("Contest prize"));
    QVERIFY(held && !held->pendingId.isEmpty());
}

void TestControlsCli::everyFormNamesTheHeldChange()
{
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const Run text = m_cli({QStringLiteral("report"), QStringLiteral("controls"), QStringLiteral("--since"), today});
    QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
    QVERIFY2(text.out.contains(QStringLiteral("above the maker's limit per change: waiting")), qPrintable(text.out));

    const Run json = m_cli({QStringLiteral("--json"), QStringLiteral("report"), QStringLiteral("controls")});
    QVERIFY2(json.exitCode == 0, qPrintable(json.describe()));
    const QJsonArray held = json.json().object().value(QStringLiteral("held")).toArray();
    QCOMPARE(held.size(), 1);
    QCOMPARE(held.at(0).toObject().value(QStringLiteral("heldFor")).toString(), QStringLiteral("limit-per-change"));
    QCOMPARE(held.at(0).toObject().value(QStringLiteral("state")).toString(), QStringLiteral("pending"));
    QCOMPARE(held.at(0).toObject().value(QStringLiteral("amount")).toInteger(), 250);

    const QString pdf = m_files.filePath(QStringLiteral("controls.pdf"));
    const QString csv = m_files.filePath(QStringLiteral("controls.csv"));
    const Run files = m_cli({QStringLiteral("report"), QStringLiteral("controls"), QStringLiteral("--pdf"), pdf,
                             QStringLiteral("--csv"), csv, QStringLiteral("--separator"), QStringLiteral(";")});
    QVERIFY2(files.exitCode == 0, qPrintable(files.describe()));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly) && pdfFile.read(5) == "%PDF-");
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csvFile.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3); // the header, the held change, its maker
    QVERIFY2(lines.at(1).startsWith("held;") && lines.at(1).contains(";limit-per-change;pending;"),
             lines.at(1).constData());
}

void TestControlsCli::badInputIsRefused_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("named");
    QTest::newRow("no report") << QStringList{QStringLiteral("report")} << QStringLiteral("controls");
    QTest::newRow("unknown report") << QStringList{QStringLiteral("report"), QStringLiteral("limits")}
                                    << QStringLiteral("\"limits\"");
    QTest::newRow("bad day") << QStringList{QStringLiteral("report"), QStringLiteral("controls"),
                                            QStringLiteral("--since"), QStringLiteral("2026-13-01")}
                             << QStringLiteral("--since");
    QTest::newRow("empty period") << QStringList{QStringLiteral("report"),  QStringLiteral("controls"),
                                                 QStringLiteral("--since"), QStringLiteral("2026-11-30"),
                                                 QStringLiteral("--until"), QStringLiteral("2026-11-01")}
                                  << QStringLiteral("--since");
    QTest::newRow("separator without csv") << QStringList{QStringLiteral("report"), QStringLiteral("controls"),
                                                          QStringLiteral("--separator"), QStringLiteral(";")}
                                           << QStringLiteral("--csv");
}

void TestControlsCli::badInputIsRefused()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, named);
    const Run run = m_cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.describe()));
    QVERIFY2(run.err.contains(named), qPrintable(run.describe()));
}

QTEST_GUILESS_MAIN(TestControlsCli)
#include "TestControlsCli.moc"
