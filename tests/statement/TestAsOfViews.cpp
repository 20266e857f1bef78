#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/history/HistoryQuery.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/HistoryModel.h"
#include "models/LedgerDiffRowsModel.h"
#include "models/LedgerDiffUsersModel.h"
#include "models/LedgerMoment.h"
#include "models/UsersModel.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/AsOfBanner.h"
#include "ui/common/AsOfButton.h"
#include "ui/common/AsOfPopup.h"
#include "ui/diff/WhatChangedDialog.h"
#include "ui/history/HistoryView.h"
#include "ui/main/MainWindow.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QDateTimeEdit>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

// The "As of…" control and the "What changed" view, driven as a person would, over a scripted
// history (awards, a rollback, a restore) with a copy of the table taken at whole seconds between
// the steps: the control picks moments to the second. Each view must show exactly the copy of
// the moment chosen, and today's ledger again after Now.
class TestAsOfViews final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void cleanup();

    void historyShowsTheRowsOfTheMoment();
    void usersShowTheTotalsOfTheMomentWindowWide();
    void chartsShowTheSumsOfTheMoment();
    void keyboardOpensAndClosesThePopup();
    void whatChangedListsAndReconciles();
    void windowKeyOpensThePopupAndChangesWaitForNow();

private:
    struct Copy
    {
        QDateTime at; // a whole second, strictly between two steps
        QSet<QString> ids;
        QMap<QString, qint64> sums;
    };
    // Waits past the next whole second, copies the table as of then, and waits a little more.
    void mark();
    // Chooses the moment in the view's popup and clicks Show.
    static void chooseMoment(QWidget *view, const QDateTime &moment);
    static QSet<QString> shownIds(HistoryView &view);
    static void waitLoaded(HistoryView &view);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    std::optional<ConnectionSpec> m_spec;
    QList<Copy> m_copies;
    QString m_a1; // Ada's first award: rolled back, then restored
    QString m_a2; // Ada's second award, added after the rollback
};

void TestAsOfViews::mark()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime second = now.addMSecs(1000 - now.time().msec());
    QThread::msleep(quint64(now.msecsTo(second)) + 30);
    Copy copy;
    copy.at = second;
    auto rows = HistoryQuery(*m_db).page({}, std::nullopt, 100000);
    QVERIFY(rows);
    for (const XpTransaction &row : std::as_const(*rows)) {
        copy.ids.insert(row.id);
        copy.sums[row.userId] += row.amount;
    }
    m_copies << copy;
}

void TestAsOfViews::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    Users users(*m_db);
    QVERIFY(users.add(QStringLiteral("ada"), QStringLiteral("ada@example.com"), QStringLiteral("Ada Lovelace")));
    QVERIFY(users.add(QStringLiteral("bob"), QStringLiteral("bob@example.com"), QStringLiteral("Bob Example")));
    Ledger ledger(*m_db);
    const auto award = [this](const QString &user, qint64 amount, const QString &source) {
        return TestBackend::award(*m_db, user, amount, source);
    };
    mark(); // 0: empty
    m_a1 = award(QStringLiteral("ada"), 100, QStringLiteral("q1"));
    QVERIFY(!award(QStringLiteral("bob"), 40, QStringLiteral("q1")).isEmpty());
    mark(); // 1: ada 100, bob 40
    QVERIFY(ledger.rollback({m_a1}, QStringLiteral("Awarded twice")));
    mark(); // 2: bob 40
    m_a2 = award(QStringLiteral("ada"), 25, QStringLiteral("q2"));
    QVERIFY(ledger.restore({m_a1}, QStringLiteral("Rolled back by mistake")));
    mark(); // 3: ada 125, bob 40
    QVERIFY(ledger.adjust(QStringLiteral("bob"), -15, QStringLiteral("Penalty")));
    QCOMPARE(m_copies.size(), 4);
    QCOMPARE(m_copies.at(1).sums.value(QStringLiteral("ada")), 100);
    QCOMPARE(m_copies.at(3).sums.value(QStringLiteral("ada")), 125);

    m_spec = spec;
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestAsOfViews::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

void TestAsOfViews::cleanup()
{
    if (m_session)
        LedgerMoment::of(m_session.get())->clear();
}

void TestAsOfViews::chooseMoment(QWidget *view, const QDateTime &moment)
{
    auto *button = view->findChild<AsOfButton *>(QStringLiteral("asOfButton"));
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    AsOfPopup *popup = button->popup();
    QTRY_VERIFY(popup->isVisible());
    popup->dateTimeEdit()->setDateTime(moment.toLocalTime());
    QTest::mouseClick(popup->showButton(), Qt::LeftButton);
    QVERIFY(!popup->isVisible());
}

QSet<QString> TestAsOfViews::shownIds(HistoryView &view)
{
    QSet<QString> ids;
    HistoryModel *model = view.model();
    for (int row = 0; row < model->rowCount(); ++row)
        ids.insert(model->transaction(row).id);
    return ids;
}

void TestAsOfViews::waitLoaded(HistoryView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->totalCount() >= 0, 20000);
}

void TestAsOfViews::historyShowsTheRowsOfTheMoment()
{
    HistoryView view(m_session.get());
    view.resize(1200, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    waitLoaded(view);
    const QSet<QString> today = shownIds(view);
    QCOMPARE(today.size(), 4);
    auto *banner = view.findChild<AsOfBanner *>(QStringLiteral("asOfBanner"));
    QVERIFY(banner && banner->isHidden());
    for (const Copy &copy : std::as_const(m_copies)) {
        chooseMoment(&view, copy.at);
        QCOMPARE(view.filter().asOf, copy.at);
        waitLoaded(view);
        QCOMPARE(shownIds(view), copy.ids);
        QCOMPARE(view.model()->totalCount(), qint64(copy.ids.size()));
        QVERIFY(banner->isVisible());
        QVERIFY2(banner->text().startsWith(QStringLiteral("As of ") + LedgerMoment::momentText(copy.at)),
                 qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("rebuilt from the audit log")));
    }
    // A moment before the log's first event (the users' creation): said so.
    chooseMoment(&view, m_copies.constFirst().at.addDays(-1));
    QTRY_VERIFY(banner->text().contains(QStringLiteral("before it, rows are placed by their creation time")));
    chooseMoment(&view, m_copies.at(2).at);
    QTRY_VERIFY(!banner->text().contains(QStringLiteral("creation time")));
    waitLoaded(view);
    QCOMPARE(shownIds(view), m_copies.at(2).ids);
    QTest::mouseClick(banner->findChild<QPushButton *>(QStringLiteral("asOfBannerNow")), Qt::LeftButton);
    QVERIFY(!view.filter().asOf.isValid());
    waitLoaded(view);
    QCOMPARE(shownIds(view), today);
    QVERIFY(banner->isHidden());
}

void TestAsOfViews::usersShowTheTotalsOfTheMomentWindowWide()
{
    // One moment for the window: chosen in the history, the users list follows.
    HistoryView history(m_session.get());
    history.show();
    UsersPane users(m_session.get());
    users.resize(500, 400);
    users.show();
    QVERIFY(QTest::qWaitForWindowExposed(&users));
    UsersModel *model = users.model();
    const auto totals = [model] {
        QMap<QString, qint64> result;
        for (int row = 0; row < model->rowCount(); ++row) {
            const qint64 total = model->index(row, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong();
            if (total != 0)
                result.insert(model->user(row).id, total);
        }
        return result;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() == 2, 20000);
    const QMap<QString, qint64> today = totals();
    QCOMPARE(today.value(QStringLiteral("bob")), 25);
    for (const Copy &copy : std::as_const(m_copies)) {
        chooseMoment(&history, copy.at);
        QCOMPARE(model->asOf(), copy.at);
        QTRY_VERIFY_WITH_TIMEOUT(!model->isLoading() && model->rowCount() == 2, 20000);
        QCOMPARE(totals(), copy.sums);
        // The leaderboard of then: sorted by the total of then, largest first.
        QCOMPARE(model->sortColumn(), int(UsersModel::TotalXP));
        const qint64 first = model->index(0, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong();
        const qint64 second = model->index(1, UsersModel::TotalXP).data(UsersModel::RawValueRole).toLongLong();
        QVERIFY(first >= second);
        int transactions = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            QVERIFY(!model->index(row, UsersModel::TotalXP).data(UsersModel::DriftRole).toBool());
            transactions += model->index(row, UsersModel::Transactions).data(UsersModel::RawValueRole).toInt();
        }
        QCOMPARE(transactions, int(copy.ids.size()));
        QVERIFY(users.findChild<AsOfBanner *>()->isVisible());
    }
    auto *button = users.findChild<AsOfButton *>();
    button->openPopup();
    QTRY_VERIFY(button->popup()->nowButton()->isVisible());
    QTest::mouseClick(button->popup()->nowButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!model->asOf().isValid() && !model->isLoading() && model->rowCount() == 2, 20000);
    QCOMPARE(totals(), today);
}

void TestAsOfViews::chartsShowTheSumsOfTheMoment()
{
    ChartsView charts(m_session.get());
    charts.rangeBar()->setPreset(ChartRangeBar::Preset::All);
    charts.resize(1200, 700);
    charts.show();
    QVERIFY(QTest::qWaitForWindowExposed(&charts));
    QTRY_VERIFY_WITH_TIMEOUT(charts.hasData() && !charts.isLoading(), 30000);
    const qint64 today = charts.data().byCategory.totalXp();
    QCOMPARE(today, 125 + 25);
    for (const Copy &copy : std::as_const(m_copies)) {
        chooseMoment(&charts, copy.at);
        QTRY_VERIFY_WITH_TIMEOUT(charts.hasData() && !charts.isLoading() && charts.data().request.asOf == copy.at,
                                 30000);
        qint64 sum = 0;
        for (const qint64 xp : std::as_const(copy.sums))
            sum += xp;
        QCOMPARE(charts.data().byCategory.totalXp(), sum);
        QCOMPARE(charts.data().byCategory.totalTransactions(), qint64(copy.ids.size()));
        QMap<QString, qint64> board;
        for (const TopUser &user : charts.data().topUsers)
            if (user.xp != 0)
                board.insert(user.userId, user.xp);
        QCOMPARE(board, copy.sums);
    }
    LedgerMoment::of(m_session.get())->clear();
    QTRY_VERIFY_WITH_TIMEOUT(charts.hasData() && !charts.isLoading() && !charts.data().request.asOf.isValid(), 30000);
    QCOMPARE(charts.data().byCategory.totalXp(), today);
}

void TestAsOfViews::keyboardOpensAndClosesThePopup()
{
    HistoryView view(m_session.get());
    view.resize(1000, 500);
    view.show();
    QApplication::setActiveWindow(&view);
    QVERIFY(QTest::qWaitForWindowActive(&view));
    // The button takes the focus by Tab like any other; Space opens the popup.
    auto *button = view.findChild<AsOfButton *>();
    QCOMPARE(button->focusPolicy(), Qt::StrongFocus);
    button->setFocus(Qt::TabFocusReason);
    AsOfPopup *popup = button->popup();
    QTest::keyClick(button, Qt::Key_Space);
    QTRY_VERIFY(popup->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), popup->dateTimeEdit());
    // Esc leaves the ledger as it was.
    QTest::keyClick(popup->dateTimeEdit(), Qt::Key_Escape);
    QTRY_VERIFY(!popup->isVisible());
    QVERIFY(!LedgerMoment::of(m_session.get())->isPast());
    // Enter shows the moment typed.
    button->setFocus(Qt::TabFocusReason);
    QTest::keyClick(button, Qt::Key_Space);
    QTRY_VERIFY(popup->isVisible());
    popup->dateTimeEdit()->setDateTime(m_copies.at(1).at.toLocalTime());
    QTest::keyClick(popup->dateTimeEdit(), Qt::Key_Return);
    QTRY_VERIFY(!popup->isVisible());
    QCOMPARE(LedgerMoment::of(m_session.get())->moment(), m_copies.at(1).at);
    waitLoaded(view);
    QCOMPARE(shownIds(view), m_copies.at(1).ids);
}

void TestAsOfViews::whatChangedListsAndReconciles()
{
    WhatChangedDialog dialog(m_session.get(), nullptr);
    dialog.resize(1200, 700);
    dialog.show();
    const auto run = [&dialog](const QDateTime &from, const QDateTime &to) {
        dialog.setPeriod(from, to);
        QSignalSpy done(&dialog, &WhatChangedDialog::compared);
        QTest::mouseClick(dialog.compareButton(), Qt::LeftButton);
        QVERIFY(done.wait(30000));
    };
    // Between moments 2 and 3: Ada's first award restored, her second added.
    run(m_copies.at(2).at, m_copies.at(3).at);
    LedgerDiffRowsModel *rows = dialog.rowsModel();
    QCOMPARE(rows->rowCount(), 2);
    QMap<QString, QString> changes;
    for (int row = 0; row < rows->rowCount(); ++row) {
        QCOMPARE(rows->index(row, LedgerDiffRowsModel::User).data().toString(), QStringLiteral("Ada Lovelace"));
        changes.insert(rows->index(row, LedgerDiffRowsModel::Description).data().toString(),
                       rows->index(row, LedgerDiffRowsModel::Change).data().toString());
    }
    QCOMPARE(changes,
             (QMap<QString, QString>{{QStringLiteral("Quiz q1"), QStringLiteral("Restored")},
                                     {QStringLiteral("Quiz q2"), QStringLiteral("Added")}}));
    LedgerDiffUsersModel *users = dialog.usersModel();
    QCOMPARE(users->rowCount(), 1);
    QCOMPARE(users->index(0, LedgerDiffUsersModel::User).data().toString(), QStringLiteral("Ada Lovelace"));
    QCOMPARE(users->index(0, LedgerDiffUsersModel::Before).data(LedgerDiffUsersModel::RawValueRole).toLongLong(), 0);
    QCOMPARE(users->index(0, LedgerDiffUsersModel::Added).data(LedgerDiffUsersModel::RawValueRole).toLongLong(), 125);
    QCOMPARE(users->index(0, LedgerDiffUsersModel::After).data(LedgerDiffUsersModel::RawValueRole).toLongLong(), 125);
    QVERIFY(users->index(0, LedgerDiffUsersModel::Reconciled).data(LedgerDiffUsersModel::RawValueRole).toBool());
    const QString summary = dialog.summaryLabel()->text();
    QVERIFY2(summary.contains(QStringLiteral("every total reconciles")), qPrintable(summary));
    QVERIFY2(summary.contains(QStringLiteral("is intact")), qPrintable(summary));

    // Between moments 1 and 3 the rollback and the restore cancel out; per user, every pair of
    // moments reconciles with the copies.
    for (qsizetype i = 0; i < m_copies.size(); ++i) {
        for (qsizetype j = i + 1; j < m_copies.size(); ++j) {
            run(m_copies.at(i).at, m_copies.at(j).at);
            const LedgerDiff &diff = dialog.diff();
            QVERIFY(diff.reconciles());
            const qsizetype changed
                = (m_copies.at(j).ids - m_copies.at(i).ids).size() + (m_copies.at(i).ids - m_copies.at(j).ids).size();
            QCOMPARE(rows->rowCount(), int(changed));
            for (int row = 0; row < users->rowCount(); ++row) {
                const QString id
                    = users->index(row, LedgerDiffUsersModel::User).data(LedgerDiffUsersModel::RawValueRole).toString();
                QCOMPARE(users->index(row, LedgerDiffUsersModel::Before).data(LedgerDiffUsersModel::RawValueRole),
                         QVariant(m_copies.at(i).sums.value(id)));
                QCOMPARE(users->index(row, LedgerDiffUsersModel::After).data(LedgerDiffUsersModel::RawValueRole),
                         QVariant(m_copies.at(j).sums.value(id)));
            }
        }
    }
}

void TestAsOfViews::windowKeyOpensThePopupAndChangesWaitForNow()
{
    QCoreApplication::setOrganizationName(QStringLiteral("xpadmin-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("test-as-of-views"));
    MainWindow window(QStringLiteral("tester"));
    QSignalSpy opened(&window, &MainWindow::databaseOpened);
    window.show();
    window.openDatabase(*m_spec);
    QVERIFY(opened.wait(20000));
    QApplication::setActiveWindow(&window);
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.showView(window.historyView());
    window.usersPane()->selectUser(QStringLiteral("ada"));
    QAction *adjust = nullptr;
    QAction *restore = nullptr;
    for (QAction *action : window.findChildren<QAction *>()) {
        if (action->text() == QStringLiteral("&Adjust XP…"))
            adjust = action;
        if (action->text() == QStringLiteral("Re&store…"))
            restore = action;
    }
    QVERIFY(adjust && restore);
    QTRY_VERIFY_WITH_TIMEOUT(adjust->isEnabled() && restore->isEnabled(), 20000);
    AsOfPopup *popup = window.historyView()->findChild<AsOfButton *>()->popup();
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(popup->isVisible());
    popup->dateTimeEdit()->setDateTime(m_copies.at(2).at.toLocalTime());
    QTest::keyClick(popup->dateTimeEdit(), Qt::Key_Return);
    // A past moment's rows may be gone today: the changes are off until Now.
    QTRY_VERIFY(!adjust->isEnabled());
    QVERIFY(!restore->isEnabled());
    QCOMPARE(window.historyView()->filter().asOf, m_copies.at(2).at);
    LedgerMoment::of(window.session())->clear();
    QTRY_VERIFY(adjust->isEnabled() && restore->isEnabled());
}

QTEST_MAIN(TestAsOfViews)
#include "TestAsOfViews.moc"
