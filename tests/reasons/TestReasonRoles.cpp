#include "tests/roles/RoleFixture.h"
#include "tests/support/TestBackend.h"

#include "core/ledger/Ledger.h"
#include "core/reasons/ReasonCodes.h"
#include "core/roles/RoleDetector.h"

#include <QTest>

// Who may keep the reason codes on PostgreSQL, where the database enforces the roles: admin adds,
// relabels and retires them and sets the ticket pattern; support and auditor read them, support
// records them with its changes; nobody deletes one, also not in a plain SQL session.
class TestReasonRoles final : public QObject
{
    Q_OBJECT

private slots:
    void onlyAdminsKeepCodes();
};

void TestReasonRoles::onlyAdminsKeepCodes()
{
    if (!TestBackend::isPostgres())
        QSKIP("On SQLite the role is advisory: the CLI refuses it (TestReasonCli::advisoryRoleIsRefused)");
    QString why;
    auto fixture = RoleFixture::start(&why);
    QVERIFY2(fixture, qPrintable(why));
    QVERIFY(ReasonCodes(fixture->owner()).add(QStringLiteral("BUG_COMP"), QStringLiteral("Bug compensation"), false));
    for (const Role role : {Role::Support, Role::Auditor}) {
        auto db = fixture->connectAs(role, &why);
        QVERIFY2(db, qPrintable(why));
        auto connected = RoleDetector::detect(*db);
        QVERIFY(connected);
        QVERIFY(!connected->may(Action::ManageReasonCodes));
        const RoleFixture::Snapshot before = fixture->snapshot();
        for (const Status &status :
             {ReasonCodes(*db).add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), false),
              ReasonCodes(*db).retire(QStringLiteral("BUG_COMP")),
              ReasonCodes(*db).change(QStringLiteral("BUG_COMP"), QStringLiteral("Bugs"), std::nullopt),
              ReasonCodes(*db).setTicketPattern(QStringLiteral("https://desk.example.com/{id}"))}) {
            QVERIFY(!status);
            QCOMPARE(status.error().kind, Error::Kind::Permission);
        }
        QCOMPARE(fixture->snapshot(), before);
        // They may read the codes.
        auto catalog = ReasonCodes(*db).catalog();
        QVERIFY2(catalog, catalog ? "" : qPrintable(catalog.error().message));
        QCOMPARE(catalog->codes.size(), 1);
    }
    // Support adjusts with a code; a plain SQL session of support may not add one.
    auto support = fixture->connectAs(Role::Support, &why);
    QVERIFY2(support, qPrintable(why));
    auto change = Ledger(*support).adjust(QStringLiteral("alice"), 5, QStringLiteral("bug"), Category::Manual,
                                          {QStringLiteral("BUG_COMP"), {}});
    QVERIFY2(change, change ? "" : qPrintable(change.error().message));
    QVERIFY(!support->execute(QStringLiteral("INSERT INTO xpadmin.reason_code (code, label, created_at, created_by) "
                                             "VALUES ('SQL', 'By hand', now(), 'x')")));
    QVERIFY(!support->execute(QStringLiteral("DELETE FROM xpadmin.reason_code")));
    // Admin keeps them; nobody but the owner may delete one.
    auto admin = fixture->connectAs(Role::Admin, &why);
    QVERIFY2(admin, qPrintable(why));
    auto connected = RoleDetector::detect(*admin);
    QVERIFY(connected && connected->may(Action::ManageReasonCodes));
    ReasonCodes codes(*admin);
    QVERIFY(codes.add(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversal"), true));
    QVERIFY(codes.change(QStringLiteral("FRAUD"), QStringLiteral("Fraud reversed"), false));
    QVERIFY(codes.retire(QStringLiteral("BUG_COMP")));
    QVERIFY(codes.setTicketPattern(QStringLiteral("https://desk.example.com/{id}")));
    QVERIFY(!admin->execute(QStringLiteral("DELETE FROM xpadmin.reason_code WHERE code = 'FRAUD'")));
    QCOMPARE(codes.catalog()->codes.size(), 2);
}

QTEST_GUILESS_MAIN(TestReasonRoles)
#include "TestReasonRoles.moc"
