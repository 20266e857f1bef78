#include "core/csv/CsvFileType.h"

namespace {

struct Signature
{
    QByteArrayView magic;
    const char *what;
};

// File types people pick by mistake instead of the CSV export, recognised by their first bytes.
const Signature Signatures[] = {
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", QT_TRANSLATE_NOOP("CsvFileType", "an old Excel (.xls) or other Office file")},
    {"\x89PNG", QT_TRANSLATE_NOOP("CsvFileType", "a PNG image")},
    {"\xFF\xD8\xFF", QT_TRANSLATE_NOOP("CsvFileType", "a JPEG image")},
    {"GIF8", QT_TRANSLATE_NOOP("CsvFileType", "a GIF image")},
    {"%PDF-", QT_TRANSLATE_NOOP("CsvFileType", "a PDF document")},
    {"\x1F\x8B", QT_TRANSLATE_NOOP("CsvFileType", "a gzip-compressed file")},
    {"BZh", QT_TRANSLATE_NOOP("CsvFileType", "a bzip2-compressed file")},
    {"\xFD"
     "7zXZ",
     QT_TRANSLATE_NOOP("CsvFileType", "an xz-compressed file")},
    {"7z\xBC\xAF\x27\x1C", QT_TRANSLATE_NOOP("CsvFileType", "a 7-Zip archive")},
    {"Rar!", QT_TRANSLATE_NOOP("CsvFileType", "a RAR archive")},
    {QByteArrayView("SQLite format 3\0", 16), QT_TRANSLATE_NOOP("CsvFileType", "an SQLite database")},
    {"\x7F"
     "ELF",
     QT_TRANSLATE_NOOP("CsvFileType", "a program (ELF executable)")},
};

} // namespace

QString CsvFileType::refusal(QByteArrayView head)
{
    if (hasByteOrderMark(head))
        return {};
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return tr("Not a CSV file: this is a ZIP file, most likely an Excel (.xlsx) or OpenDocument (.ods) "
                  "workbook. Open it in your spreadsheet and save it as \"CSV UTF-8\".");
    const bool utf16Le = head.startsWith("\xFF\xFE")
        || (head.size() >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0);
    const bool utf16Be = head.startsWith("\xFE\xFF")
        || (head.size() >= 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0);
    if (utf16Le || utf16Be)
        return tr("The file is UTF-16 text (\"Unicode text\"), not UTF-8. Save it as \"CSV UTF-8\".");
    for (const Signature &signature : Signatures) {
        if (head.startsWith(signature.magic))
            return tr("Not a CSV file: this is %1. Save the data as \"CSV UTF-8\" and try again.")
                .arg(tr(signature.what));
    }
    return {};
}
