#pragma once

#include "core/csv/CsvDeviceInput.h"
#include "core/csv/Utf8Scanner.h"
#include "core/domain/Result.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QIODevice>
#include <QStringList>

#include <optional>

// One row of a CSV file: its fields, and the 1-based physical line it starts on (a quoted
// field with line breaks makes a record span several lines; the next record's line counts them).
struct CsvRecord
{
    QStringList fields;
    qint64 line = 0;
};

// Reads CSV as spreadsheets write it (RFC 4180 and what Excel, LibreOffice and Google Sheets
// add), one record at a time, so memory stays flat for any file size:
// - UTF-8, with or without a byte order mark; anything else is refused, naming the line and the
//   byte offset (Excel's plain "CSV" is Windows-1252: the error says to save as "CSV UTF-8").
// - Line ends LF, CRLF, or a lone CR (old Mac Excel); each counts as one line. Inside a quoted
//   field every line end becomes "\n".
// - Fields are separated by commas, semicolons (German and French Excel) or tabs: the header
//   line says which (CsvSeparator::detect), unless setSeparator() fixed it.
// - Quoted fields hold separators, doubled quotes and line breaks. Spaces and tabs around a
//   field are dropped (tabs only when they do not separate); inside quotes they are kept.
// - Blank lines (empty or only spaces and tabs) are skipped wherever they are and counted.
// Refused, with the line (and field) and the offending value: a quote inside an unquoted field,
// a character after a closing quote, a quote never closed (the line where it opened), a field
// over MaxFieldBytes, a record over MaxRecordBytes or MaxFields, control characters or NUL
// ("looks binary"), and files that are something else (ZIP/Excel, PNG, PDF, UTF-16, ...).
// The first error ends the reading: after it, next() returns false and error() says why.
class CsvReader final
{
    Q_DECLARE_TR_FUNCTIONS(CsvReader)

public:
    static constexpr qsizetype MaxFieldBytes = 64 * 1024;
    static constexpr qint64 MaxRecordBytes = 1024 * 1024;
    static constexpr int MaxFields = 1000;

    // Reads from an open device, which must outlive the reader.
    explicit CsvReader(QIODevice *device);
    // Reads a whole file held in memory (shared, not copied).
    explicit CsvReader(const QByteArray &data);

    // Fixes the separator instead of detecting it; before the first next().
    void setSeparator(char separator)
    {
        m_separator = separator;
        m_separatorFixed = true;
    }
    // The column names a header should hold: they decide a header with both commas and
    // semicolons. Before the first next().
    void setExpectedColumns(QStringList names) { m_expectedColumns = std::move(names); }
    // The separator in use: detected (or fixed) once the first next() has run.
    char separator() const { return m_separator; }

    // The next record, or false at the end of the file or on an error (see failed()).
    bool next(CsvRecord &record);

    bool failed() const { return m_error.has_value(); }
    // What went wrong; an empty message when nothing did.
    Error error() const { return m_error.value_or(Error::input(QString())); }
    // The line the error names (the line where an unclosed quote opened); 0 without an error.
    qint64 errorLine() const { return m_errorLine; }

    // For progress bars: bytes read so far, and the file's size (-1 when unknown, as for a pipe).
    qint64 bytesRead() const { return m_chunkOffset + m_pos; }
    qint64 totalBytes() const { return m_totalBytes; }
    // Physical lines read so far, and how many of them were blank and skipped.
    qint64 linesRead() const { return m_line - 1; }
    qint64 blankLinesSkipped() const { return m_blankLines; }

private:
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted, AfterQuoted };

    static constexpr qsizetype DetectBytes = 64 * 1024;

    bool fill();
    bool isBlank(char c) const { return c == ' ' || (c == '\t' && m_separator != '\t'); }
    QByteArrayView trimmedRight(QByteArrayView value) const;
    bool start();
    bool failOnReadError();
    bool appendField(CsvRecord &record, QByteArrayView value);
    bool endField(CsvRecord &record);
    bool fail(qint64 line, const QString &message);
    bool failOnBadByte();
    bool failOnEndOfFile(CsvRecord &record);
    QString fieldSoFar() const;
    QString textAt(qsizetype pos) const;

    char m_separator = ',';
    bool m_separatorFixed = false;
    QStringList m_expectedColumns;
    std::optional<CsvDeviceInput> m_input; // none when the whole file is in memory
    QByteArray m_chunk;
    qsizetype m_pos = 0;
    qint64 m_chunkOffset = 0; // file offset of m_chunk[0]
    qint64 m_totalBytes = -1;
    bool m_started = false;
    bool m_done = false;

    // Where the first byte that is not UTF-8 text lies in the current chunk (m_chunk.size()
    // when there is none), found by the scanner before the parser gets there.
    Utf8Scanner m_scanner;
    qsizetype m_badPos = 0;

    State m_state = State::FieldStart;
    QByteArray m_field;
    qint64 m_line = 1;
    qint64 m_quoteLine = 0;
    qint64 m_recordStart = 0; // file offset where the current record starts
    bool m_skipLineFeed = false; // a CR ended the last line; an LF right after it belongs to it
    qint64 m_blankLines = 0;

    std::optional<Error> m_error;
    qint64 m_errorLine = 0;
};
