#pragma once

#include "core/csv/CsvFormat.h"

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <QVariant>

// Writes RFC 4180 CSV (UTF-8, CRLF, quotes doubled) that spreadsheets open safely: a text cell
// that starts with =, +, -, @, a tab or a carriage return is prefixed with an apostrophe so it
// is shown, never run as a formula. Numbers are written as numbers, negative ones included.
// The format chooses the separator and a leading byte order mark (written before the first row).
class CsvWriter final
{
public:
    explicit CsvWriter(QIODevice *device, CsvFormat format = {}) : m_device(device), m_format(format) { }

    // A header or row; QString cells are text, integer cells are numbers.
    bool writeRow(const QVariantList &cells);
    bool writeHeader(const QStringList &names);

    // A text cell, quoted when it holds any separator a reader might split at.
    static QString textCell(const QString &text);
    static QString numberCell(qint64 value) { return QString::number(value); }

private:
    QIODevice *m_device;
    CsvFormat m_format;
    bool m_started = false;
};
