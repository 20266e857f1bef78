#include "tests/charts/ChartFixture.h"
#include "tests/charts/ChartsViewFixture.h"
#include "tests/support/TestBackend.h"

#include "core/capture/CaptureInstaller.h"
#include "core/capture/LoggedRollups.h"
#include "core/ledger/Ledger.h"
#include "core/session/LedgerSession.h"
#include "models/CategoryPalette.h"
#include "ui/charts/ChartBuilder.h"
#include "ui/charts/ChartExporter.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartText.h"
#include "ui/charts/ChartsView.h"
#include "ui/common/FileDialog.h"

#include <QBarCategoryAxis>
#include <QBarLegendMarker>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QFile>
#include <QGraphicsSimpleTextItem>
#include <QHorizontalBarSeries>
#include <QHorizontalStackedBarSeries>
#include <QImage>
#include <QLabel>
#include <QLegend>
#include <QPieLegendMarker>
#include <QPieSeries>
#include <QPieSlice>
#include <QSignalSpy>
#include <QStackedBarSeries>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

// The charts view on a ledger with known XP on known days, as the view behaves: the newest
// request wins, the legend hides a category, hovering shows figures, a chart is exported, the
// range is remembered, and a change to the ledger is shown.
class TestChartsView final : public QObject, private ChartsViewFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { openLedger(this); }
    void cleanupTestCase() { closeLedger(); }
    void init();

    void newestRequestWinsAndStaleResultsAreDropped();
    void legendEntryHidesAndShowsACategory();
    void hoverShowsExactFigures();
    void exportWritesTheChartShown();
    void rangeIsRemembered();
    void ledgerChangeRefreshesTheCharts();
    void theLogIsFoldedIntoTheRollups();
};

void TestChartsView::init()
{
    QToolTip::hideText();
}

void TestChartsView::newestRequestWinsAndStaleResultsAreDropped()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QSignalSpy started(view.get(), &ChartsView::loadStarted);
    QSignalSpy loaded(view.get(), &ChartsView::loaded);
    // Three choices in a row, faster than any query: the first runs, the middle one is skipped.
    view->rangeBar()->setPreset(ChartRangeBar::Preset::Last30Days);
    view->rangeBar()->setPreset(ChartRangeBar::Preset::Last90Days);
    view->rangeBar()->setPreset(ChartRangeBar::Preset::All);
    QVERIFY(view->isLoading());
    QCOMPARE(view->statusLabel()->text(), QStringLiteral("Loading…"));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() == 1 && !view->isLoading(), 30000);
    QTest::qWait(200);
    QCOMPARE(loaded.size(), 1); // the 30-day result was dropped, not shown
    QCOMPARE(started.size(), 2);
    QCOMPARE(started.at(0).first().value<ChartRequest>().first, ChartFixture::day(-29));
    QVERIFY(!started.at(1).first().value<ChartRequest>().first.isValid());
    // "All": from dave's day -200 to today, by month, with bob (540) leading.
    QCOMPARE(view->data().first, ChartFixture::day(-200));
    QCOMPARE(view->data().unit, BucketUnit::Month);
    QCOMPARE(view->data().byCategory.totalTransactions(), 9);
    QCOMPARE(view->data().topUsers.first().userId, QStringLiteral("bob"));
    QCOMPARE(view->data().topUsers.size(), 4);
}

void TestChartsView::legendEntryHidesAndShowsACategory()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QChart *chart = view->chart(ChartKind::OverTime);
    QLegendMarker *marker = nullptr;
    for (QLegendMarker *m : chart->legend()->markers()) {
        if (ChartBuilder::categoryOf(static_cast<QBarLegendMarker *>(m)->barset()) == Category::CorrectAnswer)
            marker = m;
    }
    QVERIFY(marker);
    emit marker->clicked();
    QTRY_VERIFY(view->chart(ChartKind::OverTime) != chart);
    QVERIFY(view->isCategoryHidden(Category::CorrectAnswer));
    // Hidden in every chart at once; the legend entry stays, dimmed, to switch it back on.
    auto *bars = seriesOf<QStackedBarSeries>(view->chart(ChartKind::OverTime));
    QCOMPARE(valuesOf(setOf(bars, Category::CorrectAnswer)), QList<qreal>(7, 0));
    QCOMPARE(valuesOf(setOf(bars, Category::StreakBonus)), (QList<qreal>{0, 0, 0, 0, 0, 20, 0}));
    auto *pie = seriesOf<QPieSeries>(view->chart(ChartKind::CategoryShare));
    for (QPieSlice *slice : pie->slices()) {
        if (ChartBuilder::categoryOf(slice) == Category::CorrectAnswer)
            QCOMPARE(slice->value(), 0.0);
        if (ChartBuilder::categoryOf(slice) == Category::StreakBonus)
            QVERIFY2(slice->label().contains(ChartText::percent(1.0)), qPrintable(slice->label()));
    }
    for (QLegendMarker *m : view->chart(ChartKind::OverTime)->legend()->markers()) {
        const bool hidden
            = ChartBuilder::categoryOf(static_cast<QBarLegendMarker *>(m)->barset()) == Category::CorrectAnswer;
        QCOMPARE(m->labelBrush().color().alphaF() < 0.5, hidden);
    }
    // And back.
    chart = view->chart(ChartKind::CategoryShare);
    for (QLegendMarker *m : chart->legend()->markers()) {
        if (ChartBuilder::categoryOf(static_cast<QPieLegendMarker *>(m)->slice()) == Category::CorrectAnswer)
            emit m->clicked();
    }
    QTRY_VERIFY(view->chart(ChartKind::CategoryShare) != chart);
    QVERIFY(!view->isCategoryHidden(Category::CorrectAnswer));
    bars = seriesOf<QStackedBarSeries>(view->chart(ChartKind::OverTime));
    QCOMPARE(valuesOf(setOf(bars, Category::CorrectAnswer)), (QList<qreal>{0, 0, 0, 10, 150, 0, 70}));
}

void TestChartsView::hoverShowsExactFigures()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    auto *bars = seriesOf<QStackedBarSeries>(view->chart(ChartKind::OverTime));
    emit setOf(bars, Category::CorrectAnswer)->hovered(true, 4);
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("150 XP")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("2 transactions")));
    QVERIFY(QToolTip::text().contains(XpEnums::label(Category::CorrectAnswer)));
    QVERIFY(QToolTip::text().contains(ChartText::bucket(ChartFixture::day(-2), BucketUnit::Day)));
    emit setOf(bars, Category::CorrectAnswer)->hovered(false, 4);

    auto *pie = seriesOf<QPieSeries>(view->chart(ChartKind::CategoryShare));
    for (QPieSlice *slice : pie->slices()) {
        if (ChartBuilder::categoryOf(slice) == Category::Manual)
            emit slice->hovered(true);
    }
    QTRY_VERIFY(QToolTip::isVisible());
    QVERIFY2(QToolTip::text().contains(QStringLiteral("\u2212120 XP")), qPrintable(QToolTip::text()));
    QVERIFY(QToolTip::text().contains(QStringLiteral("1 transaction")));

    auto *leaders = seriesOf<QHorizontalBarSeries>(view->chart(ChartKind::TopUsers));
    emit leaders->barSets().first()->hovered(true, 2);
    QTRY_VERIFY(QToolTip::text().contains(QStringLiteral("Alice Example")));
    QVERIFY(QToolTip::text().contains(QStringLiteral("200 XP")));
    QVERIFY(QToolTip::text().contains(QStringLiteral("4 transactions")));
}

void TestChartsView::exportWritesTheChartShown()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QSignalSpy exported(view.get(), &ChartsView::exported);
    const QString svg = m_dir.filePath(QStringLiteral("from-view.svg"));
    FileDialog::setNextFileName(svg);
    view->exportChart(ChartKind::OverTime);
    QTRY_COMPARE(exported.size(), 1);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(file.readAll());
    QVERIFY(text.contains(QStringLiteral("<rect")));
    QVERIFY(text.contains(ChartKinds::title(ChartKind::OverTime)));
    QVERIFY(text.contains(ChartText::range(view->data())));
    // Exports are drawn light, whatever the desktop uses.
    const QColor colour = CategoryPalette::color(Category::CorrectAnswer, ChartExporter::exportPalette());
    QVERIFY(text.contains(QStringLiteral("fill=\"%1\"").arg(colour.name()), Qt::CaseInsensitive));

    // A file name without an extension becomes a PNG.
    FileDialog::setNextFileName(m_dir.filePath(QStringLiteral("no-extension")));
    view->exportChart(ChartKind::TopUsers);
    QTRY_COMPARE(exported.size(), 2);
    QCOMPARE(exported.last().first().toString(), m_dir.filePath(QStringLiteral("no-extension.png")));
    QVERIFY(!QImage(exported.last().first().toString()).isNull());
}

void TestChartsView::rangeIsRemembered()
{
    QByteArray state;
    {
        ChartsView view(m_session.get());
        view.rangeBar()->setCustomRange(QDate(2026, 2, 3), QDate(2026, 3, 4));
        state = view.saveState();
    }
    ChartsView view(m_session.get());
    QCOMPARE(view.rangeBar()->preset(), ChartRangeBar::Preset::Last30Days);
    QVERIFY(view.restoreState(state));
    QCOMPARE(view.rangeBar()->preset(), ChartRangeBar::Preset::Custom);
    QCOMPARE(view.request().first, QDate(2026, 2, 3));
    QCOMPARE(view.request().last, QDate(2026, 3, 4));
    QVERIFY(!view.restoreState(QByteArray("nonsense")));
}

void TestChartsView::ledgerChangeRefreshesTheCharts()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QSignalSpy loaded(view.get(), &ChartsView::loaded);
    bool done = false;
    m_session->mutate(
        this,
        [](Ledger &ledger) {
            return ledger.award({QStringLiteral("carol"), 7, SourceType::UserProblemAttempt,
                                 QStringLiteral("late-award"), QStringLiteral("Late"), Category::CorrectAnswer});
        },
        [&](const Result<LedgerChange> &change) {
            QVERIFY(change);
            done = true;
        });
    QTRY_VERIFY(done);
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1 && !view->isLoading(), 30000);
    QCOMPARE(view->data().byCategory.xp[int(Category::CorrectAnswer)], 237);
}

void TestChartsView::theLogIsFoldedIntoTheRollups()
{
    if (!TestBackend::isPostgres())
        QSKIP("The rollups follow the audit log on PostgreSQL only; SQLite's triggers keep them");
    // Another desk's writes while no window was open: row events, nothing captured, so nothing
    // seals when the view opens, and the view itself reads on a read-only connection.
    QVERIFY(CaptureInstaller(*m_db).install());
    const ConnectionSpec spec = m_db->spec();
    m_session.reset();
    for (int i = 0; i < int(LoggedRollups::FoldAfter); ++i) {
        QVERIFY(
            Ledger(*m_db).award({QStringLiteral("carol"), 1, SourceType::UserProblemAttempt,
                                 QStringLiteral("fold-%1").arg(i), QStringLiteral("Fold"), Category::CorrectAnswer}));
    }
    QVERIFY(LoggedRollups::state(*m_db)->behindBy(LoggedRollups::FoldAfter));
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) { opened = s.ok(); });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
    auto view = showView(ChartRangeBar::Preset::Last30Days);
    QVERIFY(view);
    waitLoaded(*view);
    const qint64 withTheLog = view->data().byCategory.totalXp();
    QTRY_VERIFY_WITH_TIMEOUT(!LoggedRollups::state(*m_db)->behindBy(LoggedRollups::FoldAfter), 30000);
    // The same figures from the rollups alone as from the rollups and the log.
    QSignalSpy loaded(view.get(), &ChartsView::loaded);
    view->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 1 && !view->isLoading(), 30000);
    QCOMPARE(view->data().byCategory.totalXp(), withTheLog);
}

QTEST_MAIN(TestChartsView)
#include "TestChartsView.moc"
