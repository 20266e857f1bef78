#include "tests/support/TestBackend.h"

#include "core/audit/AuditLog.h"
#include "core/domain/Cuid.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

class TestLedger final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void award_data();
    void award();
    void awardStoresPrismaCompatibleRow();
    void adjustIsManualAndNeedsReason();
    void badInputChangesNothing_data();
    void badInputChangesNothing();
    void overflowIsRefused();
    void negativeTotalIsAllowed();
    void rollbackRestoresTotal();
    void rollbackOfMissingIdChangesNothing();
    void deleteSourceCascadesAcrossUsers();
    void restoreBringsBackTheSameRow();
    void restoreRefusesWhatWasNeverRolledBackOrIsBack();
    void recalculateOneUser();
    void recalculateAllIsSetBasedAndAudited();
    void recalculateAllRefusesASumPast32Bits();
    void recalculateAllKeepsUnusualUserIds();
    void addUserRefusesDuplicates();

private:
    qint64 cachedTotal(const QString &userId);
    qint64 sum(const QString &userId);
    qint64 count(const QString &table);
    void addUser(const QString &id);

    std::unique_ptr<Database> m_db;
};

void TestLedger::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    addUser(QStringLiteral("alice"));
    addUser(QStringLiteral("bob"));
}

void TestLedger::cleanup()
{
    // Whatever a test did, the ledger's invariant holds after every commit.
    if (m_db)
        QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    m_db.reset();
}

void TestLedger::addUser(const QString &id)
{
    auto user = Users(*m_db).add(id, id + QStringLiteral("@example.com"), id.toUpper());
    QVERIFY2(user, qPrintable(user ? QString() : user.error().message));
}

qint64 TestLedger::cachedTotal(const QString &userId)
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = :u"),
                               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

qint64 TestLedger::sum(const QString &userId)
{
    return TestBackend::scalar(
               *m_db, QStringLiteral("SELECT COALESCE(SUM(\"amount\"), 0) FROM \"UserXP\" WHERE \"userId\" = :u"),
               {{QStringLiteral(":u"), userId}})
        .toLongLong();
}

qint64 TestLedger::count(const QString &table)
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM %1").arg(table)).toLongLong();
}

void TestLedger::award_data()
{
    QTest::addColumn<QList<int>>("amounts");
    QTest::addColumn<qint64>("expected");
    QTest::newRow("one") << QList<int>{25} << qint64(25);
    QTest::newRow("several") << QList<int>{10, 20, 30} << qint64(60);
    QTest::newRow("with a deduction") << QList<int>{100, -40} << qint64(60);
    QTest::newRow("32-bit maximum") << QList<int>{std::numeric_limits<qint32>::max()}
                                    << qint64(std::numeric_limits<qint32>::max());
}

void TestLedger::award()
{
    QFETCH(QList<int>, amounts);
    QFETCH(qint64, expected);
    Ledger ledger(*m_db);
    for (int amount : amounts) {
        auto change
            = ledger.award({QStringLiteral("alice"), amount, SourceType::UserProblemAttempt,
                            QStringLiteral("attempt-1"), QStringLiteral("Correct answer"), Category::CorrectAnswer});
        QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
        QCOMPARE(change->rows.size(), 1);
    }
    QCOMPARE(cachedTotal(QStringLiteral("alice")), expected);
    QCOMPARE(sum(QStringLiteral("alice")), expected);
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), amounts.size());
    QCOMPARE(cachedTotal(QStringLiteral("bob")), 0);
    // One audit event per award, besides the two user-add events.
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'award'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toLongLong(),
             amounts.size());
}

void TestLedger::awardStoresPrismaCompatibleRow()
{
    const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
    auto change = Ledger(*m_db).award({QStringLiteral("alice"), 30, SourceType::DailyStreak, QStringLiteral("streak-7"),
                                       QStringLiteral("7-day streak"), Category::StreakBonus});
    QVERIFY(change);
    const XpTransaction row = change->rows.first();
    QVERIFY2(Cuid::looksValid(row.id), qPrintable(row.id));
    QCOMPARE(row.id.size(), 25);
    auto rows = m_db->run(QStringLiteral("SELECT \"sourceType\", \"category\", \"createdAt\", \"updatedAt\", "
                                         "\"sourceId\", \"description\" FROM \"UserXP\" WHERE \"id\" = :id"),
                          {{QStringLiteral(":id"), row.id}});
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->text(0), QStringLiteral("DAILY_STREAK"));
    QCOMPARE(rows->text(1), QStringLiteral("STREAK_BONUS"));
    const QDateTime created = m_db->dialect().readTimestamp(rows->value(2));
    QCOMPARE(created, row.createdAt);
    QCOMPARE(m_db->dialect().readTimestamp(rows->value(3)), row.updatedAt);
    // Stored as UTC, whatever the session or machine time zone.
    QVERIFY2(created >= before && created <= QDateTime::currentDateTimeUtc().addSecs(1),
             qPrintable(created.toString(Qt::ISODateWithMs)));
    QCOMPARE(rows->text(4), QStringLiteral("streak-7"));
    QCOMPARE(rows->text(5), QStringLiteral("7-day streak"));
}

void TestLedger::adjustIsManualAndNeedsReason()
{
    Ledger ledger(*m_db);
    auto refused = ledger.adjust(QStringLiteral("alice"), 50, QStringLiteral("   "));
    QVERIFY(!refused);
    QCOMPARE(refused.error().kind, Error::Kind::Input);
    QVERIFY2(refused.error().message.contains(QStringLiteral("reason")), qPrintable(refused.error().message));
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 0);

    auto change = ledger.adjust(QStringLiteral("alice"), -15, QStringLiteral("Correction of ticket 4411"));
    QVERIFY(change);
    const XpTransaction row = change->rows.first();
    QCOMPARE(row.sourceType, SourceType::ManualAdjustment);
    QCOMPARE(row.category, Category::Manual);
    QCOMPARE(row.description, QStringLiteral("Correction of ticket 4411"));
    QCOMPARE(change->totals.value(QStringLiteral("alice")), -15);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT reason FROM %1 WHERE action = 'adjust'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toString(),
             QStringLiteral("Correction of ticket 4411"));
}

void TestLedger::badInputChangesNothing_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<qint64>("amount");
    QTest::addColumn<QString>("sourceId");
    QTest::addColumn<QString>("description");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("zero amount") << "alice" << qint64(0) << "s"
                                 << "d"
                                 << "amount";
    QTest::newRow("amount over 32 bits") << "alice" << qint64(1) + std::numeric_limits<qint32>::max() << "s"
                                         << "d"
                                         << "out of range";
    QTest::newRow("amount under 32 bits") << "alice" << qint64(std::numeric_limits<qint32>::min()) - 1 << "s"
                                          << "d"
                                          << "out of range";
    QTest::newRow("unknown user") << "carol" << qint64(10) << "s"
                                  << "d"
                                  << "carol";
    QTest::newRow("empty user") << "" << qint64(10) << "s"
                                << "d"
                                << "user";
    QTest::newRow("empty source id") << "alice" << qint64(10) << ""
                                     << "d"
                                     << "source id";
    QTest::newRow("blank description") << "alice" << qint64(10) << "s"
                                       << "  \t"
                                       << "description";
    QTest::newRow("description too long")
        << "alice" << qint64(10) << "s" << QString(1001, QLatin1Char('x')) << "too long";
    QTest::newRow("NUL in description") << "alice" << qint64(10) << "s" << QString::fromUtf16(u"a\0b", 3) << "NUL";
}

void TestLedger::badInputChangesNothing()
{
    QFETCH(QString, user);
    QFETCH(qint64, amount);
    QFETCH(QString, sourceId);
    QFETCH(QString, description);
    QFETCH(QString, mentions);
    const qint64 eventsBefore = count(m_db->dialect().ownTable(QStringLiteral("audit_event")));
    auto change = Ledger(*m_db).award(
        {user, amount, SourceType::UserProblemAttempt, sourceId, description, Category::CorrectAnswer});
    QVERIFY(!change);
    QCOMPARE(change.error().kind, Error::Kind::Input);
    QVERIFY2(change.error().message.contains(mentions), qPrintable(change.error().message));
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 0);
    QCOMPARE(count(QStringLiteral("\"UserProfile\"")), 0);
    QCOMPARE(count(m_db->dialect().ownTable(QStringLiteral("audit_event"))), eventsBefore);
}

void TestLedger::overflowIsRefused()
{
    Ledger ledger(*m_db);
    QVERIFY(
        ledger.award({QStringLiteral("alice"), std::numeric_limits<qint32>::max() - 5, SourceType::SpecialAchievement,
                      QStringLiteral("big"), QStringLiteral("big"), Category::Achievement}));
    auto refused = ledger.award({QStringLiteral("alice"), 10, SourceType::UserProblemAttempt, QStringLiteral("a"),
                                 QStringLiteral("a"), Category::CorrectAnswer});
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("32-bit")), qPrintable(refused.error().message));
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 1);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), std::numeric_limits<qint32>::max() - 5);
}

void TestLedger::negativeTotalIsAllowed()
{
    auto change = Ledger(*m_db).adjust(QStringLiteral("bob"), -500, QStringLiteral("Chargeback of a contest prize"));
    QVERIFY(change);
    QCOMPARE(cachedTotal(QStringLiteral("bob")), -500);
}

void TestLedger::rollbackRestoresTotal()
{
    Ledger ledger(*m_db);
    auto first = ledger.award({QStringLiteral("alice"), 40, SourceType::UserProblemAttempt, QStringLiteral("p1"),
                               QStringLiteral("p1"), Category::CorrectAnswer});
    auto second = ledger.award({QStringLiteral("alice"), 60, SourceType::UserProblemAttempt, QStringLiteral("p2"),
                                QStringLiteral("p2"), Category::CorrectAnswer});
    auto third = ledger.award({QStringLiteral("bob"), 7, SourceType::UserProblemAttempt, QStringLiteral("p3"),
                               QStringLiteral("p3"), Category::CorrectAnswer});
    QVERIFY(first && second && third);
    auto change = ledger.rollback({second->rows.first().id, third->rows.first().id}, QStringLiteral("duplicate award"));
    QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
    QCOMPARE(change->rows.size(), 2);
    QCOMPARE(change->totals.value(QStringLiteral("alice")), 40);
    QCOMPARE(change->totals.value(QStringLiteral("bob")), 0);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 40);
    QCOMPARE(cachedTotal(QStringLiteral("bob")), 0);
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 1);
    // The audit log keeps each full row.
    auto removals
        = AuditLog(*m_db).lastRemovalsOf({second->rows.first().id, third->rows.first().id, first->rows.first().id});
    QVERIFY(removals);
    QCOMPARE(removals->size(), 2); // the row still in the ledger has none
    const AuditEvent removal = removals->value(second->rows.first().id);
    const auto snapshot = XpTransaction::fromJson(QJsonDocument::fromJson(removal.snapshot.toUtf8()).object());
    QVERIFY(snapshot);
    QCOMPARE(snapshot->amount, 60);
    QCOMPARE(snapshot->createdAt, second->rows.first().createdAt);
    QCOMPARE(removal.reason, QStringLiteral("duplicate award"));
    QCOMPARE(removals->value(third->rows.first().id).xpId, third->rows.first().id);
}

void TestLedger::rollbackOfMissingIdChangesNothing()
{
    Ledger ledger(*m_db);
    auto kept = ledger.award({QStringLiteral("alice"), 40, SourceType::UserProblemAttempt, QStringLiteral("p1"),
                              QStringLiteral("p1"), Category::CorrectAnswer});
    QVERIFY(kept);
    auto refused = ledger.rollback({kept->rows.first().id, QStringLiteral("cnosuchid000000000000000")},
                                   QStringLiteral("cleanup"));
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QStringLiteral("cnosuchid000000000000000")),
             qPrintable(refused.error().message));
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 1);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 40);
}

void TestLedger::deleteSourceCascadesAcrossUsers()
{
    Ledger ledger(*m_db);
    for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob")}) {
        QVERIFY(ledger.award({user, 20, SourceType::UserProblemAttempt, QStringLiteral("attempt-9"),
                              QStringLiteral("answer"), Category::CorrectAnswer}));
        QVERIFY(ledger.award({user, 5, SourceType::UserProblemAttempt, QStringLiteral("attempt-10"),
                              QStringLiteral("answer"), Category::CorrectAnswer}));
    }
    // Same source id, other source type: not part of the cascade.
    QVERIFY(ledger.award({QStringLiteral("alice"), 3, SourceType::DailyStreak, QStringLiteral("attempt-9"),
                          QStringLiteral("streak"), Category::StreakBonus}));
    auto change = ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("attempt-9"),
                                      QStringLiteral("attempt deleted"));
    QVERIFY2(change, qPrintable(change ? QString() : change.error().message));
    QCOMPARE(change->rows.size(), 2);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 8);
    QCOMPARE(cachedTotal(QStringLiteral("bob")), 5);
    QCOMPARE(
        TestBackend::scalar(*m_db, QStringLiteral("SELECT count(*) FROM \"UserXP\" WHERE \"sourceId\" = 'attempt-9'"))
            .toLongLong(),
        1);
    auto none
        = ledger.deleteSource(SourceType::UserProblemAttempt, QStringLiteral("attempt-9"), QStringLiteral("again"));
    QVERIFY(!none);
    QCOMPARE(none.error().kind, Error::Kind::Input);
}

void TestLedger::restoreBringsBackTheSameRow()
{
    Ledger ledger(*m_db);
    auto awarded
        = ledger.award({QStringLiteral("alice"), 75, SourceType::SpecialAchievement, QStringLiteral("achievement-1"),
                        QStringLiteral("First Steps"), Category::Achievement});
    QVERIFY(awarded);
    const XpTransaction original = awarded->rows.first();
    QVERIFY(ledger.rollback({original.id}, QStringLiteral("mistake")));
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 0);
    auto restored = ledger.restore({original.id}, QStringLiteral("it was right after all"));
    QVERIFY2(restored, qPrintable(restored ? QString() : restored.error().message));
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 75);
    auto rows = m_db->run(QStringLiteral("SELECT \"id\", \"amount\", \"createdAt\", \"description\", \"category\" FROM "
                                         "\"UserXP\""));
    QVERIFY(rows && rows->next());
    QCOMPARE(rows->text(0), original.id);
    QCOMPARE(rows->integer(1), 75);
    QCOMPARE(m_db->dialect().readTimestamp(rows->value(2)), original.createdAt);
    QCOMPARE(rows->text(3), QStringLiteral("First Steps"));
    QCOMPARE(rows->text(4), QStringLiteral("ACHIEVEMENT"));
    // A row deleted by delete-source can be restored too.
    QVERIFY(ledger.deleteSource(SourceType::SpecialAchievement, QStringLiteral("achievement-1"), QStringLiteral("x")));
    QVERIFY(ledger.restore({original.id}, QStringLiteral("back again")));
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 75);
}

void TestLedger::restoreRefusesWhatWasNeverRolledBackOrIsBack()
{
    Ledger ledger(*m_db);
    auto awarded = ledger.award({QStringLiteral("alice"), 10, SourceType::UserProblemAttempt, QStringLiteral("p"),
                                 QStringLiteral("p"), Category::CorrectAnswer});
    QVERIFY(awarded);
    const QString id = awarded->rows.first().id;
    auto never = ledger.restore({id}, QStringLiteral("restore"));
    QVERIFY(!never);
    QVERIFY2(never.error().message.contains(QStringLiteral("never rolled back")), qPrintable(never.error().message));
    QVERIFY(ledger.rollback({id}, QStringLiteral("r")));
    QVERIFY(ledger.restore({id}, QStringLiteral("restore")));
    auto twice = ledger.restore({id}, QStringLiteral("restore again"));
    QVERIFY(!twice);
    QCOMPARE(twice.error().kind, Error::Kind::Conflict);
    QVERIFY2(twice.error().message.contains(QStringLiteral("already")), qPrintable(twice.error().message));
    QCOMPARE(count(QStringLiteral("\"UserXP\"")), 1);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 10);
}

void TestLedger::recalculateOneUser()
{
    Ledger ledger(*m_db);
    QVERIFY(ledger.award({QStringLiteral("alice"), 30, SourceType::UserProblemAttempt, QStringLiteral("p"),
                          QStringLiteral("p"), Category::CorrectAnswer}));
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 999 WHERE \"userId\" = 'alice'")));
    auto total = ledger.recalculate(QStringLiteral("alice"));
    QVERIFY(total);
    QCOMPARE(*total, 30);
    QCOMPARE(cachedTotal(QStringLiteral("alice")), 30);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT snapshot FROM %1 WHERE action = 'recalc'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toString(),
             QStringLiteral(R"({"totalXP_after":"30","totalXP_before":"999"})"));
    QVERIFY(!ledger.recalculate(QStringLiteral("nobody")));
}

void TestLedger::recalculateAllIsSetBasedAndAudited()
{
    Ledger ledger(*m_db);
    addUser(QStringLiteral("carol"));
    QVERIFY(ledger.award({QStringLiteral("alice"), 30, SourceType::UserProblemAttempt, QStringLiteral("p"),
                          QStringLiteral("p"), Category::CorrectAnswer}));
    QVERIFY(ledger.award({QStringLiteral("bob"), 12, SourceType::UserProblemAttempt, QStringLiteral("p"),
                          QStringLiteral("p"), Category::CorrectAnswer}));
    // Drift of three kinds: a wrong total, a missing profile, a total with no transactions.
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 1 WHERE \"userId\" = 'alice'")));
    QVERIFY(m_db->run(QStringLiteral("DELETE FROM \"UserProfile\" WHERE \"userId\" = 'bob'")));
    QVERIFY(m_db->run(QStringLiteral("INSERT INTO \"UserProfile\" (\"id\", \"userId\", \"totalXP\", \"updatedAt\") "
                                     "VALUES ('cprofilecarol', 'carol', 77, %1)")
                          .arg(m_db->dialect().timestampParam(QStringLiteral("'2026-01-01 00:00:00.000'")))));
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 3);
    auto drift = ledger.findDrift();
    QVERIFY(drift);
    QCOMPARE(drift->size(), 3);

    auto summary = ledger.recalculateAll();
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(summary->fixed.size(), 3);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
    QCOMPARE(cachedTotal(QStringLiteral("bob")), 12);
    QCOMPARE(cachedTotal(QStringLiteral("carol")), 0);
    QCOMPARE(TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT count(*) FROM %1 WHERE action = 'recalc'")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toLongLong(),
             3);
    // A second run finds nothing to do and writes nothing.
    auto again = ledger.recalculateAll();
    QVERIFY(again);
    QCOMPARE(again->fixed.size(), 0);
    QCOMPARE(again->users, 2);
}

void TestLedger::recalculateAllKeepsUnusualUserIds()
{
    // The drifted totals travel as JSON between the scan and the upsert: ids with quotes,
    // backslashes and letters beyond ASCII must come back as they were.
    const QString odd = QStringLiteral("q\"u\\o't\u00e9\u65e5");
    addUser(odd);
    Ledger ledger(*m_db);
    QVERIFY(ledger.award(
        {odd, 41, SourceType::UserProblemAttempt, QStringLiteral("p"), QStringLiteral("p"), Category::CorrectAnswer}));
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = 3 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), odd}}));
    auto summary = ledger.recalculateAll();
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QCOMPARE(summary->fixed.size(), 1);
    QCOMPARE(summary->fixed.first().userId, odd);
    QCOMPARE(summary->fixed.first().cached, 3);
    QCOMPARE(cachedTotal(odd), 41);
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
}

void TestLedger::recalculateAllRefusesASumPast32Bits()
{
    // Rows written around XP Admin (the web application, by hand) can sum past the totalXP
    // column: recalculating then refuses, names the user and the sum, and changes nothing.
    const Dialect &d = m_db->dialect();
    for (const QString &id : {QStringLiteral("big1"), QStringLiteral("big2")}) {
        QVERIFY(m_db->run(
            QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", \"sourceId\", "
                           "\"description\", \"category\", \"createdAt\", \"updatedAt\") VALUES (:id, 'bob', "
                           "2000000000, %1, 'by-hand', 'by hand', %2, %3, %3)")
                .arg(d.sourceTypeParam(QStringLiteral("'DAILY_STREAK'")),
                     d.categoryParam(QStringLiteral("'STREAK_BONUS'")),
                     d.timestampParam(QStringLiteral("'2026-01-01 00:00:00.000'"))),
            {{QStringLiteral(":id"), id}}));
    }
    const qint64 before = cachedTotal(QStringLiteral("bob"));
    auto refused = Ledger(*m_db).recalculateAll();
    QVERIFY(!refused);
    QVERIFY2(refused.error().message.contains(QLatin1String("user \"bob\"'s transactions is 4000000000, past the "
                                                            "limit of the 32-bit")),
             qPrintable(refused.error().message));
    QCOMPARE(cachedTotal(QStringLiteral("bob")), before);
    QVERIFY(m_db->run(QStringLiteral("DELETE FROM \"UserXP\" WHERE \"sourceId\" = 'by-hand'"))); // as it was
}

void TestLedger::addUserRefusesDuplicates()
{
    Users users(*m_db);
    auto sameId = users.add(QStringLiteral("alice"), QStringLiteral("other@example.com"), {});
    QVERIFY(!sameId);
    QVERIFY2(sameId.error().message.contains(QStringLiteral("alice")), qPrintable(sameId.error().message));
    auto sameEmail = users.add(QStringLiteral("alice2"), QStringLiteral("alice@example.com"), {});
    QVERIFY(!sameEmail);
    QVERIFY(!users.add(QStringLiteral("dave"), QStringLiteral("not-an-email"), {}));
    QCOMPARE(count(QStringLiteral("\"User\"")), 2);
    auto found = users.find(QStringLiteral("alice"));
    QVERIFY(found && found->has_value());
    QCOMPARE((*found)->email, QStringLiteral("alice@example.com"));
}

QTEST_GUILESS_MAIN(TestLedger)
#include "TestLedger.moc"
