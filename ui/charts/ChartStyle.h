#pragma once

#include "core/charts/ChartData.h"

#include <QPalette>
#include <QSet>
#include <QString>

// How a chart is drawn, beyond its figures.
struct ChartStyle
{
    QPalette palette; // colours of background, text and categories (light or dark)
    QString title; // empty: the chart's name
    QSet<Category> hidden; // switched off in the legend: zero size, dimmed legend entry
    QString highlightedUser; // drawn in the selection colour in the leaderboard
    QString emptyText; // shown instead of an empty chart; empty: "No transactions in this range"
    qreal fontScale = 1.0; // larger text for exported images
};
