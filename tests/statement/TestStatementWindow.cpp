#include "tests/support/TestBackend.h"
#include "tests/support/TestCsv.h"

#include "core/domain/Cuid.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/StatementModel.h"
#include "models/XpFormat.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/common/FileDialog.h"
#include "ui/common/InlineMessage.h"
#include "ui/statement/StatementHeader.h"
#include "ui/statement/StatementLauncher.h"
#include "ui/statement/StatementWindow.h"

#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// A user's statement in its window, read as a support person would read it: a scripted history
// (the web app's award long ago, then awards, an adjustment, a rollback and a restore through XP
// Admin), the header's figures, the running balance of every row, a removed row struck through,
// a preset that changes the period, and the PDF and CSV saved from the window.
class TestStatementWindow final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void headerShowsNameAndFigures();
    void runningBalanceAddsUp();
    void removedRowsAreStruckThrough();
    void presetChangesPeriodAndFigures();
    void savePdfWritesDocument();
    void csvRoundTripsClosingBalance();
    void ledgerChangeRefreshesWindow();
    void launcherOpensOneWindowPerUser();

private:
    // A window on the user's statement, read for the preset, shown at a readable size.
    std::unique_ptr<StatementWindow> openWindow(ChartRangeBar::Preset preset);
    qint64 cachedTotal();

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    QTemporaryDir m_dir;
    static constexpr qint64 WebAppAmount = 200;
};

namespace {

const QString UserId = QStringLiteral("ckstatementuser0000000001");
const QString UserName = QStringLiteral("Ada Lovelace");
const QString UserEmail = QStringLiteral("ada@example.com");

} // namespace

void TestStatementWindow::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(Users(*m_db).add(UserId, UserEmail, UserName));

    // The web app's own award, sixty days ago: before any preset but All.
    const QString longAgo = Timestamp::toSql(Timestamp::now().addDays(-60));
    const Dialect &d = m_db->dialect();
    QVERIFY(m_db->run(QStringLiteral("INSERT INTO \"UserXP\" (\"id\", \"userId\", \"amount\", \"sourceType\", "
                                     "\"sourceId\", \"description\", \"category\", \"createdAt\", \"updatedAt\") "
                                     "VALUES (:id, :user, :amount, %1, 'attempt-web', 'Solved in the app', %2, %3, %4)")
                          .arg(d.sourceTypeParam(QStringLiteral(":type")), d.categoryParam(QStringLiteral(":cat")),
                               d.timestampParam(QStringLiteral(":c")), d.timestampParam(QStringLiteral(":u"))),
                      {{QStringLiteral(":id"), Cuid::generate()},
                       {QStringLiteral(":user"), UserId},
                       {QStringLiteral(":amount"), WebAppAmount},
                       {QStringLiteral(":type"), QStringLiteral("USER_PROBLEM_ATTEMPT")},
                       {QStringLiteral(":cat"), QStringLiteral("CORRECT_ANSWER")},
                       {QStringLiteral(":c"), longAgo},
                       {QStringLiteral(":u"), longAgo}}));
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + :amount "
                                     "WHERE \"userId\" = :user"),
                      {{QStringLiteral(":amount"), WebAppAmount}, {QStringLiteral(":user"), UserId}}));

    Ledger ledger(*m_db);
    const auto award = [&](qint64 amount, const QString &source, const QString &description) {
        AwardRequest request;
        request.userId = UserId;
        request.amount = qint32(amount);
        request.sourceId = source;
        request.description = description;
        auto change = ledger.award(request);
        if (!change || change->rows.isEmpty())
            qFatal("award failed");
        return change->rows.first().id;
    };
    award(1500, QStringLiteral("attempt-1"), QStringLiteral("Correct answer: problem #1"));
    const QString twice = award(50, QStringLiteral("attempt-2"), QStringLiteral("Correct answer: problem #2"));
    QVERIFY(ledger.adjust(UserId, -30, QStringLiteral("Duplicate award")));
    QVERIFY(ledger.rollback({twice}, QStringLiteral("Awarded twice")));
    QVERIFY(ledger.restore({twice}, QStringLiteral("The rollback was a mistake")));
    const QString wrong = award(25, QStringLiteral("attempt-3"), QStringLiteral("Correct answer: problem #3"));
    QVERIFY(ledger.rollback({wrong}, QStringLiteral("Wrong problem")));
    // A drifted total, set right: the statement tells when and by how much.
    QVERIFY(m_db->run(QStringLiteral("UPDATE \"UserProfile\" SET \"totalXP\" = \"totalXP\" + 7 WHERE \"userId\" = :u"),
                      {{QStringLiteral(":u"), UserId}}));
    QVERIFY(ledger.recalculate(UserId));

    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestStatementWindow::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

qint64 TestStatementWindow::cachedTotal()
{
    return TestBackend::scalar(*m_db, QStringLiteral("SELECT \"totalXP\" FROM \"UserProfile\" WHERE \"userId\" = :u"),
                               {{QStringLiteral(":u"), UserId}})
        .toLongLong();
}

std::unique_ptr<StatementWindow> TestStatementWindow::openWindow(ChartRangeBar::Preset preset)
{
    auto window = std::make_unique<StatementWindow>(m_session.get(), UserId);
    window->rangeBar()->setPreset(preset);
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    if (!QTest::qWaitFor([&] { return !window->isLoading() && window->statement(); }, 20000))
        return nullptr;
    return window;
}

void TestStatementWindow::headerShowsNameAndFigures()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    StatementHeader *header = window->header();
    // The name and email, never the id, where a person reads whose statement it is.
    QCOMPARE(header->titleLabel()->text(), QStringLiteral("Statement of Ada Lovelace <ada@example.com>"));
    QVERIFY(!header->titleLabel()->text().contains(UserId));
    QVERIFY(header->titleLabel()->toolTip().contains(UserId));
    QCOMPARE(window->windowTitle(), QStringLiteral("Statement of Ada Lovelace"));
    QVERIFY(header->periodLabel()->text().startsWith(QStringLiteral("Period: the first transaction to now")));
    // All: from nothing to the cached total, which the closing balance equals.
    const qint64 total = cachedTotal();
    QCOMPARE(total, WebAppAmount + 1500 + 50 - 30);
    QCOMPARE(header->openingLabel()->text(), QStringLiteral("0 XP"));
    QCOMPARE(header->closingLabel()->text(), QStringLiteral("%1 XP").arg(QLocale().toString(total)));
    QCOMPARE(header->closingLabel()->text(), QStringLiteral("1,720 XP"));
    QCOMPARE(header->reconciliation()->kind(), InlineMessage::Kind::Info);
    QCOMPARE(header->reconciliation()->text(), QStringLiteral("The closing balance equals the cached total."));
    // The web app's award is counted among the changes XP Admin did not write.
    QCOMPARE(window->statement()->externalEntries, 1);
    QVERIFY2(header->exactnessLabel()->text().contains(QStringLiteral("written by the web app outside XP Admin")),
             qPrintable(header->exactnessLabel()->text()));
    QVERIFY(header->driftLabel()->isVisible());
    QVERIFY2(header->driftLabel()->text().contains(
                 QStringLiteral("the cached total was 1,727 XP while the transactions summed to 1,720 XP; tester "
                                "corrected it by -7 XP.")),
             qPrintable(header->driftLabel()->text()));
    QVERIFY(window->message()->text().isEmpty());
}

void TestStatementWindow::runningBalanceAddsUp()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    const StatementModel *model = window->model();
    // Web app, 3 awards, adjustment, rollback, restore, rollback.
    QCOMPARE(model->rowCount(), 8);
    qint64 balance = window->statement()->opening;
    for (int row = 0; row < model->rowCount(); ++row) {
        balance += model->index(row, StatementModel::Change).data(StatementModel::RawValueRole).toLongLong();
        QCOMPARE(model->index(row, StatementModel::Balance).data(StatementModel::RawValueRole).toLongLong(), balance);
        QCOMPARE(model->index(row, StatementModel::Balance).data().toString(), XpFormat::total(balance));
    }
    QCOMPARE(balance, window->statement()->closing);
    QCOMPARE(model->index(0, StatementModel::What).data().toString(), QStringLiteral("Earned in the app"));
    QCOMPARE(model->index(0, StatementModel::By).data().toString(), QStringLiteral("The web app"));
    QCOMPARE(model->index(1, StatementModel::What).data().toString(), QStringLiteral("Awarded"));
    QCOMPARE(model->index(1, StatementModel::Change).data().toString(), QStringLiteral("+1,500"));
    QCOMPARE(model->index(1, StatementModel::Kind).data().toString(),
             QStringLiteral("Correct answer · Problem attempt"));
    QCOMPARE(model->index(3, StatementModel::What).data().toString(), QStringLiteral("Adjusted"));
    QCOMPARE(model->index(3, StatementModel::Reason).data().toString(), QStringLiteral("Duplicate award"));
    QCOMPARE(model->index(5, StatementModel::What).data().toString(), QStringLiteral("Restored"));
    QCOMPARE(model->index(5, StatementModel::By).data().toString(), QStringLiteral("tester"));
}

void TestStatementWindow::removedRowsAreStruckThrough()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    const StatementModel *model = window->model();
    int removed = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        const StatementEntry &entry = model->entry(row);
        const QFont font = model->index(row, StatementModel::Transaction).data(Qt::FontRole).value<QFont>();
        if (entry.kind == StatementEntry::Kind::Removed) {
            ++removed;
            QVERIFY(font.strikeOut());
            QCOMPARE(model->index(row, StatementModel::What).data().toString(), QStringLiteral("Rolled back"));
            QVERIFY(model->index(row, StatementModel::Change).data(StatementModel::RawValueRole).toLongLong() < 0);
        } else if (entry.removedLater) {
            // Awards rolled back later in the period: struck through, with a note.
            QVERIFY(font.strikeOut());
            QVERIFY(
                model->index(row, StatementModel::What).data().toString().contains(QStringLiteral("removed later")));
        } else {
            QVERIFY(!font.strikeOut());
        }
    }
    QCOMPARE(removed, 2);
}

void TestStatementWindow::presetChangesPeriodAndFigures()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    const qint64 closing = window->statement()->closing;
    const int rowsOfAll = window->model()->rowCount();

    window->rangeBar()->setPreset(ChartRangeBar::Preset::Last30Days);
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading() && window->statement()->since.isValid(), 20000);
    // The web app's award of sixty days ago is now in the opening balance, not among the rows.
    QCOMPARE(window->statement()->opening, WebAppAmount);
    QCOMPARE(window->header()->openingLabel()->text(), QStringLiteral("200 XP"));
    QCOMPARE(window->model()->rowCount(), rowsOfAll - 1);
    QCOMPARE(window->statement()->closing, closing);
    const QDate first = QDate::currentDate().addDays(-29);
    QVERIFY2(window->header()->periodLabel()->text().startsWith(
                 QStringLiteral("Period: %1 to now").arg(first.toString(XpFormat::datePattern()))),
             qPrintable(window->header()->periodLabel()->text()));

    // Days that end before the web app's award: nothing in them, and no cached total to compare.
    window->rangeBar()->setCustomRange(QDate::currentDate().addDays(-90), QDate::currentDate().addDays(-70));
    QTRY_VERIFY_WITH_TIMEOUT(!window->isLoading() && window->statement()->until.isValid(), 20000);
    QCOMPARE(window->statement()->closing, 0);
    QCOMPARE(window->model()->rowCount(), 0);
    QCOMPARE(window->header()->closingLabel()->text(), QStringLiteral("0 XP"));
    QVERIFY(!window->statement()->cachedTotal.has_value());
}

void TestStatementWindow::savePdfWritesDocument()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    auto *save = window->findChild<QPushButton *>(QStringLiteral("statementSavePdf"));
    QVERIFY(save && save->isEnabled());
    const QString fileName = m_dir.filePath(QStringLiteral("statement.pdf"));
    FileDialog::setNextFileName(fileName);
    QTest::mouseClick(save, Qt::LeftButton);
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pdf = file.readAll();
    QVERIFY(pdf.startsWith("%PDF"));
    QVERIFY2(pdf.size() > 4000, QByteArray::number(pdf.size()).constData());
    QCOMPARE(window->message()->kind(), InlineMessage::Kind::Info);
    QVERIFY(window->message()->text().contains(QStringLiteral("statement.pdf")));

    // What the PDF says: the user's name, and ids only once asked for.
    QVERIFY(!window->showIdsBox()->isChecked());
    const QString forUser = StatementDocument::html(*window->statement(), window->documentOptions());
    QVERIFY(forUser.contains(UserName));
    QVERIFY(!forUser.contains(UserId));
    window->showIdsBox()->click();
    QVERIFY(StatementDocument::html(*window->statement(), window->documentOptions()).contains(UserId));
}

void TestStatementWindow::csvRoundTripsClosingBalance()
{
    auto window = openWindow(ChartRangeBar::Preset::All);
    QVERIFY(window);
    const QString fileName = m_dir.filePath(QStringLiteral("statement.csv"));
    FileDialog::setNextFileName(fileName);
    QTest::mouseClick(window->findChild<QPushButton *>(QStringLiteral("statementSaveCsv")), Qt::LeftButton);
    QFile file(fileName);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    if (text.startsWith(QChar(0xfeff)))
        text.remove(0, 1);
    const QList<QStringList> records = TestCsv::parse(text);
    QCOMPARE(records.size(), 1 + 1 + window->model()->rowCount() + 1); // header, opening, rows, closing
    const int kind = int(records.first().indexOf(QStringLiteral("kind")));
    const int balance = int(records.first().indexOf(QStringLiteral("balance")));
    QVERIFY(kind >= 0 && balance >= 0);
    QCOMPARE(records.last().at(kind), QStringLiteral("closing"));
    QCOMPARE(records.last().at(balance).toLongLong(), cachedTotal());
    QCOMPARE(records.at(records.size() - 2).at(balance).toLongLong(), cachedTotal());
}

void TestStatementWindow::ledgerChangeRefreshesWindow()
{
    auto window = openWindow(ChartRangeBar::Preset::Last7Days);
    QVERIFY(window);
    const qint64 closing = window->statement()->closing;
    const int rows = window->model()->rowCount();
    bool done = false;
    m_session->mutate(
        this, [](Ledger &ledger) { return ledger.adjust(UserId, 5, QStringLiteral("Goodwill")); },
        [&](const Result<LedgerChange> &change) {
            QVERIFY(change);
            done = true;
        });
    QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(window->model()->rowCount(), rows + 1, 20000);
    QTRY_VERIFY(!window->isLoading());
    QCOMPARE(window->statement()->closing, closing + 5);
    QCOMPARE(window->statement()->closing, cachedTotal());
    QCOMPARE(window->model()->index(rows, StatementModel::Reason).data().toString(), QStringLiteral("Goodwill"));
}

void TestStatementWindow::launcherOpensOneWindowPerUser()
{
    QWidget mainWindow;
    QString current;
    StatementLauncher launcher(
        &mainWindow, [this] { return m_session.get(); }, [&] { return current; });
    launcher.update();
    QVERIFY(!launcher.action()->isEnabled()); // everyone: no statement
    current = UserId;
    launcher.update();
    QVERIFY(launcher.action()->isEnabled());
    QCOMPARE(launcher.action()->shortcut(), QKeySequence(QStringLiteral("Ctrl+Shift+S")));
    launcher.action()->trigger();
    QCOMPARE(launcher.windows().size(), 1);
    StatementWindow *window = launcher.windows().first();
    QCOMPARE(window->userId(), UserId);
    QTRY_VERIFY_WITH_TIMEOUT(window->statement().has_value(), 20000);
    // Asked again: the same window comes to the front.
    launcher.action()->trigger();
    QCOMPARE(launcher.windows().size(), 1);
    QCOMPARE(launcher.windows().first(), window);
    launcher.closeAll();
    QVERIFY(launcher.windows().isEmpty());
}

QTEST_MAIN(TestStatementWindow)
#include "TestStatementWindow.moc"
