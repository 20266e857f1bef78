#pragma once

#include <QString>

// A text a person cannot read whole: which widget, what it says, and how much room it lacks.
struct ClippedText
{
    QString widget; // "HistoryFilterBar > QPushButton#clearFilters", the path a developer searches for
    QString text;
    QString problem; // "needs 92 px, has 74"

    QString toString() const { return widget + QStringLiteral(" \"") + text + QStringLiteral("\": ") + problem; }
};
