#include "core/csv/CsvTable.h"

#include "core/domain/Validation.h"

#include <algorithm>

namespace {

QString key(QStringView name)
{
    return name.trimmed().toString().toCaseFolded();
}

QString quotedList(const QStringList &names)
{
    QStringList quoted;
    quoted.reserve(names.size());
    for (const QString &name : names)
        quoted << Validation::quoted(name);
    return quoted.join(QStringLiteral(", "));
}

bool allEmpty(const QStringList &fields)
{
    return std::all_of(fields.cbegin(), fields.cend(), [](const QString &field) { return field.isEmpty(); });
}

} // namespace

CsvTable::CsvTable(CsvReader &reader, QStringList required, QStringList optional)
    : m_reader(reader), m_required(std::move(required)), m_optional(std::move(optional))
{
    // A header with both commas and semicolons is split where it names the expected columns.
    m_reader.setExpectedColumns(m_required + m_optional);
}

Error CsvTable::fail(qint64 line, const QString &message)
{
    m_error = Error::input(message);
    m_errorLine = std::max<qint64>(line, 1);
    return *m_error;
}

Status CsvTable::readHeader()
{
    if (m_headerRead)
        return m_error ? Status(*m_error) : Status();
    m_headerRead = true;
    CsvRecord record;
    while (m_reader.next(record)) {
        if (!allEmpty(record.fields)) {
            m_header = record.fields;
            m_headerLine = record.line;
            return checkHeader();
        }
        ++m_emptyRows;
    }
    if (m_reader.failed())
        return fail(m_reader.errorLine(), m_reader.error().message);
    if (m_reader.bytesRead() == 0)
        return fail(1,
                    tr("The file is empty: it should start with a header line naming the columns %1.")
                        .arg(quotedList(m_required)));
    return fail(m_reader.linesRead(),
                tr("The file has no header line, only blank lines: it should start with a "
                   "header line naming the columns %1.")
                    .arg(quotedList(m_required)));
}

Status CsvTable::checkHeader()
{
    QHash<QString, int> found;
    for (int i = 0; i < m_header.size(); ++i) {
        m_header[i] = m_header[i].trimmed();
        const QString &name = m_header[i];
        if (name.isEmpty())
            return fail(m_headerLine,
                        tr("Line %1: column %2 of the header has no name; the header is %3.")
                            .arg(m_headerLine)
                            .arg(i + 1)
                            .arg(quotedList(m_header)));
        const QString folded = key(name);
        if (const auto earlier = found.constFind(folded); earlier != found.cend())
            return fail(m_headerLine,
                        tr("Line %1: the header names the column %2 twice (columns %3 and %4).")
                            .arg(m_headerLine)
                            .arg(Validation::quoted(name))
                            .arg(*earlier + 1)
                            .arg(i + 1));
        found.insert(folded, i);
    }

    QStringList missing;
    for (const QString &name : std::as_const(m_required)) {
        if (!found.contains(key(name)))
            missing << name;
    }
    if (!missing.isEmpty())
        return fail(m_headerLine,
                    tr("Line %1: the header lacks the required column(s) %2. The header found is %3; "
                       "the required columns are %4.")
                        .arg(m_headerLine)
                        .arg(quotedList(missing), quotedList(m_header), quotedList(m_required)));

    QHash<QString, int> expected;
    for (const QString &name : std::as_const(m_required))
        expected.insert(key(name), 0);
    for (const QString &name : std::as_const(m_optional))
        expected.insert(key(name), 0);
    QStringList unknown;
    for (const QString &name : std::as_const(m_header)) {
        if (!expected.contains(key(name)))
            unknown << name;
    }
    if (!unknown.isEmpty())
        return fail(m_headerLine,
                    tr("Line %1: unknown column(s) %2 in the header. The allowed columns are %3.")
                        .arg(m_headerLine)
                        .arg(quotedList(unknown), quotedList(m_required + m_optional)));
    m_columns = found;
    for (const QString &name : m_required + m_optional)
        m_expected.push_back({name, found.value(key(name), -1)});
    return {};
}

void CsvTable::addProblem(const CsvRecord &record)
{
    ++m_problemCount;
    if (m_problems.size() >= MaxProblemsKept)
        return;
    const qsizetype count = record.fields.size();
    const qsizetype expected = m_header.size();
    QString message;
    if (count > expected)
        message = tr("Line %1 has %2 values instead of %3 (one per header column); the first extra value is %4.")
                      .arg(record.line)
                      .arg(count)
                      .arg(expected)
                      .arg(Validation::quoted(record.fields.at(expected)));
    else
        message = tr("Line %1 has %2 values instead of %3 (one per header column): there is no value for %4. The "
                     "line reads %5.")
                      .arg(record.line)
                      .arg(count)
                      .arg(expected)
                      .arg(Validation::quoted(m_header.at(count)),
                           Validation::quoted(record.fields.join(QLatin1Char(','))));
    m_problems.append({record.line, message});
}

bool CsvTable::next(CsvRecord &record)
{
    if (!m_headerRead && !readHeader())
        return false;
    if (m_error)
        return false;
    while (m_reader.next(record)) {
        if (allEmpty(record.fields)) {
            ++m_emptyRows;
            continue;
        }
        if (record.fields.size() != m_header.size()) {
            addProblem(record);
            continue;
        }
        ++m_rows;
        return true;
    }
    if (m_reader.failed())
        fail(m_reader.errorLine(), m_reader.error().message);
    return false;
}

int CsvTable::column(QStringView name) const
{
    // A name as the import documents it, as every row's value() asks, is found without folding
    // and hashing it: a million-row file asks four million times, and the folding made its
    // reading much slower.
    for (const auto &[expected, index] : m_expected) {
        if (expected == name)
            return index;
    }
    return m_columns.value(key(name), -1);
}

QString CsvTable::value(const CsvRecord &record, QStringView name) const
{
    const int index = column(name);
    return index >= 0 && index < record.fields.size() ? record.fields.at(index) : QString();
}
