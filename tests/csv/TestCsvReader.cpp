#include "tests/csv/CsvFixture.h"

#include "core/csv/CsvReader.h"

#include <QBuffer>
#include <QTemporaryFile>
#include <QTest>

namespace {

// A pipe that hands out one byte per read, so that every record, field, quote, line end and
// UTF-8 character of a test input also crosses a boundary between two reads.
class TrickleDevice final : public QIODevice
{
public:
    explicit TrickleDevice(QByteArray data) : m_data(std::move(data)) { open(ReadOnly | Unbuffered); }
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *out, qint64 maxSize) override
    {
        if (m_pos >= m_data.size() || maxSize <= 0)
            return 0;
        *out = m_data.at(m_pos++);
        return 1;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_data;
    qsizetype m_pos = 0;
};

struct Outcome
{
    QList<CsvRecord> records;
    QString error; // empty when the whole input was read
    qint64 errorLine = 0;
    qint64 blankLines = 0;
};

Outcome readAll(CsvReader &reader)
{
    Outcome outcome;
    CsvRecord record;
    while (reader.next(record))
        outcome.records << record;
    if (reader.failed()) {
        outcome.error = reader.error().message;
        outcome.errorLine = reader.errorLine();
    }
    outcome.blankLines = reader.blankLinesSkipped();
    return outcome;
}

// Reads the input whole and a byte at a time; both must agree, or the outcome says they differ.
Outcome readBoth(const QByteArray &input)
{
    CsvReader whole(input);
    Outcome outcome = readAll(whole);
    TrickleDevice device(input);
    CsvReader trickled(&device);
    const Outcome bytewise = readAll(trickled);
    // Messages quote the text after an error as far as it was read: compare up to the quote.
    bool same = bytewise.error.section(QLatin1Char('"'), 0, 0) == outcome.error.section(QLatin1Char('"'), 0, 0)
        && bytewise.errorLine == outcome.errorLine && bytewise.blankLines == outcome.blankLines
        && bytewise.records.size() == outcome.records.size();
    for (qsizetype i = 0; same && i < outcome.records.size(); ++i)
        same = bytewise.records[i].fields == outcome.records[i].fields
            && bytewise.records[i].line == outcome.records[i].line;
    if (!same)
        outcome.error = QStringLiteral("read a byte at a time, the result differs: %1 records, %2 blank lines, "
                                       "error on line %3: %4")
                            .arg(bytewise.records.size())
                            .arg(bytewise.blankLines)
                            .arg(bytewise.errorLine)
                            .arg(bytewise.error);
    return outcome;
}

// Records as "line:field|field;line:field" for a readable comparison.
QString describe(const QList<CsvRecord> &records)
{
    QStringList out;
    for (const CsvRecord &record : records)
        out << QString::number(record.line) + QLatin1Char(':') + record.fields.join(QLatin1Char('|'));
    return out.join(QLatin1Char(';'));
}

} // namespace

// The CSV reader: records, line ends, quotes and encodings, read whole and a byte at a time, and
// the files it refuses, with the line and words of each refusal.
class TestCsvReader final : public QObject, private CsvFixture
{
    Q_OBJECT

private slots:
    void records_data();
    void records();
    void refusals_data();
    void refusals();
    void notCsvFiles_data();
    void notCsvFiles();
    void fieldAndLineLimits();
    void progressAndLines();
};

void TestCsvReader::records_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("blankLines");

    QTest::newRow("LF") << QByteArray("a,b\n1,2\n") << "1:a|b;2:1|2" << 0;
    QTest::newRow("CRLF") << QByteArray("a,b\r\n1,2\r\n") << "1:a|b;2:1|2" << 0;
    QTest::newRow("lone CR (old Mac Excel)") << QByteArray("a,b\r1,2\r3,4") << "1:a|b;2:1|2;3:3|4" << 0;
    QTest::newRow("mixed line ends") << QByteArray("a\r\nb\nc\rd") << "1:a;2:b;3:c;4:d" << 0;
    QTest::newRow("no final line end") << QByteArray("a,b\n1,2") << "1:a|b;2:1|2" << 0;
    QTest::newRow("UTF-8 BOM dropped") << QByteArray("\xEF\xBB\xBFuserId,totalXP\r\n") << "1:userId|totalXP" << 0;
    QTest::newRow("non-ASCII text") << QByteArray("Zo\xC3\xAB,\xE6\x97\xA5\xE6\x9C\xAC,\xF0\x9F\x98\x80\n")
                                    << QStringLiteral("1:Zoë|日本|😀") << 0;
    QTest::newRow("quoted comma") << QByteArray("\"Smith, Jo\",5\n") << "1:Smith, Jo|5" << 0;
    QTest::newRow("doubled quotes") << QByteArray("\"say \"\"hi\"\"\",1\n") << "1:say \"hi\"|1" << 0;
    QTest::newRow("only a doubled quote") << QByteArray("\"\"\"\"\n") << "1:\"" << 0;
    QTest::newRow("empty quoted") << QByteArray("\"\",x\n") << "1:|x" << 0;
    QTest::newRow("newline in quotes, lines go on counting")
        << QByteArray("a,\"x\ny\"\nb,c\n\"1\n2\n3\",d\ne,f") << "1:a|x\ny;3:b|c;4:1\n2\n3|d;7:e|f" << 0;
    QTest::newRow("CRLF and CR in quotes become LF") << QByteArray("\"x\r\ny\ry\"\r\nz\r\n") << "1:x\ny\ny;4:z" << 0;
    QTest::newRow("blanks around unquoted values trimmed") << QByteArray("  a  ,\tb\t, c d \n") << "1:a|b|c d" << 0;
    QTest::newRow("blanks inside quotes kept, outside dropped")
        << QByteArray(" \" a \" ,\t\"b\"\t\n") << "1: a |b" << 0;
    QTest::newRow("empty values") << QByteArray("a,,b\n,\nc,\n") << "1:a||b;2:|;3:c|" << 0;
    QTest::newRow("trailing blank lines") << QByteArray("a,b\n1,2\n\n\r\n  \n") << "1:a|b;2:1|2" << 3;
    QTest::newRow("blank lines in the middle skipped, counted")
        << QByteArray("a\n\n \t\nb\r\n\r\nc\r\rd") << "1:a;4:b;6:c;8:d" << 4;
    QTest::newRow("leading blank lines") << QByteArray("\n\na\n") << "3:a" << 2;
    QTest::newRow("empty input") << QByteArray() << "" << 0;
    QTest::newRow("only a BOM") << QByteArray("\xEF\xBB\xBF") << "" << 0;
    QTest::newRow("tab, vertical tab and form feed are text")
        << QByteArray("\"a\tb\",c\x0B\x0C") << "1:a\tb|c\x0B\x0C" << 0;
    QTest::newRow("U+FFFF and U+10FFFF are valid")
        << QByteArray("\xEF\xBF\xBF,\xF4\x8F\xBF\xBF") << QStringLiteral("1:\uFFFF|\U0010FFFF") << 0;
}

void TestCsvReader::records()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, expected);
    QFETCH(int, blankLines);
    const Outcome outcome = readBoth(input);
    QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
    QCOMPARE(describe(outcome.records), expected);
    QCOMPARE(outcome.blankLines, blankLines);
}

void TestCsvReader::refusals_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("records"); // read before the error
    QTest::addColumn<int>("line");
    QTest::addColumn<QStringList>("mentions");

    QTest::newRow("Windows-1252 é") << QByteArray("userId,name\nu1,Caf\xE9\n") << 1 << 2
                                    << texts({"Line 2 is not UTF-8", "byte 0xE9 at byte offset 18", "(after \"Caf",
                                              "CSV UTF-8"});
    QTest::newRow("invalid UTF-8 on a later line of a quoted value")
        << QByteArray("a\n\"x\ny\xFFz\"\n") << 1 << 3 << texts({"Line 3 is not UTF-8", "0xFF at byte offset 6"});
    QTest::newRow("overlong encoding") << QByteArray("a\xC0\x80") << 0 << 1 << texts({"0xC0 at byte offset 1"});
    QTest::newRow("UTF-16 surrogate in UTF-8")
        << QByteArray("ok\n\xED\xA0\x80") << 1 << 2 << texts({"0xED at byte offset 3"});
    QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << 0 << 1 << texts({"0xF4 at byte offset 0"});
    QTest::newRow("character cut short by the end of the file")
        << QByteArray("a,b\nc,\xE2\x82") << 1 << 2 << texts({"Line 2 is not UTF-8", "0xE2 at byte offset 6"});
    QTest::newRow("character cut short by a comma")
        << QByteArray("\xE2\x82,x") << 0 << 1 << texts({"0xE2 at byte offset 0"});

    QTest::newRow("unterminated quote names the line it opened")
        << QByteArray("a,b\n1,\"open\n2,3\n4,5\n") << 1 << 2
        << texts({"Line 2, field 2: the quote that opens this value is never closed", "\"\"open\\n2,3\\n4,5\\n\""});
    QTest::newRow("quote inside an unquoted value")
        << QByteArray("a,b\r\n1,ab\"c\r\n") << 1 << 2
        << texts({"Line 2, field 2: a quote inside a value", "\"ab\"c\"", "double the quotes"});
    QTest::newRow("text after a closing quote")
        << QByteArray("a,b\n\"abc\"x y,1\n") << 1 << 2
        << texts({"Line 2, field 1: unexpected text after the closing quote of \"\"abc\"\": \"x y\""});
    QTest::newRow("second quoted value after a closing quote")
        << QByteArray("\"a\" \"b\"\n") << 0 << 1 << texts({"field 1", "closing quote of \"\"a\"\": \"\"b\"\""});
    QTest::newRow("NUL byte") << QByteArray("a,b\n1,2\n3\0004,5\n", 14) << 2 << 3
                              << texts({"Not a CSV file: line 3 has a NUL byte (at byte offset 9); it looks binary"});
    QTest::newRow("control character") << QByteArray(
        "a,b\n\x01\x02") << 1 << 2 << texts({"Not a CSV file: line 2 has the control character 0x01", "looks binary"});
}

void TestCsvReader::refusals()
{
    QFETCH(QByteArray, input);
    QFETCH(int, records);
    QFETCH(int, line);
    QFETCH(QStringList, mentions);
    const Outcome outcome = readBoth(input);
    QCOMPARE(outcome.records.size(), records);
    QCOMPARE(outcome.errorLine, line);
    for (const QString &mention : mentions)
        QVERIFY2(outcome.error.contains(mention), qPrintable(outcome.error));
}

void TestCsvReader::notCsvFiles_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("xlsx") << QByteArray("PK\x03\x04\x14\x00\x06\x00", 8)
                          << "Not a CSV file: this is a ZIP file, most likely an Excel (.xlsx)";
    QTest::newRow("ods") << QByteArray("PK\x03\x04mimetypeapplication/vnd.oasis") << "save it as \"CSV UTF-8\"";
    QTest::newRow("xls") << QByteArray("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10)
                         << "Not a CSV file: this is an old Excel (.xls)";
    QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR", 16)
                         << "Not a CSV file: this is a PNG image";
    QTest::newRow("pdf") << QByteArray("%PDF-1.7\n") << "this is a PDF document";
    QTest::newRow("gzip") << QByteArray("\x1F\x8B\x08\x00") << "gzip-compressed";
    QTest::newRow("sqlite") << QByteArray("SQLite format 3\0\x10\x00", 18) << "an SQLite database";
    QTest::newRow("UTF-16 with BOM") << QByteArray("\xFF\xFEu\0s\0", 6) << "UTF-16";
    QTest::newRow("UTF-16 without BOM") << QByteArray("u\0s\0e\0r\0", 8) << "UTF-16";
    QTest::newRow("other binary") << QByteArray("\x00\x01\x02\x03", 4) << "looks binary";
}

void TestCsvReader::notCsvFiles()
{
    QFETCH(QByteArray, input);
    QFETCH(QString, mentions);
    const Outcome outcome = readBoth(input);
    QVERIFY(outcome.records.isEmpty());
    QCOMPARE(outcome.errorLine, 1);
    QVERIFY2(outcome.error.contains(mentions), qPrintable(outcome.error));
}

void TestCsvReader::fieldAndLineLimits()
{
    const QByteArray atLimit(CsvReader::MaxFieldBytes, 'x');
    {
        const Outcome outcome = readBoth("a,b\n1," + atLimit + "\n");
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QCOMPARE(outcome.records.at(1).fields.at(1).size(), CsvReader::MaxFieldBytes);
    }
    {
        const Outcome outcome = readBoth("a,b\n1," + atLimit + "y\n");
        QCOMPARE(outcome.errorLine, 2);
        QVERIFY2(outcome.error.startsWith(QStringLiteral("Line 2, field 2: the value is longer than 64 KiB: \"xxx")),
                 qPrintable(outcome.error));
    }
    {
        // A quote left open swallows the rest of the file: name where it opened.
        QByteArray input("a,b\n1,\"never closed\n");
        for (int i = 0; i < 5000; ++i)
            input += "2,some more text that is not a quote\n";
        const Outcome outcome = readBoth(input);
        QCOMPARE(outcome.errorLine, 2);
        QVERIFY2(outcome.error.contains(QStringLiteral("the quote that opens it, on line 2, may be missing")),
                 qPrintable(outcome.error));
    }
    {
        QByteArray row;
        const QByteArray field(60 * 1024, 'z');
        for (int i = 0; i < 18; ++i)
            row += field + ',';
        const Outcome outcome = readBoth("a\nb\n" + row + "\n");
        QCOMPARE(outcome.records.size(), 2);
        QCOMPARE(outcome.errorLine, 3);
        QVERIFY2(outcome.error.startsWith(QStringLiteral("Line 3: the row is longer than 1024 KiB")),
                 qPrintable(outcome.error));
    }
    {
        const QByteArray row = QByteArray(CsvReader::MaxFields, ',');
        const Outcome outcome = readBoth("a\n" + row + "\n");
        QCOMPARE(outcome.errorLine, 2);
        QVERIFY2(outcome.error.startsWith(QStringLiteral("Line 2 has more than 1000 fields")),
                 qPrintable(outcome.error));
        QCOMPARE(readBoth("a\n" + QByteArray(CsvReader::MaxFields - 1, ',') + "\n").records.at(1).fields.size(),
                 CsvReader::MaxFields);
    }
}

void TestCsvReader::progressAndLines()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    for (int i = 0; i < 100000; ++i)
        file.write("user" + QByteArray::number(i) + ",\"a\nb\"\n");
    const qint64 size = file.size();
    QVERIFY(file.seek(0));

    CsvReader reader(&file);
    QCOMPARE(reader.totalBytes(), size);
    QCOMPARE(reader.bytesRead(), 0);
    CsvRecord record;
    qint64 previous = 0;
    int rows = 0;
    bool grew = false;
    while (reader.next(record)) {
        QCOMPARE(record.line, 1 + 2 * rows);
        grew = grew || (reader.bytesRead() > previous && reader.bytesRead() < size);
        QVERIFY(reader.bytesRead() >= previous);
        previous = reader.bytesRead();
        ++rows;
    }
    QVERIFY2(!reader.failed(), qPrintable(reader.error().message));
    QCOMPARE(rows, 100000);
    QVERIFY(grew);
    QCOMPARE(reader.bytesRead(), size);
    QCOMPARE(reader.linesRead(), 200000);

    TrickleDevice pipe("a\n");
    QCOMPARE(CsvReader(&pipe).totalBytes(), -1);
}

QTEST_GUILESS_MAIN(TestCsvReader)
#include "TestCsvReader.moc"
