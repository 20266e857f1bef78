#include "tests/charts/ChartFixture.h"
#include "tests/support/TestBackend.h"

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

// The charts view on a ledger with known XP on known days: what an auditor reads off the charts.
class TestChartsView final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();

    void categoryShareShowsEarnedXpAndNamesDeductions();
    void overTimeHasEveryDayWithEmptyDaysAtZero();
    void sourceTypeBarsSplitByCategory();
    void topUsersLargestOnTopAndClickSelects();
    void oneUserIsChartedWithTheLeaderboardOfEveryone();
    void newestRequestWinsAndStaleResultsAreDropped();
    void emptyRangeSaysSo();
    void onlyDeductionsMakeNoSlices();
    void legendEntryHidesAndShowsACategory();
    void hoverShowsExactFigures();
    void exportWritesTheChartShown();
    void rangeIsRemembered();
    void ledgerChangeRefreshesTheCharts();

private:
    void waitLoaded(ChartsView &view);
    std::unique_ptr<ChartsView> showView(ChartRangeBar::Preset preset = ChartRangeBar::Preset::Last7Days);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    QTemporaryDir m_dir;
};

namespace {

template<typename Series>
Series *seriesOf(QChart *chart)
{
    for (QAbstractSeries *series : chart->series()) {
        if (auto *typed = qobject_cast<Series *>(series))
            return typed;
    }
    return nullptr;
}

QBarSet *setOf(QAbstractBarSeries *series, Category category)
{
    for (QBarSet *set : series->barSets()) {
        if (ChartBuilder::categoryOf(set) == category)
            return set;
    }
    return nullptr;
}

QList<qreal> valuesOf(const QBarSet *set)
{
    QList<qreal> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

QBarCategoryAxis *categoryAxis(QChart *chart)
{
    for (QAbstractAxis *axis : chart->axes()) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories;
    }
    return nullptr;
}

QString legendLabel(QChart *chart, Category category)
{
    for (QLegendMarker *marker : chart->legend()->markers()) {
        const QObject *source = nullptr;
        if (auto *pie = qobject_cast<QPieLegendMarker *>(marker))
            source = pie->slice();
        else if (auto *bar = qobject_cast<QBarLegendMarker *>(marker))
            source = bar->barset();
        if (ChartBuilder::categoryOf(source) == category)
            return marker->label();
    }
    return {};
}

QString noteOf(QChart *chart)
{
    for (QGraphicsItem *item : chart->childItems()) {
        if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            return text->text();
    }
    return {};
}

} // namespace

void TestChartsView::initTestCase()
{
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(ChartFixture::fill(*m_db));
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(this, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void TestChartsView::cleanupTestCase()
{
    m_session.reset();
    m_db.reset();
}

void TestChartsView::init()
{
    QToolTip::hideText();
}

void TestChartsView::waitLoaded(ChartsView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(view.hasData() && !view.isLoading(), 30000);
}

std::unique_ptr<ChartsView> TestChartsView::showView(ChartRangeBar::Preset preset)
{
    auto view = std::make_unique<ChartsView>(m_session.get());
    view->rangeBar()->setPreset(preset);
    view->resize(1100, 800);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        return nullptr;
    return view;
}

void TestChartsView::categoryShareShowsEarnedXpAndNamesDeductions()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QCOMPARE(view->data().first, ChartFixture::day(-6));
    QCOMPARE(view->data().last, ChartFixture::day(0));
    QCOMPARE(view->scopeLabel()->text(), ChartText::scope({}, {}));

    QChart *chart = view->chart(ChartKind::CategoryShare);
    auto *pie = seriesOf<QPieSeries>(chart);
    QVERIFY(pie);
    QHash<Category, qreal> slices;
    for (QPieSlice *slice : pie->slices()) {
        QCOMPARE(slice->color(), CategoryPalette::color(*ChartBuilder::categoryOf(slice), view->palette()));
        slices.insert(*ChartBuilder::categoryOf(slice), slice->value());
    }
    QCOMPARE(slices.value(Category::CorrectAnswer), 230.0);
    QCOMPARE(slices.value(Category::StreakBonus), 20.0);
    QVERIFY(!slices.contains(Category::Achievement)); // nothing in the range
    // A net deduction has no slice, but the legend names it with its amount.
    QCOMPARE(slices.value(Category::Manual, -1), 0.0);
    const QString manual = legendLabel(chart, Category::Manual);
    QVERIFY2(manual.contains(QStringLiteral("\u2212120 XP")), qPrintable(manual));
    QCOMPARE(legendLabel(chart, Category::CorrectAnswer), XpEnums::label(Category::CorrectAnswer));
    // Slices are labelled with their XP and their share of the XP earned: 230 of 250.
    for (QPieSlice *slice : pie->slices()) {
        if (ChartBuilder::categoryOf(slice) != Category::CorrectAnswer)
            continue;
        QVERIFY(slice->isLabelVisible());
        QVERIFY2(slice->label().contains(QStringLiteral("230 XP")), qPrintable(slice->label()));
        QVERIFY2(slice->label().contains(ChartText::percent(0.92)), qPrintable(slice->label()));
    }
    QVERIFY(pie->holeSize() > 0); // a donut
}

void TestChartsView::overTimeHasEveryDayWithEmptyDaysAtZero()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QCOMPARE(view->data().unit, BucketUnit::Day);
    QChart *chart = view->chart(ChartKind::OverTime);
    auto *bars = seriesOf<QStackedBarSeries>(chart);
    QVERIFY(bars);
    // Seven days fit side by side: each labelled under its own bar.
    QCategoryAxis *axis = nullptr;
    for (QAbstractAxis *candidate : chart->axes(Qt::Horizontal))
        axis = qobject_cast<QCategoryAxis *>(candidate);
    QVERIFY(axis);
    QTRY_COMPARE(axis->count(), 7);
    for (int day = 0; day < 7; ++day) {
        const QString label = ChartBuckets::label(ChartFixture::day(day - 6), BucketUnit::Day);
        QCOMPARE(axis->categoriesLabels().at(day), label);
        QCOMPARE(axis->endValue(label), qreal(day));
    }
    // Days -6 .. 0.
    QCOMPARE(valuesOf(setOf(bars, Category::CorrectAnswer)), (QList<qreal>{0, 0, 0, 10, 150, 0, 70}));
    QCOMPARE(valuesOf(setOf(bars, Category::StreakBonus)), (QList<qreal>{0, 0, 0, 0, 0, 20, 0}));
    QCOMPARE(valuesOf(setOf(bars, Category::Manual)), (QList<qreal>{0, 0, 0, 0, 0, -120, 0}));
    QVERIFY(!setOf(bars, Category::Achievement));
    QCOMPARE(setOf(bars, Category::StreakBonus)->color(),
             CategoryPalette::color(Category::StreakBonus, view->palette()));
}

void TestChartsView::sourceTypeBarsSplitByCategory()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QChart *chart = view->chart(ChartKind::SourceType);
    auto *bars = seriesOf<QHorizontalStackedBarSeries>(chart);
    QVERIFY(bars);
    QBarCategoryAxis *axis = categoryAxis(chart);
    QVERIFY(axis);
    const auto xpOf = [&](SourceType type, Category category) -> qreal {
        const qsizetype index = axis->categories().indexOf(XpEnums::label(type));
        QBarSet *set = setOf(bars, category);
        return index < 0 || !set ? -999999 : set->at(int(index));
    };
    QCOMPARE(axis->count(), SourceTypeCount);
    QCOMPARE(xpOf(SourceType::UserProblemAttempt, Category::CorrectAnswer), 230.0);
    QCOMPARE(xpOf(SourceType::UserProblemAttempt, Category::StreakBonus), 0.0);
    QCOMPARE(xpOf(SourceType::DailyStreak, Category::StreakBonus), 20.0);
    QCOMPARE(xpOf(SourceType::ManualAdjustment, Category::Manual), -120.0);
    QCOMPARE(xpOf(SourceType::SpecialAchievement, Category::CorrectAnswer), 0.0);
    // Problem attempts are the top row.
    QCOMPARE(axis->at(axis->count() - 1), XpEnums::label(SourceType::UserProblemAttempt));
}

void TestChartsView::topUsersLargestOnTopAndClickSelects()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    QChart *chart = view->chart(ChartKind::TopUsers);
    auto *bars = seriesOf<QHorizontalBarSeries>(chart);
    QVERIFY(bars);
    QCOMPARE(bars->count(), 1);
    QBarCategoryAxis *axis = categoryAxis(chart);
    // Bottom to top: the largest is drawn last, on top.
    QCOMPARE(
        axis->categories(),
        (QStringList{QStringLiteral("Carol Counter"), QStringLiteral("Bob Builder"), QStringLiteral("Alice Example")}));
    QCOMPARE(valuesOf(bars->barSets().first()), (QList<qreal>{-110, 40, 200}));

    QSignalSpy activated(view.get(), &ChartsView::userActivated);
    // A real click in the middle of Bob's bar.
    QChartView *chartView = view->chartView(ChartKind::TopUsers);
    const QPointF inScene = chart->mapToScene(chart->mapToPosition(QPointF(20, 1), bars));
    QTest::mouseClick(chartView->viewport(), Qt::LeftButton, {}, chartView->mapFromScene(inScene));
    QTRY_COMPARE(activated.size(), 1);
    QCOMPARE(activated.first().first().toString(), QStringLiteral("bob"));
    emit bars->barSets().first()->clicked(2);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.last().first().toString(), QStringLiteral("alice"));
}

void TestChartsView::oneUserIsChartedWithTheLeaderboardOfEveryone()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    view->setUser(QStringLiteral("alice"));
    QTRY_VERIFY_WITH_TIMEOUT(view->data().request.userId == QStringLiteral("alice") && !view->isLoading(), 30000);
    QCOMPARE(view->scopeLabel()->text(), ChartText::scope(QStringLiteral("alice"), QStringLiteral("Alice Example")));
    auto *pie = seriesOf<QPieSeries>(view->chart(ChartKind::CategoryShare));
    QHash<Category, qreal> slices;
    for (QPieSlice *slice : pie->slices())
        slices.insert(*ChartBuilder::categoryOf(slice), slice->value());
    QCOMPARE(slices, (QHash<Category, qreal>{{Category::CorrectAnswer, 180}, {Category::StreakBonus, 20}}));
    QCOMPARE(view->data().byCategory.totalTransactions(), 4);
    // The leaderboard still ranks everyone, with alice marked.
    auto *bars = seriesOf<QHorizontalBarSeries>(view->chart(ChartKind::TopUsers));
    QCOMPARE(bars->barSets().first()->count(), 3);
    QVERIFY(bars->barSets().first()->isBarSelected(2));
    QVERIFY(!bars->barSets().first()->isBarSelected(1));
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

void TestChartsView::emptyRangeSaysSo()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    view->rangeBar()->setCustomRange(QDate(2001, 1, 1), QDate(2001, 1, 31));
    QTRY_VERIFY_WITH_TIMEOUT(view->data().first == QDate(2001, 1, 1) && !view->isLoading(), 30000);
    QVERIFY(view->data().isEmpty());
    for (const ChartKind kind : {ChartKind::CategoryShare, ChartKind::OverTime, ChartKind::SourceType}) {
        QVERIFY(view->chart(kind)->series().isEmpty());
        QCOMPARE(noteOf(view->chart(kind)), QStringLiteral("No transactions in this range"));
    }
    QVERIFY(view->data().topUsers.isEmpty());
    QCOMPARE(noteOf(view->chart(ChartKind::TopUsers)), QStringLiteral("No transactions in this range"));
}

void TestChartsView::onlyDeductionsMakeNoSlices()
{
    auto view = showView();
    QVERIFY(view);
    waitLoaded(*view);
    view->setUser(QStringLiteral("carol"));
    view->rangeBar()->setCustomRange(ChartFixture::day(-1), ChartFixture::day(-1));
    QTRY_VERIFY_WITH_TIMEOUT(view->data().request.userId == QStringLiteral("carol")
                                 && view->data().first == ChartFixture::day(-1) && !view->isLoading(),
                             30000);
    QChart *chart = view->chart(ChartKind::CategoryShare);
    auto *pie = seriesOf<QPieSeries>(chart);
    QVERIFY(pie);
    QCOMPARE(pie->count(), 1);
    QCOMPARE(pie->slices().first()->value(), 0.0);
    QCOMPARE(noteOf(chart), QStringLiteral("No XP earned in this range, only deductions"));
    QVERIFY2(legendLabel(chart, Category::Manual).contains(QStringLiteral("\u2212120 XP")),
             qPrintable(legendLabel(chart, Category::Manual)));
    QVERIFY(chart->legend()->isVisible());
    auto *bars = seriesOf<QStackedBarSeries>(view->chart(ChartKind::OverTime));
    QCOMPARE(valuesOf(setOf(bars, Category::Manual)), QList<qreal>{-120});
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

QTEST_MAIN(TestChartsView)
#include "TestChartsView.moc"
