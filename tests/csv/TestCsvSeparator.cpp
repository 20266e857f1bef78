#include "core/csv/CsvFormat.h"
#include "core/csv/CsvReader.h"
#include "core/csv/CsvSeparator.h"
#include "core/csv/CsvTable.h"
#include "core/csv/CsvWriter.h"

#include <QBuffer>
#include <QTest>

// Files from spreadsheets in every locale: the separator is found in the header line (commas,
// German and French Excel's semicolons, tabs), and files written for Excel read back the same.
class TestCsvSeparator final : public QObject
{
    Q_OBJECT

private slots:
    void detect_data();
    void detect();
    void readsSemicolonFileThroughTable();
    void readsFromPipeLikeDevice();
    void fixedSeparatorIsKept();
    void forLocale();
    void parse();
    void writerRoundTrip_data();
    void writerRoundTrip();
};

void TestCsvSeparator::detect_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<char>("separator");
    const QStringList adjust{QStringLiteral("userId"), QStringLiteral("amount"), QStringLiteral("reason")};
    QTest::newRow("commas") << QByteArray("userId,amount,reason\n") << adjust << ',';
    QTest::newRow("semicolons") << QByteArray("userId;amount;reason\r\na;1;x, y\r\n") << adjust << ';';
    QTest::newRow("tabs") << QByteArray("userId\tamount\treason\n") << adjust << '\t';
    QTest::newRow("one column") << QByteArray("userId\nu1\n") << adjust << ',';
    QTest::newRow("empty") << QByteArray() << adjust << ',';
    // Only the header line counts, never the data below it.
    QTest::newRow("commas in data of a semicolon file") << QByteArray("userId;amount\nu,1,2,3,4\n") << adjust << ';';
    QTest::newRow("separators inside quotes do not count")
        << QByteArray("\"user;Id\",\"a;b;c\",reason\n") << adjust << ',';
    QTest::newRow("quoted header with semicolons") << QByteArray("\"userId\";\"amount\";\"reason\"\n") << adjust << ';';
    QTest::newRow("blank lines before the header") << QByteArray("\n  \r\n;;\nuserId;amount;reason\n") << adjust << ';';
    QTest::newRow("quoted line break in the header") << QByteArray("\"user\nId\";amount\n") << adjust << ';';
    // Both kinds outside quotes: the split that names the expected columns wins, though the
    // other has more separators.
    QTest::newRow("both: names decide for semicolon") << QByteArray("userId;amount;reason,,,\n") << adjust << ';';
    QTest::newRow("both: names decide for comma") << QByteArray("userId,amount,reason;;;;\n") << adjust << ',';
    QTest::newRow("tabs as blanks around comma-separated values")
        << QByteArray("userId ,\tamount\t,\treason\t\n") << QStringList() << ',';
    QTest::newRow("both, no names known: the larger count") << QByteArray("a;b;c,d\n") << QStringList() << ';';
}

void TestCsvSeparator::detect()
{
    QFETCH(QByteArray, head);
    QFETCH(QStringList, expected);
    QFETCH(char, separator);
    QCOMPARE(CsvSeparator::detect(head, expected), separator);
}

void TestCsvSeparator::readsSemicolonFileThroughTable()
{
    CsvReader reader(QByteArray("\xEF\xBB\xBFuserId;totalXP;name\r\n"
                                "u1;10;\"M\xC3\xBCller; Anna\"\r\n"
                                "u2 ; 20 ;\"Dupont, Jean\nline two\"\r\n"));
    CsvTable table(reader, {QStringLiteral("userId"), QStringLiteral("totalXP")}, {QStringLiteral("name")});
    CsvRecord record;
    QVERIFY(table.next(record));
    QCOMPARE(reader.separator(), ';');
    QCOMPARE(table.value(record, u"name"), QStringLiteral("Müller; Anna"));
    QVERIFY(table.next(record));
    QCOMPARE(table.value(record, u"userId"), QStringLiteral("u2"));
    QCOMPARE(table.value(record, u"totalXP"), QStringLiteral("20"));
    QCOMPARE(table.value(record, u"name"), QStringLiteral("Dupont, Jean\nline two"));
    QVERIFY(!table.next(record));
    QVERIFY2(!table.failed(), qPrintable(table.error().message));
    QCOMPARE(table.problemCount(), 0);
}

void TestCsvSeparator::readsFromPipeLikeDevice()
{
    // From a device the reader reads ahead to find the header line before it decides.
    QByteArray data("userId\tamount\treason\n");
    for (int i = 0; i < 2000; ++i)
        data += "u" + QByteArray::number(i) + "\t" + QByteArray::number(i + 1) + "\tbonus, \"late\"; fixed\n";
    data.replace("\"late\"", "late");
    QBuffer buffer(&data);
    QVERIFY(buffer.open(QIODevice::ReadOnly));
    CsvReader reader(&buffer);
    CsvTable table(reader, {QStringLiteral("userId"), QStringLiteral("amount"), QStringLiteral("reason")});
    CsvRecord record;
    qint64 rows = 0;
    QString lastReason;
    while (table.next(record)) {
        ++rows;
        lastReason = table.value(record, u"reason");
    }
    QVERIFY2(!table.failed(), qPrintable(table.error().message));
    QCOMPARE(rows, 2000);
    QCOMPARE(reader.separator(), '\t');
    QCOMPARE(lastReason, QStringLiteral("bonus, late; fixed"));
}

void TestCsvSeparator::fixedSeparatorIsKept()
{
    CsvReader reader(QByteArray("a;b,c\n"));
    reader.setSeparator(',');
    CsvRecord record;
    QVERIFY(reader.next(record));
    QCOMPARE(record.fields, (QStringList{QStringLiteral("a;b"), QStringLiteral("c")}));
}

void TestCsvSeparator::forLocale()
{
    QCOMPARE(CsvSeparator::forLocale(QLocale(QLocale::German, QLocale::Germany)), ';');
    QCOMPARE(CsvSeparator::forLocale(QLocale(QLocale::French, QLocale::France)), ';');
    QCOMPARE(CsvSeparator::forLocale(QLocale(QLocale::English, QLocale::UnitedStates)), ',');
    QCOMPARE(CsvSeparator::forLocale(QLocale(QLocale::English, QLocale::UnitedKingdom)), ',');
    QCOMPARE(CsvFormat::forExcel(QLocale(QLocale::German, QLocale::Germany)), (CsvFormat{';', true}));
}

void TestCsvSeparator::parse()
{
    QCOMPARE(CsvSeparator::parse(QStringLiteral(",")), std::optional<char>(','));
    QCOMPARE(CsvSeparator::parse(QStringLiteral(";")), std::optional<char>(';'));
    QCOMPARE(CsvSeparator::parse(QStringLiteral("tab")), std::optional<char>('\t'));
    QCOMPARE(CsvSeparator::parse(QStringLiteral("\t")), std::optional<char>('\t'));
    QCOMPARE(CsvSeparator::parse(QStringLiteral("Semicolon")), std::optional<char>(';'));
    QCOMPARE(CsvSeparator::parse(QStringLiteral("|")), std::nullopt);
    QCOMPARE(CsvSeparator::parse(QString()), std::nullopt);
}

void TestCsvSeparator::writerRoundTrip_data()
{
    QTest::addColumn<char>("separator");
    QTest::addColumn<bool>("bom");
    QTest::newRow("comma") << ',' << false;
    QTest::newRow("semicolon for Excel") << ';' << true;
    QTest::newRow("tab") << '\t' << true;
}

void TestCsvSeparator::writerRoundTrip()
{
    QFETCH(char, separator);
    QFETCH(bool, bom);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    CsvWriter writer(&buffer, CsvFormat{separator, bom});
    const QStringList header{QStringLiteral("userId"), QStringLiteral("amount"), QStringLiteral("reason")};
    QVERIFY(writer.writeHeader(header));
    const QList<QVariantList> rows{
        {QStringLiteral("u1"), 5, QStringLiteral("a, b; c\td")},
        {QStringLiteral("u2"), -7, QStringLiteral("=SUM(A1)")},
        {QStringLiteral("u;3"), 0, QStringLiteral(" spaced \"quote\" ")},
    };
    for (const QVariantList &row : rows)
        QVERIFY(writer.writeRow(row));
    buffer.close();
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), bom);
    QCOMPARE(bytes.count("\xEF\xBB\xBF"), bom ? 1 : 0);

    CsvReader reader(bytes);
    CsvTable table(reader, header);
    CsvRecord record;
    QList<QStringList> read;
    while (table.next(record))
        read << record.fields;
    QVERIFY2(!table.failed(), qPrintable(table.error().message));
    QCOMPARE(reader.separator(), separator);
    QCOMPARE(read.size(), 3);
    QCOMPARE(read.at(0), (QStringList{QStringLiteral("u1"), QStringLiteral("5"), QStringLiteral("a, b; c\td")}));
    QCOMPARE(read.at(1), (QStringList{QStringLiteral("u2"), QStringLiteral("-7"), QStringLiteral("'=SUM(A1)")}));
    QCOMPARE(read.at(2),
             (QStringList{QStringLiteral("u;3"), QStringLiteral("0"), QStringLiteral(" spaced \"quote\" ")}));
}

QTEST_GUILESS_MAIN(TestCsvSeparator)
#include "TestCsvSeparator.moc"
