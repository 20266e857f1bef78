#include "tests/support/TestBackend.h"
#include "tests/support/TestCsv.h"

#include "core/audit/AuditReportCsv.h"
#include "core/audit/AuditReportPdf.h"
#include "core/domain/Timestamp.h"
#include "core/ledger/Ledger.h"
#include "core/users/Users.h"

#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString Formula = QStringLiteral("=HYPERLINK(\"http://evil.example/\",\"click\")");

QString readAll(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

struct ParsedReport
{
    QHash<QString, QString> header;
    QStringList columns;
    QList<QStringList> rows;
};

ParsedReport parseReport(const QString &fileName)
{
    ParsedReport report;
    const QList<QStringList> records = TestCsv::parse(readAll(fileName));
    qsizetype i = 0;
    for (; i < records.size() && records.at(i) != QStringList{QString()}; ++i)
        report.header.insert(records.at(i).value(0), records.at(i).value(1));
    if (i + 1 < records.size())
        report.columns = records.at(i + 1);
    report.rows = records.mid(i + 2);
    return report;
}

} // namespace

// The audit report an auditor files: one user's events of a period, each with its hash, read a
// page at a time, as CSV and as PDF; compared with the audit table read by plain SQL.
class TestAuditReport final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void csvListsEveryEventOfTheUserWithItsHash();
    void periodSelectsByTime();
    void formulasAreNeutralisedAndAmountsStayNumbers();
    void largeReportsArriveInPages();
    void cancelledReportLeavesNoFile();
    void badRequestsAreRefused();
    void pdfHasTheHeaderAndAPagePerScreenful();

private:
    void award(const QString &user, int count);
    QList<QStringList> expectedRows(const QString &user);
    QString path(const QString &name) const { return m_dir.filePath(name); }

    std::unique_ptr<Database> m_db;
    ConnectionSpec m_spec;
    QTemporaryDir m_dir;
    int m_next = 0;
};

void TestAuditReport::init()
{
    XP_OPEN_FRESH_DB(spec, db);
    m_spec = spec;
    m_db = std::move(db);
    for (const QString &user : {QStringLiteral("alice"), QStringLiteral("bob")})
        QVERIFY(Users(*m_db).add(user, user + QStringLiteral("@example.com"), {}));
}

void TestAuditReport::cleanup()
{
    m_db.reset();
    TestBackend::dropDatabase(m_spec);
}

void TestAuditReport::award(const QString &user, int count)
{
    Ledger ledger(*m_db);
    for (int i = 0; i < count; ++i) {
        ++m_next;
        QVERIFY(ledger.award({user, m_next, SourceType::UserProblemAttempt, QStringLiteral("report-%1").arg(m_next),
                              QStringLiteral("answer %1").arg(m_next), Category::CorrectAnswer}));
    }
}

// seq and hash of every event of the user, oldest first, by plain SQL.
QList<QStringList> TestAuditReport::expectedRows(const QString &user)
{
    auto rows = m_db->run(QStringLiteral("SELECT seq, hash FROM %1 WHERE user_id = :u ORDER BY seq")
                              .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))),
                          {{QStringLiteral(":u"), user}});
    QList<QStringList> expected;
    if (!rows)
        return expected;
    while (rows->next())
        expected << QStringList{QString::number(rows->integer(0)), rows->text(1)};
    return expected;
}

void TestAuditReport::csvListsEveryEventOfTheUserWithItsHash()
{
    award(QStringLiteral("alice"), 3);
    award(QStringLiteral("bob"), 2);
    award(QStringLiteral("alice"), 2);
    AuditReportCsv csv(path(QStringLiteral("alice.csv")));
    const auto written = AuditReport(*m_db).write({QStringLiteral("alice"), {}, {}}, csv);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    QCOMPARE(*written, 6); // user-add and five awards

    const ParsedReport report = parseReport(path(QStringLiteral("alice.csv")));
    QCOMPARE(report.header.value(QStringLiteral("user")), QStringLiteral("alice"));
    QCOMPARE(report.header.value(QStringLiteral("events")), QStringLiteral("6"));
    QCOMPARE(report.header.value(QStringLiteral("database")), m_spec.displayName());
    QCOMPARE(report.header.value(QStringLiteral("chain_head_seq")), QStringLiteral("9")); // 2 users, 7 awards
    QCOMPARE(report.header.value(QStringLiteral("chain_head_hash")),
             TestBackend::scalar(*m_db,
                                 QStringLiteral("SELECT hash FROM %1 WHERE seq = 9")
                                     .arg(m_db->dialect().ownTable(QStringLiteral("audit_event"))))
                 .toString());
    QVERIFY(Timestamp::fromIso(report.header.value(QStringLiteral("generated_at"))).isValid());
    QCOMPARE(report.columns, AuditReportCsv::columns());

    const QList<QStringList> expected = expectedRows(QStringLiteral("alice"));
    QCOMPARE(report.rows.size(), expected.size());
    const qsizetype seq = report.columns.indexOf(QStringLiteral("seq"));
    const qsizetype hash = report.columns.indexOf(QStringLiteral("hash"));
    const qsizetype actor = report.columns.indexOf(QStringLiteral("actor"));
    const qsizetype action = report.columns.indexOf(QStringLiteral("action"));
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(report.rows.at(i).value(seq), expected.at(i).value(0));
        QCOMPARE(report.rows.at(i).value(hash), expected.at(i).value(1));
        QCOMPARE(report.rows.at(i).value(actor), m_db->actor());
    }
    QCOMPARE(report.rows.first().value(action), QStringLiteral("user-add"));
    QCOMPARE(report.rows.last().value(action), QStringLiteral("award"));
}

void TestAuditReport::periodSelectsByTime()
{
    award(QStringLiteral("alice"), 2);
    QTest::qWait(15);
    const QDateTime since = Timestamp::now();
    QTest::qWait(15);
    award(QStringLiteral("alice"), 3);
    QTest::qWait(15);
    const QDateTime until = Timestamp::now();
    QTest::qWait(15);
    award(QStringLiteral("alice"), 1);

    AuditReportCsv csv(path(QStringLiteral("period.csv")));
    const auto written = AuditReport(*m_db).write({QStringLiteral("alice"), since, until}, csv);
    QVERIFY(written);
    QCOMPARE(*written, 3);
    const ParsedReport report = parseReport(path(QStringLiteral("period.csv")));
    QCOMPARE(report.rows.size(), 3);
    QCOMPARE(report.header.value(QStringLiteral("since")), Timestamp::toIso(since));
    QCOMPARE(report.header.value(QStringLiteral("until")), Timestamp::toIso(until));
    const QList<QStringList> all = expectedRows(QStringLiteral("alice")); // user-add, 2, 3, 1
    QCOMPARE(report.rows.first().value(0), all.at(3).value(0));
    QCOMPARE(report.rows.last().value(0), all.at(5).value(0));
}

void TestAuditReport::formulasAreNeutralisedAndAmountsStayNumbers()
{
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("alice"), -15, Formula));
    AuditReportCsv csv(path(QStringLiteral("formula.csv")));
    QVERIFY(AuditReport(*m_db).write({QStringLiteral("alice"), {}, {}}, csv));
    const ParsedReport report = parseReport(path(QStringLiteral("formula.csv")));
    const QStringList adjust = report.rows.last();
    QCOMPARE(adjust.value(report.columns.indexOf(QStringLiteral("reason"))), QLatin1Char('\'') + Formula);
    QCOMPARE(adjust.value(report.columns.indexOf(QStringLiteral("amount"))), QStringLiteral("-15"));
}

void TestAuditReport::largeReportsArriveInPages()
{
    award(QStringLiteral("alice"), 25);
    award(QStringLiteral("bob"), 5);
    int calls = 0;
    qint64 lastTotal = 0;
    AuditReportCsv csv(path(QStringLiteral("paged.csv")));
    const auto written = AuditReport(*m_db).write(
        {QStringLiteral("alice"), {}, {}}, csv,
        [&](qint64, qint64 total) {
            ++calls;
            lastTotal = total;
            return true;
        },
        4);
    QVERIFY(written);
    QCOMPARE(*written, 26);
    QCOMPARE(lastTotal, 26);
    QCOMPARE(calls, 1 + 7); // the start, then seven pages of at most four
    const ParsedReport report = parseReport(path(QStringLiteral("paged.csv")));
    const QList<QStringList> expected = expectedRows(QStringLiteral("alice"));
    QCOMPARE(report.rows.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i)
        QCOMPARE(report.rows.at(i).value(0), expected.at(i).value(0));
}

void TestAuditReport::cancelledReportLeavesNoFile()
{
    award(QStringLiteral("alice"), 10);
    const QString file = path(QStringLiteral("kept.csv"));
    {
        QFile existing(file);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("an earlier report\n");
    }
    int pages = 0;
    AuditReportCsv csv(file);
    const auto written = AuditReport(*m_db).write(
        {QStringLiteral("alice"), {}, {}}, csv, [&](qint64, qint64) { return ++pages < 2; }, 3);
    QVERIFY(!written);
    QCOMPARE(written.error().kind, Error::Kind::Cancelled);
    QCOMPARE(readAll(file), QStringLiteral("an earlier report\n"));

    AuditReportPdf pdf(path(QStringLiteral("cancelled.pdf")));
    QVERIFY(!AuditReport(*m_db).write({QStringLiteral("alice"), {}, {}}, pdf, [](qint64, qint64) { return false; }));
    QVERIFY(!QFile::exists(path(QStringLiteral("cancelled.pdf"))));
}

void TestAuditReport::badRequestsAreRefused()
{
    AuditReportCsv csv(path(QStringLiteral("bad.csv")));
    const auto noUser = AuditReport(*m_db).write({QStringLiteral("  "), {}, {}}, csv);
    QVERIFY(!noUser);
    QCOMPARE(noUser.error().kind, Error::Kind::Input);
    const QDateTime now = Timestamp::now();
    const auto backwards = AuditReport(*m_db).write({QStringLiteral("alice"), now, now.addDays(-1)}, csv);
    QVERIFY(!backwards);
    QVERIFY(backwards.error().message.contains(QLatin1String("--until")));
    QVERIFY(!QFile::exists(path(QStringLiteral("bad.csv"))));
}

void TestAuditReport::pdfHasTheHeaderAndAPagePerScreenful()
{
    award(QStringLiteral("alice"), 120);
    QVERIFY(Ledger(*m_db).adjust(QStringLiteral("alice"), -3, QString(1000, QLatin1Char('x')))); // a long reason
    const QString file = path(QStringLiteral("alice.pdf"));
    AuditReportPdf pdf(file);
    const auto written = AuditReport(*m_db).write({QStringLiteral("alice"), {}, {}}, pdf, {}, 50);
    QVERIFY2(written, qPrintable(written ? QString() : written.error().message));
    QCOMPARE(*written, 122);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QVERIFY(bytes.trimmed().endsWith("%%EOF"));
    // Each page is an object of /Type /Page; 122 events at about 20 a page make several.
    const qsizetype pages = bytes.count("/Type /Page\n");
    QVERIFY2(pages >= 5 && pages <= 12, qPrintable(QString::number(pages)));
    // The document's title, which PDF keeps in UTF-16.
    QByteArray title;
    for (const char c : QByteArrayView("Audit report for user alice"))
        title.append('\0').append(c);
    QVERIFY(bytes.contains(title));
}

QTEST_MAIN(TestAuditReport)
#include "TestAuditReport.moc"
