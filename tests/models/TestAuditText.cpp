#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/AuditModel.h"
#include "models/AuditText.h"
#include "models/HistoryModel.h"
#include "models/XpFormat.h"

#include <QTest>

// The audit log read as words: each kind of event's effect, and times and amounts written as the
// history writes them, in English and German, on a real database.
class TestAuditText final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void effectsReadAsChanges();
    void timesAndAmountsReadAsInTheHistory();
    void germanTimesHaveFourDigitYears();

private:
    QString table() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    void exec(const QString &sql);
    // Every event, newest first, as the audit table reads them.
    QList<AuditEvent> events();

    QStringList m_awarded; // award i is "answer i", attempt-i, 10 + i XP
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};

void TestAuditText::exec(const QString &sql)
{
    auto rows = m_db->run(sql);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

void TestAuditText::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("ada@example.com"), QStringLiteral("Ada Lovelace")));
    QVERIFY(
        Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("grace@example.com"), QStringLiteral("Grace Hopper")));
    QVERIFY(Users(*m_db).add(QStringLiteral("u3"), QStringLiteral("alan@example.com"), {}));
    Ledger ledger(*m_db);
    for (int i = 0; i < 12; ++i) {
        auto change = ledger.award({QStringLiteral("u%1").arg(i % 3 + 1), 10 + i, SourceType::UserProblemAttempt,
                                    QStringLiteral("attempt-%1").arg(i), QStringLiteral("answer %1").arg(i),
                                    Category::CorrectAnswer});
        QVERIFY(change);
        m_awarded << change->rows.first().id;
    }
    QVERIFY(ledger.rollback(m_awarded.mid(0, 5), QStringLiteral("duplicates")));
    QVERIFY(ledger.restore(m_awarded.mid(0, 2), QStringLiteral("not duplicates after all")));
    // Above the default approval threshold: held, not applied.
    auto held = ledger.adjust(QStringLiteral("u1"), 5000, QStringLiteral("conference prize"));
    QVERIFY(held);
    QVERIFY(!held->pendingId.isEmpty());
    QVERIFY(ApprovalGate(*m_db).setThreshold(2500));

    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&opened](const Status &status) { opened = status.ok(); });
    QTRY_VERIFY(opened);
}

void TestAuditText::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

QList<AuditEvent> TestAuditText::events()
{
    AuditModel model(m_session.get());
    model.setFilter({});
    if (!QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000))
        return {};
    QList<AuditEvent> all;
    for (int row = 0; row < model.rowCount(); ++row)
        all << model.eventAt(row);
    return all;
}

void TestAuditText::effectsReadAsChanges()
{
    // A drifted total, then recalculated: the event records the totals before and after.
    const qint64 sum
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = 'u2'"))
              .toLongLong();
    exec(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 5000 WHERE \"userId\" = 'u2'"));
    QVERIFY(Ledger(*m_db).recalculate(QStringLiteral("u2")));

    QHash<QString, QStringList> effects; // by action, oldest first
    const QList<AuditEvent> all = events();
    QVERIFY(!all.isEmpty());
    for (auto it = all.crbegin(); it != all.crend(); ++it)
        effects[it->action] << AuditText::effect(*it);

    QCOMPARE(effects.value(QStringLiteral("user-add")),
             QStringList({QStringLiteral("User added: Ada Lovelace <ada@example.com>"),
                          QStringLiteral("User added: Grace Hopper <grace@example.com>"),
                          QStringLiteral("User added: alan@example.com")}));
    QCOMPARE(effects.value(QStringLiteral("award")).value(3),
             QStringLiteral("Transaction +13 added: answer 3, attempt-3\nTotal XP 10 → 23"));
    QCOMPARE(effects.value(QStringLiteral("award")).size(), 12);
    QCOMPARE(effects.value(QStringLiteral("rollback")).size(), 5);
    QVERIFY(effects.value(QStringLiteral("rollback"))
                .contains(QStringLiteral("Transaction +14 removed: answer 4, attempt-4\nTotal XP 51 → 37")));
    QVERIFY(effects.value(QStringLiteral("restore"))
                .contains(QStringLiteral("Transaction +11 restored: answer 1, attempt-1\nTotal XP 37 → 48")));
    QCOMPARE(effects.value(QStringLiteral("adjust-request")),
             QStringList(QStringLiteral("Adjustment +5,000 held for approval, not applied: conference prize")));
    QCOMPARE(effects.value(QStringLiteral("approval-threshold")),
             QStringList(QStringLiteral("Approval threshold 1,000 XP → 2,500 XP")));
    QCOMPARE(effects.value(QStringLiteral("recalc")),
             QStringList(QStringLiteral("Total XP %1 → %2 (set to the sum of the user's transactions)")
                             .arg(XpFormat::total(sum + 5000), XpFormat::total(sum))));
    // Every action has a label of its own, never its code.
    for (const QString &action : effects.keys())
        QVERIFY2(AuditText::actionLabel(action) != action, qPrintable(action));
}

// The same instant and the same amount read the same in the audit log as in the history.
void TestAuditText::timesAndAmountsReadAsInTheHistory()
{
    QVERIFY(Ledger(*m_db).apply({QStringLiteral("u3"), 1234567, SourceType::SpecialAchievement,
                                 QStringLiteral("prize-1"), QStringLiteral("prize"), Category::Achievement}));
    HistoryModel history(m_session.get());
    HistoryFilter historyFilter;
    historyFilter.userId = QStringLiteral("u3");
    history.setFilter(historyFilter);
    QTRY_VERIFY(!history.isLoading() && history.totalCount() > 0 && history.rowCount() == history.totalCount());
    QCOMPARE(history.index(0, HistoryModel::Amount).data(HistoryModel::RawValueRole).toLongLong(), 1234567);
    const QDateTime created = history.index(0, HistoryModel::Time).data(HistoryModel::RawValueRole).toDateTime();
    const QString xpId = history.index(0, HistoryModel::Id).data().toString();
    // The audit event of that row, moved to the very instant the row was made.
    exec(QStringLiteral("UPDATE %1 SET at = '%2' WHERE xp_id = '%3'").arg(table(), Timestamp::toSql(created), xpId));

    AuditModel model(m_session.get());
    model.setFilter({});
    QTRY_VERIFY(!model.isLoading() && model.rowCount() > 0);
    QCOMPARE(model.eventAt(0).xpId, xpId);
    QCOMPARE(model.index(0, AuditModel::When).data().toString(),
             history.index(0, HistoryModel::Time).data().toString());
    QCOMPARE(model.index(0, AuditModel::Amount).data().toString(),
             history.index(0, HistoryModel::Amount).data().toString());
    QCOMPARE(model.index(0, AuditModel::Amount).data().toString(), QStringLiteral("+1,234,567")); // grouped, signed
    QCOMPARE(model.index(0, AuditModel::Amount).data(Qt::ForegroundRole), XpFormat::amountColor(1));
    QVERIFY(XpFormat::amountColor(1) != XpFormat::amountColor(-1));
    QCOMPARE(model.index(0, AuditModel::User).data().toString(), QStringLiteral("alan@example.com"));
    QCOMPARE(model.index(0, AuditModel::User).data(Qt::ToolTipRole).toString(), QStringLiteral("id u3"));
}

void TestAuditText::germanTimesHaveFourDigitYears()
{
    exec(QStringLiteral("UPDATE %1 SET at = '2025-01-10 09:30:00.000' WHERE seq = 1").arg(table()));
    const QLocale previous;
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    AuditModel model(m_session.get());
    AuditFilter first;
    first.maxSeq = 1;
    model.setFilter(first);
    QTRY_VERIFY(!model.isLoading() && model.rowCount() == 1);
    const QString when = model.index(0, AuditModel::When).data().toString();
    const QString amount = XpFormat::signedAmount(1234567);
    QLocale::setDefault(previous);
    const QDateTime local = QDateTime(QDate(2025, 1, 10), QTime(9, 30), Qt::UTC).toLocalTime();
    QCOMPARE(when, local.toString(QStringLiteral("dd.MM.yyyy HH:mm:ss")));
    QCOMPARE(amount, QStringLiteral("+1.234.567"));
}

QTEST_GUILESS_MAIN(TestAuditText)
#include "TestAuditText.moc"
