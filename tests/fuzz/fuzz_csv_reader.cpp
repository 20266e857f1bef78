// libFuzzer target: any bytes through CsvReader (whole, and in pieces through a pipe-like
// device) and through CsvTable (fixed legacy columns, and whatever header the input has).
// A broken invariant aborts, which libFuzzer reports as a crash with the input that did it.
// Run it with scripts/run-fuzz.sh.

#include "core/csv/CsvReader.h"
#include "core/csv/CsvTable.h"

#include <QIODevice>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz_csv_reader: invariant broken at line %d: %s\n", __LINE__, #condition);          \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace {

// A pipe that hands out at most `piece` bytes per read.
class PieceDevice final : public QIODevice
{
public:
    PieceDevice(const QByteArray &data, qint64 piece) : m_data(data), m_piece(piece) { open(ReadOnly | Unbuffered); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *out, qint64 maxSize) override
    {
        const qint64 count = std::min({maxSize, m_piece, qint64(m_data.size()) - m_pos});
        if (count <= 0)
            return 0;
        std::memcpy(out, m_data.constData() + m_pos, size_t(count));
        m_pos += count;
        return count;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qint64 m_piece;
    qint64 m_pos = 0;
};

struct Outcome
{
    QList<CsvRecord> records;
    bool failed = false;
    qint64 errorLine = 0;
};

Outcome readAll(CsvReader &reader, qint64 size)
{
    Outcome outcome;
    CsvRecord record;
    qint64 previousLine = 0;
    while (reader.next(record)) {
        FUZZ_CHECK(record.line > previousLine);
        FUZZ_CHECK(!record.fields.isEmpty());
        FUZZ_CHECK(record.fields.size() <= CsvReader::MaxFields);
        for (const QString &field : std::as_const(record.fields))
            FUZZ_CHECK(field.size() <= CsvReader::MaxFieldBytes);
        FUZZ_CHECK(reader.bytesRead() <= size);
        FUZZ_CHECK(reader.linesRead() >= record.line - 1);
        previousLine = record.line;
        outcome.records << record;
    }
    FUZZ_CHECK(!reader.next(record)); // stays at the end
    outcome.failed = reader.failed();
    outcome.errorLine = reader.errorLine();
    if (reader.failed()) {
        FUZZ_CHECK(reader.errorLine() >= 1);
        FUZZ_CHECK(reader.error().kind == Error::Kind::Input);
        FUZZ_CHECK(!reader.error().message.isEmpty());
    } else {
        FUZZ_CHECK(reader.errorLine() == 0);
        FUZZ_CHECK(reader.bytesRead() == size);
    }
    return outcome;
}

void checkTable(CsvTable &table)
{
    const Status header = table.readHeader();
    CsvRecord record;
    qint64 previousLine = table.headerLine();
    qint64 rows = 0;
    while (table.next(record)) {
        FUZZ_CHECK(header.ok());
        FUZZ_CHECK(record.fields.size() == table.header().size());
        FUZZ_CHECK(record.line > previousLine);
        previousLine = record.line;
        ++rows;
    }
    FUZZ_CHECK(table.rowsRead() == rows);
    if (!header.ok()) {
        FUZZ_CHECK(table.failed());
        FUZZ_CHECK(header.error().kind == Error::Kind::Input);
    } else {
        FUZZ_CHECK(table.headerLine() >= 1);
        FUZZ_CHECK(!table.header().isEmpty());
        for (const QString &name : table.header())
            FUZZ_CHECK(table.column(name) >= 0 && table.column(name) < table.header().size());
    }
    if (table.failed()) {
        FUZZ_CHECK(table.errorLine() >= 1);
        FUZZ_CHECK(!table.error().message.isEmpty());
    }
    FUZZ_CHECK(table.problems().size() <= CsvTable::MaxProblemsKept);
    FUZZ_CHECK(table.problems().size() <= table.problemCount());
    for (const CsvProblem &problem : table.problems()) {
        FUZZ_CHECK(problem.line > table.headerLine());
        FUZZ_CHECK(!problem.message.isEmpty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray input = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    CsvReader whole(input);
    const Outcome outcome = readAll(whole, input.size());

    // The same bytes in pieces of 1 to 16 bytes must give the same records and the same error line.
    PieceDevice device(input, 1 + qint64(size % 16));
    CsvReader pieces(&device);
    const Outcome pieced = readAll(pieces, input.size());
    FUZZ_CHECK(pieced.failed == outcome.failed);
    FUZZ_CHECK(pieced.errorLine == outcome.errorLine);
    FUZZ_CHECK(pieced.records.size() == outcome.records.size());
    for (qsizetype i = 0; i < outcome.records.size(); ++i) {
        FUZZ_CHECK(pieced.records[i].line == outcome.records[i].line);
        FUZZ_CHECK(pieced.records[i].fields == outcome.records[i].fields);
    }

    CsvReader legacyReader(input);
    CsvTable legacy(legacyReader, {QStringLiteral("userId"), QStringLiteral("totalXP")},
                    {QStringLiteral("email"), QStringLiteral("name")});
    checkTable(legacy);

    // Whatever header the input has, expected as optional columns: exercises the rows' checks.
    QStringList names;
    for (const CsvRecord &record : outcome.records) {
        if (std::any_of(record.fields.cbegin(), record.fields.cend(), [](const QString &f) { return !f.isEmpty(); })) {
            names = record.fields;
            break;
        }
    }
    CsvReader anyReader(input);
    CsvTable any(anyReader, {}, names);
    checkTable(any);
    return 0;
}
