#include "core/csv/CsvReader.h"

#include "core/csv/CsvFileType.h"
#include "core/csv/CsvSeparator.h"
#include "core/domain/Validation.h"

namespace {

bool endsUnquoted(char c, char separator)
{
    return c == separator || c == '"' || c == '\r' || c == '\n';
}

bool endsQuoted(char c)
{
    return c == '"' || c == '\r' || c == '\n';
}

QString hexByte(uchar byte)
{
    return QStringLiteral("0x") + QString::number(byte, 16).toUpper().rightJustified(2, QLatin1Char('0'));
}

} // namespace

QByteArrayView CsvReader::trimmedRight(QByteArrayView value) const
{
    while (!value.isEmpty() && isBlank(value.back()))
        value.chop(1);
    return value;
}

CsvReader::CsvReader(QIODevice *device) : m_input(std::in_place, device)
{
    if (!device->isSequential())
        m_totalBytes = device->size() - device->pos();
}

CsvReader::CsvReader(const QByteArray &data) : m_chunk(data), m_totalBytes(data.size()) { }

// Makes the next piece of input the current chunk; false at the end of the input.
bool CsvReader::fill()
{
    QByteArray next;
    if (m_input)
        next = m_input->next();
    if (next.isEmpty())
        return false;
    m_chunkOffset += m_chunk.size();
    m_chunk = std::move(next);
    m_pos = 0;
    m_badPos = m_scanner.scan(m_chunk, m_pos, m_chunkOffset);
    return true;
}

// Reads enough of the start of the input to recognise the type of the file, even from a pipe
// that hands out a few bytes at a time, drops a byte order mark, and finds the separator in the
// header line.
bool CsvReader::start()
{
    QByteArray head;
    if (m_input) {
        head = m_input->readAhead(m_separatorFixed ? CsvFileType::HeadBytes : DetectBytes);
        if (m_input->failed())
            return failOnReadError();
    } else {
        head = m_chunk.left(m_separatorFixed ? CsvFileType::HeadBytes : DetectBytes);
    }
    if (const QString refusal = CsvFileType::refusal(head); !refusal.isEmpty())
        return fail(1, refusal);
    const bool marked = CsvFileType::hasByteOrderMark(head);
    if (!m_separatorFixed)
        m_separator = CsvSeparator::detect(QByteArrayView(head).sliced(marked ? CsvFileType::ByteOrderMark.size() : 0),
                                           m_expectedColumns);
    if (marked) {
        const qsizetype mark = CsvFileType::ByteOrderMark.size();
        if (m_input) {
            m_input->dropAhead(mark);
            m_chunkOffset = mark;
        } else {
            m_pos = mark;
        }
    }
    if (!m_input)
        m_badPos = m_scanner.scan(m_chunk, m_pos, m_chunkOffset);
    return true;
}

bool CsvReader::fail(qint64 line, const QString &message)
{
    m_error = Error::input(message);
    m_errorLine = line;
    m_done = true;
    return false;
}

bool CsvReader::failOnReadError()
{
    return fail(m_line, tr("The file could not be read: %1").arg(m_input->errorString()));
}

QString CsvReader::fieldSoFar() const
{
    return QString::fromUtf8(m_field);
}

// The text from pos to the next separator or line end in the current chunk, for error messages.
QString CsvReader::textAt(qsizetype pos) const
{
    constexpr qsizetype Shown = 64;
    qsizetype end = pos + 1;
    while (end < m_badPos && end - pos < Shown && m_chunk.at(end) != m_separator && m_chunk.at(end) != '\r'
           && m_chunk.at(end) != '\n')
        ++end;
    return QString::fromUtf8(m_chunk.constData() + pos, end - pos);
}

bool CsvReader::failOnBadByte()
{
    const bool control = m_scanner.bad() == Utf8Scanner::Bad::Control;
    if (control && m_scanner.badByte() == 0)
        return fail(m_line,
                    tr("Not a CSV file: line %1 has a NUL byte (at byte offset %2); it looks binary.")
                        .arg(m_line)
                        .arg(m_scanner.badOffset()));
    if (control)
        return fail(m_line,
                    tr("Not a CSV file: line %1 has the control character %2 (at byte offset %3); it looks binary.")
                        .arg(m_line)
                        .arg(hexByte(m_scanner.badByte()))
                        .arg(m_scanner.badOffset()));
    return fail(m_line,
                tr("Line %1 is not UTF-8 text: the byte %2 at byte offset %3 (after %4) is not valid UTF-8. "
                   "Save the file as \"CSV UTF-8\" and try again.")
                    .arg(m_line)
                    .arg(hexByte(m_scanner.badByte()))
                    .arg(m_scanner.badOffset())
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
    if (m_scanner.endsInsideSequence())
        return failOnBadByte();
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
            if (m_input && m_input->failed())
                return failOnReadError();
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
            } else if (c == m_separator) {
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
            while (end < m_badPos && !endsUnquoted(data[end], m_separator))
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
            if (stop != m_separator) {
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
            } else if (c == m_separator) {
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
                               "quoted value must end at a separator or at the end of the line.")
                                .arg(m_line)
                                .arg(record.fields.size() + 1)
                                .arg(Validation::quoted(QLatin1Char('"') + fieldSoFar() + QLatin1Char('"')),
                                     Validation::quoted(textAt(m_pos))));
            }
            break;
        }
    }
}
