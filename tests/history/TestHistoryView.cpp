#include "tests/support/TestBackend.h"

#include "core/domain/Timestamp.h"
#include "core/import/DemoGenerator.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "core/users/Users.h"
#include "models/HistoryModel.h"
#include "ui/common/FileDialog.h"
#include "ui/common/MessageBox.h"
#include "ui/history/HistoryView.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QScrollBar>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// The history view driven as a person would: filter widgets, selection, copy and export.
class TestHistoryView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void filterWidgetsDriveTheModel();
    void dateRangeMatchesSql();
    void oneUserHidesTheUserColumn();
    void aNarrowTableKeepsTheDescriptionReadable();
    void copySelectionPutsRowsOnTheClipboard();
    void exportWritesEveryRowSafely();
    void exportOfEveryoneCrossesPages();
    void cancelledExportLeavesNoFile();
    void stateRoundTrips();
    void releasingRowsKeepsTheViewport();

private:
    qint64 countBySql(const QString &where, const Bindings &bindings = {});
    void waitLoaded(HistoryView &view);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    QTemporaryDir m_dir;
};

namespace {

const QString CsvUser = QStringLiteral("csv-user");

// The lines of a CSV file whose cells hold no line breaks.
QStringList csvLines(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

void TestHistoryView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    auto summary = DemoGenerator(*m_db).generate({80, 7000, 60, 9});
    QVERIFY2(summary, qPrintable(summary ? QString() : summary.error().message));
    QVERIFY(Users(*m_db).add(CsvUser, QStringLiteral("csv@example.com"), QStringLiteral("Csv Person")));
    Ledger ledger(*m_db);
    AwardRequest formula;
    formula.userId = CsvUser;
    formula.amount = 25;
    formula.sourceId = QStringLiteral("attempt-formula");
    formula.description = QStringLiteral("=1+1");
    QVERIFY(ledger.award(formula));
    QVERIFY(ledger.adjust(CsvUser, -40, QStringLiteral("Refund, \"duplicate\" award")));
    for (int i = 0; i < 5; ++i) {
        AwardRequest award;
        award.userId = CsvUser;
        award.amount = 10 + i;
        award.sourceId = QStringLiteral("attempt-%1").arg(i);
        award.description = QStringLiteral("Correct answer: problem #%1 (easy)").arg(900 + i);
        QVERIFY(ledger.award(award));
    }
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestHistoryView::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

qint64 TestHistoryView::countBySql(const QString &where, const Bindings &bindings)
{
    return TestBackend::scalar(*m_db,
                               QStringLiteral("SELECT count(*) FROM \"UserXP\"%1")
                                   .arg(where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
                               bindings)
        .toLongLong();
}

void TestHistoryView::waitLoaded(HistoryView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading() && view.model()->totalCount() >= 0, 20000);
}

void TestHistoryView::filterWidgetsDriveTheModel()
{
    HistoryView view(m_session.get());
    view.resize(1200, 600);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    waitLoaded(view);
    auto *status = view.findChild<QLabel *>(QStringLiteral("historyStatus"));
    const qint64 all = countBySql({});
    QTRY_COMPARE(status->text(),
                 QStringLiteral("Showing %1 of %2 transactions")
                     .arg(QLocale().toString(HistoryModel::PageSize), QLocale().toString(all)));

    // Category: one step down is "Correct answer".
    auto *category = view.findChild<QComboBox *>(QStringLiteral("categoryFilter"));
    QTest::keyClick(category, Qt::Key_Down);
    QCOMPARE(category->currentText(), XpEnums::label(Category::CorrectAnswer));
    QVERIFY(view.filter().category == Category::CorrectAnswer);
    waitLoaded(view);
    QCOMPARE(view.model()->totalCount(), countBySql(QStringLiteral("\"category\" = 'CORRECT_ANSWER'")));
    for (int row = 0; row < view.model()->rowCount(); ++row)
        QCOMPARE(view.model()->transaction(row).category, Category::CorrectAnswer);

    // Source type: two steps down is "Daily streak"; with the category, nothing matches.
    auto *source = view.findChild<QComboBox *>(QStringLiteral("sourceTypeFilter"));
    QTest::keyClick(source, Qt::Key_Down);
    QTest::keyClick(source, Qt::Key_Down);
    QVERIFY(view.filter().sourceType == SourceType::DailyStreak);
    waitLoaded(view);
    QCOMPARE(view.model()->rowCount(), 0);
    QCOMPARE(status->text(), QStringLiteral("No transactions match the filters"));
    QTest::keyClick(category, Qt::Key_Home);
    waitLoaded(view);
    QCOMPARE(view.model()->totalCount(), countBySql(QStringLiteral("\"sourceType\" = 'DAILY_STREAK'")));

    // Text, after a pause in typing; Ctrl+Shift+F puts the focus there.
    auto *text = view.findChild<QLineEdit *>(QStringLiteral("textFilter"));
    view.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&view));
    QTest::keyClick(&view, Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(text->hasFocus());
    QTest::keyClick(&view, Qt::Key_L, Qt::ControlModifier | Qt::ShiftModifier); // clear filters
    QVERIFY(!view.filter().sourceType);
    QTest::keyClicks(text, QStringLiteral("PROBLEM #90"));
    QCOMPARE(view.filter().text, QString()); // not yet
    QTRY_COMPARE(view.filter().text, QStringLiteral("PROBLEM #90"));
    waitLoaded(view);
    const Bindings pattern{{QStringLiteral(":p"), QStringLiteral("%problem #90%")},
                           {QStringLiteral(":p2"), QStringLiteral("%problem #90%")}};
    const qint64 expected
        = countBySql(QStringLiteral("lower(\"description\") LIKE :p OR lower(\"sourceId\") LIKE :p2"), pattern);
    QVERIFY(expected > 5);
    QCOMPARE(view.model()->totalCount(), expected);
    QCOMPARE(view.model()->rowCount(), int(expected));

    // Clear filters shows everything again.
    auto *clear = view.findChild<QPushButton *>(QStringLiteral("clearFilters"));
    QVERIFY(clear->isEnabled());
    QTest::mouseClick(clear, Qt::LeftButton);
    QCOMPARE(text->text(), QString());
    waitLoaded(view);
    QCOMPARE(view.model()->totalCount(), all);
    QVERIFY(!clear->isEnabled());
}

void TestHistoryView::dateRangeMatchesSql()
{
    HistoryView view(m_session.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    waitLoaded(view);
    auto *period = view.findChild<QComboBox *>(QStringLiteral("periodFilter"));
    auto *since = view.findChild<QDateEdit *>(QStringLiteral("sinceFilter"));
    auto *until = view.findChild<QDateEdit *>(QStringLiteral("untilFilter"));
    QVERIFY(!since->isVisible());

    // "Last 7 days": from the start of the local day six days ago.
    QTest::keyClick(period, Qt::Key_Down);
    QTest::keyClick(period, Qt::Key_Down);
    QCOMPARE(period->currentData().toInt(), int(HistoryView::Period::Last7Days));
    waitLoaded(view);
    const QDateTime weekStart = QDate::currentDate().addDays(-6).startOfDay().toUTC();
    QCOMPARE(view.filter().since, weekStart);
    const QString sinceParam = m_db->dialect().timestampParam(QStringLiteral(":s"));
    const QString untilParam = m_db->dialect().timestampParam(QStringLiteral(":u"));
    QCOMPARE(view.model()->totalCount(),
             countBySql(QStringLiteral("\"createdAt\" >= ") + sinceParam,
                        {{QStringLiteral(":s"), Timestamp::toSql(weekStart)}}));

    // A custom range of whole local days, both ends included.
    QTest::keyClick(period, Qt::Key_End);
    QCOMPARE(period->currentData().toInt(), int(HistoryView::Period::Custom));
    QVERIFY(since->isVisible() && until->isVisible());
    const QDate from = QDate::currentDate().addDays(-20);
    const QDate to = QDate::currentDate().addDays(-10);
    since->setDate(from);
    until->setDate(to);
    waitLoaded(view);
    QCOMPARE(view.filter().since, from.startOfDay().toUTC());
    QCOMPARE(view.filter().until, to.addDays(1).startOfDay().toUTC());
    const qint64 expected
        = countBySql(QStringLiteral("\"createdAt\" >= %1 AND \"createdAt\" < %2").arg(sinceParam, untilParam),
                     {{QStringLiteral(":s"), Timestamp::toSql(from.startOfDay().toUTC())},
                      {QStringLiteral(":u"), Timestamp::toSql(to.addDays(1).startOfDay().toUTC())}});
    QVERIFY(expected > 0);
    QCOMPARE(view.model()->totalCount(), expected);
    // Until before since moves since along.
    until->setDate(from.addDays(-2));
    QCOMPARE(since->date(), from.addDays(-2));
}

void TestHistoryView::oneUserHidesTheUserColumn()
{
    HistoryView view(m_session.get());
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QVERIFY(!view.tableView()->isColumnHidden(HistoryModel::User));
    view.setUser(CsvUser);
    QVERIFY(view.tableView()->isColumnHidden(HistoryModel::User));
    waitLoaded(view);
    QCOMPARE(view.model()->rowCount(), 7);
    QCOMPARE(view.filter().userId, CsvUser);
    view.setUser(QString());
    QVERIFY(!view.tableView()->isColumnHidden(HistoryModel::User));
    waitLoaded(view);
    QCOMPARE(view.model()->totalCount(), countBySql({}));
}

void TestHistoryView::aNarrowTableKeepsTheDescriptionReadable()
{
    // The history beside the users pane on a small screen: the source ID gives room before the
    // description is squeezed, labels and names stay whole, nothing hides behind a scroll bar.
    HistoryView view(m_session.get());
    view.resize(950, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    waitLoaded(view);
    QTableView *table = view.tableView();
    const QHeaderView *header = table->horizontalHeader();
    const int digit = table->fontMetrics().horizontalAdvance(QLatin1Char('8'));
    const auto check = [&] {
        QTRY_VERIFY2(header->sectionSize(HistoryModel::Description) >= digit * 24,
                     qPrintable(QString::number(header->sectionSize(HistoryModel::Description))));
        QTRY_COMPARE(table->horizontalScrollBar()->maximum(), 0);
        QCOMPARE(header->sectionSize(HistoryModel::User), digit * 20);
        QCOMPARE(header->sectionSize(HistoryModel::Category), digit * 17);
    };
    check();
    QVERIFY(header->sectionSize(HistoryModel::SourceId) < digit * 12);
    // Wider again, the source ID gets its room back, and the description the rest.
    view.resize(1400, 500);
    QTRY_COMPARE(header->sectionSize(HistoryModel::SourceId), digit * 12);
    QVERIFY(header->sectionSize(HistoryModel::Description) > digit * 40);
    // A column resized by hand keeps its width when the table narrows.
    table->horizontalHeader()->resizeSection(HistoryModel::SourceId, digit * 8);
    view.resize(950, 500);
    QTRY_VERIFY(header->sectionSize(HistoryModel::Description) < digit * 40);
    QCOMPARE(header->sectionSize(HistoryModel::SourceId), digit * 8);
}

void TestHistoryView::copySelectionPutsRowsOnTheClipboard()
{
    HistoryView view(m_session.get());
    view.resize(1200, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setUser(CsvUser);
    waitLoaded(view);
    QCOMPARE(view.model()->rowCount(), 7);
    QSignalSpy selection(&view, &HistoryView::selectionChanged);

    QTableView *table = view.tableView();
    const QRect first = table->visualRect(view.model()->index(1, HistoryModel::Description));
    const QRect third = table->visualRect(view.model()->index(3, HistoryModel::Description));
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {}, first.center());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::ShiftModifier, third.center());
    QVERIFY(selection.count() >= 2);
    const QList<XpTransaction> selected = view.selectedTransactions();
    QCOMPARE(selected.size(), 3);
    QCOMPARE(view.selectedCount(), 3);
    QCOMPARE(selected.first().id, view.model()->transaction(1).id);

    QApplication::clipboard()->clear();
    table->setFocus();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    const QStringList lines = QApplication::clipboard()->text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    const QStringList header = lines.first().split(QLatin1Char('\t'));
    QCOMPARE(header.first(), QStringLiteral("Time"));
    QVERIFY(!header.contains(QStringLiteral("User"))); // hidden for one user
    QCOMPARE(header.size(), HistoryModel::ColumnCount - 1);
    const int amountColumn = int(header.indexOf(QStringLiteral("Amount")));
    const int idColumn = int(header.indexOf(QStringLiteral("ID")));
    for (int i = 0; i < 3; ++i) {
        const QStringList cells = lines.at(i + 1).split(QLatin1Char('\t'));
        QCOMPARE(cells.size(), header.size());
        QCOMPARE(cells.at(idColumn), selected.at(i).id);
        QCOMPARE(cells.at(amountColumn), QString::number(selected.at(i).amount));
    }
}

void TestHistoryView::exportWritesEveryRowSafely()
{
    HistoryView view(m_session.get());
    view.show();
    view.setUser(CsvUser);
    waitLoaded(view);
    const QString fileName = m_dir.filePath(QStringLiteral("csv-user.csv"));
    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QSignalSpy finished(&view, &HistoryView::exportFinished);
    view.exportCsv();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    const qint64 expected = countBySql(QStringLiteral("\"userId\" = :u"), {{QStringLiteral(":u"), CsvUser}});
    QCOMPARE(finished.first().first().toLongLong(), expected);
    QVERIFY(MessageBox::lastText().contains(QStringLiteral("Exported 7 transactions")));

    const QStringList lines = csvLines(fileName);
    QCOMPARE(lines.size(), expected + 1);
    QVERIFY(lines.first().startsWith(QStringLiteral("createdAt,amount,sourceType,sourceId,category,description")));
    bool formula = false;
    bool negative = false;
    for (const QString &line : lines) {
        if (line.contains(QStringLiteral("=1+1"))) {
            formula = true;
            QVERIFY2(line.contains(QStringLiteral(",'=1+1,")), qPrintable(line));
        }
        if (line.contains(QStringLiteral("MANUAL_ADJUSTMENT"))) {
            negative = true;
            QVERIFY2(line.contains(QStringLiteral(",-40,")), qPrintable(line));
            QVERIFY2(line.contains(QStringLiteral("\"Refund, \"\"duplicate\"\" award\"")), qPrintable(line));
        }
    }
    QVERIFY(formula && negative);
    QVERIFY(!view.isExporting());
}

void TestHistoryView::exportOfEveryoneCrossesPages()
{
    HistoryView view(m_session.get());
    waitLoaded(view);
    // Oldest first, every row of everyone: 7,007 rows in pages of 5,000.
    view.model()->sort(HistoryModel::Time, Qt::AscendingOrder);
    waitLoaded(view);
    const QString fileName = m_dir.filePath(QStringLiteral("everyone.csv"));
    FileDialog::setNextFileName(fileName);
    MessageBox::setNextAnswer(QMessageBox::Ok);
    QSignalSpy finished(&view, &HistoryView::exportFinished);
    view.exportCsv();
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
    const qint64 expected = countBySql({});
    QCOMPARE(expected, 7007);
    QCOMPARE(finished.first().first().toLongLong(), expected);
    const QStringList lines = csvLines(fileName);
    QCOMPARE(lines.size(), expected + 1);
    // Oldest first, as shown; and no row twice.
    const QString oldest = TestBackend::scalar(*m_db,
                                               QStringLiteral("SELECT \"id\" FROM \"UserXP\" ORDER BY "
                                                              "\"createdAt\" ASC, \"id\" ASC LIMIT 1"))
                               .toString();
    QVERIFY2(lines.at(1).contains(oldest), qPrintable(lines.at(1)));
    QSet<QString> distinct(lines.begin(), lines.end());
    QCOMPARE(distinct.size(), lines.size());
}

void TestHistoryView::cancelledExportLeavesNoFile()
{
    HistoryView view(m_session.get());
    view.show();
    waitLoaded(view);
    // Hold the background worker so that Cancel is pressed before the export starts.
    auto gate = std::make_shared<QSemaphore>();
    m_session->background()->post<bool>(
        this,
        [gate](Database &) -> Result<bool> {
            gate->acquire();
            return true;
        },
        [](const Result<bool> &) {});
    const QString fileName = m_dir.filePath(QStringLiteral("cancelled.csv"));
    FileDialog::setNextFileName(fileName);
    QSignalSpy messages(&view, &HistoryView::statusMessage);
    view.exportCsv();
    QVERIFY(view.isExporting());
    auto *progress = view.findChild<QProgressDialog *>(QStringLiteral("exportProgress"));
    QVERIFY(progress && progress->isVisible());
    auto *cancel = progress->findChild<QPushButton *>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    gate->release();
    QTRY_VERIFY_WITH_TIMEOUT(!view.isExporting(), 20000);
    QVERIFY(!QFile::exists(fileName));
    QVERIFY(!messages.isEmpty());
    QVERIFY2(messages.last().first().toString().contains(QStringLiteral("cancelled")),
             qPrintable(messages.last().first().toString()));
}

void TestHistoryView::stateRoundTrips()
{
    QByteArray state;
    {
        HistoryView view(m_session.get());
        view.tableView()->horizontalHeader()->resizeSection(HistoryModel::Description, 345);
        view.model()->sort(HistoryModel::Time, Qt::AscendingOrder);
        state = view.saveState();
    }
    HistoryView view(m_session.get());
    view.setUser(CsvUser);
    QVERIFY(view.restoreState(state));
    QCOMPARE(view.tableView()->horizontalHeader()->sectionSize(HistoryModel::Description), 345);
    QCOMPARE(view.model()->order(), HistoryQuery::Order::OldestFirst);
    QCOMPARE(view.tableView()->horizontalHeader()->sortIndicatorOrder(), Qt::AscendingOrder);
    QVERIFY(view.tableView()->isColumnHidden(HistoryModel::User));
    QVERIFY(!view.restoreState(QByteArray("x")));
}

void TestHistoryView::releasingRowsKeepsTheViewport()
{
    HistoryView view(m_session.get());
    view.model()->setMaxRows(1000);
    view.resize(1200, 600);
    view.show();
    view.setUser({});
    waitLoaded(view);
    QTableView *table = view.findChild<QTableView *>();
    QVERIFY(table);
    // Scroll on, a page at a time, until rows at the top have been released.
    for (int round = 0; round < 20 && view.model()->releasedRows() == 0; ++round) {
        table->scrollToBottom();
        QTRY_VERIFY_WITH_TIMEOUT(!view.model()->isLoading(), 20000);
        QCoreApplication::processEvents();
    }
    QVERIFY(view.model()->releasedRows() > 0);
    QVERIFY(!view.model()->atEnd());
    // Read somewhere in the middle of the window (not at the bottom, where the view fetches by
    // itself); the row at the top of the viewport stays put while older rows arrive and newer
    // ones are released above it.
    table->scrollTo(view.model()->index(view.model()->rowCount() / 2, 0), QAbstractItemView::PositionAtTop);
    QCoreApplication::processEvents();
    const auto topId = [&] {
        const int row = table->rowAt(0);
        return view.model()->index(row, HistoryModel::Id).data(HistoryModel::RawValueRole).toString();
    };
    const QString before = topId();
    const qint64 releasedBefore = view.model()->releasedRows();
    view.model()->fetchMore({});
    QTRY_VERIFY_WITH_TIMEOUT(view.model()->releasedRows() > releasedBefore, 20000);
    QTRY_COMPARE(topId(), before);
    QVERIFY2(view.findChild<QLabel *>(QStringLiteral("historyStatus"))->text().contains(QStringLiteral("released")),
             qPrintable(view.findChild<QLabel *>(QStringLiteral("historyStatus"))->text()));
}

QTEST_MAIN(TestHistoryView)
#include "TestHistoryView.moc"
