#include "tests/csv/CsvFixture.h"

#include "core/csv/CsvReader.h"
#include "core/csv/CsvTable.h"
#include "core/csv/CsvWriter.h"

#include <QRandomGenerator>
#include <QTemporaryFile>
#include <QTest>

namespace {

const QStringList LegacyColumns = {QStringLiteral("userId"), QStringLiteral("totalXP")};
const QStringList LegacyOptional = {QStringLiteral("email"), QStringLiteral("name")};

} // namespace

// The CSV table over the reader: columns found by name in the header, a header or a row that does
// not fit refused with its line, and what the writer writes read back unchanged.
class TestCsvTable final : public QObject, private CsvFixture
{
    Q_OBJECT

private slots:
    void headerColumnsByName();
    void headerRefusals_data();
    void headerRefusals();
    void rowsWithWrongFieldCountAreEachReported();
    void problemsKeptAreCapped();
    void emptyRowsAreSkipped();
    void roundTripOf100kRows();
    void parseSpeed();
};

void TestCsvTable::headerColumnsByName()
{
    CsvReader reader(QByteArray(" TotalXP , USERID,Name\nu1,10,Ann\n"));
    CsvTable table(reader, LegacyColumns, LegacyOptional);
    const Status header = table.readHeader();
    QVERIFY2(header.ok(), qPrintable(header.error().message));
    QCOMPARE(table.header(), texts({"TotalXP", "USERID", "Name"}));
    QCOMPARE(table.headerLine(), 1);
    QCOMPARE(table.column(u"userId"), 1);
    QCOMPARE(table.column(u"totalxp"), 0);
    QCOMPARE(table.column(u"email"), -1);
    QVERIFY(!table.hasColumn(u"email"));
    CsvRecord record;
    QVERIFY(table.next(record));
    QCOMPARE(record.line, 2);
    QCOMPARE(table.value(record, u"userId"), QStringLiteral("10"));
    QCOMPARE(table.value(record, u"totalXP"), QStringLiteral("u1"));
    QCOMPARE(table.value(record, u"name"), QStringLiteral("Ann"));
    QCOMPARE(table.value(record, u"email"), QString());
    QVERIFY(!table.next(record));
    QVERIFY(!table.failed());
    QCOMPARE(table.rowsRead(), 1);
}

void TestCsvTable::headerRefusals_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");

    QTest::newRow("empty file") << QByteArray() << 1
                                << "The file is empty: it should start with a header line naming the columns "
                                   "\"userId\", \"totalXP\".";
    QTest::newRow("only blank lines") << QByteArray("\n \r\n,,\n") << 3
                                      << "The file has no header line, only blank lines: it should start with a "
                                         "header line naming the columns \"userId\", \"totalXP\".";
    QTest::newRow("missing column") << QByteArray("\nuserId,total\n") << 2
                                    << "Line 2: the header lacks the required column(s) \"totalXP\". The header "
                                       "found is \"userId\", \"total\"; the required columns are \"userId\", "
                                       "\"totalXP\".";
    QTest::newRow("unknown column") << QByteArray("userId,totalXP,emial\n") << 1
                                    << "Line 1: unknown column(s) \"emial\" in the header. The allowed columns are "
                                       "\"userId\", \"totalXP\", \"email\", \"name\".";
    QTest::newRow("duplicate column") << QByteArray("userId,totalXP,UserId\n") << 1
                                      << "Line 1: the header names the column \"UserId\" twice (columns 1 and 3).";
    QTest::newRow("empty column name") << QByteArray("userId,,totalXP\n") << 1
                                       << "Line 1: column 2 of the header has no name; the header is \"userId\", "
                                          "\"\", \"totalXP\".";
    QTest::newRow("blank quoted column name") << QByteArray("userId,totalXP,\" \"\n") << 1
                                              << "Line 1: column 3 of the header has no name; the header is "
                                                 "\"userId\", \"totalXP\", \"\".";
    QTest::newRow("a syntax error in the header") << QByteArray("userId,\"totalXP\n") << 1
                                                  << "Line 1, field 2: the quote that opens this value is never "
                                                     "closed: \"\"totalXP\\n\"";
}

void TestCsvTable::headerRefusals()
{
    QFETCH(QByteArray, input);
    QFETCH(int, line);
    QFETCH(QString, message);
    CsvReader reader(input);
    CsvTable table(reader, LegacyColumns, LegacyOptional);
    const Status header = table.readHeader();
    QVERIFY(!header.ok());
    QCOMPARE(header.error().kind, Error::Kind::Input);
    QCOMPARE(header.error().message, message);
    QCOMPARE(table.errorLine(), line);
    CsvRecord record;
    QVERIFY(!table.next(record));
}

void TestCsvTable::rowsWithWrongFieldCountAreEachReported()
{
    CsvReader reader(QByteArray("userId,totalXP\nu1,10\nu2,20,extra\nu3\nu4,\"4\n0\"\nu5,50,,\n\"u6\",60\n"));
    CsvTable table(reader, LegacyColumns);
    QStringList rows;
    CsvRecord record;
    while (table.next(record))
        rows << QString::number(record.line) + QLatin1Char(':') + record.fields.join(QLatin1Char('|'));
    QVERIFY(!table.failed());
    QCOMPARE(rows, texts({"2:u1|10", "5:u4|4\n0", "8:u6|60"}));
    QCOMPARE(table.rowsRead(), 3);
    QCOMPARE(table.problemCount(), 3);
    QCOMPARE(table.problems().size(), 3);
    QCOMPARE(table.problems().at(0).line, 3);
    QCOMPARE(table.problems().at(0).message,
             QStringLiteral("Line 3 has 3 values instead of 2 (one per header column); the first extra value is "
                            "\"extra\"."));
    QCOMPARE(table.problems().at(1).line, 4);
    QCOMPARE(table.problems().at(1).message,
             QStringLiteral("Line 4 has 1 values instead of 2 (one per header column): there is no value for "
                            "\"totalXP\". The line reads \"u3\"."));
    QCOMPARE(table.problems().at(2).line, 7);
    QVERIFY(table.problems().at(2).message.startsWith(QStringLiteral("Line 7 has 4 values instead of 2")));
}

void TestCsvTable::problemsKeptAreCapped()
{
    QByteArray input("userId,totalXP\n");
    for (int i = 0; i < 1500; ++i)
        input += "u,1,2\n";
    CsvReader reader(input);
    CsvTable table(reader, LegacyColumns);
    CsvRecord record;
    QVERIFY(!table.next(record));
    QVERIFY(!table.failed());
    QCOMPARE(table.problemCount(), 1500);
    QCOMPARE(table.problems().size(), CsvTable::MaxProblemsKept);
    QCOMPARE(table.problems().last().line, 1 + CsvTable::MaxProblemsKept);
}

void TestCsvTable::emptyRowsAreSkipped()
{
    // Spreadsheets write ",," for rows that were formatted but hold nothing.
    CsvReader reader(QByteArray("userId,totalXP\r\n,\r\nu1,5\r\n\r\n , \"\"\r\n,\r\n"));
    CsvTable table(reader, LegacyColumns);
    CsvRecord record;
    QVERIFY(table.next(record));
    QCOMPARE(record.line, 3);
    QVERIFY(!table.next(record));
    QVERIFY(!table.failed());
    QCOMPARE(table.problemCount(), 0);
    QCOMPARE(table.blankRowsSkipped(), 4);
}

void TestCsvTable::roundTripOf100kRows()
{
    const QStringList samples = {QStringLiteral("plain"),
                                 QStringLiteral("Smith, Jo"),
                                 QStringLiteral("say \"hi\""),
                                 QStringLiteral("two\nlines"),
                                 QStringLiteral("Zoë 日本 😀"),
                                 QStringLiteral(" padded "),
                                 QString(),
                                 QStringLiteral("a\r\nb"),
                                 QStringLiteral("\"\""),
                                 QStringLiteral("tab\there")};
    QTemporaryFile file;
    QVERIFY(file.open());
    CsvWriter writer(&file);
    QVERIFY(writer.writeHeader({QStringLiteral("userId"), QStringLiteral("totalXP"), QStringLiteral("name")}));
    QList<QStringList> written;
    QList<qint64> lines;
    qint64 line = 2;
    QRandomGenerator random(42);
    for (int i = 0; i < 100000; ++i) {
        const QString name = samples.at(random.bounded(int(samples.size())));
        const qint64 total = qint64(random.bounded(2000001)) - 1000000;
        QVERIFY(writer.writeRow({QStringLiteral("user-%1").arg(i), total, name}));
        // A written line break is part of the value; "\r\n" is a single one.
        QString stored = name;
        stored.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        written << QStringList{QStringLiteral("user-%1").arg(i), QString::number(total), stored};
        lines << line;
        line += 1 + stored.count(QLatin1Char('\n'));
    }
    QVERIFY(file.flush());
    QVERIFY(file.seek(0));

    CsvReader reader(&file);
    CsvTable table(reader, LegacyColumns, LegacyOptional);
    QVERIFY(table.readHeader().ok());
    const int name = table.column(u"name");
    CsvRecord record;
    int i = 0;
    while (table.next(record)) {
        QVERIFY(i < written.size());
        if (record.fields != written.at(i) || record.line != lines.at(i))
            QFAIL(qPrintable(QStringLiteral("row %1 (line %2) reads %3 at line %4")
                                 .arg(i)
                                 .arg(lines.at(i))
                                 .arg(record.fields.join(QLatin1Char('|')))
                                 .arg(record.line)));
        QCOMPARE(record.fields.at(name), written.at(i).at(2));
        ++i;
    }
    QVERIFY2(!table.failed(), qPrintable(table.error().message));
    QCOMPARE(i, 100000);
    QCOMPARE(table.problemCount(), 0);
    QCOMPARE(reader.bytesRead(), file.size());
}

// Not a pass/fail check: prints how long 1,000,000 rows of "userId,totalXP" take to parse.
void TestCsvTable::parseSpeed()
{
    QByteArray input("userId,totalXP\r\n");
    input.reserve(30 * 1000000);
    for (int i = 0; i < 1000000; ++i)
        input += "cl" + QByteArray::number(1000000 + i, 36) + "xyzabcdefghij," + QByteArray::number(i * 7 % 100000)
            + "\r\n";
    qint64 rows = 0;
    QBENCHMARK_ONCE
    {
        CsvReader reader(input);
        CsvTable table(reader, LegacyColumns);
        CsvRecord record;
        while (table.next(record))
            ++rows;
        QVERIFY(!table.failed());
    }
    QCOMPARE(rows, 1000000);
}

QTEST_GUILESS_MAIN(TestCsvTable)
#include "TestCsvTable.moc"
