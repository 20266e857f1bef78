#include "core/csv/CsvReader.h"
#include "tests/cli/CliFixture.h"
#include "tests/cli/CliRunner.h"

#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using Run = CliRunner::Run;

// Spreadsheets in every locale through the command line: a file that German or French Excel
// saved (semicolons, a byte order mark, quoted values) imports and says which separator it
// has; exports write the separator and byte order mark asked for, and read back the same.
class TestCliCsv final : public QObject, private CliFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { requireProgram(); }
    void init();
    void cleanup() { closeDatabase(); }

    void importsSemicolonFileFromExcel_data();
    void importsSemicolonFileFromExcel();
    void legacyImportSaysSeparatorInJson();
    void historyExportsForExcel_data();
    void historyExportsForExcel();
    void auditReportTakesSeparator();
    void refusesUnknownSeparator();

private:
    QString writeFile(const QString &name, const QByteArray &content);
    static QByteArray readFile(const QString &path);
    QTemporaryDir m_dir;
};

void TestCliCsv::init()
{
    openDatabase();
    if (QTest::currentTestFailed())
        return;
    for (const char *id : {"a1", "a2"})
        CLI_EXIT(m_cli(userAdd(QString::fromLatin1(id))), 0);
}

QString TestCliCsv::writeFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

QByteArray TestCliCsv::readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void TestCliCsv::importsSemicolonFileFromExcel_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("separator");
    QTest::newRow("German Excel, BOM, CRLF") << QByteArray("\xEF\xBB\xBFuserId;amount;reason\r\n"
                                                           "a1;100;\"Wettbewerb; 1. Platz\"\r\n"
                                                           "a2;50;Zweiter, knapp\r\n")
                                             << QStringLiteral("semicolon (;)");
    QTest::newRow("quoted header, LF") << QByteArray("\"userId\";\"amount\";\"reason\"\n"
                                                     "a1;100;\"Wettbewerb; 1. Platz\"\n"
                                                     "a2;50;\"Zweiter, knapp\"\n")
                                       << QStringLiteral("semicolon (;)");
    QTest::newRow("commas") << QByteArray("userId,amount,reason\n"
                                          "a1,100,\"Wettbewerb; 1. Platz\"\n"
                                          "a2,50,\"Zweiter, knapp\"\n")
                            << QStringLiteral("comma (,)");
    QTest::newRow("tabs") << QByteArray("userId\tamount\treason\n"
                                        "a1\t100\tWettbewerb; 1. Platz\n"
                                        "a2\t50\tZweiter, knapp\n")
                          << QStringLiteral("tab");
}

void TestCliCsv::importsSemicolonFileFromExcel()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, separator);
    const QString path = writeFile(QStringLiteral("bonus.csv"), content);
    const Run dry = m_cli({QStringLiteral("adjust-bulk"), path, QStringLiteral("--dry-run")});
    CLI_EXIT(dry, 0);
    QVERIFY2(
        dry.out.contains(QRegularExpression(QStringLiteral("Separator:\\s+") + QRegularExpression::escape(separator))),
        qPrintable(dry.out));
    CLI_EXIT(m_cli({QStringLiteral("adjust-bulk"), path}), 0);
    const Run a1 = m_cli(CliRunner::args({"--json", "history", "--user", "a1"}));
    CLI_EXIT(a1, 0);
    QCOMPARE(a1.json()[0][QStringLiteral("amount")].toInt(), 100);
    QCOMPARE(a1.json()[0][QStringLiteral("description")].toString(), QStringLiteral("Wettbewerb; 1. Platz"));
    const Run a2 = m_cli(CliRunner::args({"--json", "user", "show", "a2"}));
    QCOMPARE(a2.json()[QStringLiteral("totalXP")].toInt(), 50);
    CLI_EXIT(m_cli({QStringLiteral("verify")}), 0);
}

void TestCliCsv::legacyImportSaysSeparatorInJson()
{
    // A legacy file creates the users it names, from its email and name columns.
    const QString withEmail = writeFile(QStringLiteral("legacy2.csv"),
                                        "\xEF\xBB\xBFuserId;totalXP;email;name\r\n"
                                        "n1;1200;n1@example.com;\"Müller; Anna\"\r\n"
                                        "n2;800;n2@example.com;Dupont\r\n");
    const Run run = m_cli({QStringLiteral("--json"), QStringLiteral("import-legacy"), withEmail});
    CLI_EXIT(run, 0);
    QCOMPARE(run.json()[QStringLiteral("separator")].toString(), QStringLiteral("semicolon"));
    QCOMPARE(run.json()[QStringLiteral("totalAfter")].toInteger(), 2000);
    const Run found = m_cli(CliRunner::args({"--json", "user", "find", "müller"}));
    CLI_EXIT(found, 0);
    QCOMPARE(found.json()[0][QStringLiteral("name")].toString(), QStringLiteral("Müller; Anna"));
}

void TestCliCsv::historyExportsForExcel_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<char>("separator");
    QTest::addColumn<bool>("bom");
    QTest::newRow("default: comma, no BOM") << QStringList{} << ',' << false;
    QTest::newRow("semicolon and BOM") << QStringList{QStringLiteral("--separator"), QStringLiteral(";"),
                                                      QStringLiteral("--bom")}
                                       << ';' << true;
    QTest::newRow("tab") << QStringList{QStringLiteral("--separator"), QStringLiteral("tab")} << '\t' << false;
}

void TestCliCsv::historyExportsForExcel()
{
    QFETCH(QStringList, options);
    QFETCH(char, separator);
    QFETCH(bool, bom);
    CLI_EXIT(m_cli(award(QStringLiteral("a1"), QStringLiteral("42"), QStringLiteral("s;1"),
                         QStringLiteral("Answer, with; both"))),
             0);
    CLI_EXIT(m_cli(award(QStringLiteral("a2"), QStringLiteral("7"), QStringLiteral("s2"), QStringLiteral("Plain"))), 0);
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    const Run run = m_cli(QStringList{QStringLiteral("history"), QStringLiteral("--out"), path} + options);
    CLI_EXIT(run, 0);
    const QByteArray bytes = readFile(path);
    QCOMPARE(bytes.startsWith("\xEF\xBB\xBF"), bom);
    const QByteArray firstLine = bytes.mid(bom ? 3 : 0, bytes.indexOf('\r') - (bom ? 3 : 0));
    QVERIFY2(firstLine.startsWith(QByteArray(QByteArray("createdAt") + separator + "amount" + separator)),
             firstLine.constData());

    // Read back as an import would: the separator is found, every cell is the same.
    CsvReader reader(bytes);
    CsvRecord record;
    QVERIFY(reader.next(record));
    QCOMPARE(reader.separator(), separator);
    const int amount = int(record.fields.indexOf(QStringLiteral("amount")));
    const int description = int(record.fields.indexOf(QStringLiteral("description")));
    const int sourceId = int(record.fields.indexOf(QStringLiteral("sourceId")));
    QList<QStringList> rows;
    while (reader.next(record))
        rows << QStringList{record.fields.value(amount), record.fields.value(description),
                            record.fields.value(sourceId)};
    QVERIFY2(!reader.failed(), qPrintable(reader.error().message));
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows.at(0), (QStringList{QStringLiteral("7"), QStringLiteral("Plain"), QStringLiteral("s2")}));
    QCOMPARE(rows.at(1),
             (QStringList{QStringLiteral("42"), QStringLiteral("Answer, with; both"), QStringLiteral("s;1")}));
}

void TestCliCsv::auditReportTakesSeparator()
{
    CLI_EXIT(m_cli(award(QStringLiteral("a1"), QStringLiteral("42"), QStringLiteral("s1"), QStringLiteral("Hi"))), 0);
    const QString path = m_dir.filePath(QStringLiteral("report.csv"));
    CLI_EXIT(m_cli(QStringList{QStringLiteral("audit"), QStringLiteral("report"), QStringLiteral("--user"),
                               QStringLiteral("a1"), QStringLiteral("--out"), path, QStringLiteral("--separator"),
                               QStringLiteral(";"), QStringLiteral("--bom")}),
             0);
    const QByteArray bytes = readFile(path);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBFreport;XP Admin audit report\r\n"));
    QVERIFY2(bytes.contains("\r\nseq;at_utc;actor;operator;action;xp_id;amount;reason;hash;reason_code;reason_label;"
                            "ticket;ticket_link\r\n"),
             bytes.constData());
}

void TestCliCsv::refusesUnknownSeparator()
{
    const QString path = m_dir.filePath(QStringLiteral("x.csv"));
    for (const QStringList &options :
         {QStringList{QStringLiteral("--out"), path, QStringLiteral("--separator"), QStringLiteral("|")},
          QStringList{QStringLiteral("--separator"), QStringLiteral(";")},
          QStringList{QStringLiteral("--out"), path, QStringLiteral("--limit"), QStringLiteral("5")}}) {
        const Run run = m_cli(QStringList{QStringLiteral("history")} + options);
        CLI_EXIT(run, 2);
        QVERIFY2(CliRunner::isOneErrorLine(run.err), qPrintable(run.describe()));
    }
    QVERIFY(!QFile::exists(path));
}

QTEST_GUILESS_MAIN(TestCliCsv)
#include "TestCliCsv.moc"
