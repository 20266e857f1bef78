#include "tests/credentials/MemoryCredentialStore.h"
#include "tests/support/TestBackend.h"
#include "tests/support/TestStandby.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "ui/main/ConnectionDialog.h"
#include "ui/main/ReadStandbySetting.h"
#include "ui/main/StandbyIndicator.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTest>

// The window reading from a standby: the status bar says how far behind it is and the time its
// figures are of; reads go there, a person's own change is read from the primary until the
// standby has it; a standby that is gone sends the reading to the primary, and says so.
class TestStandbyIndicator final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests")); }
    void init();
    void cleanup();
    void showsLagAndReadsOwnWrites();
    void saysWhenTheStandbyIsUnreachable();
    void refusesAPrimary();
    void connectionDialogRemembersTheStandby();

private:
    // Opens a session on the test database that reads from standby; the status of open().
    Status openSession(const ConnectionSpec &standby);
    // A user's total, read the way the window's views read (postRead).
    qint64 readTotal(const QString &userId);
    Result<LedgerChange> award(const QString &userId, qint64 amount);

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    bool m_paused = false;
};

void TestStandbyIndicator::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QStringLiteral("U")));
}

void TestStandbyIndicator::cleanup()
{
    m_session.reset();
    if (m_paused) {
        QString why;
        QVERIFY2(TestStandby::setReplayPaused(false, &why), qPrintable(why));
        m_paused = false;
    }
    m_db.reset();
    if (m_spec)
        TestBackend::dropDatabase(*m_spec);
    m_spec.reset();
}

Status TestStandbyIndicator::openSession(const ConnectionSpec &standby)
{
    m_session = std::make_unique<LedgerSession>(*m_spec, QStringLiteral("desk"));
    m_session->setReadStandby(standby);
    m_session->standby()->setInterval(100);
    std::optional<Status> opened;
    m_session->open(this, [&opened](const Status &status) { opened = status; });
    if (!QTest::qWaitFor([&opened] { return opened.has_value(); }, 20000))
        return Error::database(QStringLiteral("open() did not finish"));
    return *opened;
}

qint64 TestStandbyIndicator::readTotal(const QString &userId)
{
    std::optional<Result<qint64>> total;
    m_session->interactive()->postRead<qint64>(
        this,
        [userId](Database &db) -> Result<qint64> {
            auto user = Users(db).find(userId);
            if (!user)
                return user.error();
            return user->has_value() ? (*user)->totalXP : -1;
        },
        [&total](const Result<qint64> &result) { total = result; });
    if (!QTest::qWaitFor([&total] { return total.has_value(); }, 20000) || !*total)
        return -2;
    return **total;
}

Result<LedgerChange> TestStandbyIndicator::award(const QString &userId, qint64 amount)
{
    AwardRequest request;
    request.userId = userId;
    request.amount = amount;
    request.sourceId = QStringLiteral("s-%1").arg(amount);
    request.description = QStringLiteral("test");
    std::optional<Result<LedgerChange>> change;
    m_session->mutate(
        this, [request](Ledger &ledger) { return ledger.award(request); },
        [&change](const Result<LedgerChange> &result) { change = result; });
    if (!QTest::qWaitFor([&change] { return change.has_value(); }, 20000))
        return Error::database(QStringLiteral("mutate() did not finish"));
    return *change;
}

void TestStandbyIndicator::showsLagAndReadsOwnWrites()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    const Status opened = openSession(standby);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    StandbyIndicator indicator;
    indicator.setSession(m_session.get());
    QVERIFY(!indicator.isHidden());
    QTRY_COMPARE_WITH_TIMEOUT(indicator.text(), QStringLiteral("Standby: up to date"), 10000);

    QString why;
    // Until the standby has replayed what the primary had when the session opened, it reads there.
    QVERIFY2(TestStandby::catchUp(*m_db, &why), qPrintable(why));
    QVERIFY2(TestStandby::setReplayPaused(true, &why), qPrintable(why));
    m_paused = true;
    // A change made elsewhere: the standby does not show it, and the reading goes there.
    Ledger other(*m_db);
    AwardRequest elsewhere;
    elsewhere.userId = QStringLiteral("u1");
    elsewhere.amount = 40;
    elsewhere.sourceId = QStringLiteral("elsewhere");
    elsewhere.description = QStringLiteral("another program");
    QVERIFY(other.award(elsewhere));
    QTRY_VERIFY2_WITH_TIMEOUT(
        QRegularExpression(QStringLiteral("^Standby: \\d+ (s|min|h) behind$")).match(indicator.text()).hasMatch(),
        qPrintable(indicator.text()), 10000);
    QVERIFY2(indicator.toolTip().contains(QStringLiteral("changes made on the primary since then are not in them yet")),
             qPrintable(indicator.toolTip()));
    QCOMPARE(readTotal(QStringLiteral("u1")), 0);

    // The person's own change: read from the primary although the standby has not replayed it.
    const auto mine = award(QStringLiteral("u1"), 5);
    QVERIFY2(mine, qPrintable(mine ? QString() : mine.error().message));
    QCOMPARE(readTotal(QStringLiteral("u1")), 45);

    // Replayed: up to date again, and the standby has both.
    QVERIFY2(TestStandby::setReplayPaused(false, &why), qPrintable(why));
    m_paused = false;
    QTRY_COMPARE_WITH_TIMEOUT(indicator.text(), QStringLiteral("Standby: up to date"), 10000);
    QCOMPARE(readTotal(QStringLiteral("u1")), 45);
}

void TestStandbyIndicator::saysWhenTheStandbyIsUnreachable()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    ConnectionSpec gone = standby;
    gone.port = 1; // nothing listens there
    const Status opened = openSession(gone);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    StandbyIndicator indicator;
    indicator.setSession(m_session.get());
    QTRY_COMPARE_WITH_TIMEOUT(indicator.text(), QStringLiteral("Standby unreachable: reading from the primary"), 10000);
    QVERIFY(!indicator.toolTip().isEmpty());
    const auto mine = award(QStringLiteral("u1"), 7);
    QVERIFY(mine);
    QCOMPARE(readTotal(QStringLiteral("u1")), 7);
}

void TestStandbyIndicator::refusesAPrimary()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    const Status opened = openSession(*m_spec);
    QVERIFY(!opened);
    QVERIFY2(opened.error().message.contains(QStringLiteral("is not a standby")), qPrintable(opened.error().message));
}

void TestStandbyIndicator::connectionDialogRemembersTheStandby()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    QSettings().clear();
    MemoryCredentialStore store;
    ConnectionDialog dialog(nullptr, &store);
    dialog.setSpec(*m_spec);
    dialog.show();
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("connectionReadStandby"));
    QVERIFY(field);
    QVERIFY(field->text().isEmpty());
    QPushButton *connectButton = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);

    // A file is no standby: the dialog stays open and says what it needs.
    QTest::keyClicks(field, QStringLiteral("/tmp/ledger.sqlite"));
    connectButton->click();
    QVERIFY(dialog.isVisible());
    QVERIFY2(dialog.testResult().contains(QStringLiteral("must be a PostgreSQL server")),
             qPrintable(dialog.testResult()));

    ConnectionSpec withPassword = standby;
    withPassword.password = QStringLiteral("standby-secret");
    field->clear();
    QTest::keyClicks(field, withPassword.toUrl(true));
    QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
    connectButton->click();
    QTRY_COMPARE_WITH_TIMEOUT(tested.size(), 1, 20000);
    QTRY_VERIFY(!dialog.isVisible());
    // Kept for this database, without the password.
    const QString kept = ReadStandbySetting::forDatabase(m_spec->displayName());
    QCOMPARE(kept, standby.toUrl(false));
    QVERIFY(!kept.contains(QStringLiteral("standby-secret")));

    ConnectionDialog again(nullptr, &store);
    again.setSpec(*m_spec);
    QCOMPARE(again.findChild<QLineEdit *>(QStringLiteral("connectionReadStandby"))->text(), standby.toUrl(false));
    again.findChild<QLineEdit *>(QStringLiteral("connectionReadStandby"))->clear();
    QVERIFY(again.readStandby().isEmpty());
}

QTEST_MAIN(TestStandbyIndicator)
#include "TestStandbyIndicator.moc"
