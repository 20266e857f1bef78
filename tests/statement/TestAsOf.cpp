#include "tests/support/TestBackend.h"

#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/Ledger.h"
#include "core/statement/LedgerDiff.h"
#include "core/statement/StatementQuery.h"
#include "core/users/Users.h"

#include <QHash>
#include <QMap>
#include <QTest>
#include <QThread>

#include <algorithm>

// The ledger as of a moment: a scripted history of awards, adjustments, rollbacks, restores,
// deletes by source and the web app's own writes, with a copy of the tables taken between every
// two steps; afterwards every one of those moments is rebuilt from today's rows and the audit log
// and must equal its copy, row by row and total by total. Statements and differences between
// the moments must add up to the same figures.
class TestAsOf final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void everyMomentIsRebuiltExactly();
    void leaderboardOfEachMoment();
    void runningBalanceOfEachMoment();
    void statementAddsUp();
    void statementShowsRemovalsRestoresAndRepairs();
    void diffReconcilesBetweenEveryTwoMoments();
    void badPeriodsAreRefused();

private:
    // The table's rows (id -> "userId|amount|sourceType|sourceId|category|createdAt") and the sums.
    struct Copy
    {
        QDateTime at;
        QMap<QString, QString> rows;
        QMap<QString, qint64> sums;
    };
    Copy copyTables();
    // Waits until the clock has moved on, takes a copy, and waits again: the copy's moment lies
    // strictly between the step before and the step after.
    void mark();
    static QString rowKey(const XpTransaction &row);
    // The web app's own award: a row inserted without XP Admin, with its total.
    void webAppAward(const QString &userId, qint64 amount, const QString &sourceId);

    std::unique_ptr<Database> m_db;
    QList<Copy> m_copies;
    QDateTime m_repairedAt;
};

QString TestAsOf::rowKey(const XpTransaction &row)
{
    return QStringList{row.userId,     QString::number(row.amount), XpEnums::name(row.sourceType),
                       row.sourceId,   XpEnums::name(row.category), Timestamp::toIso(row.createdAt),
                       row.description}
        .join(QLatin1Char('|'));
}

TestAsOf::Copy TestAsOf::copyTables()
{
    Copy copy;
    copy.at = Timestamp::now();
    HistoryQuery query(*m_db);
    auto rows = query.page({}, std::nullopt, 100000);
    if (!rows)
        qFatal("%s", qPrintable(rows.error().message));
    for (const XpTransaction &row : std::as_const(*rows)) {
        copy.rows.insert(row.id, rowKey(row));
        copy.sums[row.userId] += row.amount;
    }
    return copy;
}

void TestAsOf::mark()
{
    QThread::msleep(3);
    m_copies << copyTables();
    QThread::msleep(3);
}

void TestAsOf::webAppAward(const QString &userId, qint64 amount, const QString &sourceId)
{
    const QString now = Timestamp::toSql(Timestamp::now());
    const Dialect &d = m_db->dialect();
    QVERIFY(m_db->run(QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                     "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                                     "VALUES (:id, :user, :amount, %1, :source, 'web', %2, %3, %4)")
                          .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":cat")),
                               d.timestampParam(QStringLiteral(":c")), d.timestampParam(QStringLiteral(":u"))),
                      {{QStringLiteral(":id"), Cuid::generate()},
                       {QStringLiteral(":user"), userId},
                       {QStringLiteral(":amount"), amount},
                       {QStringLiteral(":type"), QStringLiteral("USER_PROBLEM_ATTEMPT")},
                       {QStringLiteral(":source"), sourceId},
                       {QStringLiteral(":cat"), QStringLiteral("CORRECT_ANSWER")},
                       {QStringLiteral(":c"), now},
                       {QStringLiteral(":u"), now}}));
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + :amount "
                                     "WHERE \"userId\" = :user"),
                      {{QStringLiteral(":amount"), amount}, {QStringLiteral(":user"), userId}}));
}

void TestAsOf::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    Users users(*m_db);
    QVERIFY(users.add(QStringLiteral("ada"), QStringLiteral("ada@example.com"), QStringLiteral("Ada")));
    QVERIFY(users.add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob")));
    Ledger ledger(*m_db);
    const auto award = [this](const QString &user, qint64 amount, const QString &source) {
        return TestBackend::award(*m_db, user, amount, source);
    };
    mark(); // 0: empty
    const QString a1 = award(QStringLiteral("ada"), 100, QStringLiteral("q1"));
    mark(); // 1
    award(QStringLiteral("bob"), 40, QStringLiteral("q1"));
    const QString a2 = award(QStringLiteral("ada"), 25, QStringLiteral("q2"));
    mark(); // 2
    webAppAward(QStringLiteral("ada"), 7, QStringLiteral("web-1"));
    mark(); // 3
    QVERIFY(ledger.adjust(QStringLiteral("ada"), -30, QStringLiteral("Duplicate award")));
    mark(); // 4
    QVERIFY(ledger.rollback({a1}, QStringLiteral("Awarded twice")));
    mark(); // 5
    QVERIFY(
        ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("q1"), QStringLiteral("Quiz withdrawn")));
    mark(); // 6
    QVERIFY(ledger.restore({a1}, QStringLiteral("Rolled back by mistake")));
    mark(); // 7
    // The web app's row, rolled back by XP Admin: the log sees it only when it goes.
    webAppAward(QStringLiteral("bob"), 9, QStringLiteral("web-2"));
    mark(); // 8
    const QString web2
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT \"id\" FROM \"UserXP\" WHERE \"sourceId\" = 'web-2'"))
              .toString();
    QVERIFY(ledger.rollback({web2, a2}, QStringLiteral("Cheating")));
    mark(); // 9
    // A cached total that drifted, repaired.
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 5 WHERE \"userId\" = 'ada'")));
    m_repairedAt = Timestamp::now();
    QVERIFY(ledger.recalculate(QStringLiteral("ada")));
    award(QStringLiteral("ada"), 12, QStringLiteral("q3"));
    mark(); // 10
    QCOMPARE(m_copies.size(), 11);
}

void TestAsOf::cleanupTestCase()
{
    m_db.reset();
}

void TestAsOf::everyMomentIsRebuiltExactly()
{
    HistoryQuery query(*m_db);
    for (const Copy &copy : std::as_const(m_copies)) {
        HistoryFilter filter;
        filter.asOf = copy.at;
        auto rows = query.page(filter, std::nullopt, 100000);
        QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
        QMap<QString, QString> rebuilt;
        for (const XpTransaction &row : std::as_const(*rows))
            rebuilt.insert(row.id, rowKey(row));
        QCOMPARE(rebuilt, copy.rows);
        // Paged, oldest first, two rows a page: the same rows.
        std::optional<HistoryCursor> cursor;
        qsizetype paged = 0;
        for (;;) {
            auto page = query.page(filter, cursor, 2, HistoryQuery::Order::OldestFirst);
            QVERIFY(page);
            paged += page->size();
            if (page->size() < 2)
                break;
            cursor = HistoryCursor{page->constLast().createdAt, page->constLast().id};
        }
        QCOMPARE(paged, copy.rows.size());
        auto count = query.count(filter);
        QVERIFY(count);
        QCOMPARE(*count, copy.rows.size());
    }
}

void TestAsOf::leaderboardOfEachMoment()
{
    TotalsQuery totals(*m_db);
    for (const Copy &copy : std::as_const(m_copies)) {
        HistoryFilter filter;
        filter.asOf = copy.at;
        auto byUser = totals.totals(TotalsQuery::GroupBy::User, filter);
        QVERIFY(byUser);
        QMap<QString, qint64> sums;
        for (const TotalsRow &row : std::as_const(*byUser))
            sums.insert(row.key, row.total);
        QCOMPARE(sums, copy.sums);
        // Largest first.
        for (qsizetype i = 1; i < byUser->size(); ++i)
            QVERIFY(byUser->at(i - 1).total >= byUser->at(i).total);
    }
}

void TestAsOf::runningBalanceOfEachMoment()
{
    HistoryQuery query(*m_db);
    for (const Copy &copy : std::as_const(m_copies)) {
        // The balance after each of ada's rows of then, summed here from the copy, oldest first.
        QList<std::pair<QString, QStringList>> rows;
        for (auto it = copy.rows.cbegin(); it != copy.rows.cend(); ++it) {
            const QStringList fields = it.value().split(QLatin1Char('|'));
            if (fields.at(0) == QLatin1StringView("ada"))
                rows << std::pair{it.key(), fields};
        }
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
            return a.second.at(5) != b.second.at(5) ? a.second.at(5) < b.second.at(5) : a.first < b.first;
        });
        QHash<QString, qint64> expected;
        qint64 total = 0;
        for (const auto &[id, fields] : std::as_const(rows)) {
            total += fields.at(1).toLongLong();
            expected.insert(id, total);
        }
        // Newest first, two rows a page: once going on from each page's balance, once from the
        // cursor alone (the sum up to it, as of the moment).
        for (const bool carried : {true, false}) {
            HistoryFilter filter;
            filter.userId = QStringLiteral("ada");
            filter.asOf = copy.at;
            std::optional<HistoryCursor> cursor;
            qsizetype seen = 0;
            for (;;) {
                auto page = query.pageWithBalances(filter, cursor, 2);
                QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
                QCOMPARE(page->balances.size(), page->rows.size());
                for (qsizetype i = 0; i < page->rows.size(); ++i)
                    QCOMPARE(page->balances.at(i), expected.value(page->rows.at(i).id, -1));
                seen += page->rows.size();
                if (page->rows.size() < 2)
                    break;
                const XpTransaction &last = page->rows.constLast();
                cursor = carried ? HistoryCursor{last.createdAt, last.id, page->balances.constLast(), last.amount}
                                 : HistoryCursor{last.createdAt, last.id};
            }
            QCOMPARE(seen, rows.size());
        }
    }
}

void TestAsOf::statementAddsUp()
{
    StatementQuery query(*m_db);
    for (const QString &user : {QStringLiteral("ada"), QStringLiteral("bob")}) {
        // Up to now: the closing balance is the cached total.
        auto all = query.read(user, {}, {});
        QVERIFY2(all, qPrintable(all ? QString() : all.error().message));
        QCOMPARE(all->opening, 0);
        QVERIFY(all->cachedTotal);
        QCOMPARE(all->closing, *all->cachedTotal);
        QCOMPARE(all->closing, m_copies.constLast().sums.value(user));
        QVERIFY(all->reconciles());
        // Every period between two copies: opening and closing are the copies' sums, and each
        // line's balance is the sum of the rows as they stood at that line's moment.
        for (qsizetype i = 0; i < m_copies.size(); ++i) {
            for (qsizetype j = i + 1; j < m_copies.size(); ++j) {
                auto s = query.read(user, m_copies.at(i).at.addMSecs(1), m_copies.at(j).at.addMSecs(1));
                QVERIFY(s);
                QCOMPARE(s->opening, m_copies.at(i).sums.value(user));
                QCOMPARE(s->closing, m_copies.at(j).sums.value(user));
                QCOMPARE(s->rebuiltClosing, s->closing);
                qint64 balance = s->opening;
                for (const StatementEntry &entry : std::as_const(s->entries)) {
                    balance += entry.change;
                    QCOMPARE(entry.balance, balance);
                }
                QCOMPARE(balance, s->closing);
            }
        }
        for (const StatementEntry &entry : std::as_const(all->entries)) {
            HistoryFilter filter;
            filter.userId = user;
            filter.asOf = entry.at;
            auto then = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::Nothing, filter);
            QVERIFY(then);
            QCOMPARE(entry.balance, then->value(0).total);
        }
    }
}

void TestAsOf::statementShowsRemovalsRestoresAndRepairs()
{
    auto s = StatementQuery(*m_db).read(QStringLiteral("ada"), {}, {});
    QVERIFY(s);
    QCOMPARE(s->userName, QStringLiteral("Ada"));
    QStringList kinds;
    for (const StatementEntry &entry : std::as_const(s->entries))
        kinds << QStringLiteral("%1%2%3")
                     .arg(entry.kind == StatementEntry::Kind::Added          ? QStringLiteral("+")
                              : entry.kind == StatementEntry::Kind::External ? QStringLiteral("w")
                              : entry.kind == StatementEntry::Kind::Removed  ? QStringLiteral("-")
                                                                             : QStringLiteral("r"))
                     .arg(entry.change)
                     .arg(entry.removedLater ? QStringLiteral("x") : QString());
    // award 100 (removed later, restored), award 25 (removed later), the web app's 7, adjust -30,
    // rollback of the 100, restore of the 100, rollback of the 25, award 12.
    QCOMPARE(
        kinds,
        (QStringList{QStringLiteral("+100x"), QStringLiteral("+25x"), QStringLiteral("w7"), QStringLiteral("+-30"),
                     QStringLiteral("--100"), QStringLiteral("r100"), QStringLiteral("--25"), QStringLiteral("+12")}));
    const StatementEntry &rollback = s->entries.at(4);
    QCOMPARE(rollback.reason, QStringLiteral("Awarded twice"));
    QCOMPARE(rollback.row.description, QStringLiteral("Quiz q1"));
    QVERIFY(!rollback.operatorName.isEmpty());
    // The 25 XP row is gone from the table: read from the log's snapshot.
    QCOMPARE(s->entries.at(6).row.sourceId, QStringLiteral("q2"));
    QCOMPARE(s->externalEntries, 1);
    QVERIFY(s->logCoversPeriod);
    QCOMPARE(s->drift.size(), 1);
    QCOMPARE(s->drift.constFirst().cached, 5);
    QCOMPARE(s->drift.constFirst().summed, m_copies.at(9).sums.value(QStringLiteral("ada")));
    QVERIFY(s->drift.constFirst().at >= m_repairedAt);
    qint64 manual = 0;
    for (const StatementSubtotal &subtotal : std::as_const(s->byCategory))
        if (subtotal.key == QLatin1StringView("MANUAL"))
            manual = subtotal.net();
    QCOMPARE(manual, -30);
    qint64 net = 0;
    for (const StatementSubtotal &subtotal : std::as_const(s->bySourceType))
        net += subtotal.net();
    QCOMPARE(net, s->closing - s->opening);
}

void TestAsOf::diffReconcilesBetweenEveryTwoMoments()
{
    LedgerDiffQuery query(*m_db);
    for (qsizetype i = 0; i < m_copies.size(); ++i) {
        for (qsizetype j = i + 1; j < m_copies.size(); ++j) {
            const Copy &before = m_copies.at(i);
            const Copy &after = m_copies.at(j);
            auto diff = query.read(before.at, after.at);
            QVERIFY2(diff, qPrintable(diff ? QString() : diff.error().message));
            QVERIFY(diff->reconciles());
            QVERIFY(!diff->brokenSeq);
            QSet<QString> added;
            QSet<QString> removed;
            for (const DiffRow &row : std::as_const(diff->rows))
                (row.change == DiffRow::Change::Removed ? removed : added).insert(row.row.id);
            QSet<QString> expectedAdded;
            QSet<QString> expectedRemoved;
            for (auto it = after.rows.cbegin(); it != after.rows.cend(); ++it)
                if (!before.rows.contains(it.key()))
                    expectedAdded.insert(it.key());
            for (auto it = before.rows.cbegin(); it != before.rows.cend(); ++it)
                if (!after.rows.contains(it.key()))
                    expectedRemoved.insert(it.key());
            QCOMPARE(added, expectedAdded);
            QCOMPARE(removed, expectedRemoved);
            for (const DiffUser &user : std::as_const(diff->users)) {
                QCOMPARE(user.before, before.sums.value(user.userId));
                QCOMPARE(user.after, after.sums.value(user.userId));
            }
        }
    }
    // The restore between moments 6 and 7 is named as such.
    auto restored = query.read(m_copies.at(6).at, m_copies.at(7).at, QStringLiteral("ada"));
    QVERIFY(restored);
    QCOMPARE(restored->rows.size(), 1);
    QCOMPARE(restored->rows.constFirst().change, DiffRow::Change::Restored);
    QCOMPARE(restored->users.size(), 1);
    QCOMPARE(restored->users.constFirst().label, QStringLiteral("Ada"));
}

void TestAsOf::badPeriodsAreRefused()
{
    const QDateTime now = Timestamp::now();
    auto empty = StatementQuery(*m_db).read(QStringLiteral("ada"), now, now.addSecs(-60));
    QVERIFY(!empty);
    QCOMPARE(empty.error().kind, Error::Kind::Input);
    auto nobody = StatementQuery(*m_db).read(QStringLiteral("nobody"), {}, {});
    QVERIFY(!nobody);
    QVERIFY2(nobody.error().message.contains(QStringLiteral("nobody")), qPrintable(nobody.error().message));
    auto backwards = LedgerDiffQuery(*m_db).read(now, now.addSecs(-1));
    QVERIFY(!backwards);
    QCOMPARE(backwards.error().kind, Error::Kind::Input);
}

QTEST_GUILESS_MAIN(TestAsOf)
#include "TestAsOf.moc"
