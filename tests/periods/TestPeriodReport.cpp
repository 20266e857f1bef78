#include "tests/periods/PeriodLedger.h"
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/audit/AuditReportCsv.h"
#include "core/audit/AuditReportPdf.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/periods/PeriodReport.h"
#include "core/periods/Periods.h"

#include <QFile>
#include <QGuiApplication>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

// The audit report of a range in a closed period: it says so, checks the user's total against the
// close, and is byte-identical whenever it is made.
class TestPeriodReport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void closedRangeReportIsTheSameAfterLaterChanges();
    void rangeReachingTheOpenPeriodIsNotClosed();
    void reportSaysWhenTheFiguresNoLongerHold();

private:
    AuditReportRequest aliceUpToTheClose() const;
    QByteArray write(const AuditReportRequest &request, const QString &name);
    static QString headerValue(const QByteArray &csv, const QString &key);

    std::unique_ptr<Database> m_db;
    PeriodLedger m_ledger;
    QTemporaryDir m_dir;
};

void TestPeriodReport::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    m_ledger = PeriodLedger();
    const QString failed = m_ledger.setUp(*m_db);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    // The log as an older desk left it: an event of alice nine days ago, sealed with its own time.
    const Status appended = m_db->writeTransaction([this]() -> Status {
        AuditLog log(*m_db);
        auto tail = log.tail();
        if (!tail)
            return tail.error();
        AuditEvent event;
        event.at = PeriodLedger::daysAgo(9);
        event.actor = QStringLiteral("olddesk");
        event.operatorName = QStringLiteral("Olga");
        event.action = QStringLiteral("recalc");
        event.operationId = Cuid::generate();
        event.userId = QStringLiteral("alice");
        event.amount = 0;
        event.reason = QStringLiteral("checked by the old desk");
        event.snapshot = QStringLiteral("{}");
        QList<AuditEvent> events{event};
        AuditLog::sealAsRecorded(events, *tail);
        return log.write(events);
    });
    QVERIFY2(appended, qPrintable(appended ? QString() : appended.error().message));
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("Books of the month")));
}

void TestPeriodReport::cleanup()
{
    m_db.reset();
}

AuditReportRequest TestPeriodReport::aliceUpToTheClose() const
{
    return {QStringLiteral("alice"), PeriodLedger::daysAgo(12),
            Timestamp::parseUserInput(PeriodLedger::closeDay().toString(Qt::ISODate), true)};
}

QByteArray TestPeriodReport::write(const AuditReportRequest &raw, const QString &name)
{
    const AuditReportRequest &request = raw;
    auto closure = PeriodReport::closureFor(*m_db, request);
    if (!closure) {
        qWarning("%s", qPrintable(closure.error().message));
        return {};
    }
    const QString file = m_dir.filePath(name);
    std::unique_ptr<AuditReportWriter> writer;
    if (name.endsWith(QLatin1String(".pdf")))
        writer = std::make_unique<AuditReportPdf>(file);
    else
        writer = std::make_unique<AuditReportCsv>(file, CsvFormat{});
    AuditReport report(*m_db);
    report.setClosure(*closure);
    auto written = report.write(request, *writer);
    if (!written) {
        qWarning("%s", qPrintable(written.error().message));
        return {};
    }
    QFile read(file);
    return read.open(QIODevice::ReadOnly) ? read.readAll() : QByteArray();
}

QString TestPeriodReport::headerValue(const QByteArray &csv, const QString &key)
{
    for (const QByteArray &line : csv.split('\n')) {
        const QString text = QString::fromUtf8(line).trimmed();
        if (text.startsWith(key + QLatin1Char(',')))
            return text.mid(key.size() + 1);
    }
    return {};
}

void TestPeriodReport::closedRangeReportIsTheSameAfterLaterChanges()
{
    const QByteArray pdf = write(aliceUpToTheClose(), QStringLiteral("first.pdf"));
    const QByteArray csv = write(aliceUpToTheClose(), QStringLiteral("first.csv"));
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(headerValue(csv, QStringLiteral("events")), QStringLiteral("1"));
    QCOMPARE(headerValue(csv, QStringLiteral("closed_until")), PeriodLedger::closeDay().toString(Qt::ISODate));
    QCOMPARE(headerValue(csv, QStringLiteral("closed_by")),
             QStringLiteral("%1 (%2)").arg(m_db->actor(), m_db->operatorName()));
    QCOMPARE(headerValue(csv, QStringLiteral("user_total_at_close")), QStringLiteral("150"));
    QCOMPARE(headerValue(csv, QStringLiteral("figures_hold")), QStringLiteral("yes"));
    QVERIFY(csv.contains("checked by the old desk"));
    // Every object the cross-reference table points at is where it says, after the new date.
    QVERIFY(pdf.contains("/CreationDate (D:"));
    const qsizetype table = pdf.lastIndexOf("\nxref\n");
    QVERIFY(table > 0);
    static const QRegularExpression entry(QStringLiteral("(\\d{10}) \\d{5} n"));
    int checked = 0;
    for (auto it = entry.globalMatch(QString::fromLatin1(pdf.mid(table))); it.hasNext(); ++checked) {
        const qsizetype at = it.next().captured(1).toLongLong();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^\\d+ 0 obj")).match(QString::fromLatin1(pdf.mid(at, 16))).hasMatch(),
            qPrintable(QString::number(at)));
    }
    QVERIFY(checked > 5);

    // Later changes, in the open period and in the log.
    QThread::msleep(20);
    Ledger ledger(*m_db);
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("alice"), 11, QStringLiteral("quiz-9")).isEmpty());
    QVERIFY(ledger.rollback({m_ledger.aliceNew}, QStringLiteral("open row")));
    QVERIFY(ledger.adjust(QStringLiteral("bob"), 3, QStringLiteral("later")));
    QCOMPARE(write(aliceUpToTheClose(), QStringLiteral("second.pdf")), pdf);
    QCOMPARE(write(aliceUpToTheClose(), QStringLiteral("second.csv")), csv);
}

void TestPeriodReport::rangeReachingTheOpenPeriodIsNotClosed()
{
    AuditReportRequest open = aliceUpToTheClose();
    open.until = {};
    auto untilNow = PeriodReport::closureFor(*m_db, open);
    QVERIFY(untilNow);
    QVERIFY(!untilNow->has_value());
    open.until = Timestamp::parseUserInput(PeriodLedger::closeDay().addDays(1).toString(Qt::ISODate), true);
    auto dayAfter = PeriodReport::closureFor(*m_db, open);
    QVERIFY(dayAfter);
    QVERIFY(!dayAfter->has_value());
    const QByteArray csv = write(open, QStringLiteral("open.csv"));
    QVERIFY(!csv.isEmpty());
    QVERIFY(headerValue(csv, QStringLiteral("closed_until")).isEmpty());
}

void TestPeriodReport::reportSaysWhenTheFiguresNoLongerHold()
{
    auto changed = m_db->run(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 70 WHERE \"id\" = :id"),
                             {{QStringLiteral(":id"), m_ledger.aliceOld}});
    QVERIFY(changed);
    const QByteArray csv = write(aliceUpToTheClose(), QStringLiteral("changed.csv"));
    QCOMPARE(headerValue(csv, QStringLiteral("user_total_at_close")), QStringLiteral("150"));
    QCOMPARE(headerValue(csv, QStringLiteral("user_total_now")), QStringLiteral("120"));
    QCOMPARE(headerValue(csv, QStringLiteral("figures_hold")), QStringLiteral("no"));
}

QTEST_MAIN(TestPeriodReport)
#include "TestPeriodReport.moc"
