#pragma once

#include <QByteArrayView>
#include <QCoreApplication>
#include <QString>

// What the first bytes of a file say it is, before any of it is read as CSV: UTF-8 with a byte
// order mark, or one of the files people pick by mistake instead of the CSV export (a ZIP
// workbook, UTF-16 text, an image, an archive, ...), which is refused with words that say how to
// save the data as "CSV UTF-8".
class CsvFileType final
{
    Q_DECLARE_TR_FUNCTIONS(CsvFileType)

public:
    // Enough of the start of a file to recognise it.
    static constexpr qsizetype HeadBytes = 16;
    // The UTF-8 byte order mark that spreadsheets write before "CSV UTF-8".
    static constexpr QByteArrayView ByteOrderMark{"\xEF\xBB\xBF"};

    static bool hasByteOrderMark(QByteArrayView head) { return head.startsWith(ByteOrderMark); }
    // Why a file that starts with head is not CSV text; empty when it may be.
    static QString refusal(QByteArrayView head);
};
