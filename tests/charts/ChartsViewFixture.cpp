#include "tests/charts/ChartsViewFixture.h"
#include "tests/charts/ChartFixture.h"

#include "ui/charts/ChartBuilder.h"

#include <QBarLegendMarker>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QPieLegendMarker>
#include <QTest>

void ChartsViewFixture::openLedger(QObject *context)
{
    QVERIFY(m_dir.isValid());
    XP_OPEN_FRESH_DB(spec, db);
    m_db = std::move(db);
    QVERIFY(ChartFixture::fill(*m_db));
    m_session = std::make_unique<LedgerSession>(spec, QStringLiteral("tester"));
    bool opened = false;
    m_session->open(context, [&](const Status &s) {
        QVERIFY(s);
        opened = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(opened, 30000);
}

void ChartsViewFixture::closeLedger()
{
    m_session.reset();
    m_db.reset();
}

void ChartsViewFixture::waitLoaded(ChartsView &view)
{
    QTRY_VERIFY_WITH_TIMEOUT(view.hasData() && !view.isLoading(), 30000);
}

std::unique_ptr<ChartsView> ChartsViewFixture::showView(ChartRangeBar::Preset preset)
{
    auto view = std::make_unique<ChartsView>(m_session.get());
    view->rangeBar()->setPreset(preset);
    view->resize(1100, 800);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get()))
        return nullptr;
    return view;
}

QBarSet *ChartsViewFixture::setOf(QAbstractBarSeries *series, Category category)
{
    for (QBarSet *set : series->barSets()) {
        if (ChartBuilder::categoryOf(set) == category)
            return set;
    }
    return nullptr;
}

QList<qreal> ChartsViewFixture::valuesOf(const QBarSet *set)
{
    QList<qreal> values;
    for (int i = 0; i < set->count(); ++i)
        values << set->at(i);
    return values;
}

QBarCategoryAxis *ChartsViewFixture::categoryAxis(QChart *chart)
{
    for (QAbstractAxis *axis : chart->axes()) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories;
    }
    return nullptr;
}

QString ChartsViewFixture::legendLabel(QChart *chart, Category category)
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

QString ChartsViewFixture::noteOf(QChart *chart)
{
    for (QGraphicsItem *item : chart->childItems()) {
        if (auto *text = dynamic_cast<QGraphicsSimpleTextItem *>(item))
            return text->text();
    }
    return {};
}
