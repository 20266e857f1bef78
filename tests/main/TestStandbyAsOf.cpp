#include "tests/support/TestBackend.h"
#include "tests/support/TestStandby.h"

#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/FiguresAsOf.h"
#include "models/HistoryModel.h"
#include "models/UsersModel.h"
#include "ui/charts/ChartsView.h"
#include "ui/history/HistoryView.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

// The history, the users' totals and the charts say "As of <time> (standby)" beside their
// figures while those were read on the reading standby, with the time the standby had replayed
// up to; figures read on the primary (the person's own change, not yet replayed) say nothing.
class TestStandbyAsOf final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests")); }
    void init();
    void cleanup();
    void figuresReadOnThePrimarySayNothing();
    void figuresReadOnTheStandbySayAsOfWhen();

private:
    // Opens a session on the test database, reading from standby if given.
    Status openSession(const std::optional<ConnectionSpec> &standby);
    // The history, users pane and charts of the session, shown, once each has loaded.
    void makeViews();
    void award(Database &db, const QString &userId, qint64 amount);
    void awardInSession(const QString &userId, qint64 amount);
    static QLabel *asOfLabel(QWidget *view) { return view->findChild<QLabel *>(QStringLiteral("asOf")); }

    std::optional<ConnectionSpec> m_spec;
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::unique_ptr<HistoryView> m_history;
    std::unique_ptr<UsersPane> m_users;
    std::unique_ptr<ChartsView> m_charts;
    bool m_paused = false;
};

void TestStandbyAsOf::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(QStringLiteral("u1"), QStringLiteral("u1@example.com"), QStringLiteral("Ada")));
    QVERIFY(Users(*m_db).add(QStringLiteral("u2"), QStringLiteral("u2@example.com"), QStringLiteral("Bo")));
    award(*m_db, QStringLiteral("u1"), 10);
}

void TestStandbyAsOf::cleanup()
{
    m_charts.reset();
    m_history.reset();
    m_users.reset();
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

Status TestStandbyAsOf::openSession(const std::optional<ConnectionSpec> &standby)
{
    m_session = std::make_unique<LedgerSession>(*m_spec, QStringLiteral("desk"));
    if (standby) {
        m_session->setReadStandby(*standby);
        m_session->standby()->setInterval(100);
    }
    std::optional<Status> opened;
    m_session->open(this, [&opened](const Status &status) { opened = status; });
    if (!QTest::qWaitFor([&opened] { return opened.has_value(); }, 20000))
        return Error::database(QStringLiteral("open() did not finish"));
    if (*opened && standby
        && !QTest::qWaitFor([this] { return m_session->standby()->condition() == StandbyMonitor::Condition::Reading; },
                            20000))
        return Error::database(QStringLiteral("the standby was not reached"));
    return *opened;
}

void TestStandbyAsOf::makeViews()
{
    m_users = std::make_unique<UsersPane>(m_session.get());
    m_history = std::make_unique<HistoryView>(m_session.get());
    m_charts = std::make_unique<ChartsView>(m_session.get());
    QSignalSpy chartsLoaded(m_charts.get(), &ChartsView::loaded);
    for (QWidget *view : {static_cast<QWidget *>(m_users.get()), static_cast<QWidget *>(m_history.get()),
                          static_cast<QWidget *>(m_charts.get())}) {
        view->resize(900, 600);
        view->show();
    }
    QTRY_VERIFY_WITH_TIMEOUT(!m_history->model()->isLoading() && m_history->model()->totalCount() >= 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_users->model()->isLoading() && m_users->model()->totalCount() >= 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(chartsLoaded.size() > 0, 20000);
}

void TestStandbyAsOf::award(Database &db, const QString &userId, qint64 amount)
{
    AwardRequest request;
    request.userId = userId;
    request.amount = amount;
    request.sourceId = QStringLiteral("elsewhere-%1").arg(amount);
    request.description = QStringLiteral("another program");
    const auto made = Ledger(db).award(request);
    QVERIFY2(made, qPrintable(made ? QString() : made.error().message));
}

void TestStandbyAsOf::awardInSession(const QString &userId, qint64 amount)
{
    AwardRequest request;
    request.userId = userId;
    request.amount = amount;
    request.sourceId = QStringLiteral("mine-%1").arg(amount);
    request.description = QStringLiteral("my change");
    std::optional<Result<LedgerChange>> change;
    m_session->mutate(
        this, [request](Ledger &ledger) { return ledger.award(request); },
        [&change](const Result<LedgerChange> &result) { change = result; });
    QTRY_VERIFY_WITH_TIMEOUT(change.has_value(), 20000);
    QVERIFY2(*change, qPrintable(*change ? QString() : change->error().message));
}

void TestStandbyAsOf::figuresReadOnThePrimarySayNothing()
{
    const Status opened = openSession(std::nullopt);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    makeViews();
    for (QWidget *view : {static_cast<QWidget *>(m_users.get()), static_cast<QWidget *>(m_history.get()),
                          static_cast<QWidget *>(m_charts.get())}) {
        QLabel *label = asOfLabel(view);
        QVERIFY(label);
        QVERIFY2(label->isHidden(), qPrintable(label->text()));
    }
    QCOMPARE(m_history->model()->rowCount(), 1);
}

void TestStandbyAsOf::figuresReadOnTheStandbySayAsOfWhen()
{
    XP_REQUIRE_STANDBY(m_db, standby);
    // A change made elsewhere and replayed; then the standby stops replaying before the next one.
    const QDateTime beforeReplayed = QDateTime::currentDateTimeUtc();
    award(*m_db, QStringLiteral("u1"), 20);
    QString why;
    QVERIFY2(TestStandby::catchUp(*m_db, &why), qPrintable(why));
    // Opened first: opening reads on the primary, and the session then waits for the standby to
    // replay all the primary had written by then, as after a change of its own.
    const Status opened = openSession(standby);
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    // Until the standby has replayed that, the session reads on the primary.
    QVERIFY2(TestStandby::catchUp(*m_db, &why), qPrintable(why));
    QVERIFY2(TestStandby::setReplayPaused(true, &why), qPrintable(why));
    m_paused = true;
    const QDateTime paused = QDateTime::currentDateTimeUtc();
    award(*m_db, QStringLiteral("u2"), 30);
    makeViews();
    // The standby's figures: without the change it has not replayed.
    QCOMPARE(m_history->model()->rowCount(), 2);
    const int u2 = m_users->model()->rowOf(QStringLiteral("u2"));
    QVERIFY(u2 >= 0);
    QCOMPARE(m_users->model()->user(u2).totalXP, 0);

    // Each pane says so, with the time the standby had replayed up to.
    const QDateTime asOf = m_history->model()->figuresAsOf()->asOf();
    QVERIFY2(asOf >= beforeReplayed && asOf <= paused,
             qPrintable(QStringLiteral("as of %1, replayed after %2, paused at %3")
                            .arg(asOf.toString(Qt::ISODateWithMs), beforeReplayed.toString(Qt::ISODateWithMs),
                                 paused.toString(Qt::ISODateWithMs))));
    const QString expected = m_history->model()->figuresAsOf()->text();
    QVERIFY2(expected.startsWith(QStringLiteral("As of ")) && expected.endsWith(QStringLiteral(" (standby)")),
             qPrintable(expected));
    for (QWidget *view : {static_cast<QWidget *>(m_users.get()), static_cast<QWidget *>(m_history.get()),
                          static_cast<QWidget *>(m_charts.get())}) {
        QLabel *label = asOfLabel(view);
        QVERIFY(label);
        QVERIFY2(!label->isHidden(), view->metaObject()->className());
        QCOMPARE(label->text(), expected);
        QVERIFY2(label->toolTip().contains(QStringLiteral("read on the standby server")), qPrintable(label->toolTip()));
    }

    // The person's own change: read from the primary, which has everything; no "as of" there.
    awardInSession(QStringLiteral("u1"), 5);
    QTRY_COMPARE_WITH_TIMEOUT(m_history->model()->rowCount(), 4, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(asOfLabel(m_history.get())->isHidden(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(asOfLabel(m_charts.get())->isHidden(), 20000);
    // Only the changed user was read again: the other totals still are the standby's.
    QVERIFY(!asOfLabel(m_users.get())->isHidden());
    m_users->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(asOfLabel(m_users.get())->isHidden(), 20000);
    QCOMPARE(m_users->model()->user(m_users->model()->rowOf(QStringLiteral("u2"))).totalXP, 30);

    // Replayed: the reading is back on the standby, as of a time after the pause.
    QVERIFY2(TestStandby::setReplayPaused(false, &why), qPrintable(why));
    m_paused = false;
    QVERIFY2(TestStandby::catchUp(*m_db, &why), qPrintable(why));
    m_history->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(!asOfLabel(m_history.get())->isHidden(), 20000);
    QVERIFY(m_history->model()->figuresAsOf()->asOf() > paused);
    QCOMPARE(m_history->model()->rowCount(), 4);
}

QTEST_MAIN(TestStandbyAsOf)
#include "TestStandbyAsOf.moc"
