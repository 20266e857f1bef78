#pragma once

#include "core/csv/CsvReader.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QStringList>

#include <utility>
#include <vector>

// A problem with one row that does not stop the reading, so that a report can list them all.
struct CsvProblem
{
    qint64 line = 0;
    QString message; // names the line and the offending value
};

// The columns of an import file, named in a header line, on top of a CsvReader (which finds
// the separator in that header, helped by the expected names):
// - the header is the first line that is not blank; its names are trimmed and compared with the
//   expected ones ignoring case, in any order. An empty or duplicate name, a missing required
//   column or a column that is neither required nor optional refuses the file;
// - every data row must have one value per header column: a row with more or fewer is a
//   problem (problems()), skipped so that reading goes on and the report can name every such
//   row. Rows whose values are all empty (",,," as spreadsheets write for formatted but empty
//   rows) are skipped like blank lines.
// Values are found by column name (value()) or, faster in a loop, by column() index.
class CsvTable final
{
    Q_DECLARE_TR_FUNCTIONS(CsvTable)

public:
    // Problems kept in problems(); problemCount() counts them all.
    static constexpr int MaxProblemsKept = 1000;

    // Names as the import documents them ("userId"); the reader must outlive the table.
    CsvTable(CsvReader &reader, QStringList required, QStringList optional = {});

    // Reads and checks the header. next() calls it when it was not called before.
    Status readHeader();
    // The next row with one value per header column; false at the end of the file or on an
    // error that stops the reading (see failed()).
    bool next(CsvRecord &record);

    bool failed() const { return m_error.has_value(); }
    // What went wrong; an empty message when nothing did.
    Error error() const { return m_error.value_or(Error::input(QString())); }
    // The line the error names, >= 1 when failed().
    qint64 errorLine() const { return m_errorLine; }

    const QList<CsvProblem> &problems() const { return m_problems; }
    qint64 problemCount() const { return m_problemCount; }

    // The header as written in the file (trimmed), and the line it is on.
    const QStringList &header() const { return m_header; }
    qint64 headerLine() const { return m_headerLine; }
    // The index of an expected column in a record's fields, -1 when the file lacks it (an
    // optional column) or when it is not an expected column.
    int column(QStringView name) const;
    bool hasColumn(QStringView name) const { return column(name) >= 0; }
    // The value of the named column in a record from next(); empty when the file lacks it.
    QString value(const CsvRecord &record, QStringView name) const;

    qint64 rowsRead() const { return m_rows; }
    // Blank lines and rows of only empty values, skipped.
    qint64 blankRowsSkipped() const { return m_reader.blankLinesSkipped() + m_emptyRows; }

private:
    Error fail(qint64 line, const QString &message);
    Status checkHeader();
    void addProblem(const CsvRecord &record);

    CsvReader &m_reader;
    QStringList m_required;
    QStringList m_optional;
    bool m_headerRead = false;
    QStringList m_header;
    qint64 m_headerLine = 0;
    QHash<QString, int> m_columns; // case-folded expected name -> index in the fields
    std::vector<std::pair<QString, int>> m_expected; // each expected name as given -> its index or -1
    qint64 m_rows = 0;
    qint64 m_emptyRows = 0;
    QList<CsvProblem> m_problems;
    qint64 m_problemCount = 0;
    std::optional<Error> m_error;
    qint64 m_errorLine = 0;
};
