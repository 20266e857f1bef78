#pragma once

#include "tests/support/TestBackend.h"

#include "core/domain/XpEnums.h"
#include "core/session/LedgerSession.h"
#include "ui/charts/ChartRangeBar.h"
#include "ui/charts/ChartsView.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QList>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// What the tests of the charts view share: one ledger filled by ChartFixture and a session over
// it for the whole run, a view shown and loaded, and what a reader sees in a chart, read off it.
class ChartsViewFixture
{
protected:
    // For initTestCase() and cleanupTestCase(); context is the test object the session answers.
    void openLedger(QObject *context);
    void closeLedger();
    static void waitLoaded(ChartsView &view);
    std::unique_ptr<ChartsView> showView(ChartRangeBar::Preset preset = ChartRangeBar::Preset::Last7Days);

    template<typename Series>
    static Series *seriesOf(QChart *chart)
    {
        for (QAbstractSeries *series : chart->series()) {
            if (auto *typed = qobject_cast<Series *>(series))
                return typed;
        }
        return nullptr;
    }
    static QBarSet *setOf(QAbstractBarSeries *series, Category category);
    static QList<qreal> valuesOf(const QBarSet *set);
    static QBarCategoryAxis *categoryAxis(QChart *chart);
    static QString legendLabel(QChart *chart, Category category);
    static QString noteOf(QChart *chart);

    std::unique_ptr<Database> m_db;
    std::unique_ptr<LedgerSession> m_session;
    QTemporaryDir m_dir;
};
