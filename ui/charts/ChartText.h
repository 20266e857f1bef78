#pragma once

#include "core/charts/ChartData.h"

#include <QCoreApplication>
#include <QString>

// The words and numbers of the charts: titles, scope, range, and the tooltips of slices and bars.
// The view and the exported files say the same things the same way.
class ChartText final
{
    Q_DECLARE_TR_FUNCTIONS(ChartText)

public:
    // "12,340 XP", "−120 XP" (a true minus sign).
    static QString xp(qint64 value);
    static QString number(qint64 value);
    // "64.2%" of fraction 0.642.
    static QString percent(double fraction);
    // "1 transaction", "1,234 transactions".
    static QString transactions(qint64 count);
    // "Everyone", or "User: Alice Example": the words ChartLoader gives the figures it loads.
    static QString scope(const QString &userId, const QString &displayName);
    // The days charted: "Nov 1, 2026 – Nov 30, 2026", or "All time" before anything was found.
    static QString range(const ChartData &data);
    // A time bucket in words: "Monday, November 23, 2026", "Week of Nov 23, 2026", "November 2026".
    static QString bucket(const QDate &start, BucketUnit unit);
    // The title of an exported chart: what, of whom, when.
    static QString exportTitle(ChartKind kind, const ChartData &data, const QString &scope);

    // Tooltips: exact figures of one slice or bar.
    static QString categoryShareTip(const ChartData &data, Category category);
    static QString overTimeTip(const ChartData &data, Category category, int bucket);
    static QString sourceTypeTip(const ChartData &data, Category category, SourceType type);
    static QString topUserTip(const ChartData &data, int rank);
};
