#include "core/csv/CsvReader.h"

#include "core/domain/Validation.h"

#include <QCoreApplication>

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("CsvReader", text);
}

constexpr qint64 ChunkBytes = 256 * 1024;
constexpr qsizetype HeadBytes = 16;

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

bool endsUnquoted(char c)
{
    return c == ',' || c == '"' || c == '\r' || c == '\n';
}

bool endsQuoted(char c)
{
    return c == '"' || c == '\r' || c == '\n';
}

// Control characters no spreadsheet writes into text: their presence means binary content.
// Tab, line ends, vertical tab and form feed do occur in text.
bool isBinaryControl(uchar c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\v' && c != '\f') || c == 0x7F;
}

QByteArrayView trimmedRight(QByteArrayView value)
{
    while (!value.isEmpty() && isBlank(value.back()))
        value.chop(1);
    return value;
}

QString hexByte(uchar byte)
{
    return QStringLiteral("0x") + QString::number(byte, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

struct Signature
{
    QByteArrayView magic;
    const char *what;
};

// File types people pick by mistake instead of the CSV export, recognised by their first bytes.
const Signature Signatures[] = {
    {"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", QT_TRANSLATE_NOOP("CsvReader", "an old Excel (.xls) or other Office file")},
    {"\x89PNG", QT_TRANSLATE_NOOP("CsvReader", "a PNG image")},
    {"\xFF\xD8\xFF", QT_TRANSLATE_NOOP("CsvReader", "a JPEG image")},
    {"GIF8", QT_TRANSLATE_NOOP("CsvReader", "a GIF image")},
    {"%PDF-", QT_TRANSLATE_NOOP("CsvReader", "a PDF document")},
    {"\x1F\x8B", QT_TRANSLATE_NOOP("CsvReader", "a gzip-compressed file")},
    {"BZh", QT_TRANSLATE_NOOP("CsvReader", "a bzip2-compressed file")},
    {"\xFD"
     "7zXZ",
     QT_TRANSLATE_NOOP("CsvReader", "an xz-compressed file")},
    {"7z\xBC\xAF\x27\x1C", QT_TRANSLATE_NOOP("CsvReader", "a 7-Zip archive")},
    {"Rar!", QT_TRANSLATE_NOOP("CsvReader", "a RAR archive")},
    {QByteArrayView("SQLite format 3\0", 16), QT_TRANSLATE_NOOP("CsvReader", "an SQLite database")},
    {"\x7F"
     "ELF",
     QT_TRANSLATE_NOOP("CsvReader", "a program (ELF executable)")},
};

} // namespace

CsvReader::CsvReader(QIODevice *device) : m_device(device)
{
    if (!device->isSequential())
        m_totalBytes = device->size() - device->pos();
}

CsvReader::CsvReader(const QByteArray &data) : m_chunk(data), m_totalBytes(data.size()), m_endOfInput(true) { }

// The next piece of input from the device; empty at its end or on a read error.
QByteArray CsvReader::readPiece()
{
    for (;;) {
        m_readBuffer.resize(ChunkBytes);
        const qint64 got = m_device->read(m_readBuffer.data(), ChunkBytes);
        if (got > 0) {
            // A big piece keeps the buffer it was read into; a small one (a pipe) is copied out.
            if (got < ChunkBytes / 4)
                return QByteArray(m_readBuffer.constData(), got);
            QByteArray piece = std::move(m_readBuffer);
            m_readBuffer = QByteArray();
            piece.resize(got);
            return piece;
        }
        // A pipe or a process may have more to come; a file or a buffer at its end has not.
        if (got == 0 && m_device->waitForReadyRead(-1))
            continue;
        m_endOfInput = true;
        if (got < 0)
            fail(m_line, tr("The file could not be read: %1").arg(m_device->errorString()));
        return {};
    }
}

// Makes the next piece of input the current chunk; false at the end of the input.
bool CsvReader::fill()
{
    QByteArray next;
    if (!m_pending.isEmpty())
        next = m_pending.takeFirst();
    else if (!m_endOfInput)
        next = readPiece();
    if (next.isEmpty())
        return false;
    m_chunkOffset += m_chunk.size();
    m_chunk = std::move(next);
    m_pos = 0;
    scanChunk();
    return true;
}

// Reads enough of the start of the input to recognise the type of the file, even from a pipe
// that hands out a few bytes at a time, and drops a byte order mark.
bool CsvReader::start()
{
    QByteArray head;
    if (m_device) {
        while (head.size() < HeadBytes && !m_endOfInput) {
            const QByteArray piece = readPiece();
            if (!piece.isEmpty())
                m_pending << piece;
            head += piece;
        }
        if (failed())
            return false;
    } else {
        head = m_chunk.left(HeadBytes);
    }
    if (!checkFileStart(head))
        return false;
    if (head.startsWith("\xEF\xBB\xBF")) {
        if (m_device) {
            for (qsizetype drop = 3; drop > 0;) {
                QByteArray &piece = m_pending.first();
                const qsizetype count = std::min(drop, piece.size());
                piece.remove(0, count);
                drop -= count;
                if (piece.isEmpty())
                    m_pending.removeFirst();
            }
            m_chunkOffset = 3;
        } else {
            m_pos = 3;
        }
    }
    if (!m_device)
        scanChunk();
    return true;
}

// Validates the chunk as UTF-8 and looks for binary control characters before the parser sees
// it, so that the parser itself only compares ASCII delimiters.
void CsvReader::scanChunk()
{
    const auto *bytes = reinterpret_cast<const uchar *>(m_chunk.constData());
    const qsizetype size = m_chunk.size();
    m_badPos = size;
    m_bad = Bad::None;
    for (qsizetype i = m_pos; i < size; ++i) {
        const uchar c = bytes[i];
        if (m_utf8Need == 0) {
            if (c >= 0x20 && c < 0x7F)
                continue;
            if (c < 0x80) {
                if (isBinaryControl(c)) {
                    m_bad = Bad::Control;
                    m_badPos = i;
                    m_badOffset = m_chunkOffset + i;
                    m_badByte = c;
                    return;
                }
                continue;
            }
            m_utf8Start = m_chunkOffset + i;
            m_badByte = c;
            m_utf8Low = 0x80;
            m_utf8High = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                m_utf8Need = 1;
            } else if (c >= 0xE0 && c <= 0xEF) {
                m_utf8Need = 2;
                if (c == 0xE0)
                    m_utf8Low = 0xA0; // overlong
                if (c == 0xED)
                    m_utf8High = 0x9F; // surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                m_utf8Need = 3;
                if (c == 0xF0)
                    m_utf8Low = 0x90; // overlong
                if (c == 0xF4)
                    m_utf8High = 0x8F; // past U+10FFFF
            } else {
                m_bad = Bad::Utf8;
                m_badPos = i;
                m_badOffset = m_utf8Start;
                return;
            }
        } else {
            if (c < m_utf8Low || c > m_utf8High) {
                m_bad = Bad::Utf8;
                m_badPos = i;
                m_badOffset = m_utf8Start;
                m_utf8Need = 0;
                return;
            }
            m_utf8Low = 0x80;
            m_utf8High = 0xBF;
            --m_utf8Need;
        }
    }
}

bool CsvReader::checkFileStart(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        return true;
    if (head.startsWith("PK\x03\x04") || head.startsWith("PK\x05\x06"))
        return fail(1,
                    tr("Not a CSV file: this is a ZIP file, most likely an Excel (.xlsx) or OpenDocument (.ods) "
                       "workbook. Open it in your spreadsheet and save it as \"CSV UTF-8\"."));
    const bool utf16Le = head.startsWith("\xFF\xFE")
        || (head.size() >= 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0);
    const bool utf16Be = head.startsWith("\xFE\xFF")
        || (head.size() >= 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0);
    if (utf16Le || utf16Be)
        return fail(1, tr("The file is UTF-16 text (\"Unicode text\"), not UTF-8. Save it as \"CSV UTF-8\"."));
    for (const Signature &signature : Signatures) {
        if (head.startsWith(signature.magic))
            return fail(1,
                        tr("Not a CSV file: this is %1. Save the data as \"CSV UTF-8\" and try again.")
                            .arg(tr(signature.what)));
    }
    return true;
}

bool CsvReader::fail(qint64 line, const QString &message)
{
    m_error = Error::input(message);
    m_errorLine = line;
    m_done = true;
    return false;
}

QString CsvReader::fieldSoFar() const
{
    return QString::fromUtf8(m_field);
}

// The text from pos to the next comma or line end in the current chunk, for error messages.
QString CsvReader::textAt(qsizetype pos) const
{
    constexpr qsizetype Shown = 64;
    qsizetype end = pos + 1;
    while (end < m_badPos && end - pos < Shown && m_chunk.at(end) != ',' && m_chunk.at(end) != '\r'
           && m_chunk.at(end) != '\n')
        ++end;
    return QString::fromUtf8(m_chunk.constData() + pos, end - pos);
}

bool CsvReader::failOnBadByte()
{
    if (m_bad == Bad::Control && m_badByte == 0)
        return fail(m_line,
                    tr("Not a CSV file: line %1 has a NUL byte (at byte offset %2); it looks binary.")
                        .arg(m_line)
                        .arg(m_badOffset));
    if (m_bad == Bad::Control)
        return fail(m_line,
                    tr("Not a CSV file: line %1 has the control character %2 (at byte offset %3); it looks binary.")
                        .arg(m_line)
                        .arg(hexByte(m_badByte))
                        .arg(m_badOffset));
    return fail(m_line,
                tr("Line %1 is not UTF-8 text: the byte %2 at byte offset %3 (after %4) is not valid UTF-8. "
                   "Save the file as \"CSV UTF-8\" and try again.")
                    .arg(m_line)
                    .arg(hexByte(m_badByte))
                    .arg(m_badOffset)
                    .arg(Validation::quoted(fieldSoFar())));
}

bool CsvReader::appendField(CsvRecord &record, QByteArrayView value)
{
    if (record.fields.size() >= MaxFields)
        return fail(record.line,
                    tr("Line %1 has more than %2 fields; this does not look like the expected file.")
                        .arg(record.line)
                        .arg(MaxFields));
    // QString::fromUtf8 drops a leading U+FEFF as a byte order mark; inside a field it is text
    // (and then refused by Validation), never silently removed.
    if (value.startsWith("\xEF\xBB\xBF"))
        record.fields.append(QChar(0xFEFF) + QString::fromUtf8(value.sliced(3)));
    else
        record.fields.append(QString::fromUtf8(value));
    m_state = State::FieldStart;
    return true;
}

bool CsvReader::endField(CsvRecord &record)
{
    const bool ok = appendField(record, m_field);
    m_field.truncate(0);
    return ok;
}

bool CsvReader::failOnEndOfFile(CsvRecord &record)
{
    m_done = true;
    if (m_utf8Need > 0) {
        m_bad = Bad::Utf8;
        m_badOffset = m_utf8Start;
        return failOnBadByte();
    }
    switch (m_state) {
    case State::FieldStart:
        if (record.fields.isEmpty())
            return false; // only blank lines were left
        return endField(record);
    case State::Unquoted:
        m_field = trimmedRight(m_field).toByteArray();
        return endField(record);
    case State::Quoted:
        return fail(m_quoteLine,
                    tr("Line %1, field %2: the quote that opens this value is never closed: %3")
                        .arg(m_quoteLine)
                        .arg(record.fields.size() + 1)
                        .arg(Validation::quoted(QLatin1Char('"') + fieldSoFar())));
    case State::QuoteInQuoted:
    case State::AfterQuoted:
        return endField(record);
    }
    return false;
}

bool CsvReader::next(CsvRecord &record)
{
    if (m_done)
        return false;
    if (!m_started) {
        m_started = true;
        if (!start())
            return false;
    }
    record.fields.clear();
    record.line = m_line;
    m_recordStart = bytesRead();
    m_state = State::FieldStart;
    m_field.truncate(0);

    const auto fieldTooLong = [&]() {
        QString message = tr("Line %1, field %2: the value is longer than %3 KiB: %4")
                              .arg(m_line)
                              .arg(record.fields.size() + 1)
                              .arg(MaxFieldBytes / 1024)
                              .arg(Validation::quoted(fieldSoFar()));
        if (m_state == State::Quoted)
            message += QLatin1Char(' ')
                + tr("(the quote that opens it, on line %1, may be missing its closing quote)").arg(m_quoteLine);
        return fail(m_state == State::Quoted ? m_quoteLine : m_line, message);
    };
    const auto lineEnd = [&](char c) {
        ++m_line;
        m_skipLineFeed = c == '\r';
    };

    for (;;) {
        if (m_pos == m_chunk.size()) {
            if (fill())
                continue;
            if (failed())
                return false;
            return failOnEndOfFile(record);
        }
        if (m_pos == m_badPos)
            return failOnBadByte();
        if (bytesRead() - m_recordStart > MaxRecordBytes)
            return fail(record.line,
                        tr("Line %1: the row is longer than %2 KiB; this does not look like the "
                           "expected file.")
                            .arg(record.line)
                            .arg(MaxRecordBytes / 1024));
        const char *data = m_chunk.constData();
        const char c = data[m_pos];
        if (m_skipLineFeed) {
            m_skipLineFeed = false;
            if (c == '\n') {
                ++m_pos;
                continue;
            }
        }

        switch (m_state) {
        case State::FieldStart:
            if (isBlank(c)) {
                ++m_pos;
            } else if (c == '"') {
                ++m_pos;
                m_state = State::Quoted;
                m_quoteLine = m_line;
            } else if (c == ',') {
                ++m_pos;
                if (!endField(record))
                    return false;
            } else if (c == '\r' || c == '\n') {
                ++m_pos;
                lineEnd(c);
                if (!record.fields.isEmpty())
                    return endField(record);
                ++m_blankLines;
                record.line = m_line;
                m_recordStart = bytesRead();
            } else {
                m_state = State::Unquoted;
            }
            break;

        case State::Unquoted: {
            qsizetype end = m_pos;
            while (end < m_badPos && !endsUnquoted(data[end]))
                ++end;
            const QByteArrayView span(data + m_pos, end - m_pos);
            if (end == m_badPos) {
                m_field.append(span);
                m_pos = end;
                if (m_field.size() > MaxFieldBytes)
                    return fieldTooLong();
                break;
            }
            const char stop = data[end];
            if (stop == '"') {
                m_field.append(span);
                return fail(m_line,
                            tr("Line %1, field %2: a quote inside a value that does not start with one: "
                               "%3. Put the whole value in quotes and double the quotes inside it.")
                                .arg(m_line)
                                .arg(record.fields.size() + 1)
                                .arg(Validation::quoted(fieldSoFar() + textAt(end))));
            }
            // Most fields lie within one chunk: take them from it without a copy.
            if (m_field.isEmpty()) {
                const QByteArrayView value = trimmedRight(span);
                if (value.size() > MaxFieldBytes) {
                    m_field = value.toByteArray();
                    return fieldTooLong();
                }
                if (!appendField(record, value))
                    return false;
            } else {
                m_field.append(span);
                m_field = trimmedRight(m_field).toByteArray();
                if (m_field.size() > MaxFieldBytes)
                    return fieldTooLong();
                if (!endField(record))
                    return false;
            }
            m_pos = end + 1;
            if (stop != ',') {
                lineEnd(stop);
                return true;
            }
            break;
        }

        case State::Quoted: {
            qsizetype end = m_pos;
            while (end < m_badPos && !endsQuoted(data[end]))
                ++end;
            m_field.append(QByteArrayView(data + m_pos, end - m_pos));
            m_pos = end;
            if (m_field.size() > MaxFieldBytes)
                return fieldTooLong();
            if (end == m_badPos)
                break;
            ++m_pos;
            if (data[end] == '"') {
                m_state = State::QuoteInQuoted;
            } else {
                lineEnd(data[end]);
                m_field.append('\n');
            }
            break;
        }

        case State::QuoteInQuoted:
            if (c == '"') {
                ++m_pos;
                m_field.append('"');
                m_state = State::Quoted;
                if (m_field.size() > MaxFieldBytes)
                    return fieldTooLong();
                break;
            }
            m_state = State::AfterQuoted;
            [[fallthrough]];

        case State::AfterQuoted:
            if (isBlank(c)) {
                ++m_pos;
            } else if (c == ',') {
                ++m_pos;
                if (!endField(record))
                    return false;
            } else if (c == '\r' || c == '\n') {
                ++m_pos;
                lineEnd(c);
                return endField(record);
            } else {
                return fail(m_line,
                            tr("Line %1, field %2: unexpected text after the closing quote of %3: %4. A "
                               "quoted value must end at a comma or at the end of the line.")
                                .arg(m_line)
                                .arg(record.fields.size() + 1)
                                .arg(Validation::quoted(QLatin1Char('"') + fieldSoFar() + QLatin1Char('"')),
                                     Validation::quoted(textAt(m_pos))));
            }
            break;
        }
    }
}
