#include "tests/support/TestBackend.h"

#include "core/import/DemoGenerator.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/UsersModel.h"
#include "ui/users/UsersPane.h"

#include <QApplication>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QToolTip>

// The users pane driven as a person would: typing, clicking rows and headers.
class TestUsersPane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void typingSearchesAfterAPause();
    void clickingARowMakesItCurrent();
    void selectUserSearchesWhenNotLoaded();
    void onlySortableHeadersSort();
    void stateRoundTrips();
    void driftIsMarked();
    void columnsFitAtItsSizeAndTheRowTellsTheRest();

private:
    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
};

void TestUsersPane::initTestCase()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    auto summary = DemoGenerator(*m_db).generate({450, 3000, 60, 3});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QVERIFY(Users(*m_db).add(QStringLiteral("pct-user"), QStringLiteral("fifty%off@example.com"),
                             QStringLiteral("Per Cent")));
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestUsersPane::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

void TestUsersPane::typingSearchesAfterAPause()
{
    UsersPane pane(m_session.get());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    auto *search = pane.findChild<QLineEdit *>(QStringLiteral("userSearch"));
    auto *count = pane.findChild<QLabel *>(QStringLiteral("userCount"));
    QVERIFY(search && count);
    QCOMPARE(search->placeholderText(), QStringLiteral("Search id, email or name"));
    QTRY_COMPARE(count->text(), QStringLiteral("451 users"));

    QTest::keyClicks(search, QStringLiteral("50%"));
    QCOMPARE(pane.model()->search(), QString()); // not yet: the search waits for a pause
    QTest::keyClicks(search, QStringLiteral("OFF"), Qt::NoModifier, 20);
    QTRY_COMPARE(pane.model()->search(), QStringLiteral("50%OFF"));
    QTRY_COMPARE(count->text(), QStringLiteral("0 users found"));
    search->clear();
    QTest::keyClicks(search, QStringLiteral("fifty%"));
    QTRY_COMPARE(pane.model()->rowCount(), 1);
    QTRY_COMPARE(count->text(), QStringLiteral("1 user found"));
    QCOMPARE(pane.model()->index(0, UsersModel::Id).data().toString(), QStringLiteral("pct-user"));
    search->clear();
    QTRY_COMPARE(count->text(), QStringLiteral("451 users"));
}

void TestUsersPane::clickingARowMakesItCurrent()
{
    UsersPane pane(m_session.get());
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    QSignalSpy current(&pane, &UsersPane::currentUserChanged);
    QCOMPARE(pane.currentUserId(), QString());
    auto *everyone = pane.findChild<QToolButton *>(QStringLiteral("allUsers"));
    QVERIFY(everyone && everyone->isChecked());

    QTableView *table = pane.tableView();
    const QRect cell = table->visualRect(pane.model()->index(2, UsersModel::Name));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    const QString id = pane.model()->user(2).id;
    QCOMPARE(current.count(), 1);
    QCOMPARE(current.last().first().toString(), id);
    QCOMPARE(pane.currentUserId(), id);
    QVERIFY(!everyone->isChecked());

    // A new sort reloads the list: the current user stays current, and selected when shown.
    pane.model()->sort(UsersModel::Email, Qt::AscendingOrder);
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    QCOMPARE(pane.currentUserId(), id);
    QCOMPARE(current.count(), 1);

    // "All users" and Esc in the list mean everyone.
    QTest::mouseClick(everyone, Qt::LeftButton);
    QCOMPARE(pane.currentUserId(), QString());
    QCOMPARE(current.last().first().toString(), QString());
    QVERIFY(everyone->isChecked());
    QVERIFY(!table->selectionModel()->hasSelection());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, cell.center());
    QVERIFY(!pane.currentUserId().isEmpty());
    QTest::keyClick(table, Qt::Key_Escape);
    QCOMPARE(pane.currentUserId(), QString());
}

void TestUsersPane::selectUserSearchesWhenNotLoaded()
{
    UsersPane pane(m_session.get());
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    QSignalSpy current(&pane, &UsersPane::currentUserChanged);
    // The last of the leaderboard is on a page not loaded yet.
    const QString last
        = TestBackend::scalar(*m_db,
                              QStringLiteral("SELECT u.\"id\" FROM \"User\" u LEFT JOIN \"UserProfile\" p ON "
                                             "p.\"userId\" = u.\"id\" ORDER BY COALESCE(p.\"totalXP\", 0) ASC, "
                                             "u.\"id\" DESC LIMIT 1"))
              .toString();
    QCOMPARE(pane.model()->rowOf(last), -1);
    pane.selectUser(last);
    QTRY_COMPARE(pane.currentUserId(), last);
    QCOMPARE(current.count(), 1);
    QCOMPARE(pane.findChild<QLineEdit *>(QStringLiteral("userSearch"))->text(), last);
    QCOMPARE(pane.tableView()->selectionModel()->selectedRows().size(), 1);

    // A loaded user is selected at once.
    pane.findChild<QLineEdit *>(QStringLiteral("userSearch"))->clear();
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    const QString first = pane.model()->user(0).id;
    pane.selectUser(first);
    QCOMPARE(pane.currentUserId(), first);
    pane.selectUser(QString());
    QCOMPARE(pane.currentUserId(), QString());
}

void TestUsersPane::onlySortableHeadersSort()
{
    UsersPane pane(m_session.get());
    pane.resize(1400, 600);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    QHeaderView *header = pane.tableView()->horizontalHeader();
    // Hidden at first; a person shows them from the header's menu.
    header->showSection(UsersModel::Transactions);
    header->showSection(UsersModel::Email);
    const auto clickHeader = [header](int column) {
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    };
    clickHeader(UsersModel::Transactions);
    QCOMPARE(header->sortIndicatorSection(), int(UsersModel::TotalXP));
    QCOMPARE(pane.model()->sortColumn(), int(UsersModel::TotalXP));
    clickHeader(UsersModel::Email);
    QCOMPARE(pane.model()->sortColumn(), int(UsersModel::Email));
    QCOMPARE(header->sortIndicatorSection(), int(UsersModel::Email));
    // The first click on the total gives the leaderboard.
    clickHeader(UsersModel::TotalXP);
    QCOMPARE(pane.model()->sortColumn(), int(UsersModel::TotalXP));
    QCOMPARE(pane.model()->sortOrder(), Qt::DescendingOrder);
    QCOMPARE(header->sortIndicatorOrder(), Qt::DescendingOrder);
}

void TestUsersPane::stateRoundTrips()
{
    QByteArray state;
    {
        UsersPane pane(m_session.get());
        pane.model()->sort(UsersModel::Name, Qt::AscendingOrder);
        pane.tableView()->horizontalHeader()->showSection(UsersModel::Email);
        pane.tableView()->horizontalHeader()->resizeSection(UsersModel::Email, 321);
        pane.tableView()->horizontalHeader()->setSortIndicator(UsersModel::Name, Qt::AscendingOrder);
        state = pane.saveState();
    }
    UsersPane pane(m_session.get());
    QVERIFY(pane.restoreState(state));
    QCOMPARE(pane.model()->sortColumn(), int(UsersModel::Name));
    QCOMPARE(pane.model()->sortOrder(), Qt::AscendingOrder);
    QCOMPARE(pane.tableView()->horizontalHeader()->sectionSize(UsersModel::Email), 321);
    QVERIFY(!pane.restoreState(QByteArray("nonsense")));
}

void TestUsersPane::driftIsMarked()
{
    UsersPane pane(m_session.get());
    pane.resize(900, 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    const QString id = pane.model()->user(1).id;
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 3 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), id}}));
    m_session->announceChange({id});
    QTRY_VERIFY(pane.model()->index(1, 0).data(UsersModel::DriftRole).toBool());
    // The delegate paints the row in the warning colour: the grabbed cell holds a reddish pixel.
    QTableView *table = pane.tableView();
    const QRect cell = table->visualRect(pane.model()->index(1, UsersModel::TotalXP));
    const QImage image = table->viewport()->grab(cell).toImage();
    bool reddish = false;
    for (int y = 0; y < image.height() && !reddish; ++y) {
        for (int x = 0; x < image.width() && !reddish; ++x) {
            const QColor c = image.pixelColor(x, y);
            reddish = c.red() > 150 && c.green() < 110 && c.blue() < 110;
        }
    }
    QVERIFY(reddish);
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" - 3 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), id}}));
}

void TestUsersPane::columnsFitAtItsSizeAndTheRowTellsTheRest()
{
    UsersPane pane(m_session.get());
    pane.resize(pane.sizeHint().width(), 500);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    QTRY_COMPARE(pane.model()->rowCount(), UsersModel::PageSize);
    // Who, how much and how lately, without scrolling sideways.
    QTableView *table = pane.tableView();
    const QHeaderView *header = table->horizontalHeader();
    for (const int column : {UsersModel::Name, UsersModel::TotalXP, UsersModel::LastActivity}) {
        QVERIFY(!header->isSectionHidden(column));
        QVERIFY(header->sectionViewportPosition(column) + header->sectionSize(column) <= table->viewport()->width());
    }
    QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
    // The hidden columns are in the row's tooltip.
    const UserRow user = pane.model()->user(0);
    const QPoint at = table->visualRect(pane.model()->index(0, UsersModel::Name)).center();
    QHelpEvent help(QEvent::ToolTip, at, table->viewport()->mapToGlobal(at));
    QCoreApplication::sendEvent(table->viewport(), &help);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY(QToolTip::text().contains(user.email));
    QVERIFY(QToolTip::text().contains(user.id));
    QToolTip::hideText();
}

QTEST_MAIN(TestUsersPane)
#include "TestUsersPane.moc"
