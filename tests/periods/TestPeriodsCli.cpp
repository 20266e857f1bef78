#include "tests/cli/CliRunner.h"
#include "tests/periods/PeriodLedger.h"
#include "tests/support/TestBackend.h"

#include "app/cli/ExitCode.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using Run = CliRunner::Run;

// `period close|reopen|list` as an operator runs them, the refusals a close brings, and the audit
// report of a closed range made by two runs of the program.
class TestPeriodsCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void closeListReopenThroughTheCli();
    void badInputIsOneLineAndChangesNothing();
    void closedRangeReportIsTheSameFromTwoRuns();

private:
    static QString day(int daysAgo) { return QDate::currentDate().addDays(-daysAgo).toString(Qt::ISODate); }
    static QByteArray read(const QString &fileName);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    PeriodLedger m_ledger;
    CliRunner m_cli;
    QTemporaryDir m_dir;
};

void TestPeriodsCli::initTestCase()
{
    QVERIFY2(QFileInfo::exists(CliRunner::program()), qPrintable(CliRunner::program()));
}

void TestPeriodsCli::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    m_ledger = PeriodLedger();
    const QString failed = m_ledger.setUp(*m_db);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    m_cli.setDatabase(spec.toUrl(true));
}

void TestPeriodsCli::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

QByteArray TestPeriodsCli::read(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestPeriodsCli::closeListReopenThroughTheCli()
{
    const Run closed = m_cli({QStringLiteral("period"), QStringLiteral("close"), QStringLiteral("--until"), day(3),
                              QStringLiteral("--reason"), QStringLiteral("Books of the month")});
    QVERIFY2(closed.exitCode == ExitCode::Ok, qPrintable(closed.describe()));
    QVERIFY2(closed.out.contains(QStringLiteral("closed up to %1").arg(day(3))), qPrintable(closed.out));

    const Run listed = m_cli({QStringLiteral("--json"), QStringLiteral("period"), QStringLiteral("list")});
    QVERIFY2(listed.exitCode == ExitCode::Ok, qPrintable(listed.describe()));
    const QJsonArray periods = listed.json().array();
    QCOMPARE(periods.size(), 1);
    const QJsonObject first = periods.first().toObject();
    QCOMPARE(first.value(QStringLiteral("kind")).toString(), QStringLiteral("close"));
    QCOMPARE(first.value(QStringLiteral("until")).toString(), day(3));
    QCOMPARE(first.value(QStringLiteral("users")).toInteger(), 2);
    QCOMPARE(first.value(QStringLiteral("sum")).toInteger(), 180);
    QCOMPARE(first.value(QStringLiteral("reason")).toString(), QStringLiteral("Books of the month"));

    const Run late = m_cli({QStringLiteral("rollback"), QStringLiteral("--id"), m_ledger.aliceMid,
                            QStringLiteral("--reason"), QStringLiteral("late")});
    QCOMPARE(late.exitCode, int(ExitCode::Usage));
    QVERIFY2(CliRunner::isOneErrorLine(late.err), qPrintable(late.err));
    QVERIFY2(late.err.contains(QStringLiteral("closed up to %1").arg(day(3))), qPrintable(late.err));
    QVERIFY2(late.err.contains(QStringLiteral("an admin may reopen it")), qPrintable(late.err));

    const Run reopened = m_cli({QStringLiteral("period"), QStringLiteral("reopen"), QStringLiteral("--until"), day(8),
                                QStringLiteral("--reason"), QStringLiteral("contest corrected late")});
    QVERIFY2(reopened.exitCode == ExitCode::Ok, qPrintable(reopened.describe()));
    CLI_EXIT(m_cli({QStringLiteral("rollback"), QStringLiteral("--id"), m_ledger.aliceMid, QStringLiteral("--reason"),
                    QStringLiteral("late")}),
             ExitCode::Ok);
    const Run text = m_cli({QStringLiteral("period"), QStringLiteral("list")});
    QVERIFY2(text.out.contains(QStringLiteral("reopened after %1").arg(day(8))), qPrintable(text.out));
    QVERIFY2(text.out.contains(QStringLiteral("Closed now up to %1.").arg(day(8))), qPrintable(text.out));
}

void TestPeriodsCli::badInputIsOneLineAndChangesNothing()
{
    const QByteArray before = TestBackend::contentDigest(*m_db);
    const QList<std::pair<QStringList, QString>> cases{
        {{QStringLiteral("close"), QStringLiteral("--until"), day(0), QStringLiteral("--reason"), QStringLiteral("x")},
         QStringLiteral("is not over yet")},
        {{QStringLiteral("close"), QStringLiteral("--until"), day(-5), QStringLiteral("--reason"), QStringLiteral("x")},
         QStringLiteral("is not over yet")},
        {{QStringLiteral("close"), QStringLiteral("--until"), QStringLiteral("2026-02-30"), QStringLiteral("--reason"),
          QStringLiteral("x")},
         QStringLiteral("--until \"2026-02-30\" is not a day")},
        {{QStringLiteral("close"), QStringLiteral("--until"), day(3)}, QStringLiteral("--reason")},
        {{QStringLiteral("close"), QStringLiteral("--until"), day(3), QStringLiteral("--reason"), QStringLiteral(" ")},
         QStringLiteral("--reason")},
        {{QStringLiteral("reopen"), QStringLiteral("--until"), day(5), QStringLiteral("--reason"), QStringLiteral("x")},
         QStringLiteral("Nothing is closed")},
        {{QStringLiteral("shut")}, QStringLiteral("unknown subcommand")},
    };
    for (const auto &[arguments, says] : cases) {
        const Run run = m_cli(QStringList{QStringLiteral("period")} + arguments);
        QVERIFY2(run.exitCode == ExitCode::Usage, qPrintable(run.describe()));
        QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.err));
        QVERIFY2(run.err.contains(says), qPrintable(run.err));
    }
    QCOMPARE(TestBackend::contentDigest(*m_db), before);
}

void TestPeriodsCli::closedRangeReportIsTheSameFromTwoRuns()
{
    CLI_EXIT(m_cli({QStringLiteral("period"), QStringLiteral("close"), QStringLiteral("--until"), day(3),
                    QStringLiteral("--reason"), QStringLiteral("Books")}),
             ExitCode::Ok);
    QStringList files;
    for (int run = 0; run < 2; ++run) {
        for (const char *kind : {"pdf", "csv"}) {
            const QString file = m_dir.filePath(QStringLiteral("report-%1.%2").arg(run).arg(QLatin1String(kind)));
            CLI_EXIT(m_cli({QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"),
                            QStringLiteral("alice"), QStringLiteral("--until"), day(3), QStringLiteral("--out"), file}),
                     ExitCode::Ok);
            files << file;
        }
        // Later changes in the open period.
        CLI_EXIT(m_cli({QStringLiteral("adjust"), QStringLiteral("--user"), QStringLiteral("alice"),
                        QStringLiteral("--amount"), QStringLiteral("4"), QStringLiteral("--reason"),
                        QStringLiteral("later")}),
                 ExitCode::Ok);
    }
    QVERIFY(read(files.at(0)).startsWith("%PDF"));
    QCOMPARE(read(files.at(2)), read(files.at(0)));
    QCOMPARE(read(files.at(3)), read(files.at(1)));
    QVERIFY(read(files.at(1)).contains(QByteArray("closed_until," + day(3).toLatin1())));
}

QTEST_GUILESS_MAIN(TestPeriodsCli)
#include "TestPeriodsCli.moc"
