#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/AuditModel.h"
#include "models/AuditText.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

// The audit table model on a real database with 1,300+ events, from two operators and two
// months, compared row for row with independent SQL.
class TestAuditModel final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void pagingMatchesSql();
    void rowsCarryTheWholeEvent();
    void filtersMatchSql_data();
    void filtersMatchSql();
    void staleResultsAreDropped();
    void newEventsAppearAtTheTop();
    void locateLoadsPagesDownToTheEvent();
    void locateFarDownRestartsTheListNearTheEvent();

private:
    QString table() const { return m_db->dialect().ownTable(QStringLiteral("audit_event")); }
    QList<qint64> seqsBySql(const QString &where);
    static bool waitIdle(AuditModel &model);
    static QList<qint64> loadAll(AuditModel &model);
    void exec(const QString &sql);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};

void TestAuditModel::exec(const QString &sql)
{
    auto rows = m_db->run(sql);
    QVERIFY2(rows, qPrintable(rows ? QString() : rows.error().message));
}

void TestAuditModel::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    const QStringList users{QStringLiteral("u1"), QStringLiteral("u2"), QStringLiteral("u3"), QStringLiteral("u4")};
    // Three users with names, one without: the table shows the email for that one.
    const QStringList names{QStringLiteral("Ada Lovelace"), QStringLiteral("Grace Hopper"),
                            QStringLiteral("Alan Turing"), QString()};
    for (int i = 0; i < users.size(); ++i)
        QVERIFY(Users(*m_db).add(users.at(i), users.at(i) + QStringLiteral("@example.com"), names.at(i)));
    // 650 awards by "tester", 300 adjustments by "Alice" on a second connection, one rollback of
    // 300 rows (300 events) and one restore of 100 (100 events): 1,354 events.
    Ledger ledger(*m_db);
    QStringList awarded;
    for (int i = 0; i < 650; ++i) {
        auto change = ledger.award({users.at(i % 4), 10 + i % 7, SourceType::UserProblemAttempt,
                                    QStringLiteral("attempt-%1").arg(i), QStringLiteral("answer %1").arg(i),
                                    Category::CorrectAnswer});
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        awarded << change->rows.first().id;
    }
    {
        auto alice = Database::open(spec, QStringLiteral("Alice"));
        QVERIFY(alice);
        Ledger aliceLedger(**alice);
        for (int i = 0; i < 300; ++i)
            QVERIFY(aliceLedger.adjust(users.at(i % 3), i % 2 ? 5 : -3, QStringLiteral("goodwill %1").arg(i)));
    }
    QVERIFY(ledger.rollback(awarded.mid(0, 300), QStringLiteral("duplicate attempts")));
    QVERIFY(ledger.restore(awarded.mid(0, 100), QStringLiteral("rolled back by mistake")));
    QCOMPARE(TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM %1").arg(table())).toLongLong(), 1354);
    // Spread the events over two months (by hand: this test reads, it does not verify the chain).
    exec(QStringLiteral("UPDATE %1 SET at = '2025-01-10 09:30:00.000' WHERE seq <= 400").arg(table()));
    exec(QStringLiteral("UPDATE %1 SET at = '2025-02-14 16:45:00.250' WHERE seq > 400 AND seq <= 900").arg(table()));

    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&opened](const Status &status) {
        QVERIFY2(status, qPrintable(status ? QString() : status.error().message));
        opened = true;
    });
    QTRY_VERIFY(opened);
}

void TestAuditModel::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

QList<qint64> TestAuditModel::seqsBySql(const QString &where)
{
    QList<qint64> seqs;
    auto rows = m_db->run(QStringLiteral("SELECT seq FROM %1 %2 ORDER BY seq DESC")
                              .arg(table(), where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where));
    if (!rows)
        qWarning("%s", qPrintable(rows.error().message));
    while (rows && rows->next())
        seqs << rows->integer(0);
    return seqs;
}

bool TestAuditModel::waitIdle(AuditModel &model)
{
    return QTest::qWaitFor([&model] { return !model.isLoading(); }, 20000);
}

QList<qint64> TestAuditModel::loadAll(AuditModel &model)
{
    for (;;) {
        if (!waitIdle(model))
            return {};
        if (!model.canFetchMore({}))
            break;
        model.fetchMore({});
    }
    QList<qint64> seqs;
    for (int row = 0; row < model.rowCount(); ++row)
        seqs << model.index(row, AuditModel::Seq).data(AuditModel::RawValueRole).toLongLong();
    return seqs;
}

void TestAuditModel::pagingMatchesSql()
{
    AuditModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    QVERIFY(waitIdle(model));
    QCOMPARE(model.rowCount(), AuditModel::PageSize); // one page, not the whole log
    QVERIFY(model.canFetchMore({}));
    const QList<qint64> expected = seqsBySql({});
    QCOMPARE(expected.size(), 1354);
    QCOMPARE(loadAll(model), expected);
    QVERIFY(!model.canFetchMore({}));
    QTRY_COMPARE(model.totalCount().value_or(-1), 1354);
}

void TestAuditModel::rowsCarryTheWholeEvent()
{
    AuditModel model(m_session.get());
    model.setFilter({});
    QVERIFY(waitIdle(model));
    for (const int row : {0, 250, 499}) {
        const AuditEvent event = model.eventAt(row);
        const QVariant viaRole = model.index(row, AuditModel::Reason).data(AuditModel::EventRole);
        QVERIFY(viaRole.canConvert<AuditEvent>());
        QCOMPARE(viaRole.value<AuditEvent>().hash, event.hash);
        const Bindings seq{{QStringLiteral(":seq"), event.seq}};
        auto sql = [&](const QString &column) {
            return TestBackend::scalar(*m_db, QStringLiteral("SELECT %1 FROM %2 WHERE seq = :seq").arg(column, table()),
                                       seq);
        };
        QCOMPARE(event.reason, sql(QStringLiteral("reason")).toString());
        QCOMPARE(event.snapshot, sql(QStringLiteral("snapshot")).toString());
        QCOMPARE(event.hash, sql(QStringLiteral("hash")).toString());
        QCOMPARE(event.prevHash, sql(QStringLiteral("prev_hash")).toString());
        QCOMPARE(event.userId, sql(QStringLiteral("user_id")).toString());
        // The action reads as a word, the code stays the raw value.
        const QString action = sql(QStringLiteral("action")).toString();
        QCOMPARE(model.index(row, AuditModel::Action).data(AuditModel::RawValueRole).toString(), action);
        QCOMPARE(model.index(row, AuditModel::Action).data().toString(), AuditText::actionLabel(action));
        QVERIFY(model.index(row, AuditModel::Action).data().toString() != action);
        // The user by name (email where there is none), the id in the tooltip.
        const QString userId = sql(QStringLiteral("user_id")).toString();
        const QVariant name
            = TestBackend::scalar(*m_db, QStringLiteral("SELECT \"name\" FROM \"User\" WHERE \"id\" = :id"),
                                  {{QStringLiteral(":id"), userId}});
        QCOMPARE(model.index(row, AuditModel::User).data().toString(),
                 name.isNull() ? userId + QStringLiteral("@example.com") : name.toString());
        QCOMPARE(model.index(row, AuditModel::User).data(Qt::ToolTipRole).toString(),
                 QStringLiteral("id %1").arg(userId));
        QCOMPARE(model.index(row, AuditModel::User).data(AuditModel::RawValueRole).toString(), userId);
        QCOMPARE(model.index(row, AuditModel::Transaction).data().toString(), sql(QStringLiteral("xp_id")).toString());
        const QVariant amount = sql(QStringLiteral("amount"));
        QCOMPARE(model.index(row, AuditModel::Amount).data(AuditModel::RawValueRole).isNull(), amount.isNull());
        if (!amount.isNull())
            QCOMPARE(model.index(row, AuditModel::Amount).data(AuditModel::RawValueRole).toLongLong(),
                     amount.toLongLong());
    }
    // Signed amounts; the operator is who acted, the login is in the tooltip.
    QVERIFY(!loadAll(model).isEmpty());
    int byAlice = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const AuditEvent event = model.eventAt(row);
        if (event.operatorName != QLatin1String("Alice"))
            continue;
        ++byAlice;
        QCOMPARE(model.index(row, AuditModel::Actor).data().toString(), QStringLiteral("Alice"));
        QVERIFY(model.index(row, AuditModel::Actor).data(Qt::ToolTipRole).toString().contains(event.actor));
        QCOMPARE(model.index(row, AuditModel::Amount).data().toString(),
                 *event.amount > 0 ? QStringLiteral("+5") : QStringLiteral("-3"));
        QVERIFY(model.index(row, AuditModel::When).data(Qt::ToolTipRole).toString().endsWith(QLatin1String("UTC")));
    }
    QCOMPARE(byAlice, 300);
}

void TestAuditModel::filtersMatchSql_data()
{
    QTest::addColumn<QString>("userId");
    QTest::addColumn<QString>("action");
    QTest::addColumn<QString>("actor");
    QTest::addColumn<QString>("since");
    QTest::addColumn<QString>("until");
    QTest::addColumn<QString>("where");
    QTest::addColumn<int>("expectedAtLeast");

    QTest::newRow("user") << "u2"
                          << ""
                          << ""
                          << ""
                          << ""
                          << "user_id = 'u2'" << 300;
    QTest::newRow("action") << ""
                            << "rollback"
                            << ""
                            << ""
                            << ""
                            << "action = 'rollback'" << 300;
    QTest::newRow("user and action") << "u3"
                                     << "adjust"
                                     << ""
                                     << ""
                                     << ""
                                     << "user_id = 'u3' AND action = 'adjust'" << 100;
    QTest::newRow("operator, any case") << ""
                                        << ""
                                        << "aLI"
                                        << ""
                                        << ""
                                        << "(lower(actor) LIKE '%ali%' OR lower(operator) LIKE '%ali%')" << 300;
    QTest::newRow("operator part") << ""
                                   << ""
                                   << "TESTE"
                                   << ""
                                   << ""
                                   << "(lower(actor) LIKE '%teste%' OR lower(operator) LIKE '%teste%')" << 1054;
    QTest::newRow("since and until") << ""
                                     << ""
                                     << ""
                                     << "2025-02-01 00:00:00.000"
                                     << "2025-03-01 00:00:00.000"
                                     << "at >= '2025-02-01 00:00:00.000' AND at < '2025-03-01 00:00:00.000'" << 500;
    QTest::newRow("until") << ""
                           << ""
                           << ""
                           << ""
                           << "2025-02-14 16:45:00.250"
                           << "at < '2025-02-14 16:45:00.250'" << 400;
    QTest::newRow("since, with user") << "u1"
                                      << ""
                                      << ""
                                      << "2025-02-14 16:45:00.250"
                                      << ""
                                      << "at >= '2025-02-14 16:45:00.250' AND user_id = 'u1'" << 100;
    QTest::newRow("nothing") << ""
                             << "repair"
                             << ""
                             << ""
                             << ""
                             << "action = 'repair'" << 0;
    QTest::newRow("like characters are literal")
        << ""
        << ""
        << "%"
        << ""
        << ""
        << "(actor LIKE '%!%%' ESCAPE '!' OR operator LIKE '%!%%' ESCAPE '!')" << 0;
}

void TestAuditModel::filtersMatchSql()
{
    QFETCH(QString, userId);
    QFETCH(QString, action);
    QFETCH(QString, actor);
    QFETCH(QString, since);
    QFETCH(QString, until);
    QFETCH(QString, where);
    QFETCH(int, expectedAtLeast);

    AuditFilter filter;
    filter.userId = userId;
    filter.action = action;
    filter.actor = actor;
    filter.since
        = since.isEmpty() ? QDateTime() : QDateTime::fromString(since, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    filter.since.setTimeSpec(Qt::UTC);
    filter.until
        = until.isEmpty() ? QDateTime() : QDateTime::fromString(until, QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    filter.until.setTimeSpec(Qt::UTC);

    AuditModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(filter);
    const QList<qint64> expected = seqsBySql(where);
    QVERIFY2(expected.size() >= expectedAtLeast, qPrintable(QString::number(expected.size())));
    QCOMPARE(loadAll(model), expected);
    QTRY_COMPARE(model.totalCount().value_or(-1), expected.size());
}

void TestAuditModel::staleResultsAreDropped()
{
    AuditModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AuditFilter first;
    first.userId = QStringLiteral("u1");
    AuditFilter second;
    second.action = QStringLiteral("restore");
    model.setFilter(first); // its page arrives after the second reset and must be dropped
    model.setFilter(second);
    QCOMPARE(loadAll(model), seqsBySql(QStringLiteral("action = 'restore'")));
    QTRY_COMPARE(model.totalCount().value_or(-1), 100);
}

void TestAuditModel::newEventsAppearAtTheTop()
{
    AuditModel everyone(m_session.get());
    QAbstractItemModelTester tester(&everyone, QAbstractItemModelTester::FailureReportingMode::QtTest);
    everyone.setFilter({});
    AuditModel u4(m_session.get());
    AuditFilter onlyU4;
    onlyU4.userId = QStringLiteral("u4");
    u4.setFilter(onlyU4);
    QVERIFY(waitIdle(everyone));
    QVERIFY(waitIdle(u4));
    QTRY_VERIFY(everyone.totalCount().has_value());
    const qint64 before = *everyone.totalCount();
    const AuditEvent oldTop = everyone.eventAt(0);
    QSignalSpy inserted(&everyone, &AuditModel::rowsInserted);
    const AuditEvent oldU4Top = u4.eventAt(0);

    bool done = false;
    m_session->mutate(
        this, [](Ledger &ledger) { return ledger.adjust(QStringLiteral("u1"), 42, QStringLiteral("on the phone")); },
        [&done](const Result<LedgerChange> &change) {
            QVERIFY(change);
            done = true;
        });
    QTRY_VERIFY(done);
    QTRY_COMPARE(everyone.eventAt(0).reason, QStringLiteral("on the phone"));
    QVERIFY(waitIdle(everyone));
    const qint64 newest
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT max(seq) FROM %1").arg(table())).toLongLong();
    QCOMPARE(everyone.eventAt(0).seq, newest);
    QCOMPARE(everyone.eventAt(0).action, QStringLiteral("adjust"));
    QCOMPARE(*everyone.eventAt(0).amount, 42);
    QCOMPARE(everyone.eventAt(1).seq, oldTop.seq);
    // One row inserted at the top; what was loaded stays (the tester may fetch a page below it).
    QVERIFY(!inserted.isEmpty());
    QCOMPARE(inserted.first().at(1).toInt(), 0);
    QCOMPARE(inserted.first().at(2).toInt(), 0);
    QCOMPARE(everyone.totalCount().value_or(-1), before + 1);
    // A model filtered to another user shows nothing new.
    QVERIFY(waitIdle(u4));
    QCOMPARE(u4.eventAt(0).seq, oldU4Top.seq);

    // And an announced change made elsewhere (another connection) is picked up the same way.
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("u4"), -7, QStringLiteral("made elsewhere")));
    m_session->announceChange({QStringLiteral("u4")});
    QTRY_COMPARE(u4.eventAt(0).reason, QStringLiteral("made elsewhere"));
    QTRY_COMPARE(everyone.eventAt(0).reason, QStringLiteral("made elsewhere"));
    QCOMPARE(everyone.eventAt(2).seq, oldTop.seq);
}

void TestAuditModel::locateLoadsPagesDownToTheEvent()
{
    AuditModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter({});
    QVERIFY(waitIdle(model));
    QVERIFY(model.rowCount() < 1000); // event 10 is far below what is loaded
    QSignalSpy located(&model, &AuditModel::located);
    QSignalSpy notFound(&model, &AuditModel::notFound);
    model.locate(10);
    QTRY_COMPARE(located.count(), 1);
    const int row = located.first().first().toInt();
    QCOMPARE(model.eventAt(row).seq, 10);
    QVERIFY(model.canFetchMore({})); // loaded down to event 10, not further
    QCOMPARE(loadAll(model), seqsBySql({}));

    // An event the filter hides is reported, not shown.
    AuditFilter onlyU2;
    onlyU2.userId = QStringLiteral("u2");
    model.setFilter(onlyU2);
    const qint64 notU2
        = TestBackend::scalar(*m_db, QStringLiteral("SELECT min(seq) FROM %1 WHERE user_id = 'u1'").arg(table()))
              .toLongLong();
    model.locate(notU2);
    QTRY_COMPARE(notFound.count(), 1);
    QCOMPARE(notFound.first().first().toLongLong(), notU2);
}

void TestAuditModel::locateFarDownRestartsTheListNearTheEvent()
{
    AuditModel model(m_session.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLocateLoadLimit(100); // event 10 is about 800 rows below the first page
    model.setFilter({});
    QVERIFY(waitIdle(model));
    QSignalSpy located(&model, &AuditModel::located);
    QSignalSpy filterChanged(&model, &AuditModel::filterChanged);
    model.locate(10);
    QTRY_COMPARE(located.count(), 1);
    QCOMPARE(model.eventAt(located.first().first().toInt()).seq, 10);
    QCOMPARE(filterChanged.count(), 1);
    QVERIFY(model.filter().maxSeq.has_value());
    const qint64 top = *model.filter().maxSeq;
    QVERIFY(top > 10 && top < 100); // a little context above it, not the whole log
    QCOMPARE(model.eventAt(0).seq, top);
    QCOMPARE(loadAll(model), seqsBySql(QStringLiteral("seq <= %1").arg(top)));
}

QTEST_GUILESS_MAIN(TestAuditModel)
#include "TestAuditModel.moc"
