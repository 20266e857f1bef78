#include "tests/charts/ChartFixture.h"
#include "tests/charts/ChartsViewFixture.h"
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

// The charts view on a ledger with known XP on known days: what an auditor reads off each chart,
// for everyone, for one user, for a range without XP and for one with deductions only.
class TestChartFigures final : public QObject, private ChartsViewFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { openLedger(this); }
    void cleanupTestCase() { closeLedger(); }
    void init();

    void categoryShareShowsEarnedXpAndNamesDeductions();
    void overTimeHasEveryDayWithEmptyDaysAtZero();
    void sourceTypeBarsSplitByCategory();
    void topUsersLargestOnTopAndClickSelects();
    void oneUserIsChartedWithTheLeaderboardOfEveryone();
    void emptyRangeSaysSo();
    void onlyDeductionsMakeNoSlices();
};

void TestChartFigures::init()
{
    QToolTip::hideText();
}

void TestChartFigures::categoryShareShowsEarnedXpAndNamesDeductions()
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

void TestChartFigures::overTimeHasEveryDayWithEmptyDaysAtZero()
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

void TestChartFigures::sourceTypeBarsSplitByCategory()
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

void TestChartFigures::topUsersLargestOnTopAndClickSelects()
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

void TestChartFigures::oneUserIsChartedWithTheLeaderboardOfEveryone()
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

void TestChartFigures::emptyRangeSaysSo()
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

void TestChartFigures::onlyDeductionsMakeNoSlices()
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

QTEST_MAIN(TestChartFigures)
#include "TestChartFigures.moc"
