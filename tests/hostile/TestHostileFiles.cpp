#include "tests/hostile/HostileFixture.h"

#include "core/csv/CsvReader.h"
#include "core/domain/Validation.h"
#include "core/history/HistoryCsvExport.h"
#include "core/history/HistoryQuery.h"
#include "core/import/BatchImporter.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTest>

// Hostile strings through files, on both backends: an import of them is all or nothing and
// stores each byte for byte, a malformed file is refused whole, and an export never hands a
// spreadsheet a formula.
class TestHostileFiles final : public QObject, private HostileFixture
{
    Q_OBJECT

private slots:
    void initTestCase() { generateStrings(); }
    void init() { openDatabase(); }
    void cleanup() { closeDatabase(); }

    void importOfHostileAdjustmentsIsAllOrNothing();
    void importOfHostileLegacyUsers();
    void malformedCsvFilesAreRefusedWholly();
    void exportNeutralisesFormulasAndKeepsNegativeNumbers();
};

void TestHostileFiles::importOfHostileAdjustmentsIsAllOrNothing()
{
    // The strings as a file holds them: UTF-8 (a lone surrogate becomes U+FFFD on the way);
    // NUL makes a file binary and is tried in malformedCsvFilesAreRefusedWholly.
    QStringList values;
    for (const QString &s : std::as_const(m_strings)) {
        if (!looksBinary(s) && s.toUtf8().size() < CsvReader::MaxFieldBytes)
            values << inFile(s);
    }
    QByteArray all = "userId,amount,reason,sourceId,description\r\n";
    QByteArray valid = all;
    qint64 refused = 0;
    qint64 accepted = 0;
    qint64 amountSum = 0;
    QHash<QString, QString> expected; // sourceId -> description
    for (int i = 0; i < values.size(); ++i) {
        const QString &s = values.at(i);
        const QString sourceId = QStringLiteral("imp-%1").arg(i);
        const qint64 amount = i % 2 ? -(i % 5) - 1 : i % 5 + 1;
        const QByteArray line = csvCell(BaseUser) + ',' + QByteArray::number(amount) + ',' + csvCell(s) + ','
            + csvCell(sourceId) + ',' + csvCell(s) + "\r\n";
        all += line;
        if (storableText(s, Validation::MaxReasonLength, true)
            && storableText(s, Validation::MaxDescriptionLength, false)) {
            valid += line;
            ++accepted;
            amountSum += amount;
            expected.insert(sourceId, s);
        } else {
            ++refused;
        }
    }
    QVERIFY2(refused > StringCount / 500 && accepted > StringCount / 2,
             qPrintable(QStringLiteral("%1 %2").arg(refused).arg(accepted)));
    const Snapshot before = snapshot();
    BatchImporter importer(*m_db);
    const auto rejected = importer.importFile(ImportKind::Adjust, writeFile(QStringLiteral("all.csv"), all), false);
    QVERIFY2(rejected, qPrintable(why(rejected)));
    QVERIFY(!rejected->applied);
    QCOMPARE(rejected->rowsRead, values.size());
    QCOMPARE(rejected->problemCount, refused);
    for (const CsvProblem &problem : rejected->problems)
        QVERIFY2(problem.message.contains(QStringLiteral("line %1: reason").arg(problem.line)),
                 qPrintable(problem.message));
    QCOMPARE(snapshot(), before);

    QElapsedTimer timer;
    timer.start();
    const auto applied = importer.importFile(ImportKind::Adjust, writeFile(QStringLiteral("valid.csv"), valid), false);
    QVERIFY2(applied, qPrintable(why(applied)));
    QVERIFY2(applied->applied, qPrintable(applied->problems.isEmpty() ? QString() : applied->problems.first().message));
    QCOMPARE(applied->transactions, accepted);
    Snapshot after = snapshot();
    Snapshot wanted = before;
    wanted.rows += accepted;
    wanted.amountSum += amountSum;
    wanted.totalSum += amountSum;
    wanted.events = after.events;
    wanted.newestHash = after.newestHash;
    QCOMPARE(after.text(), wanted.text());
    QVERIFY(after.events >= before.events + accepted);
    auto rows = m_db->run(
        QStringLiteral("SELECT \"sourceId\", \"description\" FROM \"UserXP\" WHERE \"sourceId\" LIKE 'imp-%'"));
    QVERIFY(rows);
    qint64 read = 0;
    while (rows->next()) {
        ++read;
        const QString want = expected.value(rows->text(0));
        QVERIFY2(rows->text(1).toUtf8() == want.toUtf8(),
                 qPrintable(rows->text(0) + shown(rows->text(1)) + QStringLiteral(" != ") + shown(want)));
    }
    QCOMPARE(read, accepted);
    qInfo("imported %lld hostile rows in %lld ms", accepted, timer.elapsed());
}

void TestHostileFiles::importOfHostileLegacyUsers()
{
    QByteArray content = "userId,totalXP,email,name\r\n";
    QHash<QString, QString> names; // id -> name
    qint64 total = 0;
    int line = 1;
    for (int i = 0; i < m_strings.size() && names.size() < 2000; ++i) {
        const QString s = inFile(m_strings.at(i));
        if (looksBinary(m_strings.at(i)) || s.toUtf8().size() >= CsvReader::MaxFieldBytes
            || !storableText(s, Validation::MaxIdLength, true) || !storableText(s, Validation::MaxNameLength, false)
            || names.contains(s))
            continue;
        content += csvCell(s) + ',' + QByteArray::number(i + 1) + ','
            + csvCell(QStringLiteral("l%1@example.org").arg(i)) + ',' + csvCell(s) + "\r\n";
        names.insert(s, s);
        total += i + 1;
        ++line;
    }
    const Snapshot before = snapshot();
    const auto report
        = BatchImporter(*m_db).importFile(ImportKind::Legacy, writeFile(QStringLiteral("legacy.csv"), content), false);
    QVERIFY2(report, qPrintable(why(report)));
    QVERIFY2(report->applied, qPrintable(report->problems.isEmpty() ? QString() : report->problems.first().message));
    QCOMPARE(report->usersCreated, names.size());
    QCOMPARE(report->totalAfter, total);
    const Snapshot after = snapshot();
    QCOMPARE(after.users, before.users + names.size());
    QCOMPARE(after.amountSum, before.amountSum + total);
    Users users(*m_db);
    for (auto it = names.cbegin(); it != names.cend(); ++it) {
        const auto found = users.find(it.key());
        QVERIFY2(found && found->has_value(), qPrintable(shown(it.key())));
        QCOMPARE((*found)->id.toUtf8(), it.key().toUtf8());
        QCOMPARE((*found)->name.toUtf8(), it.value().toUtf8());
    }
    QCOMPARE(TestBackend::usersWithWrongTotal(*m_db), 0);
}

void TestHostileFiles::malformedCsvFilesAreRefusedWholly()
{
    const QByteArray header = "userId,amount,reason\r\n";
    const QByteArray good = "\"u-base\",5,\"fine\"\r\n";
    const QList<std::pair<QByteArray, QString>> files{
        {header + good + QByteArray("\"u-base\",5,\"a\0b\"\r\n", 18), QStringLiteral("NUL")},
        {header + good + "\"u-base\",5,\"\xC3\x28\"\r\n", QStringLiteral("not UTF-8")},
        {header + good + "\"u-base\",5,\"\xED\xA0\x80\"\r\n", QStringLiteral("not UTF-8")},
        {header + good + "\"u-base\",5,\"bell\x07\"\r\n", QStringLiteral("binary")},
        {header + good + "\"u-base\",5,\"" + QByteArray(CsvReader::MaxFieldBytes + 1, 'x') + "\"\r\n",
         QStringLiteral("line 3")},
        {header + good + "\"u-base\",5,\"unterminated\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",5,\"x\"y\"\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",5\r\n", QStringLiteral("line 3")},
        {header + good + "\"u-base\",=1+1,\"formula\"\r\n", QStringLiteral("amount")},
        {header + good + "\"u-base\",5,\"  \"\r\n", QStringLiteral("reason")},
    };
    const Snapshot before = snapshot();
    for (int i = 0; i < files.size(); ++i) {
        const auto report = BatchImporter(*m_db).importFile(
            ImportKind::Adjust, writeFile(QStringLiteral("bad%1.csv").arg(i), files.at(i).first), false);
        if (!report) {
            QVERIFY2(report.error().message.contains(files.at(i).second, Qt::CaseInsensitive), qPrintable(why(report)));
        } else {
            QVERIFY2(!report->applied, qPrintable(QString::number(i)));
            QVERIFY(report->hasProblems());
            bool named = false;
            for (const CsvProblem &problem : report->problems)
                named = named || problem.message.contains(files.at(i).second, Qt::CaseInsensitive);
            QVERIFY2(named, qPrintable(QString::number(i) + QStringLiteral(": ") + report->problems.first().message));
        }
        QCOMPARE(snapshot(), before);
    }
}

void TestHostileFiles::exportNeutralisesFormulasAndKeepsNegativeNumbers()
{
    // Every cell a spreadsheet would run, in the description and in the source id.
    const QStringList formulas{QStringLiteral("=1+1"),
                               QStringLiteral("+SUM(A1:A2)"),
                               QStringLiteral("-2+3"),
                               QStringLiteral("@cmd"),
                               QStringLiteral("\t=1"),
                               QStringLiteral("\r=1"),
                               QStringLiteral("=HYPERLINK(\"http://x\",\"y\")")};
    Ledger ledger(*m_db);
    for (int i = 0; i < formulas.size(); ++i) {
        AwardRequest request;
        request.userId = BaseUser;
        request.amount = -(i + 1);
        request.sourceType = SourceType::ManualAdjustment;
        request.category = Category::Manual;
        request.sourceId = formulas.at(i);
        request.description = formulas.at(i);
        QVERIFY2(ledger.award(request), qPrintable(formulas.at(i)));
    }
    const QString path = m_dir.filePath(QStringLiteral("history.csv"));
    HistoryFilter filter;
    filter.userId = BaseUser;
    const auto written = HistoryCsvExport(*m_db).write(filter, HistoryQuery::Order::OldestFirst, path);
    QVERIFY2(written, qPrintable(why(written)));
    QCOMPARE(*written, formulas.size() + 1);

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    CsvReader reader(&file);
    CsvRecord record;
    QVERIFY(reader.next(record));
    const QStringList header = record.fields;
    const qsizetype amountColumn = header.indexOf(QStringLiteral("amount"));
    const qsizetype descriptionColumn = header.indexOf(QStringLiteral("description"));
    const qsizetype sourceColumn = header.indexOf(QStringLiteral("sourceId"));
    QVERIFY(amountColumn >= 0 && descriptionColumn >= 0 && sourceColumn >= 0);
    int seen = 0;
    while (reader.next(record)) {
        const QString amount = record.fields.at(amountColumn);
        bool number = false;
        const qint64 value = amount.toLongLong(&number);
        QVERIFY2(number, qPrintable(amount)); // a number, negative ones too, never quoted away
        if (value >= 0)
            continue; // the seed row
        const QString formula = inFile(formulas.at(-value - 1));
        QCOMPARE(record.fields.at(descriptionColumn), QLatin1Char('\'') + formula);
        QCOMPARE(record.fields.at(sourceColumn), QLatin1Char('\'') + formula);
        ++seen;
    }
    QVERIFY(!reader.failed());
    QCOMPARE(seen, formulas.size());
    // The raw file: the negative amounts are bare numbers.
    QVERIFY(file.seek(0));
    const QByteArray raw = file.readAll();
    for (int i = 0; i < formulas.size(); ++i)
        QVERIFY2(raw.contains(QByteArray(',' + QByteArray::number(-(i + 1)) + ',')), raw.constData());
}

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "TestHostileFiles.moc"
