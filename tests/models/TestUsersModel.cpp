#include "tests/support/TestBackend.h"
#include "tests/support/TestSession.h"

#include "core/import/DemoGenerator.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/UsersModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The users list on demo data, compared with independent SQL, on both backends.
class TestUsersModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void firstPageIsTheLeaderboard();
    void search_data();
    void search();
    void percentAndUnderscoreAreLiteral();
    void sortMatchesSqlAcrossPages_data();
    void sortMatchesSqlAcrossPages();
    void otherColumnsDoNotSort();
    void aggregatesMatchSql();
    void driftIsFlagged();
    void ledgerChangeRefreshesShownUser();
    void staleSearchIsDropped();

private:
    QStringList ids(const UsersModel &model) const;
    QStringList idsBySql(const QString &where, const QString &order, const Bindings &bindings = {});

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};

void TestUsersModel::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    // 450 users over three pages of 200; with 3,000 transactions some users have none (no
    // profile), and many share a total, so ties cross page boundaries.
    auto summary = DemoGenerator(*m_db).generate({450, 3000, 60, 11});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    Users users(*m_db);
    QVERIFY(users.add(QStringLiteral("pct-user"), QStringLiteral("fifty%off@example.com"), QStringLiteral("Per Cent")));
    QVERIFY(users.add(QStringLiteral("under_score"), QStringLiteral("under_score@example.com"), QStringLiteral("U S")));
    QVERIFY(users.add(QStringLiteral("no-name"), QStringLiteral("nameless@example.com"), QString()));

    QString why;
    m_session = openTestSession(spec, this, &why);
    QVERIFY2(m_session, qPrintable(why));
}

void TestUsersModel::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

QStringList TestUsersModel::ids(const UsersModel &model) const
{
    QStringList result;
    for (int row = 0; row < model.rowCount(); ++row)
        result << model.index(row, UsersModel::Id).data(UsersModel::RawValueRole).toString();
    return result;
}

QStringList TestUsersModel::idsBySql(const QString &where, const QString &order, const Bindings &bindings)
{
    QStringList result;
    auto rows = m_db->run(QStringLiteral("SELECT u.\"id\" FROM \"User\" u LEFT JOIN \"UserProfile\" p ON "
                                         "p.\"userId\" = u.\"id\" %1 ORDER BY %2")
                              .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where, order),
                          bindings);
    if (!rows)
        qWarning("%s", qPrintable(rows.error().message));
    while (rows && rows->next())
        result << rows->text(0);
    return result;
}

void TestUsersModel::firstPageIsTheLeaderboard()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counted(&model, &UsersModel::countReady);
    QTRY_COMPARE(model.rowCount(), UsersModel::PageSize);
    QCOMPARE(model.sortColumn(), int(UsersModel::TotalXP));
    QCOMPARE(model.sortOrder(), Qt::DescendingOrder);
    QCOMPARE(model.index(0, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong(),
             TestBackend::scalar(*m_db, QStringLiteral("SELECT max(\"totalXP\") FROM \"UserProfile\"")).toLongLong());
    QVERIFY(model.canFetchMore({}));
    QTRY_COMPARE(counted.count(), 1);
    QCOMPARE(counted.first().first().toLongLong(), 453);
    QCOMPARE(model.totalCount(), 453);
    // Numbers are shown with the locale's separators and right-aligned.
    const QModelIndex total = model.index(0, UsersModel::TotalXP);
    QCOMPARE(total.data().toString(), QLocale().toString(total.data(UsersModel::RawValueRole).toLongLong()));
    QVERIFY(total.data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
}

void TestUsersModel::search_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("last name, any case") << QStringLiteral("LOVELACE");
    QTest::newRow("email part") << QStringLiteral("grace.");
    QTest::newRow("name with a space") << QStringLiteral(" a L ");
    QTest::newRow("email domain") << QStringLiteral("@EXAMPLE.com");
}

void TestUsersModel::search()
{
    QFETCH(QString, text);
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearch(text);
    loadAll(model);
    const QString lower = text.trimmed().toLower();
    const QStringList expected = idsBySql(
        QStringLiteral("lower(u.\"id\") LIKE '%' || :t1 || '%' OR lower(u.\"email\") LIKE '%' || :t2 || '%' OR "
                       "lower(u.\"name\") LIKE '%' || :t3 || '%'"),
        QStringLiteral("COALESCE(p.\"totalXP\", 0) DESC, u.\"id\" ASC"),
        {{QStringLiteral(":t1"), lower}, {QStringLiteral(":t2"), lower}, {QStringLiteral(":t3"), lower}});
    QVERIFY(!expected.isEmpty());
    QCOMPARE(ids(model), expected);
    QTRY_COMPARE(model.totalCount(), qint64(expected.size()));

    // An exact id finds that user, first.
    const QString someone = expected.last();
    model.setSearch(someone);
    loadAll(model);
    QCOMPARE(ids(model), QStringList{someone});
    // Part of an id finds it too.
    model.setSearch(someone.mid(3, 12).toUpper());
    loadAll(model);
    QVERIFY(ids(model).contains(someone));
}

void TestUsersModel::percentAndUnderscoreAreLiteral()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSearch(QStringLiteral("%"));
    loadAll(model);
    QCOMPARE(ids(model), QStringList{QStringLiteral("pct-user")});
    model.setSearch(QStringLiteral("_"));
    loadAll(model);
    QCOMPARE(ids(model), QStringList{QStringLiteral("under_score")});
    model.setSearch(QStringLiteral("y%o"));
    loadAll(model);
    QCOMPARE(ids(model), QStringList{QStringLiteral("pct-user")});
    model.setSearch(QStringLiteral("fifty_off"));
    loadAll(model);
    QCOMPARE(ids(model), QStringList());
    QTRY_COMPARE(model.totalCount(), 0);
    model.setSearch(QString());
    loadAll(model);
    QCOMPARE(model.rowCount(), 453);
}

void TestUsersModel::sortMatchesSqlAcrossPages_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("sql");
    QTest::newRow("leaderboard") << int(UsersModel::TotalXP) << int(Qt::DescendingOrder)
                                 << QStringLiteral("COALESCE(p.\"totalXP\", 0) DESC, u.\"id\" ASC");
    QTest::newRow("total ascending") << int(UsersModel::TotalXP) << int(Qt::AscendingOrder)
                                     << QStringLiteral("COALESCE(p.\"totalXP\", 0) ASC, u.\"id\" ASC");
    QTest::newRow("id") << int(UsersModel::Id) << int(Qt::AscendingOrder) << QStringLiteral("u.\"id\" ASC");
    QTest::newRow("id descending") << int(UsersModel::Id) << int(Qt::DescendingOrder)
                                   << QStringLiteral("u.\"id\" DESC");
    QTest::newRow("email") << int(UsersModel::Email) << int(Qt::AscendingOrder)
                           << QStringLiteral("u.\"email\" ASC, u.\"id\" ASC");
    QTest::newRow("name descending") << int(UsersModel::Name) << int(Qt::DescendingOrder)
                                     << QStringLiteral("COALESCE(u.\"name\", '') DESC, u.\"id\" ASC");
}

void TestUsersModel::sortMatchesSqlAcrossPages()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QString, sql);
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(model.sortColumn(), column);
    loadAll(model);
    const QStringList expected = idsBySql({}, sql);
    QCOMPARE(expected.size(), 453);
    QCOMPARE(ids(model), expected);
    QVERIFY(!model.canFetchMore({}));
}

void TestUsersModel::otherColumnsDoNotSort()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), UsersModel::PageSize);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    model.sort(UsersModel::Transactions, Qt::AscendingOrder);
    model.sort(UsersModel::LastActivity, Qt::DescendingOrder);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(model.sortColumn(), int(UsersModel::TotalXP));
    QVERIFY(!UsersModel::isSortable(UsersModel::Transactions));
    QVERIFY(model.headerData(UsersModel::Transactions, Qt::Horizontal, Qt::ToolTipRole)
                .toString()
                .contains(QStringLiteral("Not sortable")));
}

void TestUsersModel::aggregatesMatchSql()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    loadAll(model);
    QCOMPARE(model.rowCount(), 453);
    int withoutTransactions = 0;
    for (int row = 0; row < model.rowCount(); row += 7) {
        const QString id = model.index(row, UsersModel::Id).data().toString();
        const Bindings user{{QStringLiteral(":u"), id}};
        QCOMPARE(
            model.index(row, UsersModel::Transactions).data(UsersModel::RawValueRole).toLongLong(),
            TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"userId\" = :u"), user)
                .toLongLong());
        const UserRow shown = model.user(row);
        QCOMPARE(shown.sum,
                 TestBackend::scalar(*m_db,
                                     QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" "
                                                    "WHERE \"userId\" = :u"),
                                     user)
                     .toLongLong());
        QCOMPARE(shown.totalXP, shown.sum);
        QVERIFY(!model.index(row, 0).data(UsersModel::DriftRole).toBool());
        const QDateTime last = m_db->dialect().readTimestamp(TestBackend::scalar(
            *m_db, QStringLiteral("SELECT max(\"createdAt\") FROM \"UserXP\" WHERE \"userId\" = :u"), user));
        QCOMPARE(model.index(row, UsersModel::LastActivity).data(UsersModel::RawValueRole).toDateTime(), last);
        if (!last.isValid()) {
            ++withoutTransactions;
            QCOMPARE(model.index(row, UsersModel::LastActivity).data().toString(), QString());
        } else {
            QCOMPARE(model.index(row, UsersModel::LastActivity).data().toString(),
                     QLocale().toString(last.toLocalTime(), QLocale::ShortFormat));
        }
    }
    QVERIFY(withoutTransactions > 0); // users without a profile are listed with 0
}

void TestUsersModel::driftIsFlagged()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), UsersModel::PageSize);
    const int row = 5;
    const QString id = model.index(row, UsersModel::Id).data().toString();
    const qint64 total = model.index(row, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong();
    QVERIFY(!model.index(row, UsersModel::Email).data(UsersModel::DriftRole).toBool());

    // A total edited by hand behind the ledger's back, then announced.
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 7 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), id}}));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    m_session->announceChange({id});
    QTRY_COMPARE(changed.count(), 1);
    QCOMPARE(model.rowOf(id), row);
    QVERIFY(model.index(row, UsersModel::Email).data(UsersModel::DriftRole).toBool());
    QCOMPARE(model.index(row, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong(), total + 7);
    const QString tip = model.index(row, UsersModel::TotalXP).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLocale().toString(total + 7)) && tip.contains(QLocale().toString(total))
                 && tip.contains(QStringLiteral("Verify > Repair")),
             qPrintable(tip));

    // A fresh model (a reload) shows it too; other rows are not marked.
    UsersModel reloaded(m_session.get());
    reloaded.sort(UsersModel::Id, Qt::AscendingOrder);
    reloaded.setSearch(id);
    QTRY_COMPARE(reloaded.rowCount(), 1);
    QVERIFY(reloaded.index(0, 0).data(UsersModel::DriftRole).toBool());
    QVERIFY(!model.index(row + 1, 0).data(UsersModel::DriftRole).toBool());

    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" - 7 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), id}}));
    m_session->announceChange({id});
    QTRY_VERIFY(!model.index(row, 0).data(UsersModel::DriftRole).toBool());
}

void TestUsersModel::ledgerChangeRefreshesShownUser()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE(model.rowCount(), UsersModel::PageSize);
    const int row = 12;
    const QString id = model.index(row, UsersModel::Id).data().toString();
    const qint64 total = model.index(row, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong();
    const qint64 count = model.index(row, UsersModel::Transactions).data(UsersModel::RawValueRole).toLongLong();
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    bool done = false;
    m_session->mutate(
        this, [id](Ledger &ledger) { return ledger.adjust(id, 50, QStringLiteral("test: goodwill")); },
        [&](const Result<LedgerChange> &r) {
            QVERIFY(r);
            done = true;
        });
    QTRY_VERIFY(done);
    QTRY_COMPARE(model.index(row, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong(), total + 50);
    QCOMPARE(model.index(row, UsersModel::Transactions).data(UsersModel::RawValueRole).toLongLong(), count + 1);
    QVERIFY(!model.index(row, UsersModel::TotalXP).data(UsersModel::DriftRole).toBool());
    QCOMPARE(resets.count(), 0); // cheap: only that row was read again

    // An announcement without users may concern anyone: everything is read again.
    m_session->announceChange();
    QTRY_COMPARE(resets.count(), 1);
    QTRY_VERIFY(model.rowCount() >= UsersModel::PageSize);
}

void TestUsersModel::staleSearchIsDropped()
{
    UsersModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // Typing: every keystroke resets; only the last search's rows may arrive.
    model.setSearch(QStringLiteral("a"));
    model.setSearch(QStringLiteral("ad"));
    model.fetchMore({});
    model.setSearch(QStringLiteral("FIFTY%"));
    loadAll(model);
    QCOMPARE(ids(model), QStringList{QStringLiteral("pct-user")});
    QTRY_COMPARE(model.totalCount(), 1);
}

QTEST_GUILESS_MAIN(TestUsersModel)
#include "TestUsersModel.moc"
