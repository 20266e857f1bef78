#include "core/csv/CsvWriter.h"

QString CsvWriter::textCell(const QString &raw)
{
    QString text = raw;
    if (!text.isEmpty()) {
        const QChar first = text.front();
        if (first == QLatin1Char('=') || first == QLatin1Char('+') || first == QLatin1Char('-')
            || first == QLatin1Char('@') || first == QLatin1Char('\t') || first == QLatin1Char('\r'))
            text.prepend(QLatin1Char('\''));
    }
    // Every separator is quoted, not only the file's: the text reads the same whichever one a
    // spreadsheet guesses.
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char(';'))
        || text.contains(QLatin1Char('\t')) || text.contains(QLatin1Char('"')) || text.contains(QLatin1Char('\n'))
        || text.contains(QLatin1Char('\r')) || text.startsWith(QLatin1Char(' ')) || text.endsWith(QLatin1Char(' '));
    if (!quote)
        return text;
    text.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + text + QLatin1Char('"');
}

bool CsvWriter::writeRow(const QVariantList &cells)
{
    QStringList out;
    out.reserve(cells.size());
    for (const QVariant &cell : cells) {
        switch (cell.metaType().id()) {
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::UInt:
        case QMetaType::ULongLong:
            out << numberCell(cell.toLongLong());
            break;
        default:
            out << textCell(cell.toString());
        }
    }
    QByteArray line;
    if (!m_started && m_format.byteOrderMark)
        line = "\xEF\xBB\xBF";
    m_started = true;
    line += out.join(QLatin1Char(m_format.separator)).toUtf8() + "\r\n";
    return m_device->write(line) == line.size();
}

bool CsvWriter::writeHeader(const QStringList &names)
{
    QVariantList cells;
    for (const QString &name : names)
        cells << name;
    return writeRow(cells);
}
