#include "tests/limits/LimitsFixture.h"

#include "core/approval/ApprovalQueue.h"
#include "core/controls/ControlsCsv.h"
#include "core/controls/ControlsDocument.h"
#include "core/controls/ControlsJson.h"
#include "core/controls/ControlsReport.h"
#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/limits/LimitCheck.h"
#include "core/periods/Periods.h"
#include "core/reasons/ReasonCodes.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

using Scope = LimitRules::Scope;

// The controls report (core/controls) of a desk's month replayed against a real database: changes
// within and above the maker's limits, one held change approved and one rejected by a second
// person, a change made before its reason code required a ticket, a close, a late rollback
// refused, and a reopen. The report names each as an auditor reads it, in every form.
class TestControlsReport final : public QObject, private LimitsFixture
{
    Q_OBJECT

private slots:
    void init() { openLimitsDatabase(); }
    void cleanup() { closeLimitsDatabase(); }

    void aDesksMonth();
    void anEmptyPeriodHasNoFindings();
    void anEmptyRangeIsRefused();

private:
    QString me() const { return LimitCheck::connectedPerson(*m_db); }
    Result<LedgerChange> adjust(const QString &user, qint64 amount, const QString &reason, const QString &code)
    {
        return Ledger(*m_db).adjust(user, amount, reason, Category::Manual, ReasonTag{code, QString()});
    }
    // The month: returns the id of the change made without the ticket its code came to require.
    QString replayMonth(QString *checkerName);
    // A transaction the web app wrote on day (noon, local time), with the user's total; its id.
    QString webAppAward(const QString &user, qint64 amount, const QDate &day);
};

QString TestControlsReport::webAppAward(const QString &user, qint64 amount, const QDate &day)
{
    const Dialect &d = m_db->dialect();
    const QString id = Cuid::generate();
    const QString at = Timestamp::toSql(QDateTime(day, QTime(12, 0)).toUTC());
    auto inserted = m_db->run(
        QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                       "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, :user, :amount, %1, "
                       "'contest-7', 'Contest prize', %2, %3, %4)")
            .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":cat")),
                 d.timestampParam(QStringLiteral(":c")), d.timestampParam(QStringLiteral(":u"))),
        {{QStringLiteral(":id"), id},
         {QStringLiteral(":user"), user},
         {QStringLiteral(":amount"), amount},
         {QStringLiteral(":type"), QStringLiteral("SPECIAL_ACHIEVEMENT")},
         {QStringLiteral(":cat"), QStringLiteral("ACHIEVEMENT")},
         {QStringLiteral(":c"), at},
         {QStringLiteral(":u"), at}});
    if (!inserted || !Ledger(*m_db).recalculate(user))
        return {};
    return id;
}

QString TestControlsReport::replayMonth(QString *checkerName)
{
    ReasonCodes codes(*m_db);
    if (!codes.add(QStringLiteral("PRIZE"), QStringLiteral("Contest prize"), false)
        || !codes.add(QStringLiteral("BUG"), QStringLiteral("Bug compensation"), false))
        return {};
    if (!setLimits(Scope::Person, me(), 500, 2000))
        return {};
    // Within the limits: applied at once.
    if (auto a = adjust(QStringLiteral("u1"), 300, QStringLiteral("Contest week 1"), QStringLiteral("PRIZE"));
        !a || !a->pendingId.isEmpty())
        return {};
    auto bug = adjust(QStringLiteral("u2"), -200, QStringLiteral("Duplicate award"), QStringLiteral("BUG"));
    if (!bug || !bug->pendingId.isEmpty() || bug->rows.isEmpty())
        return {};
    // Above the limit per change: held; a second person approves one and rejects the other.
    auto prize = adjust(QStringLiteral("u1"), 800, QStringLiteral("Contest final"), QStringLiteral("PRIZE"));
    auto goodwill = adjust(QStringLiteral("u2"), 900, QStringLiteral("Goodwill"), QStringLiteral("PRIZE"));
    if (!prize || prize->pendingId.isEmpty() || !goodwill || goodwill->pendingId.isEmpty())
        return {};
    auto checker = openChecker();
    if (!checker)
        return {};
    *checkerName = checker->dialect().isPostgres() ? checker->actor() : checker->operatorName();
    if (!ApprovalQueue(*checker).approve(prize->pendingId, QStringLiteral("Saw the contest results"))
        || !ApprovalQueue(*checker).reject(goodwill->pendingId, QStringLiteral("No ticket")))
        return {};
    // From now on a bug compensation needs a ticket; the one above has none.
    if (!codes.change(QStringLiteral("BUG"), std::nullopt, true))
        return {};
    // A prize the web app gave three days ago, found wrong after the month was closed: the late
    // rollback is refused until an admin reopens the days it is in.
    const QDate today = QDate::currentDate();
    const QString late = webAppAward(QStringLiteral("u1"), 40, today.addDays(-3));
    if (late.isEmpty() || !Periods(*m_db).close(today.addDays(-1), QStringLiteral("Month closed")))
        return {};
    const auto refused = Ledger(*m_db).rollback({late}, QStringLiteral("Prize given twice"));
    if (refused || !refused.error().message.contains(QLatin1String("closed up to")))
        return {};
    if (!Periods(*m_db).reopen(today.addDays(-4), QStringLiteral("Late correction of a prize"))
        || !Ledger(*m_db).rollback({late}, QStringLiteral("Prize given twice")))
        return {};
    return bug->rows.constFirst().id;
}

void TestControlsReport::aDesksMonth()
{
    QString checker;
    const QString unticketedId = replayMonth(&checker);
    QVERIFY2(!unticketedId.isEmpty(), "the month could not be replayed");
    auto read = ControlsReport(*m_db).read({}, {});
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message));
    const ControlsReportData &report = *read;

    // Every change held for approval, why, and who decided it.
    QCOMPARE(report.held.size(), 2);
    QCOMPARE(report.aboveLimits(), 2);
    QCOMPARE(report.held.at(0).amount, 800);
    QCOMPARE(report.held.at(0).heldFor, HoldReason::LimitPerChange);
    QCOMPARE(report.held.at(0).state, PendingAdjustment::State::Approved);
    QCOMPARE(report.held.at(0).decidedBy.isEmpty(), false);
    QCOMPARE(report.held.at(0).reasonTag.code, QStringLiteral("PRIZE"));
    QCOMPARE(report.held.at(1).state, PendingAdjustment::State::Rejected);
    QCOMPARE(report.held.at(1).decisionReason, QStringLiteral("No ticket"));
    // The close and the reopen, with why.
    QCOMPARE(report.periods.size(), 2);
    QCOMPARE(report.reopens(), 1);
    QCOMPARE(report.periods.at(1).kind, ClosedPeriod::Kind::Reopen);
    QCOMPARE(report.periods.at(1).reason, QStringLiteral("Late correction of a prize"));
    // The change its code now requires a ticket for, named with the maker and the code's label.
    QCOMPARE(report.unticketed.size(), 1);
    QCOMPARE(report.unticketed.at(0).xpId, unticketedId);
    QCOMPARE(report.unticketed.at(0).person, me());
    QCOMPARE(report.unticketed.at(0).label, QStringLiteral("Bug compensation"));
    QCOMPARE(report.unticketed.at(0).amount, -200);
    // Per person: the approved change counts for its maker, not for the approver who applied it.
    QCOMPARE(report.people.size(), 1);
    const PersonActivity &mine = report.people.at(0);
    QCOMPARE(mine.person, me());
    QCOMPARE(mine.changes, 3);
    QCOMPARE(mine.given, 1100);
    QCOMPARE(mine.taken, 200);
    QCOMPARE(mine.held, 2);
    QCOMPARE(mine.approved, 1);
    QCOMPARE(mine.rejected, 1);
    QCOMPARE(mine.waiting, 0);
    // Per reason code: the prizes (one approved) and the bug compensation, none with a ticket.
    QCOMPARE(report.reasons.size(), 2);
    QCOMPARE(report.reasons.at(0).code, QStringLiteral("BUG"));
    QCOMPARE(report.reasons.at(0).label, QStringLiteral("Bug compensation"));
    QCOMPARE(report.reasons.at(0).changes, 1);
    QCOMPARE(report.reasons.at(0).taken, 200);
    QCOMPARE(report.reasons.at(0).withoutTicket, 1);
    QCOMPARE(report.reasons.at(1).code, QStringLiteral("PRIZE"));
    QCOMPARE(report.reasons.at(1).changes, 2);
    QCOMPARE(report.reasons.at(1).given, 1100);
    QCOMPARE(report.reasons.at(1).taken, 0);

    // JSON, for scripts.
    const QJsonObject json = ControlsJson::of(report);
    QCOMPARE(json.value(QStringLiteral("held")).toArray().at(0).toObject().value(QStringLiteral("heldFor")).toString(),
             QStringLiteral("limit-per-change"));
    QCOMPARE(json.value(QStringLiteral("people")).toArray().at(0).toObject().value(QStringLiteral("given")).toInteger(),
             1100);
    // CSV: one row per finding, every row as wide as the header.
    const QString csvFile = m_files.filePath(QStringLiteral("controls.csv"));
    QVERIFY(ControlsCsv::write(report, csvFile, {}));
    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 1 + 2 + 2 + 1 + 1 + 2);
    QCOMPARE(lines.at(0).trimmed(), ControlsCsv::columns().join(QLatin1Char(',')).toUtf8());
    QVERIFY(lines.at(1).startsWith("held,"));
    QVERIFY(lines.at(5).startsWith("unticketed,"));
    QVERIFY(lines.at(6).startsWith("person,"));
    QVERIFY(lines.at(7).startsWith("reason-code,") && lines.at(7).contains(",BUG,"));
    QCOMPARE(
        json.value(QStringLiteral("reasonCodes")).toArray().at(1).toObject().value(QStringLiteral("given")).toInteger(),
        1100);
    // The document names people and codes as a reader knows them.
    const QString html = ControlsDocument::html(report, {QStringLiteral("en_GB")});
    for (const QString &expected : {QStringLiteral("Bug compensation (BUG)"), QStringLiteral("Contest prize (PRIZE)"),
                                    QStringLiteral("Late correction of a prize"),
                                    QStringLiteral("above the maker&#x27;s limit per change"), checker})
        QVERIFY2(html.contains(expected)
                     || html.contains(QString(expected).replace(QLatin1String("&#x27;"), QLatin1String("'"))),
                 qPrintable(expected));
    const QString pdfFile = m_files.filePath(QStringLiteral("controls.pdf"));
    QVERIFY(ControlsDocument::writePdf(report, pdfFile));
    QFile pdf(pdfFile);
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    QVERIFY(pdf.read(5) == "%PDF-");
}

void TestControlsReport::anEmptyPeriodHasNoFindings()
{
    QString checker;
    QVERIFY(!replayMonth(&checker).isEmpty());
    const QDateTime tomorrow = QDateTime(QDate::currentDate().addDays(1), QTime(0, 0)).toUTC();
    auto report = ControlsReport(*m_db).read(tomorrow, tomorrow.addDays(30));
    QVERIFY(report);
    QVERIFY(report->held.isEmpty());
    QVERIFY(report->periods.isEmpty());
    QVERIFY(report->unticketed.isEmpty());
    QVERIFY(report->people.isEmpty());
    QVERIFY(report->reasons.isEmpty());
}

void TestControlsReport::anEmptyRangeIsRefused()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    auto report = ControlsReport(*m_db).read(now, now.addDays(-1));
    QVERIFY(!report);
    QVERIFY2(report.error().message.contains(QLatin1String("--since")), qPrintable(report.error().message));
}

QTEST_MAIN(TestControlsReport)
#include "TestControlsReport.moc"
