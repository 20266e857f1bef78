#include "tests/approval/SecondPerson.h"
#include "tests/support/TestBackend.h"

#include "core/approval/ApprovalQueue.h"
#include "core/db/Schema.h"
#include "core/history/TotalsQuery.h"
#include "core/ledger/ApprovalGate.h"
#include "core/ledger/Ledger.h"
#include "core/ledger/Verifier.h"
#include "core/reasons/ReasonCodes.h"
#include "core/users/Users.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// Reason codes and ticket links in the core: codes kept, retired and refused; every manual change
// taking a code and a ticket as the codes require, kept with its row through approval, rollback
// and restore; totals by code; and the upgrade of an older ledger.
class TestReasonCodes final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void addListRetireAudited();
    void badCodesRefused_data();
    void badCodesRefused();
    void adjustKeepsCodeAndTicket();
    void adjustRefusedWithNothingChanged_data();
    void adjustRefusedWithNothingChanged();
    void optionalWithoutCodes();
    void ticketLinks();
    void heldAdjustmentKeepsCodeWhenApproved();
    void rollbackAndRestoreKeepCode();
    void totalsByCodeEqualPlainJoin();
    void migratesFromVersion4();

private:
    qint64 count(const QString &sql);
    QString lastSnapshot(const QString &action);
    // The code and ticket xpadmin.xp_reason keeps for a row ("" for NULL), as plain SQL reads them.
    QStringList stored(const QString &xpId);
    void addCodes();

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
};

void TestReasonCodes::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob")));
    QVERIFY(Users(*m_db).add(QStringLiteral("ann"), QStringLiteral("ann@example.com"), QStringLiteral("Ann")));
}

void TestReasonCodes::cleanup()
{
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

qint64 TestReasonCodes::count(const QString &sql)
{
    // {audit} and {reasons}: the audit log and xpadmin.xp_reason.
    QString text = sql;
    text.replace(QStringLiteral("{audit}"), m_db->dialect().ownTable(QStringLiteral("audit_event")))
        .replace(QStringLiteral("{reasons}"), m_db->dialect().ownTable(QStringLiteral("xp_reason")));
    return TestBackend::scalar(*m_db, text).toLongLong();
}

QString TestReasonCodes::lastSnapshot(const QString &action)
{
    return TestBackend::scalar(
               *m_db,
               QStringLiteral("SELECT snapshot FROM %1 WHERE action = :action ORDER BY seq DESC LIMIT 1")
                   .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
               {{QStringLiteral(":action"), action}})
        .toString();
}

QStringList TestReasonCodes::stored(const QString &xpId)
{
    auto rows = m_db->run(QStringLiteral("SELECT COALESCE(reason_code, ''), COALESCE(ticket, '') FROM %1 WHERE xp_id = "
                                         ":id")
                              .arg(m_db->dialect().ownTable(QStringLiteral("xp_reason"))),
                          {{QStringLiteral(":id"), xpId}});
    if (!rows || !rows->next())
        return {};
    return {rows->text(0), rows->text(1)};
}

void TestReasonCodes::addCodes()
{
    ReasonCodes codes(*m_db);
    QVERIFY(codes.add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    QVERIFY(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    QVERIFY(codes.add(QStringLiteral("CONTEST"), QStringLiteral("Contest prize"), false));
}

void TestReasonCodes::addListRetireAudited()
{
    addCodes();
    ReasonCodes codes(*m_db);
    QVERIFY(codes.change(QStringLiteral("CONTEST"), QStringLiteral("Contest prize (monthly)"), true));
    QVERIFY(codes.retire(QStringLiteral("BUG_COMP")));
    QVERIFY(codes.setTicketPattern(QStringLiteral("https://desk.example.com/ticket/{id}")));
    auto catalog = codes.catalog();
    QVERIFY(catalog);
    QCOMPARE(catalog->codes.size(), 3);
    QCOMPARE(catalog->codes.at(0).code, QStringLiteral("BUG_COMP")); // by code
    QVERIFY(catalog->codes.at(0).retired);
    QCOMPARE(catalog->codes.at(1).label, QStringLiteral("Contest prize (monthly)"));
    QVERIFY(catalog->codes.at(1).ticketRequired);
    QVERIFY(catalog->codes.at(2).ticketRequired);
    QCOMPARE(catalog->activeCodes().size(), 2);
    QCOMPARE(catalog->ticketPattern, QStringLiteral("https://desk.example.com/ticket/{id}"));
    // One audited event for each change, with what changed.
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM {audit} WHERE action = 'reason-code'")), 6);
    const QJsonObject pattern = QJsonDocument::fromJson(lastSnapshot(QStringLiteral("reason-code")).toUtf8()).object();
    QCOMPARE(pattern.value(QStringLiteral("change")).toString(), QStringLiteral("ticket-pattern"));
    QCOMPARE(pattern.value(QStringLiteral("after")).toString(), QStringLiteral("https://desk.example.com/ticket/{id}"));
    QVERIFY(Verifier(*m_db).verify()->ok());
    // A retired code is not changed, not retired twice, and its label stays.
    QVERIFY(!codes.change(QStringLiteral("BUG_COMP"), QStringLiteral("Other"), std::nullopt));
    QVERIFY(!codes.retire(QStringLiteral("BUG_COMP")));
    QCOMPARE(codes.catalog()->label(QStringLiteral("BUG_COMP")), QStringLiteral("Bug compensation"));
    // A code is never deleted: there is no way to, and a retired one cannot be added again.
    const auto again = codes.add(QStringLiteral("BUG_COMP"), QStringLiteral("New bugs"), false);
    QVERIFY(!again);
    QVERIFY2(again.error().message.contains(QLatin1String("exists already (Bug compensation, retired)")),
             qPrintable(again.error().message));
}

void TestReasonCodes::badCodesRefused_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("label");
    QTest::addColumn<QString>("message");
    QTest::newRow("lower case") << "bug_comp"
                                << "Bugs"
                                << "code \"bug_comp\" is not a valid reason code";
    QTest::newRow("one letter") << "B"
                                << "Bugs"
                                << "code \"B\" is not a valid reason code";
    QTest::newRow("too long") << QString(33, QLatin1Char('A')) << "Bugs"
                              << "is not a valid reason code: use 2 to 32";
    QTest::newRow("digit first") << "1BUG"
                                 << "Bugs"
                                 << "code \"1BUG\" is not a valid reason code";
    QTest::newRow("space") << "BUG COMP"
                           << "Bugs"
                           << "code \"BUG COMP\" is not a valid reason code";
    QTest::newRow("empty") << "  "
                           << "Bugs"
                           << "code is empty";
    QTest::newRow("no label") << "BUGS"
                              << " "
                              << "label";
    QTest::newRow("long label") << "BUGS" << QString(101, QLatin1Char('x')) << "label";
    QTest::newRow("two lines") << "BUGS"
                               << "Bug\ncompensation"
                               << "line break";
    QTest::newRow("duplicate") << "BUG_COMP"
                               << "Another"
                               << "Reason code BUG_COMP exists already";
    QTest::newRow("same label") << "BUGS"
                                << "bug COMPENSATION"
                                << "already the label of reason code BUG_COMP";
}

void TestReasonCodes::badCodesRefused()
{
    QFETCH(QString, code);
    QFETCH(QString, label);
    QFETCH(QString, message);
    QVERIFY(ReasonCodes(*m_db).add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    const Status status = ReasonCodes(*m_db).add(code, label, false);
    QVERIFY(!status);
    QCOMPARE(status.error().kind, Error::Kind::Input);
    QVERIFY2(status.error().message.contains(message), qPrintable(status.error().message));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestReasonCodes::adjustKeepsCodeAndTicket()
{
    addCodes();
    auto change = Ledger(*m_db).adjust(QStringLiteral("bob"), 250, QStringLiteral("lost streak after outage"),
                                       Category::Manual, {QStringLiteral("FRAUD"), QStringLiteral(" ZD-4411 ")});
    QVERIFY2(change, change ? "" : qPrintable(change.error().message));
    const QString xpId = change->rows.constFirst().id;
    QCOMPARE(stored(xpId), (QStringList{QStringLiteral("FRAUD"), QStringLiteral("ZD-4411")}));
    const QJsonObject snapshot = QJsonDocument::fromJson(lastSnapshot(QStringLiteral("adjust")).toUtf8()).object();
    QCOMPARE(snapshot.value(QStringLiteral("reasonCode")).toString(), QStringLiteral("FRAUD"));
    QCOMPARE(snapshot.value(QStringLiteral("ticket")).toString(), QStringLiteral("ZD-4411"));
    QCOMPARE(snapshot.value(QStringLiteral("id")).toString(), xpId);
    QVERIFY(Verifier(*m_db).verify()->ok());
    // A link for a ticket is kept as given.
    auto linked = Ledger(*m_db).adjust(QStringLiteral("ann"), -5, QStringLiteral("double prize"), Category::Manual,
                                       {QStringLiteral("CONTEST"), QStringLiteral("https://desk.example.com/t/9")});
    QVERIFY(linked);
    QCOMPARE(stored(linked->rows.constFirst().id),
             (QStringList{QStringLiteral("CONTEST"), QStringLiteral("https://desk.example.com/t/9")}));
    // An award (not a manual change) takes none and needs none.
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("bob"), 10, QStringLiteral("q1")).isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM {reasons}")), 2);
}

void TestReasonCodes::adjustRefusedWithNothingChanged_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("ticket");
    QTest::addColumn<QString>("message");
    QTest::newRow("no code") << ""
                             << ""
                             << "reason code is required";
    QTest::newRow("unknown") << "BUGS"
                             << ""
                             << "reason code \"BUGS\" is not a reason code; the codes are";
    QTest::newRow("retired") << "OLD"
                             << ""
                             << "reason code OLD (Old promotion) is retired";
    QTest::newRow("bad format") << "fraud"
                                << "ZD-1"
                                << "reason code \"fraud\" is not a valid reason code";
    QTest::newRow("ticket missing") << "FRAUD"
                                    << ""
                                    << "ticket is required: reason code FRAUD (Fraud reversal)";
    QTest::newRow("ticket blank") << "FRAUD"
                                  << "   "
                                  << "ticket is required";
    QTest::newRow("ticket spaces") << "BUG_COMP"
                                   << "ZD 44"
                                   << "ticket \"ZD 44\" is neither a ticket id";
    QTest::newRow("ticket scheme") << "BUG_COMP"
                                   << "ftp://x.example.com/1"
                                   << "is neither a ticket id";
    QTest::newRow("ticket url") << "BUG_COMP"
                                << "https://"
                                << "is not a valid ticket link";
    QTest::newRow("ticket long") << "BUG_COMP" << QString(65, QLatin1Char('7')) << "is neither a ticket id";
}

void TestReasonCodes::adjustRefusedWithNothingChanged()
{
    QFETCH(QString, code);
    QFETCH(QString, ticket);
    QFETCH(QString, message);
    addCodes();
    QVERIFY(ReasonCodes(*m_db).add(QStringLiteral("OLD"), QStringLiteral("Old promotion"), false));
    QVERIFY(ReasonCodes(*m_db).retire(QStringLiteral("OLD")));
    const QByteArray digest = TestBackend::contentDigest(*m_db);
    // Below the threshold (applied) and above it (held): refused alike.
    for (const qint64 amount : {50, 5000}) {
        auto change = Ledger(*m_db).adjust(QStringLiteral("bob"), amount, QStringLiteral("why"), Category::Manual,
                                           {code, ticket});
        QVERIFY(!change);
        QCOMPARE(change.error().kind, Error::Kind::Input);
        QVERIFY2(change.error().message.contains(message), qPrintable(change.error().message));
        QCOMPARE(TestBackend::contentDigest(*m_db), digest);
    }
    // A manual change made as an award is held to the same rules.
    AwardRequest award{QStringLiteral("bob"),
                       50,
                       SourceType::ManualAdjustment,
                       QStringLiteral("m-1"),
                       QStringLiteral("goodwill"),
                       Category::Manual,
                       {code, ticket}};
    QVERIFY(!Ledger(*m_db).award(award));
    QCOMPARE(TestBackend::contentDigest(*m_db), digest);
}

void TestReasonCodes::optionalWithoutCodes()
{
    // No codes: a change needs none, and may still name a ticket.
    auto plain = Ledger(*m_db).adjust(QStringLiteral("bob"), 10, QStringLiteral("goodwill"));
    QVERIFY(plain);
    QVERIFY(stored(plain->rows.constFirst().id).isEmpty());
    QVERIFY(!lastSnapshot(QStringLiteral("adjust")).contains(QLatin1String("reasonCode")));
    auto ticketed = Ledger(*m_db).adjust(QStringLiteral("bob"), 10, QStringLiteral("goodwill"), Category::Manual,
                                         {{}, QStringLiteral("#1234")});
    QVERIFY(ticketed);
    QCOMPARE(stored(ticketed->rows.constFirst().id), (QStringList{QString(), QStringLiteral("#1234")}));
    // Every code retired: none is required any more.
    QVERIFY(ReasonCodes(*m_db).add(QStringLiteral("OLD"), QStringLiteral("Old promotion"), false));
    QVERIFY(!Ledger(*m_db).adjust(QStringLiteral("bob"), 10, QStringLiteral("goodwill")));
    QVERIFY(ReasonCodes(*m_db).retire(QStringLiteral("OLD")));
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("bob"), 10, QStringLiteral("goodwill")));
}

void TestReasonCodes::ticketLinks()
{
    ReasonCodes codes(*m_db);
    QVERIFY(codes.setTicketPattern(QStringLiteral(" https://desk.example.com/ticket/{id} ")));
    auto catalog = codes.catalog();
    QCOMPARE(catalog->ticketPattern, QStringLiteral("https://desk.example.com/ticket/{id}"));
    QCOMPARE(catalog->ticketLink(QStringLiteral("ZD-4411")), QStringLiteral("https://desk.example.com/ticket/ZD-4411"));
    QCOMPARE(catalog->ticketLink(QStringLiteral("#12")), QStringLiteral("https://desk.example.com/ticket/%2312"));
    QCOMPARE(catalog->ticketLink(QStringLiteral("http://other.example.com/x")),
             QStringLiteral("http://other.example.com/x"));
    for (const QString &bad : {QStringLiteral("https://desk.example.com/ticket/"), QStringLiteral("desk/{id}"),
                               QStringLiteral("https:// desk/{id}"), QStringLiteral("javascript:{id}")}) {
        const Status refused = codes.setTicketPattern(bad);
        QVERIFY2(!refused, qPrintable(bad));
        QVERIFY2(refused.error().message.contains(QLatin1String("is not a ticket link pattern")),
                 qPrintable(refused.error().message));
    }
    QVERIFY(codes.setTicketPattern({}));
    QCOMPARE(codes.catalog()->ticketLink(QStringLiteral("ZD-4411")), QString());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM {audit} WHERE action = 'reason-code'")), 2);
}

void TestReasonCodes::heldAdjustmentKeepsCodeWhenApproved()
{
    addCodes();
    QVERIFY(ApprovalGate(*m_db).setThreshold(100));
    auto held = Ledger(*m_db).adjust(QStringLiteral("bob"), 500, QStringLiteral("contest win"), Category::Manual,
                                     {QStringLiteral("CONTEST"), QStringLiteral("ZD-7")});
    QVERIFY(held);
    QVERIFY(!held->pendingId.isEmpty());
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM {reasons}")), 0);
    const QJsonObject request
        = QJsonDocument::fromJson(lastSnapshot(QStringLiteral("adjust-request")).toUtf8()).object();
    QCOMPARE(request.value(QStringLiteral("reasonCode")).toString(), QStringLiteral("CONTEST"));
    QCOMPARE(request.value(QStringLiteral("ticket")).toString(), QStringLiteral("ZD-7"));
    // Retired while it waits: the request keeps the code it was asked with.
    QVERIFY(ReasonCodes(*m_db).retire(QStringLiteral("CONTEST")));

    SecondPerson checker;
    QString why;
    QVERIFY2(checker.setUp(*m_spec, *m_db, &why), qPrintable(why));
    {
        auto db = Database::open(checker.spec(), SecondPerson::operatorName());
        QVERIFY2(db, db ? "" : qPrintable(db.error().message));
        auto found = ApprovalQueue(**db).find(held->pendingId);
        QVERIFY(found && found->has_value());
        QCOMPARE((*found)->reasonTag, (ReasonTag{QStringLiteral("CONTEST"), QStringLiteral("ZD-7")}));
        auto approved = ApprovalQueue(**db).approve(held->pendingId);
        QVERIFY2(approved, approved ? "" : qPrintable(approved.error().message));
        const QString xpId = approved->change.rows.constFirst().id;
        QCOMPARE(stored(xpId), (QStringList{QStringLiteral("CONTEST"), QStringLiteral("ZD-7")}));
        const QJsonObject adjust = QJsonDocument::fromJson(lastSnapshot(QStringLiteral("adjust")).toUtf8()).object();
        QCOMPARE(adjust.value(QStringLiteral("reasonCode")).toString(), QStringLiteral("CONTEST"));
        QCOMPARE(adjust.value(QStringLiteral("id")).toString(), xpId);
    }
    m_db.reset(); // the checker's login goes after the database
    TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
    checker.tearDown();
}

void TestReasonCodes::rollbackAndRestoreKeepCode()
{
    addCodes();
    auto change = Ledger(*m_db).adjust(QStringLiteral("bob"), 70, QStringLiteral("crash"), Category::Manual,
                                       {QStringLiteral("BUG_COMP"), QStringLiteral("ZD-1")});
    QVERIFY(change);
    const QString xpId = change->rows.constFirst().id;
    QVERIFY(Ledger(*m_db).rollback({xpId}, QStringLiteral("given twice")));
    QCOMPARE(stored(xpId), (QStringList{QStringLiteral("BUG_COMP"), QStringLiteral("ZD-1")}));
    QVERIFY(Ledger(*m_db).restore({xpId}, QStringLiteral("it was not")));
    QCOMPARE(stored(xpId), (QStringList{QStringLiteral("BUG_COMP"), QStringLiteral("ZD-1")}));
    // Totals by code count the restored row under its code again.
    auto totals = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::ReasonCode, {});
    QVERIFY(totals);
    QCOMPARE(totals->size(), 1);
    QCOMPARE(totals->constFirst().key, QStringLiteral("BUG_COMP"));
    QCOMPARE(totals->constFirst().total, 70);
}

void TestReasonCodes::totalsByCodeEqualPlainJoin()
{
    addCodes();
    Ledger ledger(*m_db);
    const QList<std::tuple<const char *, qint64, const char *>> changes{{"bob", 40, "BUG_COMP"},
                                                                        {"ann", 15, "BUG_COMP"},
                                                                        {"bob", -30, "FRAUD"},
                                                                        {"ann", 200, "CONTEST"},
                                                                        {"bob", 5, "CONTEST"}};
    for (const auto &[user, amount, code] : changes)
        QVERIFY(ledger.adjust(QString::fromLatin1(user), amount, QStringLiteral("why"), Category::Manual,
                              {QString::fromLatin1(code), QStringLiteral("T-1")}));
    QVERIFY(!TestBackend::award(*m_db, QStringLiteral("ann"), 33, QStringLiteral("q1")).isEmpty());
    auto totals = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::ReasonCode, {});
    QVERIFY(totals);
    // The same sums, by plain SQL written here.
    auto rows = m_db->run(QStringLiteral("SELECT COALESCE(r.reason_code, ''), SUM(x.\"amount\"), count(*) FROM "
                                         "\"UserXP\" x LEFT JOIN %1 r ON r.xp_id = x.\"id\" GROUP BY 1 ORDER BY 1")
                              .arg(m_db->dialect().ownTable(QStringLiteral("xp_reason"))));
    QVERIFY(rows);
    QList<TotalsRow> expected;
    while (rows->next())
        expected << TotalsRow{rows->text(0), rows->integer(1), rows->integer(2)};
    QCOMPARE(expected.size(), 4);
    QCOMPARE(totals->size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(totals->at(i).key, expected.at(i).key);
        QCOMPARE(totals->at(i).total, expected.at(i).total);
        QCOMPARE(totals->at(i).count, expected.at(i).count);
    }
    QCOMPARE(totals->at(0).key, QString()); // the award: no code
    QCOMPARE(totals->at(1).total, 55); // BUG_COMP
    // Filters apply as to every total: bob's only.
    HistoryFilter bob;
    bob.userId = QStringLiteral("bob");
    auto bobs = TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::ReasonCode, bob);
    QVERIFY(bobs);
    QCOMPARE(bobs->size(), 3);
    QCOMPARE(bobs->at(2).key, QStringLiteral("FRAUD"));
    QCOMPARE(bobs->at(2).total, -30);
    // Not for a past moment.
    HistoryFilter past;
    past.asOf = QDateTime::currentDateTimeUtc();
    QVERIFY(!TotalsQuery(*m_db).totals(TotalsQuery::GroupBy::ReasonCode, past));
}

void TestReasonCodes::migratesFromVersion4()
{
    // A ledger as version 4 left it, with a request waiting for approval.
    QVERIFY(ApprovalGate(*m_db).setThreshold(10));
    auto held = Ledger(*m_db).adjust(QStringLiteral("bob"), 50, QStringLiteral("old request"));
    QVERIFY(held && !held->pendingId.isEmpty());
    const Dialect &d = m_db->dialect();
    for (const char *table : {"xp_reason", "reason_setting", "reason_code"})
        QVERIFY(m_db->execute(QStringLiteral("DROP TABLE %1").arg(d.ownTable(QString::fromLatin1(table)))));
    for (const char *column : {"reason_code", "ticket"})
        QVERIFY(m_db->execute(QStringLiteral("ALTER TABLE %1 DROP COLUMN %2")
                                  .arg(d.ownTable(QStringLiteral("pending_adjustment")), QString::fromLatin1(column))));
    QVERIFY(m_db->run(QStringLiteral("UPDATE %1 SET value = '4' WHERE key = 'schema_version'")
                          .arg(d.ownTable(QStringLiteral("meta")))));
    QCOMPARE(Schema::inspect(*m_db)->version, 4);

    auto state = Schema::ensure(*m_db);
    QVERIFY2(state, qPrintable(state ? QString() : state.error().message));
    QCOMPARE(state->version, Schema::CurrentVersion);
    // The waiting request is read as before, with no code; codes can be kept and taken.
    auto request = ApprovalQueue(*m_db).find(held->pendingId);
    QVERIFY(request && request->has_value());
    QCOMPARE((*request)->reason, QStringLiteral("old request"));
    QVERIFY((*request)->reasonTag.isEmpty());
    addCodes();
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("bob"), 5, QStringLiteral("bug"), Category::Manual,
                                 {QStringLiteral("BUG_COMP"), {}}));
    QCOMPARE(count(QStringLiteral("SELECT count(*) FROM {reasons}")), 1);
    // Run again over a current ledger, the step changes nothing.
    QVERIFY(m_db->run(QStringLiteral("UPDATE %1 SET value = '4' WHERE key = 'schema_version'")
                          .arg(d.ownTable(QStringLiteral("meta")))));
    QVERIFY(Schema::ensure(*m_db));
    QCOMPARE(ReasonCodes(*m_db).catalog()->codes.size(), 3);
}

QTEST_GUILESS_MAIN(TestReasonCodes)
#include "TestReasonCodes.moc"
