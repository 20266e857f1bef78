#pragma once

#include <QJsonObject>
#include <QString>

// One line of the result table: XP Admin's time for a figure beside the raw engine's time for
// the same work, measured in the same run.
struct FigureResult
{
    QString figure; // "4a"
    QString title; // "first page, one user (model)"
    double xpadminMs = 0;
    double rawMs = 0;
    QString info; // a short note for the table: rows/s, bytes/row, p99 ...
    QJsonObject extra; // the same, as numbers, for --json

    double ratio() const { return rawMs > 0 ? xpadminMs / rawMs : 0; }
};
