#pragma once

#include "core/csv/CsvSeparator.h"

#include <QLocale>

// How a CSV file is written: its separator, and whether it starts with the UTF-8 byte order
// mark by which Excel knows the file is UTF-8 (without it, Excel reads Windows-1252).
struct CsvFormat
{
    char separator = CsvSeparator::Comma;
    bool byteOrderMark = false;

    // RFC 4180 as scripts and databases read it.
    static CsvFormat plain() { return {}; }
    // What Excel in this locale opens with a double click: its separator and a byte order mark.
    static CsvFormat forExcel(const QLocale &locale) { return {CsvSeparator::forLocale(locale), true}; }

    friend bool operator==(const CsvFormat &, const CsvFormat &) = default;
};
