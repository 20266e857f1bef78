#include "tests/periods/PeriodLedger.h"
#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/periods/Periods.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Closing the ledger up to a day: what the close keeps, what it refuses afterwards (with nothing
// changed), what stays allowed, reopening, and what verify checks; against a real database.
class TestPeriods final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void closeKeepsTheTotalsAsTheLedgerStood();
    void changesInTheClosedPeriodAreRefused();
    void recalculationThatWouldChangeAClosedTotalIsRefused();
    void openPeriodAndReopenedDaysAllowChanges();
    void badDaysAndReasonsAreRefused();
    void verifyChecksTheCloseAgainstItsEvent();

private:
    void exec(const QString &sql, const Bindings &bindings = {});
    void verifyRefusal(const Error &error, const QString &names);
    std::optional<AuditEvent> lastEvent();

    std::unique_ptr<Database> m_db;
    PeriodLedger m_ledger;
};

void TestPeriods::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    m_ledger = PeriodLedger();
    const QString failed = m_ledger.setUp(*m_db);
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestPeriods::cleanup()
{
    m_db.reset();
}

void TestPeriods::exec(const QString &sql, const Bindings &bindings)
{
    auto rows = m_db->run(sql, bindings);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

// A refusal names the period, who closed it and what an admin may do, and the row or user.
void TestPeriods::verifyRefusal(const Error &error, const QString &names)
{
    const QString day = PeriodLedger::closeDay().toString(Qt::ISODate);
    QVERIFY2(error.message.contains(QStringLiteral("closed up to %1 by %2").arg(day, m_db->actor())),
             qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("an admin may reopen it")), qPrintable(error.message));
    QVERIFY2(error.message.contains(names), qPrintable(error.message));
    QVERIFY2(error.message.contains(QStringLiteral("Nothing was changed")), qPrintable(error.message));
}

std::optional<AuditEvent> TestPeriods::lastEvent()
{
    auto rows = m_db->run(QStringLiteral("SELECT %1 FROM %2 ORDER BY seq DESC LIMIT 1")
                              .arg(AuditLog::columns(), m_db->dialect().ownTable(QStringLiteral("audit_event"))));
    if (!rows || !rows->next())
        return std::nullopt;
    return AuditLog::read(*rows, m_db->dialect());
}

void TestPeriods::closeKeepsTheTotalsAsTheLedgerStood()
{
    const QDate day = PeriodLedger::closeDay();
    Periods periods(*m_db);
    auto preview = periods.preview(day);
    QVERIFY2(preview, qPrintable(preview ? QString() : preview.error().message));
    QCOMPARE(preview->users, 2);
    QCOMPARE(preview->sum, 180);

    auto closed = periods.close(day, QStringLiteral("Books of the month"));
    QVERIFY2(closed, qPrintable(closed ? QString() : closed.error().message));
    QCOMPARE(closed->day, day);
    QCOMPARE(closed->kind, ClosedPeriod::Kind::Close);
    QCOMPARE(closed->actor, m_db->actor());
    QCOMPARE(closed->reason, QStringLiteral("Books of the month"));

    // The totals kept equal the ledger as it stood, read by plain SQL.
    const QString expected = PeriodLedger::sumsUpTo(*m_db, day);
    QCOMPARE(expected, QStringLiteral("alice=150;bob=30"));
    auto kept = periods.totals(closed->id);
    QVERIFY(kept);
    QStringList keptText;
    for (auto it = kept->cbegin(); it != kept->cend(); ++it)
        keptText << it.key() + QLatin1Char('=') + QString::number(it.value());
    keptText.sort();
    QCOMPARE(keptText.join(QLatin1Char(';')), expected);
    QCOMPARE(closed->users, 2);
    QCOMPARE(closed->sum, 180);
    const QString digest
        = QString::fromLatin1(QCryptographicHash::hash("alice\t150\nbob\t30\n", QCryptographicHash::Sha256).toHex());
    QCOMPARE(closed->digest, digest);

    // The close is the newest audit event and carries the figures.
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->action, QStringLiteral("period-close"));
    QCOMPARE(event->seq, closed->auditSeq);
    QCOMPARE(event->reason, QStringLiteral("Books of the month"));
    const QJsonObject snapshot = QJsonDocument::fromJson(event->snapshot.toUtf8()).object();
    QCOMPARE(snapshot.value(QStringLiteral("until")).toString(), day.toString(Qt::ISODate));
    QCOMPARE(snapshot.value(QStringLiteral("users")).toInteger(), 2);
    QCOMPARE(snapshot.value(QStringLiteral("sum")).toInteger(), 180);
    QCOMPARE(snapshot.value(QStringLiteral("digest")).toString(), digest);

    auto current = periods.current();
    QVERIFY(current && *current);
    QCOMPARE((*current)->id, closed->id);
    QCOMPARE((*current)->boundary, Periods::boundaryOf(day));
}

void TestPeriods::changesInTheClosedPeriodAreRefused()
{
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    const QByteArray before = TestBackend::contentDigest(*m_db);
    Ledger ledger(*m_db);

    auto rollback = ledger.rollback({m_ledger.aliceNew, m_ledger.aliceOld}, QStringLiteral("late"));
    QVERIFY(!rollback);
    verifyRefusal(rollback.error(), m_ledger.aliceOld);
    QVERIFY(rollback.error().message.startsWith(QStringLiteral("Refused to roll back")));

    auto deleted
        = ledger.deleteSource(SourceType::SpecialAchievement, QStringLiteral("contest-5"), QStringLiteral("x"));
    QVERIFY(!deleted);
    verifyRefusal(deleted.error(), m_ledger.aliceMid);

    auto restored = ledger.restore({m_ledger.carolOld}, QStringLiteral("was right after all"));
    QVERIFY(!restored);
    verifyRefusal(restored.error(), m_ledger.carolOld);

    DemoOptions demo;
    demo.users = 3;
    demo.transactions = 20;
    demo.days = 30;
    auto generated = DemoGenerator(*m_db).generate(demo);
    QVERIFY(!generated);
    verifyRefusal(generated.error(), QStringLiteral("a transaction dated"));

    QCOMPARE(TestBackend::contentDigest(*m_db), before);
}

void TestPeriods::recalculationThatWouldChangeAClosedTotalIsRefused()
{
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    // A row of the closed period changed outside XP Admin: recalculating alice would bake it in.
    exec(QStringLiteral("UPDATE \"UserXP\" SET \"amount\" = 130 WHERE \"id\" = :id"),
         {{QStringLiteral(":id"), m_ledger.aliceOld}});
    const QByteArray before = TestBackend::contentDigest(*m_db);
    Ledger ledger(*m_db);
    auto one = ledger.recalculate(QStringLiteral("alice"));
    QVERIFY(!one);
    verifyRefusal(one.error(), QStringLiteral("\"alice\""));
    auto all = ledger.recalculateAll();
    QVERIFY(!all);
    verifyRefusal(all.error(), QStringLiteral("\"alice\""));
    auto repaired = Verifier(*m_db).repair();
    QVERIFY(!repaired);
    QVERIFY(repaired.error().message.startsWith(QStringLiteral("Refused to repair")));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);

    // bob's closed rows are intact: his drift (an open-period matter) may be repaired.
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 99 WHERE \"userId\" = 'bob'"));
    auto bob = ledger.recalculate(QStringLiteral("bob"));
    QVERIFY2(bob, qPrintable(bob ? QString() : bob.error().message));
    QCOMPARE(*bob, 25);
}

void TestPeriods::openPeriodAndReopenedDaysAllowChanges()
{
    Periods periods(*m_db);
    QVERIFY(periods.close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    Ledger ledger(*m_db);
    // After the boundary everything works as before.
    auto open = ledger.rollback({m_ledger.bobOpen, m_ledger.aliceNew}, QStringLiteral("open rows"));
    QVERIFY2(open, qPrintable(open ? QString() : open.error().message));
    QCOMPARE(open->totals.value(QStringLiteral("bob")), 30);
    QVERIFY(ledger.restore({m_ledger.bobOpen}, QStringLiteral("back")));
    QVERIFY(ledger.recalculateAll());

    // Reopen after 8 days ago: 5 and 6 days ago are open again, 10 days ago stays closed.
    const QDate earlier = QDate::currentDate().addDays(-8);
    auto reopened = periods.reopen(earlier, QStringLiteral("late correction of the contest"));
    QVERIFY2(reopened, qPrintable(reopened ? QString() : reopened.error().message));
    QCOMPARE(reopened->kind, ClosedPeriod::Kind::Reopen);
    QCOMPARE(reopened->users, 2);
    QCOMPARE(reopened->sum, 130);
    const auto event = lastEvent();
    QVERIFY(event);
    QCOMPARE(event->action, QStringLiteral("period-reopen"));
    QCOMPARE(event->reason, QStringLiteral("late correction of the contest"));

    QVERIFY(ledger.deleteSource(SourceType::SpecialAchievement, QStringLiteral("contest-5"), QStringLiteral("x")));
    QVERIFY(ledger.restore({m_ledger.carolOld}, QStringLiteral("was right after all")));
    auto old = ledger.rollback({m_ledger.aliceOld}, QStringLiteral("still closed"));
    QVERIFY(!old);
    QVERIFY2(old.error().message.contains(QStringLiteral("closed up to %1").arg(earlier.toString(Qt::ISODate))),
             qPrintable(old.error().message));

    auto list = periods.list();
    QVERIFY(list);
    QCOMPARE(list->size(), 2);
    QCOMPARE(list->constLast().day, earlier);
    // A later close is allowed again once reopened.
    QVERIFY(periods.close(QDate::currentDate().addDays(-1), QStringLiteral("closed again")));
    QCOMPARE(PeriodLedger::sumsUpTo(*m_db, QDate::currentDate().addDays(-1)),
             QStringLiteral("alice=100;bob=25;carol=40"));
}

void TestPeriods::badDaysAndReasonsAreRefused()
{
    Periods periods(*m_db);
    const QByteArray before = TestBackend::contentDigest(*m_db);
    const QDate today = QDate::currentDate();
    auto notOver = periods.close(today, QStringLiteral("x"));
    QVERIFY(!notOver);
    QVERIFY2(notOver.error().message.contains(QStringLiteral("not over yet")), qPrintable(notOver.error().message));
    QVERIFY(!periods.close(today.addDays(30), QStringLiteral("x")));
    QVERIFY(!periods.close(QDate(), QStringLiteral("x")));
    auto noReason = periods.close(PeriodLedger::closeDay(), QStringLiteral("   "));
    QVERIFY(!noReason);
    QVERIFY2(noReason.error().message.contains(QStringLiteral("reason")), qPrintable(noReason.error().message));
    auto nothing = periods.reopen(PeriodLedger::closeDay(), QStringLiteral("x"));
    QVERIFY(!nothing);
    QVERIFY2(nothing.error().message.contains(QStringLiteral("Nothing is closed")),
             qPrintable(nothing.error().message));
    QCOMPARE(TestBackend::contentDigest(*m_db), before);

    for (const QString &bad : {QStringLiteral("2026-11-31"), QStringLiteral("30.11.2026"), QStringLiteral(""),
                               QStringLiteral("2026-11-30T10:00")}) {
        auto parsed = Periods::parseDay(QStringLiteral("--until"), bad);
        QVERIFY2(!parsed, qPrintable(bad));
        QVERIFY2(parsed.error().message.contains(QStringLiteral("--until \"%1\"").arg(bad)),
                 qPrintable(parsed.error().message));
    }
    QCOMPARE(*Periods::parseDay(QStringLiteral("--until"), QStringLiteral(" 2026-11-30 ")), QDate(2026, 11, 30));

    QVERIFY(periods.close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    const QByteArray closed = TestBackend::contentDigest(*m_db);
    auto earlier = periods.close(PeriodLedger::closeDay().addDays(-1), QStringLiteral("x"));
    QVERIFY(!earlier);
    QVERIFY2(earlier.error().message.contains(
                 QStringLiteral("closed up to %1 already").arg(PeriodLedger::closeDay().toString(Qt::ISODate))),
             qPrintable(earlier.error().message));
    QVERIFY(!periods.close(PeriodLedger::closeDay(), QStringLiteral("x")));
    QVERIFY(!periods.reopen(PeriodLedger::closeDay(), QStringLiteral("x")));
    QVERIFY(!periods.reopen(PeriodLedger::closeDay().addDays(1), QStringLiteral("x")));
    QVERIFY(!periods.reopen(PeriodLedger::closeDay().addDays(-1), QString()));
    QCOMPARE(TestBackend::contentDigest(*m_db), closed);
}

void TestPeriods::verifyChecksTheCloseAgainstItsEvent()
{
    QVERIFY(Periods(*m_db).close(PeriodLedger::closeDay(), QStringLiteral("closed")));
    auto clean = Verifier(*m_db).verify();
    QVERIFY(clean);
    QVERIFY2(clean->periodFindings.isEmpty(), qPrintable(clean->periodFindings.join(QLatin1Char('\n'))));

    // A kept total edited: it no longer matches the digest the chain anchors.
    exec(QStringLiteral("UPDATE %1 SET total = total + 1 WHERE user_id = 'bob'")
             .arg(m_db->dialect().ownTable(QStringLiteral("period_total"))));
    auto edited = Verifier(*m_db).verify();
    QVERIFY(edited);
    QVERIFY(!edited->ok());
    QCOMPARE(edited->periodFindings.size(), 3); // the kept list, its event, and bob's rows against it
    QVERIFY2(edited->periodFindings.constFirst().contains(QStringLiteral("the close #1")),
             qPrintable(edited->periodFindings.constFirst()));
    exec(QStringLiteral("UPDATE %1 SET total = total - 1 WHERE user_id = 'bob'")
             .arg(m_db->dialect().ownTable(QStringLiteral("period_total"))));

    // A closed row removed outside XP Admin (the web app may): the rows no longer add up.
    exec(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"id\" = :id"), {{QStringLiteral(":id"), m_ledger.bobOld}});
    auto removed = Verifier(*m_db).verify();
    QVERIFY(removed);
    QCOMPARE(removed->periodFindings.size(), 1);
    QVERIFY2(removed->periodFindings.constFirst().contains(QStringLiteral("\"bob\"")),
             qPrintable(removed->periodFindings.constFirst()));

    // The close's record removed: the log still names it.
    exec(QStringLiteral("DELETE FROM %1").arg(m_db->dialect().ownTable(QStringLiteral("period"))));
    auto gone = Verifier(*m_db).verify();
    QVERIFY(gone);
    QVERIFY2(gone->periodFindings.join(QLatin1Char('\n')).contains(QStringLiteral("missing")),
             qPrintable(gone->periodFindings.join(QLatin1Char('\n'))));
}

QTEST_GUILESS_MAIN(TestPeriods)
#include "TestPeriods.moc"
